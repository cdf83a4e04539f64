import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Beneficiary households (脱贫户, 监测户) and their status history (at most one open status per
 * household), and household import jobs (operational, not on the ledger). Generated from the entities,
 * then reviewed.
 */
export class Households1795910800000 implements MigrationInterface {
  name = 'Households1795910800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "household" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "registry_no" character varying(64) NOT NULL, "head_name" character varying(100) NOT NULL, "village_code" character varying(12) COLLATE "C" NOT NULL, "members_count" smallint NOT NULL, "id_number" character varying(18), "id_number_salt" bytea, "phone" character varying(20), "address" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CK_household_id_number_salt" CHECK (("id_number" IS NULL) = ("id_number_salt" IS NULL)), CONSTRAINT "CK_household_members" CHECK ("members_count" BETWEEN 1 AND 30), CONSTRAINT "PK_household" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_household_village" ON "household" ("village_code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_household_registry_no" ON "household" ("registry_no") `);
    await queryRunner.query(
      `CREATE TABLE "household_status" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "status" character varying(20) NOT NULL, "monitoring_category" character varying(20), "started_on" date NOT NULL, "ended_on" date, "end_reason" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_household_status_dates" CHECK ("ended_on" IS NULL OR "ended_on" >= "started_on"), CONSTRAINT "CK_household_status_category" CHECK (("status" = 'MONITORED' AND "monitoring_category" IN ('UNSTABLE', 'MARGINAL', 'SUDDEN_HARDSHIP')) OR ("status" <> 'MONITORED' AND "monitoring_category" IS NULL)), CONSTRAINT "CK_household_status_status" CHECK ("status" IN ('POVERTY_ALLEVIATED', 'MONITORED')), CONSTRAINT "PK_household_status" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_household_status_open" ON "household_status" ("household_id") WHERE "ended_on" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_household_status_household" ON "household_status" ("household_id", "started_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "household_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "file_id" uuid NOT NULL, "file_name" character varying(255) NOT NULL, "region_code" character varying(12) COLLATE "C" NOT NULL, "created_by" uuid NOT NULL, "request_id" character varying(64) NOT NULL, "phase" character varying(12) NOT NULL, "total_rows" integer, "processed_rows" integer NOT NULL DEFAULT '0', "imported_count" integer NOT NULL DEFAULT '0', "problem_count" integer NOT NULL DEFAULT '0', "problems" jsonb NOT NULL DEFAULT '[]', "message" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "validated_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_household_import_phase" CHECK ("phase" IN ('PARSING', 'VALIDATING', 'IMPORTING', 'SUCCEEDED', 'FAILED')), CONSTRAINT "PK_household_import" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_household_import_region" ON "household_import" ("region_code") `,
    );
    await queryRunner.query(
      `ALTER TABLE "household" ADD CONSTRAINT "FK_household_village" FOREIGN KEY ("village_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_status" ADD CONSTRAINT "FK_household_status_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_import" ADD CONSTRAINT "FK_household_import_file" FOREIGN KEY ("file_id") REFERENCES "evidence_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_import" ADD CONSTRAINT "FK_household_import_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_import" ADD CONSTRAINT "FK_household_import_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "household_import" DROP CONSTRAINT "FK_household_import_created_by"`,
    );
    await queryRunner.query(`ALTER TABLE "household_import" DROP CONSTRAINT "FK_household_import_region"`);
    await queryRunner.query(`ALTER TABLE "household_import" DROP CONSTRAINT "FK_household_import_file"`);
    await queryRunner.query(`ALTER TABLE "household_status" DROP CONSTRAINT "FK_household_status_household"`);
    await queryRunner.query(`ALTER TABLE "household" DROP CONSTRAINT "FK_household_village"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_household_import_region"`);
    await queryRunner.query(`DROP TABLE "household_import"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_household_status_household"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_household_status_open"`);
    await queryRunner.query(`DROP TABLE "household_status"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_household_registry_no"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_household_village"`);
    await queryRunner.query(`DROP TABLE "household"`);
  }
}
