import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Upkeep (管护): each asset's upkeep duty, its inspections and repairs, and the versioned upkeep policy
 * (inspection periods by asset class, repair deadline). A repair's allocation_id names a
 * distribution_allocation (checked by the service, which locks it; no FK so that plans stay the
 * distribution feature's own). The district's villages: a village can be retired (撤销), merged into
 * another; it stays readable with its history.
 */
export class UpkeepAndVillages1795911500000 implements MigrationInterface {
  name = 'UpkeepAndVillages1795911500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "upkeep_duty" ("asset_id" uuid NOT NULL, "region_code" character varying(12) COLLATE "C" NOT NULL, "body" character varying(200) NOT NULL, "person" character varying(100) NOT NULL, "phone" character varying(30), "phone_salt" bytea NOT NULL, "department" character varying(24) NOT NULL, "funding_source" character varying(24) NOT NULL, "note" character varying(500), "updated_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CK_upkeep_duty_funding" CHECK ("funding_source" IN ('VILLAGE_COLLECTIVE', 'SECTOR_FUNDS', 'ASSET_INCOME', 'FISCAL_SUBSIDY', 'OPERATOR', 'OTHER')), CONSTRAINT "CK_upkeep_duty_department" CHECK ("department" IN ('TRANSPORT', 'WATER_RESOURCES', 'AGRICULTURE_RURAL', 'EDUCATION', 'HEALTH', 'CULTURE_TOURISM', 'HOUSING_CONSTRUCTION', 'OTHER')), CONSTRAINT "PK_upkeep_duty" PRIMARY KEY ("asset_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "upkeep_inspection" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "asset_id" uuid NOT NULL, "region_code" character varying(12) COLLATE "C" NOT NULL, "inspected_on" date NOT NULL, "inspector" character varying(100) NOT NULL, "condition" character varying(10) NOT NULL, "photos" jsonb NOT NULL, "notes" character varying(2000), "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_upkeep_inspection_condition" CHECK ("condition" IN ('GOOD', 'FAIR', 'DAMAGED', 'LOST')), CONSTRAINT "PK_upkeep_inspection" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_upkeep_inspection_region" ON "upkeep_inspection" ("region_code") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_upkeep_inspection_asset" ON "upkeep_inspection" ("asset_id", "inspected_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "upkeep_repair" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "asset_id" uuid NOT NULL, "region_code" character varying(12) COLLATE "C" NOT NULL, "inspection_id" uuid, "repaired_on" date NOT NULL, "description" character varying(1000) NOT NULL, "cost" bigint NOT NULL, "paid_by" character varying(24) NOT NULL, "allocation_id" uuid, "payer_note" character varying(200), "evidence" jsonb NOT NULL, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_upkeep_repair_cost" CHECK ("cost" > 0), CONSTRAINT "CK_upkeep_repair_allocation" CHECK (("paid_by" = 'UPKEEP_ALLOCATION') = ("allocation_id" IS NOT NULL)), CONSTRAINT "CK_upkeep_repair_payer" CHECK ("paid_by" IN ('VILLAGE_FUNDS', 'SECTOR_FUNDS', 'UPKEEP_ALLOCATION', 'OPERATOR', 'OTHER')), CONSTRAINT "PK_upkeep_repair" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_upkeep_repair_allocation" ON "upkeep_repair" ("allocation_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_upkeep_repair_region" ON "upkeep_repair" ("region_code") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_upkeep_repair_asset" ON "upkeep_repair" ("asset_id", "repaired_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "upkeep_policy" ("version" integer NOT NULL, "rules" jsonb NOT NULL, "note" character varying(500), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_upkeep_policy" PRIMARY KEY ("version"))`,
    );
    await queryRunner.query(`ALTER TABLE "region" ADD "retired_on" date`);
    await queryRunner.query(`ALTER TABLE "region" ADD "merged_into" character varying(12) COLLATE "C"`);
    await queryRunner.query(
      `ALTER TABLE "region" ADD CONSTRAINT "CK_region_retired" CHECK (("retired_on" IS NULL AND "merged_into" IS NULL) OR ("retired_on" IS NOT NULL AND "level" = 'VILLAGE'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "region" ADD CONSTRAINT "FK_region_merged_into" FOREIGN KEY ("merged_into") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "upkeep_duty" ADD CONSTRAINT "FK_upkeep_duty_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "upkeep_inspection" ADD CONSTRAINT "FK_upkeep_inspection_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "upkeep_repair" ADD CONSTRAINT "FK_upkeep_repair_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "upkeep_repair" ADD CONSTRAINT "FK_upkeep_repair_inspection" FOREIGN KEY ("inspection_id") REFERENCES "upkeep_inspection"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "upkeep_repair" DROP CONSTRAINT "FK_upkeep_repair_inspection"`);
    await queryRunner.query(`ALTER TABLE "upkeep_repair" DROP CONSTRAINT "FK_upkeep_repair_asset"`);
    await queryRunner.query(`ALTER TABLE "upkeep_inspection" DROP CONSTRAINT "FK_upkeep_inspection_asset"`);
    await queryRunner.query(`ALTER TABLE "upkeep_duty" DROP CONSTRAINT "FK_upkeep_duty_asset"`);
    await queryRunner.query(`ALTER TABLE "region" DROP CONSTRAINT "FK_region_merged_into"`);
    await queryRunner.query(`ALTER TABLE "region" DROP CONSTRAINT "CK_region_retired"`);
    await queryRunner.query(`ALTER TABLE "region" DROP COLUMN "merged_into"`);
    await queryRunner.query(`ALTER TABLE "region" DROP COLUMN "retired_on"`);
    await queryRunner.query(`DROP TABLE "upkeep_policy"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_upkeep_repair_asset"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_upkeep_repair_region"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_upkeep_repair_allocation"`);
    await queryRunner.query(`DROP TABLE "upkeep_repair"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_upkeep_inspection_asset"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_upkeep_inspection_region"`);
    await queryRunner.query(`DROP TABLE "upkeep_inspection"`);
    await queryRunner.query(`DROP TABLE "upkeep_duty"`);
  }
}
