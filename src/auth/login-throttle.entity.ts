import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins counted per key, for the lockout and the throttle (see `AuthService.login`):
 * `account:<username>` (from any address), `pair:<username>|<address>` and `address:<address>` (any
 * username). Usernames that do not exist are counted like those that do, so the answers never tell them
 * apart. A count starts a window of LOCKOUT_MINUTES; a key past its limit is locked until `lockedUntil`.
 * Operational data, deliberately outside the ledger: only a lock of a real account is a recorded change.
 */
@Entity('login_throttle')
export class LoginThrottle {
  @PrimaryColumn({ type: 'varchar', length: 400, primaryKeyConstraintName: 'PK_login_throttle' })
  key!: string;

  @Column({ type: 'integer' })
  failedCount!: number;

  @Column({ type: 'timestamptz' })
  windowStartedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;
}
