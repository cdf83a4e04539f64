import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The annual inventory (年度清查): inventories of the district or a township (at most one OPEN per
 * region and year), their items (each asset's snapshot when the checklist was opened, and the finding),
 * and the townships' sign-offs. Generated from the entities, then reviewed.
 */
export class Inventory1795911100000 implements MigrationInterface {
  name = 'Inventory1795911100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "inventory" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "year" smallint NOT NULL, "region_code" character varying(12) COLLATE "C" NOT NULL, "status" character varying(10) NOT NULL, "started_by" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_by" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, "closing_note" character varying(1000), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CK_inventory_closed" CHECK (("status" = 'CLOSED') = ("closed_by" IS NOT NULL) AND ("status" = 'CLOSED') = ("closed_at" IS NOT NULL)), CONSTRAINT "CK_inventory_year" CHECK ("year" BETWEEN 2000 AND 2100), CONSTRAINT "CK_inventory_status" CHECK ("status" IN ('OPEN', 'CLOSED')), CONSTRAINT "PK_inventory" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_inventory_year" ON "inventory" ("year", "region_code") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_inventory_open_region_year" ON "inventory" ("region_code", "year") WHERE "status" = 'OPEN'`,
    );
    await queryRunner.query(
      `CREATE TABLE "inventory_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "inventory_id" uuid NOT NULL, "asset_id" uuid NOT NULL, "asset_code" character varying(64) NOT NULL, "asset_name" character varying(200) NOT NULL, "asset_class" character varying(20) NOT NULL, "asset_status" character varying(20) NOT NULL, "location_code" character varying(12) COLLATE "C" NOT NULL, "formed_value" bigint NOT NULL, "finding" character varying(20), "observed_status" character varying(20), "note" character varying(1000), "evidence" jsonb NOT NULL DEFAULT '[]', "confirmed_by" uuid, "confirmed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CK_inventory_item_confirmed" CHECK (("finding" IS NULL) = ("confirmed_by" IS NULL) AND ("finding" IS NULL) = ("confirmed_at" IS NULL)), CONSTRAINT "CK_inventory_item_note" CHECK ("finding" IS NULL OR "finding" = 'PRESENT' OR "note" IS NOT NULL), CONSTRAINT "CK_inventory_item_observed_status" CHECK ((coalesce("finding", '') = 'STATUS_DIFFERS') = ("observed_status" IS NOT NULL) AND ("observed_status" IS NULL OR "observed_status" IN ('UNDER_CONSTRUCTION', 'IN_USE', 'IDLE', 'SUSPENDED', 'DISPOSED'))), CONSTRAINT "CK_inventory_item_finding" CHECK ("finding" IN ('PRESENT', 'MISSING', 'DAMAGED', 'STATUS_DIFFERS')), CONSTRAINT "CK_inventory_item_asset_status" CHECK ("asset_status" IN ('UNDER_CONSTRUCTION', 'IN_USE', 'IDLE', 'SUSPENDED', 'DISPOSED')), CONSTRAINT "CK_inventory_item_asset_class" CHECK ("asset_class" IN ('OPERATING', 'PUBLIC_WELFARE', 'HOUSEHOLD')), CONSTRAINT "PK_inventory_item" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_inventory_item_asset" ON "inventory_item" ("asset_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_inventory_item_location" ON "inventory_item" ("inventory_id", "location_code", "asset_code") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_inventory_item_asset" ON "inventory_item" ("inventory_id", "asset_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "inventory_sign_off" ("inventory_id" uuid NOT NULL, "township_code" character varying(12) COLLATE "C" NOT NULL, "signed_by" uuid NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "total_count" integer NOT NULL, "present_count" integer NOT NULL, "missing_count" integer NOT NULL, "damaged_count" integer NOT NULL, "status_differs_count" integer NOT NULL, "note" character varying(1000), CONSTRAINT "CK_inventory_sign_off_counts" CHECK ("present_count" >= 0 AND "missing_count" >= 0 AND "damaged_count" >= 0 AND "status_differs_count" >= 0 AND "total_count" = "present_count" + "missing_count" + "damaged_count" + "status_differs_count"), CONSTRAINT "PK_inventory_sign_off" PRIMARY KEY ("inventory_id", "township_code"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory" ADD CONSTRAINT "FK_inventory_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory" ADD CONSTRAINT "FK_inventory_started_by" FOREIGN KEY ("started_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory" ADD CONSTRAINT "FK_inventory_closed_by" FOREIGN KEY ("closed_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_item" ADD CONSTRAINT "FK_inventory_item_inventory" FOREIGN KEY ("inventory_id") REFERENCES "inventory"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_item" ADD CONSTRAINT "FK_inventory_item_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_item" ADD CONSTRAINT "FK_inventory_item_location" FOREIGN KEY ("location_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_item" ADD CONSTRAINT "FK_inventory_item_confirmed_by" FOREIGN KEY ("confirmed_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_sign_off" ADD CONSTRAINT "FK_inventory_sign_off_inventory" FOREIGN KEY ("inventory_id") REFERENCES "inventory"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_sign_off" ADD CONSTRAINT "FK_inventory_sign_off_township" FOREIGN KEY ("township_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_sign_off" ADD CONSTRAINT "FK_inventory_sign_off_signed_by" FOREIGN KEY ("signed_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "inventory_sign_off" DROP CONSTRAINT "FK_inventory_sign_off_signed_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_sign_off" DROP CONSTRAINT "FK_inventory_sign_off_township"`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_sign_off" DROP CONSTRAINT "FK_inventory_sign_off_inventory"`,
    );
    await queryRunner.query(`ALTER TABLE "inventory_item" DROP CONSTRAINT "FK_inventory_item_confirmed_by"`);
    await queryRunner.query(`ALTER TABLE "inventory_item" DROP CONSTRAINT "FK_inventory_item_location"`);
    await queryRunner.query(`ALTER TABLE "inventory_item" DROP CONSTRAINT "FK_inventory_item_asset"`);
    await queryRunner.query(`ALTER TABLE "inventory_item" DROP CONSTRAINT "FK_inventory_item_inventory"`);
    await queryRunner.query(`ALTER TABLE "inventory" DROP CONSTRAINT "FK_inventory_closed_by"`);
    await queryRunner.query(`ALTER TABLE "inventory" DROP CONSTRAINT "FK_inventory_started_by"`);
    await queryRunner.query(`ALTER TABLE "inventory" DROP CONSTRAINT "FK_inventory_region"`);
    await queryRunner.query(`DROP TABLE "inventory_sign_off"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_inventory_item_asset"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_inventory_item_location"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_inventory_item_asset"`);
    await queryRunner.query(`DROP TABLE "inventory_item"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_inventory_open_region_year"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_inventory_year"`);
    await queryRunner.query(`DROP TABLE "inventory"`);
  }
}
