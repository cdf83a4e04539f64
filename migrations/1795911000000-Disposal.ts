import { MigrationInterface, QueryRunner } from 'typeorm';

/** Disposal requests, their reviews (one decision per step) and the versioned disposal policy. Generated, reviewed. */
export class Disposal1795911000000 implements MigrationInterface {
  name = 'Disposal1795911000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "disposal_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "asset_id" uuid NOT NULL, "region_code" character varying(12) COLLATE "C" NOT NULL, "method" character varying(20) NOT NULL, "reason_code" character varying(24) NOT NULL, "reason_text" character varying(2000) NOT NULL, "appraised_value" bigint NOT NULL, "evidence" jsonb NOT NULL, "status" character varying(20) NOT NULL, "deciding_level" character varying(10) NOT NULL, "policy_version" integer NOT NULL, "step_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "requested_by" uuid NOT NULL, "completed_on" date, "proceeds" bigint, "proceeds_destination" character varying(20), "proceeds_income_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CK_disposal_request_amounts" CHECK ("appraised_value" >= 0 AND ("proceeds" IS NULL OR "proceeds" >= 0)), CONSTRAINT "CK_disposal_request_level" CHECK ("deciding_level" IN ('TOWNSHIP', 'DISTRICT')), CONSTRAINT "CK_disposal_request_status" CHECK ("status" IN ('PENDING_TOWNSHIP', 'PENDING_DISTRICT', 'RETURNED', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'COMPLETED')), CONSTRAINT "CK_disposal_request_reason" CHECK ("reason_code" IN ('DISASTER', 'DEMOLITION', 'END_OF_LIFE', 'UNSAFE', 'IDLE_OR_POOR_RETURNS', 'EQUITY_EXPIRED', 'OTHER')), CONSTRAINT "CK_disposal_request_method" CHECK ("method" IN ('AUCTION', 'TRANSFER', 'CHANGE_OF_USE', 'SUSPENSION', 'LOSS_WRITE_OFF', 'SCRAP')), CONSTRAINT "PK_disposal_request" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_disposal_request_open" ON "disposal_request" ("asset_id") WHERE "status" IN ('PENDING_TOWNSHIP', 'PENDING_DISTRICT', 'RETURNED', 'APPROVED')`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_disposal_request_asset" ON "disposal_request" ("asset_id") `);
    await queryRunner.query(
      `CREATE TABLE "disposal_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "step" integer NOT NULL, "level" character varying(10) NOT NULL, "decision" character varying(10) NOT NULL, "comment" character varying(2000), "reviewer_id" uuid NOT NULL, "snapshot_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_disposal_review_decision" CHECK ("decision" IN ('APPROVE', 'REJECT', 'RETURN')), CONSTRAINT "CK_disposal_review_level" CHECK ("level" IN ('TOWNSHIP', 'DISTRICT')), CONSTRAINT "PK_disposal_review" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_disposal_review_step" ON "disposal_review" ("request_id", "step") `,
    );
    await queryRunner.query(
      `CREATE TABLE "disposal_policy" ("version" integer NOT NULL, "rules" jsonb NOT NULL, "note" character varying(500), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_disposal_policy" PRIMARY KEY ("version"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "disposal_request" ADD CONSTRAINT "FK_disposal_request_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "disposal_review" ADD CONSTRAINT "FK_disposal_review_request" FOREIGN KEY ("request_id") REFERENCES "disposal_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "disposal_review" DROP CONSTRAINT "FK_disposal_review_request"`);
    await queryRunner.query(`ALTER TABLE "disposal_request" DROP CONSTRAINT "FK_disposal_request_asset"`);
    await queryRunner.query(`DROP TABLE "disposal_policy"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_disposal_review_step"`);
    await queryRunner.query(`DROP TABLE "disposal_review"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_disposal_request_asset"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_disposal_request_open"`);
    await queryRunner.query(`DROP TABLE "disposal_request"`);
  }
}
