import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A region's register with the assets its villages co-own elsewhere (`assets(filter: { includeCoOwned })`)
 * looks the current owners up by code prefix (`owner_ref LIKE '500101151%'`): the codes compare byte by
 * byte, as region codes do everywhere else (COLLATE "C", so that a btree serves the prefix on a server of
 * any locale), and the current rows are indexed by owner.
 */
export class OwnershipOwnerIndex1795911600000 implements MigrationInterface {
  name = 'OwnershipOwnerIndex1795911600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "asset_ownership" ALTER COLUMN "owner_ref" TYPE character varying(64) COLLATE "C"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_asset_ownership_owner_current" ON "asset_ownership" ("owner_ref") WHERE "valid_to" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_asset_ownership_owner_current"`);
    await queryRunner.query(
      `ALTER TABLE "asset_ownership" ALTER COLUMN "owner_ref" TYPE character varying(64)`,
    );
  }
}
