import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The photo of a posted notice is on the ledger for every proposal that has one, not only for a
 * back-dated publicity. The proposals recorded before, not back-dated and with such a photo, keep the
 * state their entries hashed (`notice_evidence_on_ledger` false): the ledger never changes, and
 * `reconcile` still matches them.
 */
export class OwnershipNoticeOnLedger1795911560000 implements MigrationInterface {
  name = 'OwnershipNoticeOnLedger1795911560000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "ownership_proposal" ADD "notice_evidence_on_ledger" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(
      `UPDATE "ownership_proposal" SET "notice_evidence_on_ledger" = false
        WHERE NOT "backdated" AND "notice_evidence" <> '[]'::jsonb`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ownership_proposal" DROP COLUMN "notice_evidence_on_ledger"`);
  }
}
