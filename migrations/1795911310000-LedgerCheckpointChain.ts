import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Checkpoints are numbered and chained: `seq` counts the checkpoints signed since chaining began (0, 1,
 * 2 … without gaps) and `link` is the ledger key's signature over (seq, size, root, previous size and
 * root), so that a deleted checkpoint row shows as a gap that cannot be renumbered without the key.
 * Checkpoints signed before this migration keep NULL in both (they precede every linked one).
 *
 * `ledger_alarm`: what the ledger refused to sign and why (read by supervision as a red flag). Insert
 * only, like the other ledger tables.
 */
export class LedgerCheckpointChain1795911310000 implements MigrationInterface {
  name = 'LedgerCheckpointChain1795911310000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ledger_checkpoint" ADD "seq" bigint`);
    await queryRunner.query(`ALTER TABLE "ledger_checkpoint" ADD "link" bytea`);
    await queryRunner.query(
      `ALTER TABLE "ledger_checkpoint" ADD CONSTRAINT "UQ_ledger_checkpoint_seq" UNIQUE ("ledger_id", "seq")`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_checkpoint" ADD CONSTRAINT "CK_ledger_checkpoint_link" CHECK (("seq" IS NULL) = ("link" IS NULL))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ledger_alarm" ("id" BIGSERIAL NOT NULL, "ledger_id" character varying(6) NOT NULL, "kind" character varying(40) NOT NULL, "message" text NOT NULL, "first_index" bigint, "tree_size" bigint, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ledger_alarm" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ledger_alarm_time" ON "ledger_alarm" ("ledger_id", "raised_at") `,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TR_ledger_alarm_append_only" BEFORE UPDATE OR DELETE ON "ledger_alarm" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TR_ledger_alarm_no_truncate" BEFORE TRUNCATE ON "ledger_alarm" FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ledger_alarm"`);
    await queryRunner.query(`ALTER TABLE "ledger_checkpoint" DROP CONSTRAINT "CK_ledger_checkpoint_link"`);
    await queryRunner.query(`ALTER TABLE "ledger_checkpoint" DROP CONSTRAINT "UQ_ledger_checkpoint_seq"`);
    await queryRunner.query(`ALTER TABLE "ledger_checkpoint" DROP COLUMN "link"`);
    await queryRunner.query(`ALTER TABLE "ledger_checkpoint" DROP COLUMN "seq"`);
  }
}
