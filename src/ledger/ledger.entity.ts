import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** bigint columns that hold counts and indices; safe as JS numbers up to 2^53. */
export const countColumn = {
  to: (value: number | null | undefined): string | null | undefined =>
    value === null || value === undefined ? value : String(value),
  from: (value: string | null): number | null => (value === null ? null : Number(value)),
};

/** One ledger per district (keyed, so more districts can come later). */
@Entity('ledger')
export class Ledger {
  @PrimaryColumn({ type: 'varchar', length: 6, primaryKeyConstraintName: 'PK_ledger' })
  id!: string;

  /** The checkpoint origin line, e.g. `wanzhou.asset-registry.example/ledger/500101`. */
  @Column({ type: 'varchar', length: 255 })
  origin!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * One entry. `canonical` holds the exact RFC 8785 bytes that were hashed; the other columns are copies
 * of its fields for querying (verification checks that they agree). Insert-only: triggers refuse
 * UPDATE, DELETE and TRUNCATE.
 */
@Entity('ledger_entry')
@Index('IDX_ledger_entry_entity', ['ledgerId', 'entityType', 'entityId', 'idx'])
@Index('IDX_ledger_entry_action', ['ledgerId', 'action', 'idx'])
@Index('IDX_ledger_entry_region', ['ledgerId', 'regionCode', 'idx'])
@Index('IDX_ledger_entry_actor', ['ledgerId', 'actorId', 'idx'])
@Index('IDX_ledger_entry_time', ['ledgerId', 'recordedAt'])
export class LedgerEntry {
  @PrimaryColumn({ type: 'varchar', length: 6, primaryKeyConstraintName: 'PK_ledger_entry' })
  ledgerId!: string;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_ledger_entry', transformer: countColumn })
  idx!: number;

  @Column({ type: 'bytea' })
  leafHash!: Buffer;

  @Column({ type: 'bytea' })
  canonical!: Buffer;

  /** Ed25519 signature (with 4-byte key id) over origin, index and leaf hash, by the app's key. */
  @Column({ type: 'bytea' })
  signature!: Buffer;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 64 })
  entityType!: string;

  @Column({ type: 'varchar', length: 64 })
  entityId!: string;

  @Column({ type: 'varchar', length: 12, nullable: true, collation: 'C' })
  regionCode!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  requestId!: string;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}

/**
 * Hashes of complete subtrees ("tiles"): node (level, idx) covers leaves [idx·2^level, (idx+1)·2^level).
 * A node is written once, when its last leaf is appended, and never changes.
 */
@Entity('ledger_node')
export class LedgerNode {
  @PrimaryColumn({ type: 'varchar', length: 6, primaryKeyConstraintName: 'PK_ledger_node' })
  ledgerId!: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_ledger_node' })
  level!: number;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_ledger_node', transformer: countColumn })
  idx!: number;

  @Column({ type: 'bytea' })
  hash!: Buffer;
}

/** A signed checkpoint (C2SP tlog-checkpoint as a signed note). */
@Entity('ledger_checkpoint')
export class LedgerCheckpoint {
  @PrimaryColumn({ type: 'varchar', length: 6, primaryKeyConstraintName: 'PK_ledger_checkpoint' })
  ledgerId!: string;

  @PrimaryColumn({
    type: 'bigint',
    primaryKeyConstraintName: 'PK_ledger_checkpoint',
    transformer: countColumn,
  })
  treeSize!: number;

  @Column({ type: 'bytea' })
  rootHash!: Buffer;

  /** The whole signed note, exactly as served. */
  @Column({ type: 'text' })
  note!: string;

  /** The verifier key string of the key that signed it. */
  @Column({ type: 'varchar', length: 400 })
  verifierKey!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
