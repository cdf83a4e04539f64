import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The income page asks which disposal each record is the proceeds of (`IncomeRecord.disposalId`): an
 * index for that lookup, unique since one income record is the proceeds of one disposal at most.
 */
export class DisposalProceedsIndex1795911580000 implements MigrationInterface {
  name = 'DisposalProceedsIndex1795911580000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_disposal_request_proceeds" ON "disposal_request" ("proceeds_income_id") WHERE "proceeds_income_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_disposal_request_proceeds"`);
  }
}
