import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The columns county 台账 templates carry that an asset did not have: construction content and scale,
 * the declared beneficiaries (households and people, of which formerly poor and monitored) and remarks.
 * All nullable: existing assets have none of them.
 */
export class AssetLedgerColumns1795911470000 implements MigrationInterface {
  name = 'AssetLedgerColumns1795911470000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "asset" ADD "construction_content" character varying(1000)`);
    await queryRunner.query(`ALTER TABLE "asset" ADD "construction_scale" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "asset" ADD "beneficiary_households" integer`);
    await queryRunner.query(`ALTER TABLE "asset" ADD "beneficiary_people" integer`);
    await queryRunner.query(`ALTER TABLE "asset" ADD "beneficiary_poor_households" integer`);
    await queryRunner.query(`ALTER TABLE "asset" ADD "beneficiary_poor_people" integer`);
    await queryRunner.query(`ALTER TABLE "asset" ADD "beneficiary_monitored_households" integer`);
    await queryRunner.query(`ALTER TABLE "asset" ADD "beneficiary_monitored_people" integer`);
    await queryRunner.query(`ALTER TABLE "asset" ADD "remarks" character varying(500)`);
    await queryRunner.query(
      `ALTER TABLE "asset" ADD CONSTRAINT "CK_asset_beneficiaries" CHECK ("beneficiary_households" >= 0 AND "beneficiary_people" >= 0 AND "beneficiary_poor_households" >= 0 AND "beneficiary_poor_people" >= 0 AND "beneficiary_monitored_households" >= 0 AND "beneficiary_monitored_people" >= 0)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "CK_asset_beneficiaries"`);
    for (const column of [
      'remarks',
      'beneficiary_monitored_people',
      'beneficiary_monitored_households',
      'beneficiary_poor_people',
      'beneficiary_poor_households',
      'beneficiary_people',
      'beneficiary_households',
      'construction_scale',
      'construction_content',
    ]) {
      await queryRunner.query(`ALTER TABLE "asset" DROP COLUMN "${column}"`);
    }
  }
}
