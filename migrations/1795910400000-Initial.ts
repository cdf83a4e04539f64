import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables of the audit ledger: insert-only, enforced by triggers (and, with DB_APP_ROLE, by privileges). */
export const LEDGER_TABLES = ['ledger', 'ledger_entry', 'ledger_node', 'ledger_checkpoint'];

/**
 * Regions, users, login failures, seeds, and the audit ledger (entries, stored Merkle subtrees, signed
 * checkpoints). Generated from the entities, then reviewed; the append-only triggers are hand-written.
 */

export class Initial1795910400000 implements MigrationInterface {
  name = 'Initial1795910400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ledger" ("id" character varying(6) NOT NULL, "origin" character varying(255) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ledger" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ledger_entry" ("ledger_id" character varying(6) NOT NULL, "idx" bigint NOT NULL, "leaf_hash" bytea NOT NULL, "canonical" bytea NOT NULL, "signature" bytea NOT NULL, "action" character varying(64) NOT NULL, "entity_type" character varying(64) NOT NULL, "entity_id" character varying(64) NOT NULL, "region_code" character varying(12) COLLATE "C", "actor_id" uuid, "request_id" character varying(64) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ledger_entry" PRIMARY KEY ("ledger_id", "idx"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ledger_entry_time" ON "ledger_entry" ("ledger_id", "recorded_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ledger_entry_actor" ON "ledger_entry" ("ledger_id", "actor_id", "idx") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ledger_entry_region" ON "ledger_entry" ("ledger_id", "region_code", "idx") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ledger_entry_action" ON "ledger_entry" ("ledger_id", "action", "idx") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ledger_entry_entity" ON "ledger_entry" ("ledger_id", "entity_type", "entity_id", "idx") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ledger_node" ("ledger_id" character varying(6) NOT NULL, "level" smallint NOT NULL, "idx" bigint NOT NULL, "hash" bytea NOT NULL, CONSTRAINT "PK_ledger_node" PRIMARY KEY ("ledger_id", "level", "idx"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ledger_checkpoint" ("ledger_id" character varying(6) NOT NULL, "tree_size" bigint NOT NULL, "root_hash" bytea NOT NULL, "note" text NOT NULL, "verifier_key" character varying(400) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ledger_checkpoint" PRIMARY KEY ("ledger_id", "tree_size"))`,
    );
    await queryRunner.query(`CREATE TABLE "region" ("code" character varying(12) COLLATE "C" NOT NULL, "name" character varying(100) NOT NULL, "level" character varying(10) NOT NULL, "parent_code" character varying(12) COLLATE "C", "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_region_code_shape" CHECK (("level" = 'DISTRICT' AND "code" ~ '^[0-9]{6}$' AND "parent_code" IS NULL)
    OR ("level" = 'TOWNSHIP' AND "code" ~ '^[0-9]{9}$' AND left("code", 6) = "parent_code")
    OR ("level" = 'VILLAGE' AND "code" ~ '^[0-9]{12}$' AND left("code", 9) = "parent_code")), CONSTRAINT "CK_region_level" CHECK ("level" IN ('DISTRICT', 'TOWNSHIP', 'VILLAGE')), CONSTRAINT "PK_region" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_region_parent" ON "region" ("parent_code") `);
    await queryRunner.query(
      `CREATE TABLE "seed_run" ("name" character varying(64) NOT NULL, "ran_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_seed_run" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "display_name" character varying(100) NOT NULL, "role" character varying(32) NOT NULL, "region_code" character varying(12) COLLATE "C" NOT NULL, "password_hash" character varying(255) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'ACTIVE', "token_version" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CK_app_user_status" CHECK ("status" IN ('ACTIVE', 'DISABLED')), CONSTRAINT "CK_app_user_role" CHECK ("role" IN ('VILLAGE_CLERK', 'TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR', 'AUDITOR', 'ADMIN')), CONSTRAINT "PK_app_user" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_app_user_region" ON "app_user" ("region_code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_app_user_username" ON "app_user" ("username") `);
    await queryRunner.query(
      `CREATE TABLE "login_failure" ("user_id" uuid NOT NULL, "failed_count" integer NOT NULL DEFAULT '0', "last_failed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_login_failure" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "region" ADD CONSTRAINT "FK_region_parent" FOREIGN KEY ("parent_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "FK_app_user_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "login_failure" ADD CONSTRAINT "FK_login_failure_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // The ledger is append-only: the database itself refuses UPDATE, DELETE and TRUNCATE.
    await queryRunner.query(`
          CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            RAISE EXCEPTION 'the audit ledger is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
              USING ERRCODE = 'insufficient_privilege';
          END
          $$`);
    for (const table of LEDGER_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "TR_${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "TR_${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of LEDGER_TABLES) {
      await queryRunner.query(`DROP TRIGGER "TR_${table}_append_only" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "TR_${table}_no_truncate" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION ledger_refuse_change()`);
    await queryRunner.query(`ALTER TABLE "login_failure" DROP CONSTRAINT "FK_login_failure_user"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_app_user_region"`);
    await queryRunner.query(`ALTER TABLE "region" DROP CONSTRAINT "FK_region_parent"`);
    await queryRunner.query(`DROP TABLE "login_failure"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_app_user_username"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_app_user_region"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP TABLE "seed_run"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_region_parent"`);
    await queryRunner.query(`DROP TABLE "region"`);
    await queryRunner.query(`DROP TABLE "ledger_checkpoint"`);
    await queryRunner.query(`DROP TABLE "ledger_node"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ledger_entry_entity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ledger_entry_action"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ledger_entry_region"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ledger_entry_actor"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ledger_entry_time"`);
    await queryRunner.query(`DROP TABLE "ledger_entry"`);
    await queryRunner.query(`DROP TABLE "ledger"`);
  }
}
