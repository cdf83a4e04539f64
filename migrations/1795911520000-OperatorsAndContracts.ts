import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operators (经营主体), their contracts with the assets they concern and every version of each, and the
 * contract an income was paid under. Generated, reviewed.
 */
export class OperatorsAndContracts1795911520000 implements MigrationInterface {
  name = 'OperatorsAndContracts1795911520000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "operator" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "region_code" character varying(12) COLLATE "C" NOT NULL, "kind" character varying(16) NOT NULL, "name" character varying(200) NOT NULL, "uscc" character varying(18), "id_number" character varying(18), "contact_person" character varying(50), "contact_phone" character varying(30), "personal_salt" bytea NOT NULL, "note" character varying(500), "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CK_operator_kind" CHECK ("kind" IN ('ENTERPRISE', 'COOPERATIVE', 'FAMILY_FARM', 'INDIVIDUAL')), CONSTRAINT "PK_operator" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_operator_region" ON "operator" ("region_code") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_operator_uscc" ON "operator" ("region_code", "uscc") WHERE "uscc" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "contract" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "region_code" character varying(12) COLLATE "C" NOT NULL, "code" character varying(50) NOT NULL, "kind" character varying(16) NOT NULL, "status" character varying(12) NOT NULL, "owner_name" character varying(200) NOT NULL, "operator_id" uuid NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "terminated_on" date, "termination_reason" character varying(500), "amount" bigint NOT NULL, "schedule" character varying(12) NOT NULL, "guaranteed_minimum" bigint, "equity_principal" bigint, "equity_maturity_date" date, "principal_returned_on" date, "principal_returned_amount" bigint, "evidence" jsonb NOT NULL DEFAULT '[]', "note" character varying(500), "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CK_contract_amounts" CHECK ("amount" >= 0 AND ("guaranteed_minimum" IS NULL OR "guaranteed_minimum" >= 0) AND ("equity_principal" IS NULL OR "equity_principal" > 0)), CONSTRAINT "CK_contract_term" CHECK ("end_date" > "start_date"), CONSTRAINT "CK_contract_schedule" CHECK ("schedule" IN ('ANNUAL', 'SEMIANNUAL', 'QUARTERLY', 'MONTHLY', 'ONE_OFF')), CONSTRAINT "CK_contract_status" CHECK ("status" IN ('ACTIVE', 'TERMINATED')), CONSTRAINT "CK_contract_kind" CHECK ("kind" IN ('LEASE', 'CONTRACTING', 'EQUITY', 'ENTRUSTED')), CONSTRAINT "PK_contract" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_contract_operator" ON "contract" ("operator_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_contract_code" ON "contract" ("region_code", "code") `);
    await queryRunner.query(
      `CREATE TABLE "contract_asset" ("contract_id" uuid NOT NULL, "asset_id" uuid NOT NULL, CONSTRAINT "PK_contract_asset" PRIMARY KEY ("contract_id", "asset_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_contract_asset_asset" ON "contract_asset" ("asset_id") `);
    await queryRunner.query(
      `CREATE TABLE "contract_version" ("contract_id" uuid NOT NULL, "version_no" integer NOT NULL, "change" character varying(20) NOT NULL, "effective_from" date NOT NULL, "end_date" date NOT NULL, "amount" bigint NOT NULL, "schedule" character varying(12) NOT NULL, "guaranteed_minimum" bigint, "equity_principal" bigint, "equity_maturity_date" date, "principal_returned" bigint, "note" character varying(500), "evidence" jsonb NOT NULL DEFAULT '[]', "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_contract_version_change" CHECK ("change" IN ('SIGNED', 'RENEWED', 'AMENDED', 'TERMINATED', 'PRINCIPAL_RETURNED')), CONSTRAINT "PK_contract_version" PRIMARY KEY ("contract_id", "version_no"))`,
    );
    await queryRunner.query(`ALTER TABLE "income_record" ADD "contract_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_income_record_contract" ON "income_record" ("contract_id") `);
    await queryRunner.query(
      `ALTER TABLE "contract" ADD CONSTRAINT "FK_contract_operator" FOREIGN KEY ("operator_id") REFERENCES "operator"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract_asset" ADD CONSTRAINT "FK_contract_asset_contract" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract_asset" ADD CONSTRAINT "FK_contract_asset_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract_version" ADD CONSTRAINT "FK_contract_version_contract" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "income_record" ADD CONSTRAINT "FK_income_record_contract" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "income_record" DROP CONSTRAINT "FK_income_record_contract"`);
    await queryRunner.query(`ALTER TABLE "contract_version" DROP CONSTRAINT "FK_contract_version_contract"`);
    await queryRunner.query(`ALTER TABLE "contract_asset" DROP CONSTRAINT "FK_contract_asset_asset"`);
    await queryRunner.query(`ALTER TABLE "contract_asset" DROP CONSTRAINT "FK_contract_asset_contract"`);
    await queryRunner.query(`ALTER TABLE "contract" DROP CONSTRAINT "FK_contract_operator"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_income_record_contract"`);
    await queryRunner.query(`ALTER TABLE "income_record" DROP COLUMN "contract_id"`);
    await queryRunner.query(`DROP TABLE "contract_version"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_contract_asset_asset"`);
    await queryRunner.query(`DROP TABLE "contract_asset"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_contract_code"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_contract_operator"`);
    await queryRunner.query(`DROP TABLE "contract"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_operator_uscc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_operator_region"`);
    await queryRunner.query(`DROP TABLE "operator"`);
  }
}
