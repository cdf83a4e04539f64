import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The salt of each household's phone digest on the ledger. Existing households get none: their ledger
 * entries hold the phone itself and stay as they are (reconcile compares like with like); the next change
 * of such a household gives it a salt, and from then on its entries hold only a mask and the digest.
 */
export class HouseholdPhoneDigest1795911350000 implements MigrationInterface {
  name = 'HouseholdPhoneDigest1795911350000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "household" ADD "phone_salt" bytea`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "household" DROP COLUMN "phone_salt"`);
  }
}
