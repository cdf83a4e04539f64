import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence files: the metadata of uploaded files (their bytes live content-addressed on disk, under
 * FILES_DIR/sha256/). Generated from the entity, then reviewed.
 */
export class EvidenceFiles1795910500000 implements MigrationInterface {
  name = 'EvidenceFiles1795910500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "evidence_file" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sha256" character varying(64) COLLATE "C" NOT NULL, "size" bigint NOT NULL, "media_type" character varying(100) NOT NULL, "original_name" character varying(255) NOT NULL, "region_code" character varying(12) COLLATE "C" NOT NULL, "uploaded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_evidence_file_size" CHECK ("size" >= 0), CONSTRAINT "CK_evidence_file_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$'), CONSTRAINT "PK_evidence_file" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_evidence_file_region" ON "evidence_file" ("region_code") `);
    await queryRunner.query(`CREATE INDEX "IDX_evidence_file_sha256" ON "evidence_file" ("sha256") `);
    await queryRunner.query(
      `ALTER TABLE "evidence_file" ADD CONSTRAINT "FK_evidence_file_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_file" ADD CONSTRAINT "FK_evidence_file_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence_file" DROP CONSTRAINT "FK_evidence_file_uploaded_by"`);
    await queryRunner.query(`ALTER TABLE "evidence_file" DROP CONSTRAINT "FK_evidence_file_region"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_evidence_file_sha256"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_evidence_file_region"`);
    await queryRunner.query(`DROP TABLE "evidence_file"`);
  }
}
