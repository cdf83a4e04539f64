import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

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

/**
 * A signed checkpoint (C2SP tlog-checkpoint as a signed note). Checkpoints signed since chaining began are
 * numbered (`seq` 0, 1, 2 … without gaps) and linked to the previous one by `link`, a signature of the
 * ledger key; a checkpoint row deleted behind the app's back is a gap that cannot be renumbered.
 */
@Entity('ledger_checkpoint')
@Unique('UQ_ledger_checkpoint_seq', ['ledgerId', 'seq'])
@Check('CK_ledger_checkpoint_link', `("seq" IS NULL) = ("link" IS NULL)`)
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

  /** Position in the chain of checked checkpoints (null: signed before chaining began). */
  @Column({ type: 'bigint', nullable: true, transformer: countColumn })
  seq!: number | null;

  /** 4-byte key id ‖ Ed25519 signature over the link message (see note/checkpoint-link.ts). */
  @Column({ type: 'bytea', nullable: true })
  link!: Buffer | null;
}

/**
 * Something the ledger refused to sign, and why: a red flag for the district and the auditors until it
 * is understood. Insert-only.
 */
@Entity('ledger_alarm')
@Index('IDX_ledger_alarm_time', ['ledgerId', 'raisedAt'])
export class LedgerAlarm {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_ledger_alarm' })
  id!: string;

  @Column({ type: 'varchar', length: 6 })
  ledgerId!: string;

  /** The kind of the first problem found (LEAF_HASH, SIGNATURE, NODE_HASH, TRUNCATED, CHECKPOINT_MISSING …). */
  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ type: 'text' })
  message!: string;

  /** The lowest ledger index a problem points at, if any. */
  @Column({ type: 'bigint', nullable: true, transformer: countColumn })
  firstIndex!: number | null;

  /** The ledger size the refused checkpoint would have had. */
  @Column({ type: 'bigint', nullable: true, transformer: countColumn })
  treeSize!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  raisedAt!: Date;
}
