import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public disclosure (公示) links: one row per published disclosure of a village and a year, with the
 * ledger checkpoint it was generated from, its publication period, its expiry and the SHA-256 of its
 * token; revocable, never deleted. Generated from the entity, then reviewed.
 */
export class Disclosure1795911200000 implements MigrationInterface {
  name = 'Disclosure1795911200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "disclosure_link" ("id" uuid NOT NULL, "village_code" character varying(12) COLLATE "C" NOT NULL, "year" smallint NOT NULL, "checkpoint_size" bigint NOT NULL, "checkpoint_root" character varying(44) NOT NULL, "publicity_start" date NOT NULL, "publicity_end" date NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "token_sha256" character varying(64) NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, "revoke_reason" character varying(500), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CK_disclosure_link_revoked" CHECK (("revoked_at" IS NULL) = ("revoked_by" IS NULL) AND ("revoked_at" IS NULL) = ("revoke_reason" IS NULL)), CONSTRAINT "CK_disclosure_link_publicity" CHECK ("publicity_end" >= "publicity_start"), CONSTRAINT "CK_disclosure_link_checkpoint" CHECK ("checkpoint_size" > 0), CONSTRAINT "CK_disclosure_link_year" CHECK ("year" BETWEEN 2000 AND 2100), CONSTRAINT "PK_disclosure_link" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_disclosure_link_village" ON "disclosure_link" ("village_code", "year") `,
    );
    await queryRunner.query(
      `ALTER TABLE "disclosure_link" ADD CONSTRAINT "FK_disclosure_link_village" FOREIGN KEY ("village_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "disclosure_link" ADD CONSTRAINT "FK_disclosure_link_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "disclosure_link" ADD CONSTRAINT "FK_disclosure_link_revoked_by" FOREIGN KEY ("revoked_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "disclosure_link" DROP CONSTRAINT "FK_disclosure_link_revoked_by"`);
    await queryRunner.query(`ALTER TABLE "disclosure_link" DROP CONSTRAINT "FK_disclosure_link_created_by"`);
    await queryRunner.query(`ALTER TABLE "disclosure_link" DROP CONSTRAINT "FK_disclosure_link_village"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_disclosure_link_village"`);
    await queryRunner.query(`DROP TABLE "disclosure_link"`);
  }
}
