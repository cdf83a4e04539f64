import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Witnesses of the ledger (C2SP tlog-witness / tlog-cosignature): registered keys, the district's k-of-n
 * policy (versioned), the cosignatures they gave and the refusals they reported. Cosignatures and
 * refusals are insert-only, like the ledger tables. Generated from the entities, then reviewed.
 */
export class Witnesses1795911320000 implements MigrationInterface {
  name = 'Witnesses1795911320000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "witness" ("id" uuid NOT NULL, "name" character varying(255) NOT NULL, "verifier_key" character varying(400) NOT NULL, "region_code" character varying(12) COLLATE "C" NOT NULL, "url" character varying(500), "status" character varying(16) NOT NULL, "registered_by" uuid NOT NULL, "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoke_reason" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_witness_name" UNIQUE ("name"), CONSTRAINT "CK_witness_status" CHECK ("status" IN ('PENDING', 'ACTIVE', 'REVOKED')), CONSTRAINT "PK_witness" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "witness_policy" ("version" integer NOT NULL, "quorum" integer NOT NULL, "witness_ids" uuid array NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_witness_policy_quorum" CHECK ("quorum" >= 1 AND "quorum" <= cardinality("witness_ids")), CONSTRAINT "PK_witness_policy" PRIMARY KEY ("version"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "witness_cosignature" ("ledger_id" character varying(6) NOT NULL, "tree_size" bigint NOT NULL, "witness_id" uuid NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "line" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_witness_cosignature" PRIMARY KEY ("ledger_id", "tree_size", "witness_id", "signed_at"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_witness_cosignature_witness" ON "witness_cosignature" ("witness_id", "signed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "witness_refusal" ("id" BIGSERIAL NOT NULL, "witness_id" uuid NOT NULL, "tree_size" bigint NOT NULL, "root_hash" bytea NOT NULL, "old_size" bigint NOT NULL, "status" smallint NOT NULL, "reason" text NOT NULL, "note" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_witness_refusal" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_witness_refusal_time" ON "witness_refusal" ("received_at") `);
    for (const table of ['witness_cosignature', 'witness_refusal']) {
      await queryRunner.query(
        `CREATE TRIGGER "TR_${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "TR_${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "witness_refusal"`);
    await queryRunner.query(`DROP TABLE "witness_cosignature"`);
    await queryRunner.query(`DROP TABLE "witness_policy"`);
    await queryRunner.query(`DROP TABLE "witness"`);
  }
}
