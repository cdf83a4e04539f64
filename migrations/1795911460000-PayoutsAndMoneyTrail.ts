import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payouts name the household paid (and the bank / 一卡通 reference); a completed plan records its result
 * publicity (结果公开); a plan states which income it distributes (distribution_plan_income).
 *
 * Plans committed before this migration get their income links at the next boot, through the service and
 * the ledger (the reference seed `reference:plan-income-links:v1`), not here.
 */
export class PayoutsAndMoneyTrail1795911460000 implements MigrationInterface {
  name = 'PayoutsAndMoneyTrail1795911460000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "distribution_payout" ADD "household_id" uuid`);
    await queryRunner.query(`ALTER TABLE "distribution_payout" ADD "bank_reference" character varying(64)`);
    await queryRunner.query(
      `CREATE INDEX "IDX_distribution_payout_household" ON "distribution_payout" ("household_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_payout" ADD CONSTRAINT "FK_distribution_payout_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "distribution_plan" ADD "income_request" jsonb`);
    await queryRunner.query(`ALTER TABLE "distribution_plan" ADD "result_published_on" date`);
    await queryRunner.query(`ALTER TABLE "distribution_plan" ADD "result_evidence" jsonb`);
    await queryRunner.query(`ALTER TABLE "distribution_plan" ADD "result_recorded_by" uuid`);
    await queryRunner.query(
      `CREATE TABLE "distribution_plan_income" ("plan_id" uuid NOT NULL, "income_id" uuid NOT NULL, "amount" bigint NOT NULL, CONSTRAINT "CK_distribution_plan_income_amount" CHECK ("amount" > 0), CONSTRAINT "PK_distribution_plan_income" PRIMARY KEY ("plan_id", "income_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_distribution_plan_income_income" ON "distribution_plan_income" ("income_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_plan_income" ADD CONSTRAINT "FK_distribution_plan_income_plan" FOREIGN KEY ("plan_id") REFERENCES "distribution_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_plan_income" ADD CONSTRAINT "FK_distribution_plan_income_income" FOREIGN KEY ("income_id") REFERENCES "income_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "distribution_plan_income" DROP CONSTRAINT "FK_distribution_plan_income_income"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_plan_income" DROP CONSTRAINT "FK_distribution_plan_income_plan"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_distribution_plan_income_income"`);
    await queryRunner.query(`DROP TABLE "distribution_plan_income"`);
    await queryRunner.query(`ALTER TABLE "distribution_plan" DROP COLUMN "result_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "distribution_plan" DROP COLUMN "result_evidence"`);
    await queryRunner.query(`ALTER TABLE "distribution_plan" DROP COLUMN "result_published_on"`);
    await queryRunner.query(`ALTER TABLE "distribution_plan" DROP COLUMN "income_request"`);
    await queryRunner.query(
      `ALTER TABLE "distribution_payout" DROP CONSTRAINT "FK_distribution_payout_household"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_distribution_payout_household"`);
    await queryRunner.query(`ALTER TABLE "distribution_payout" DROP COLUMN "bank_reference"`);
    await queryRunner.query(`ALTER TABLE "distribution_payout" DROP COLUMN "household_id"`);
  }
}
