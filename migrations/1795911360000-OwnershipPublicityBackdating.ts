import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Publicity cannot be skipped: the ownership policy (versioned, like the disposal and distribution
 * policies) says how far back a publicity may start when the notice was already posted, and a proposal
 * recorded that way is marked back-dated, with the evidence of the posted notice. Existing proposals are
 * not marked (nothing says whether their notice was posted earlier).
 */
export class OwnershipPublicityBackdating1795911360000 implements MigrationInterface {
  name = 'OwnershipPublicityBackdating1795911360000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ownership_policy" ("version" integer NOT NULL, "rules" jsonb NOT NULL, "note" character varying(500), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ownership_policy" PRIMARY KEY ("version"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "ownership_proposal" ADD "backdated" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "ownership_proposal" ADD "notice_evidence" jsonb NOT NULL DEFAULT '[]'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ownership_proposal" DROP COLUMN "notice_evidence"`);
    await queryRunner.query(`ALTER TABLE "ownership_proposal" DROP COLUMN "backdated"`);
    await queryRunner.query(`DROP TABLE "ownership_policy"`);
  }
}
