import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Income of operating assets (with each owner's share) and its distribution: plans, allocations,
 * beneficiaries, payouts, and the versioned distribution policy. Generated from the entities, reviewed.
 */
export class IncomeDistribution1795910900000 implements MigrationInterface {
  name = 'IncomeDistribution1795910900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "income_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "asset_id" uuid NOT NULL, "region_code" character varying(12) COLLATE "C" NOT NULL, "amount" bigint NOT NULL, "kind" character varying(12) NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "received_on" date NOT NULL, "supplement" boolean NOT NULL DEFAULT false, "note" character varying(500), "evidence" jsonb NOT NULL DEFAULT '[]', "idempotency_key" character varying(100), "reverses_id" uuid, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_income_record_period" CHECK ("period_from" <= "period_to"), CONSTRAINT "CK_income_record_amount" CHECK ("amount" <> 0), CONSTRAINT "CK_income_record_kind" CHECK ("kind" IN ('RENT', 'DIVIDEND', 'SALES', 'SUBSIDY', 'OTHER')), CONSTRAINT "PK_income_record" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_income_record_asset" ON "income_record" ("asset_id", "kind", "period_from") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_income_record_reverses" ON "income_record" ("reverses_id") WHERE "reverses_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_income_record_idempotency_key" ON "income_record" ("idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "income_share" ("income_id" uuid NOT NULL, "position" smallint NOT NULL, "owner_type" character varying(24) NOT NULL, "owner_ref" character varying(64) NOT NULL, "village_code" character varying(12) COLLATE "C", "share_bp" integer NOT NULL, "amount" bigint NOT NULL, CONSTRAINT "PK_income_share" PRIMARY KEY ("income_id", "position"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_income_share_village" ON "income_share" ("village_code") `);
    await queryRunner.query(
      `CREATE TABLE "distribution_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "village_code" character varying(12) COLLATE "C" NOT NULL, "title" character varying(200) NOT NULL, "amount" bigint NOT NULL, "plan_date" date NOT NULL, "status" character varying(12) NOT NULL, "decision" jsonb, "policy_version" integer, "created_by" uuid NOT NULL, "submitted_by" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "filed_by" uuid, "filed_at" TIMESTAMP WITH TIME ZONE, "return_reason" character varying(1000), "completed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CK_distribution_plan_amount" CHECK ("amount" > 0), CONSTRAINT "CK_distribution_plan_status" CHECK ("status" IN ('DRAFT', 'SUBMITTED', 'FILED', 'COMPLETED')), CONSTRAINT "PK_distribution_plan" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_distribution_plan_village" ON "distribution_plan" ("village_code", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "distribution_allocation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "position" smallint NOT NULL, "channel" character varying(32) NOT NULL, "amount" bigint NOT NULL, "note" character varying(500), CONSTRAINT "CK_distribution_allocation_amount" CHECK ("amount" > 0), CONSTRAINT "CK_distribution_allocation_channel" CHECK ("channel" IN ('PUBLIC_WELFARE_JOB_WAGES', 'SMALL_PUBLIC_WORKS', 'AWARDS_SUBSIDIES', 'SUPPORT_NO_LABOUR_CAPACITY', 'ASSET_UPKEEP', 'COLLECTIVE_ECONOMY', 'RESERVE_FUND')), CONSTRAINT "PK_distribution_allocation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_distribution_allocation_plan" ON "distribution_allocation" ("plan_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "distribution_beneficiary" ("allocation_id" uuid NOT NULL, "household_id" uuid NOT NULL, "amount" bigint NOT NULL, CONSTRAINT "CK_distribution_beneficiary_amount" CHECK ("amount" > 0), CONSTRAINT "PK_distribution_beneficiary" PRIMARY KEY ("allocation_id", "household_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_distribution_beneficiary_household" ON "distribution_beneficiary" ("household_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "distribution_payout" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "allocation_id" uuid NOT NULL, "amount" bigint NOT NULL, "paid_on" date NOT NULL, "evidence" jsonb NOT NULL DEFAULT '[]', "note" character varying(500), "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_distribution_payout_amount" CHECK ("amount" > 0), CONSTRAINT "PK_distribution_payout" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_distribution_payout_allocation" ON "distribution_payout" ("allocation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "distribution_policy" ("version" integer NOT NULL, "rules" jsonb NOT NULL, "note" character varying(500), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_distribution_policy" PRIMARY KEY ("version"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "income_record" ADD CONSTRAINT "FK_income_record_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "income_share" ADD CONSTRAINT "FK_income_share_income" FOREIGN KEY ("income_id") REFERENCES "income_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_plan" ADD CONSTRAINT "FK_distribution_plan_village" FOREIGN KEY ("village_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_allocation" ADD CONSTRAINT "FK_distribution_allocation_plan" FOREIGN KEY ("plan_id") REFERENCES "distribution_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_beneficiary" ADD CONSTRAINT "FK_distribution_beneficiary_allocation" FOREIGN KEY ("allocation_id") REFERENCES "distribution_allocation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_beneficiary" ADD CONSTRAINT "FK_distribution_beneficiary_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_payout" ADD CONSTRAINT "FK_distribution_payout_plan" FOREIGN KEY ("plan_id") REFERENCES "distribution_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_payout" ADD CONSTRAINT "FK_distribution_payout_allocation" FOREIGN KEY ("allocation_id") REFERENCES "distribution_allocation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "distribution_payout" DROP CONSTRAINT "FK_distribution_payout_allocation"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_payout" DROP CONSTRAINT "FK_distribution_payout_plan"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_beneficiary" DROP CONSTRAINT "FK_distribution_beneficiary_household"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_beneficiary" DROP CONSTRAINT "FK_distribution_beneficiary_allocation"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_allocation" DROP CONSTRAINT "FK_distribution_allocation_plan"`,
    );
    await queryRunner.query(`ALTER TABLE "distribution_plan" DROP CONSTRAINT "FK_distribution_plan_village"`);
    await queryRunner.query(`ALTER TABLE "income_share" DROP CONSTRAINT "FK_income_share_income"`);
    await queryRunner.query(`ALTER TABLE "income_record" DROP CONSTRAINT "FK_income_record_asset"`);
    await queryRunner.query(`DROP TABLE "distribution_policy"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_distribution_payout_allocation"`);
    await queryRunner.query(`DROP TABLE "distribution_payout"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_distribution_beneficiary_household"`);
    await queryRunner.query(`DROP TABLE "distribution_beneficiary"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_distribution_allocation_plan"`);
    await queryRunner.query(`DROP TABLE "distribution_allocation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_distribution_plan_village"`);
    await queryRunner.query(`DROP TABLE "distribution_plan"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_income_share_village"`);
    await queryRunner.query(`DROP TABLE "income_share"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_income_record_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_income_record_reverses"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_income_record_asset"`);
    await queryRunner.query(`DROP TABLE "income_record"`);
  }
}
