import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The asset register: categories, projects and their fund sources, assets and theirs, ownership
 * proposals (owners, objections) and the ownership history. Generated from the entities, reviewed.
 */
export class AssetRegister1795910600000 implements MigrationInterface {
  name = 'AssetRegister1795910600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "asset_category" ("code" character varying(32) COLLATE "C" NOT NULL, "name" character varying(100) NOT NULL, "description" character varying(500), "sort_order" integer NOT NULL DEFAULT '0', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_asset_category" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "project" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "year" smallint NOT NULL, "type" character varying(20) NOT NULL, "implementing_unit" character varying(200) NOT NULL, "region_code" character varying(12) COLLATE "C" NOT NULL, "completion_date" date, "acceptance_date" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CK_project_type" CHECK ("type" IN ('INDUSTRY', 'INFRASTRUCTURE', 'EMPLOYMENT', 'PUBLIC_SERVICE', 'HOUSING', 'OTHER')), CONSTRAINT "PK_project" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_project_region" ON "project" ("region_code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_project_code" ON "project" ("code") `);
    await queryRunner.query(
      `CREATE TABLE "project_fund_source" ("project_id" uuid NOT NULL, "source" character varying(32) NOT NULL, "amount" bigint NOT NULL, CONSTRAINT "CK_project_fund_source_amount" CHECK ("amount" > 0), CONSTRAINT "PK_project_fund_source" PRIMARY KEY ("project_id", "source"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "asset" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "class" character varying(20) NOT NULL, "form" character varying(20) NOT NULL, "category_code" character varying(32) COLLATE "C" NOT NULL, "project_id" uuid NOT NULL, "location_code" character varying(12) COLLATE "C" NOT NULL, "quantity" numeric(18,3) NOT NULL, "unit" character varying(16) NOT NULL, "invested_amount" bigint NOT NULL, "formed_value" bigint NOT NULL, "completion_date" date, "acceptance_date" date, "handover_date" date, "status" character varying(20) NOT NULL, "status_since" date NOT NULL, "management_entity" character varying(200), "management_responsible" character varying(100), "operator" character varying(200), "operating_mode" character varying(20), "contract_start" date, "contract_end" date, "contract_terms" character varying(1000), "contract_annual_amount" bigint, "investee" character varying(200), "equity_agreement_no" character varying(100), "equity_maturity_date" date, "household_registry_no" character varying(64), "household_head_name" character varying(100), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CK_asset_amounts" CHECK ("invested_amount" >= 0 AND "formed_value" >= 0), CONSTRAINT "CK_asset_operating_mode" CHECK ("operating_mode" IN ('SELF_RUN', 'ENTRUSTED', 'LEASED', 'JOINT')), CONSTRAINT "CK_asset_status" CHECK ("status" IN ('UNDER_CONSTRUCTION', 'IN_USE', 'IDLE', 'SUSPENDED', 'DISPOSED')), CONSTRAINT "CK_asset_form" CHECK ("form" IN ('FIXED', 'BIOLOGICAL', 'EQUITY', 'DEBT_CLAIM', 'INTANGIBLE')), CONSTRAINT "CK_asset_class" CHECK ("class" IN ('OPERATING', 'PUBLIC_WELFARE', 'HOUSEHOLD')), CONSTRAINT "PK_asset" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_asset_category" ON "asset" ("category_code") `);
    await queryRunner.query(`CREATE INDEX "IDX_asset_project" ON "asset" ("project_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_asset_location" ON "asset" ("location_code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_asset_code" ON "asset" ("code") `);
    await queryRunner.query(
      `CREATE TABLE "asset_fund_source" ("asset_id" uuid NOT NULL, "source" character varying(32) NOT NULL, "amount" bigint NOT NULL, CONSTRAINT "CK_asset_fund_source_amount" CHECK ("amount" > 0), CONSTRAINT "PK_asset_fund_source" PRIMARY KEY ("asset_id", "source"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_asset_fund_source_source" ON "asset_fund_source" ("source") `);
    await queryRunner.query(
      `CREATE TABLE "ownership_proposal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "asset_id" uuid NOT NULL, "status" character varying(12) NOT NULL, "management_entity" character varying(200) NOT NULL, "management_responsible" character varying(100), "publicity_start" date NOT NULL, "publicity_end" date NOT NULL, "evidence" jsonb NOT NULL DEFAULT '[]', "proposed_by" uuid NOT NULL, "decided_by" uuid, "decided_on" date, "certificate_no" character varying(64), "reject_reason" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CK_ownership_proposal_status" CHECK ("status" IN ('PUBLICITY', 'CONFIRMED', 'REJECTED')), CONSTRAINT "PK_ownership_proposal" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_ownership_proposal_certificate" ON "ownership_proposal" ("certificate_no") WHERE "certificate_no" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_ownership_proposal_open" ON "ownership_proposal" ("asset_id") WHERE "status" = 'PUBLICITY'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ownership_proposal_asset" ON "ownership_proposal" ("asset_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ownership_proposal_owner" ("proposal_id" uuid NOT NULL, "position" smallint NOT NULL, "owner_type" character varying(24) NOT NULL, "owner_ref" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "share_bp" integer NOT NULL, CONSTRAINT "CK_ownership_proposal_owner_share" CHECK ("share_bp" > 0 AND "share_bp" <= 10000), CONSTRAINT "CK_ownership_proposal_owner_type" CHECK ("owner_type" IN ('VILLAGE_COLLECTIVE', 'TOWNSHIP', 'DISTRICT_DEPARTMENT', 'HOUSEHOLD')), CONSTRAINT "PK_ownership_proposal_owner" PRIMARY KEY ("proposal_id", "position"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ownership_objection" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "raised_on" date NOT NULL, "objector" character varying(100) NOT NULL, "content" character varying(2000) NOT NULL, "evidence" jsonb NOT NULL DEFAULT '[]', "recorded_by" uuid NOT NULL, "status" character varying(10) NOT NULL, "resolution" character varying(2000), "resolved_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_ownership_objection_status" CHECK ("status" IN ('OPEN', 'RESOLVED')), CONSTRAINT "PK_ownership_objection" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ownership_objection_proposal" ON "ownership_objection" ("proposal_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "asset_ownership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "asset_id" uuid NOT NULL, "proposal_id" uuid NOT NULL, "owner_type" character varying(24) NOT NULL, "owner_ref" character varying(64) NOT NULL, "owner_name" character varying(200) NOT NULL, "share_bp" integer NOT NULL, "management_entity" character varying(200) NOT NULL, "certificate_no" character varying(64) NOT NULL, "valid_from" date NOT NULL, "valid_to" date, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CK_asset_ownership_share" CHECK ("share_bp" > 0 AND "share_bp" <= 10000), CONSTRAINT "CK_asset_ownership_owner_type" CHECK ("owner_type" IN ('VILLAGE_COLLECTIVE', 'TOWNSHIP', 'DISTRICT_DEPARTMENT', 'HOUSEHOLD')), CONSTRAINT "PK_asset_ownership" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_asset_ownership_current" ON "asset_ownership" ("asset_id") WHERE "valid_to" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_asset_ownership_asset" ON "asset_ownership" ("asset_id", "valid_from") `,
    );
    await queryRunner.query(
      `ALTER TABLE "project" ADD CONSTRAINT "FK_project_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_fund_source" ADD CONSTRAINT "FK_project_fund_source_project" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "asset" ADD CONSTRAINT "FK_asset_category" FOREIGN KEY ("category_code") REFERENCES "asset_category"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "asset" ADD CONSTRAINT "FK_asset_project" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "asset" ADD CONSTRAINT "FK_asset_location" FOREIGN KEY ("location_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "asset_fund_source" ADD CONSTRAINT "FK_asset_fund_source_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ownership_proposal" ADD CONSTRAINT "FK_ownership_proposal_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ownership_proposal_owner" ADD CONSTRAINT "FK_ownership_proposal_owner_proposal" FOREIGN KEY ("proposal_id") REFERENCES "ownership_proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ownership_objection" ADD CONSTRAINT "FK_ownership_objection_proposal" FOREIGN KEY ("proposal_id") REFERENCES "ownership_proposal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "asset_ownership" ADD CONSTRAINT "FK_asset_ownership_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "asset_ownership" ADD CONSTRAINT "FK_asset_ownership_proposal" FOREIGN KEY ("proposal_id") REFERENCES "ownership_proposal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "asset_ownership" DROP CONSTRAINT "FK_asset_ownership_proposal"`);
    await queryRunner.query(`ALTER TABLE "asset_ownership" DROP CONSTRAINT "FK_asset_ownership_asset"`);
    await queryRunner.query(
      `ALTER TABLE "ownership_objection" DROP CONSTRAINT "FK_ownership_objection_proposal"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ownership_proposal_owner" DROP CONSTRAINT "FK_ownership_proposal_owner_proposal"`,
    );
    await queryRunner.query(`ALTER TABLE "ownership_proposal" DROP CONSTRAINT "FK_ownership_proposal_asset"`);
    await queryRunner.query(`ALTER TABLE "asset_fund_source" DROP CONSTRAINT "FK_asset_fund_source_asset"`);
    await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "FK_asset_location"`);
    await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "FK_asset_project"`);
    await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "FK_asset_category"`);
    await queryRunner.query(
      `ALTER TABLE "project_fund_source" DROP CONSTRAINT "FK_project_fund_source_project"`,
    );
    await queryRunner.query(`ALTER TABLE "project" DROP CONSTRAINT "FK_project_region"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_asset_ownership_asset"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_asset_ownership_current"`);
    await queryRunner.query(`DROP TABLE "asset_ownership"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ownership_objection_proposal"`);
    await queryRunner.query(`DROP TABLE "ownership_objection"`);
    await queryRunner.query(`DROP TABLE "ownership_proposal_owner"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ownership_proposal_asset"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_ownership_proposal_open"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_ownership_proposal_certificate"`);
    await queryRunner.query(`DROP TABLE "ownership_proposal"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_asset_fund_source_source"`);
    await queryRunner.query(`DROP TABLE "asset_fund_source"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_asset_code"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_asset_location"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_asset_project"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_asset_category"`);
    await queryRunner.query(`DROP TABLE "asset"`);
    await queryRunner.query(`DROP TABLE "project_fund_source"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_project_code"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_project_region"`);
    await queryRunner.query(`DROP TABLE "project"`);
    await queryRunner.query(`DROP TABLE "asset_category"`);
  }
}
