import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in failures counted per account, per account and client address, and per client address
 * (`login_throttle`), for unknown usernames as for real ones; it replaces `login_failure`, which counted
 * real users only (and so told which accounts exist). Counts in flight are operational data: dropped.
 */
export class LoginThrottle1795911340000 implements MigrationInterface {
  name = 'LoginThrottle1795911340000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_throttle" ("key" character varying(400) NOT NULL, "failed_count" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_login_throttle" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`ALTER TABLE "login_failure" DROP CONSTRAINT "FK_login_failure_user"`);
    await queryRunner.query(`DROP TABLE "login_failure"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_failure" ("user_id" uuid NOT NULL, "failed_count" integer NOT NULL DEFAULT '0', "last_failed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_login_failure" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "login_failure" ADD CONSTRAINT "FK_login_failure_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`DROP TABLE "login_throttle"`);
  }
}
