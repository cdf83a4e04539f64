import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Asset import jobs (importAssets): operational progress and problem reports, not business records
 * (they are not on the ledger; what an import registers is). Generated from the entity, then reviewed.
 */
export class AssetImport1795910700000 implements MigrationInterface {
  name = 'AssetImport1795910700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "asset_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "file_id" uuid NOT NULL, "file_name" character varying(255) NOT NULL, "region_code" character varying(12) COLLATE "C" NOT NULL, "created_by" uuid NOT NULL, "request_id" character varying(64) NOT NULL, "phase" character varying(12) NOT NULL, "total_rows" integer, "processed_rows" integer NOT NULL DEFAULT '0', "imported_count" integer NOT NULL DEFAULT '0', "created_project_count" integer NOT NULL DEFAULT '0', "problem_count" integer NOT NULL DEFAULT '0', "problems" jsonb NOT NULL DEFAULT '[]', "message" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "validated_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_asset_import_phase" CHECK ("phase" IN ('PARSING', 'VALIDATING', 'IMPORTING', 'SUCCEEDED', 'FAILED')), CONSTRAINT "PK_asset_import" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_asset_import_region" ON "asset_import" ("region_code") `);
    await queryRunner.query(
      `ALTER TABLE "asset_import" ADD CONSTRAINT "FK_asset_import_file" FOREIGN KEY ("file_id") REFERENCES "evidence_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "asset_import" ADD CONSTRAINT "FK_asset_import_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "asset_import" ADD CONSTRAINT "FK_asset_import_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "asset_import" DROP CONSTRAINT "FK_asset_import_created_by"`);
    await queryRunner.query(`ALTER TABLE "asset_import" DROP CONSTRAINT "FK_asset_import_region"`);
    await queryRunner.query(`ALTER TABLE "asset_import" DROP CONSTRAINT "FK_asset_import_file"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_asset_import_region"`);
    await queryRunner.query(`DROP TABLE "asset_import"`);
  }
}
