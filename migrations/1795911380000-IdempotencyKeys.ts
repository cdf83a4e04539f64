import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys per user (`idempotency_key`), with the hash of the request each was used for and what
 * identifies its first result, for every mutation that creates something or moves money. They replace
 * the unique index on `income_record.idempotency_key`, which made keys global and let a key repeated with
 * another amount return the first record as if it were the answer. The column stays: the key a record
 * was created with. Keys of income recorded before this version are not carried over (their hashes were
 * never kept); a repeat of such a request is still refused by the overlap check unless it is a supplement.
 */
export class IdempotencyKeys1795911380000 implements MigrationInterface {
  name = 'IdempotencyKeys1795911380000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("user_id" uuid NOT NULL, "key" character varying(100) NOT NULL, "operation" character varying(60) NOT NULL, "request_hash" character varying(64) NOT NULL, "result" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_idempotency_key" PRIMARY KEY ("user_id", "key"))`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_income_record_idempotency_key"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_income_record_idempotency_key" ON "income_record" ("idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
  }
}
