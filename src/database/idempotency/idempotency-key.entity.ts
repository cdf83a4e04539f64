import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One idempotency key of one user: the operation it was used for, the SHA-256 of the request's canonical
 * form (see `request-hash.ts`) and what identifies the first result (ids, not copies of records), so a
 * repeat of the same request returns that result and a different request under the same key is refused.
 * Written in the transaction of the write it names, so it exists exactly when that write committed.
 * Operational data, outside the ledger (the write itself is on the ledger).
 */
@Entity('idempotency_key')
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_idempotency_key' })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 100, primaryKeyConstraintName: 'PK_idempotency_key' })
  key!: string;

  @Column({ type: 'varchar', length: 60 })
  operation!: string;

  @Column({ type: 'varchar', length: 64 })
  requestHash!: string;

  @Column({ type: 'jsonb' })
  result!: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
