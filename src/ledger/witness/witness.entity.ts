import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { countColumn } from '../ledger.entity';

export enum WitnessStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
}

/**
 * A witness of the ledger: a key held by a person or a machine of a township or the district (never by
 * the server), registered by its public key (a C2SP signed-note verifier key of type 0x04), approved by
 * an ADMIN, revocable. Every change is on the ledger (`Witness`).
 */
@Entity('witness')
@Unique('UQ_witness_name', ['name'])
@Check('CK_witness_status', `"status" IN ('PENDING', 'ACTIVE', 'REVOKED')`)
export class Witness {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_witness' })
  id!: string;

  /** The key name (a schema-less URL, e.g. `longju.wanzhou.example/witness`). */
  @Column({ type: 'varchar', length: 255 })
  name!: string;

  /** `<name>+<key ID>+base64(0x04 ‖ Ed25519 public key)`. */
  @Column({ type: 'varchar', length: 400 })
  verifierKey!: string;

  /** The region of the person who registered it (district or township). */
  @Column({ type: 'varchar', length: 12, collation: 'C' })
  regionCode!: string;

  /** Submission prefix of a witness that answers tlog-witness add-checkpoint requests (push), if any. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  url!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: WitnessStatus;

  @Column({ type: 'uuid' })
  registeredBy!: string;

  @Column({ type: 'uuid', nullable: true })
  approvedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  revokeReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** The district's witness policy: k of these witnesses must cosign a checkpoint. Versioned, never changed. */
@Entity('witness_policy')
@Check('CK_witness_policy_quorum', `"quorum" >= 1 AND "quorum" <= cardinality("witness_ids")`)
export class WitnessPolicyVersion {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_witness_policy' })
  version!: number;

  @Column({ type: 'integer' })
  quorum!: number;

  @Column({ type: 'uuid', array: true })
  witnessIds!: string[];

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A verified cosignature (C2SP tlog-cosignature) of a checkpoint. Insert-only. */
@Entity('witness_cosignature')
@Index('IDX_witness_cosignature_witness', ['witnessId', 'signedAt'])
export class WitnessCosignature {
  @PrimaryColumn({ type: 'varchar', length: 6, primaryKeyConstraintName: 'PK_witness_cosignature' })
  ledgerId!: string;

  @PrimaryColumn({
    type: 'bigint',
    primaryKeyConstraintName: 'PK_witness_cosignature',
    transformer: countColumn,
  })
  treeSize!: number;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_witness_cosignature' })
  witnessId!: string;

  /** The cosignature's own timestamp. */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'PK_witness_cosignature' })
  signedAt!: Date;

  /** The note signature line, exactly as the witness made it. */
  @Column({ type: 'text' })
  line!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt!: Date;
}

/** A witness's refusal to cosign, with its reason. Insert-only. */
@Entity('witness_refusal')
@Index('IDX_witness_refusal_time', ['receivedAt'])
export class WitnessRefusal {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_witness_refusal' })
  id!: string;

  @Column({ type: 'uuid' })
  witnessId!: string;

  /** The checkpoint refused. */
  @Column({ type: 'bigint', transformer: countColumn })
  treeSize!: number;

  @Column({ type: 'bytea' })
  rootHash!: Buffer;

  @Column({ type: 'bigint', transformer: countColumn })
  oldSize!: number;

  /** The tlog-witness HTTP status (409, 422, 403 …). */
  @Column({ type: 'smallint' })
  status!: number;

  @Column({ type: 'text' })
  reason!: string;

  /** The refusal as the witness signed it (pull), or null when the server saw the answer itself (push). */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt!: Date;
}

export const WITNESS_ENTITIES = [Witness, WitnessPolicyVersion, WitnessCosignature, WitnessRefusal];
