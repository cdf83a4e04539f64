import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Background runs of verifyLedger with their progress (`startLedgerVerification`): operational rows,
 * updated as a run goes on, not part of the insert-only ledger.
 */
export class LedgerVerificationRuns1795911540000 implements MigrationInterface {
  name = 'LedgerVerificationRuns1795911540000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ledger_verification_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "state" character varying(10) NOT NULL, "started_by" uuid NOT NULL, "tree_size" bigint, "checked_entries" bigint NOT NULL DEFAULT '0', "result" jsonb, "message" character varying(500), "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ledger_verification_run" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ledger_verification_run_started" ON "ledger_verification_run" ("started_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_ledger_verification_run_started"`);
    await queryRunner.query(`DROP TABLE "ledger_verification_run"`);
  }
}
