import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { countColumn } from '../ledger.entity';

export enum VerificationRunState {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

/**
 * One run of `verifyLedger` started with `startLedgerVerification`: it goes on in the background and
 * writes its progress here, so whoever started it (or another auditor) can leave and come back to it.
 * Operational data, not evidence: the result is recomputed by any later run, and the ledger itself is
 * untouched by it.
 */
@Entity('ledger_verification_run')
@Index('IDX_ledger_verification_run_started', ['startedAt'])
export class LedgerVerificationRun {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_ledger_verification_run' })
  id!: string;

  @Column({ type: 'varchar', length: 10 })
  state!: VerificationRunState;

  @Column({ type: 'uuid' })
  startedBy!: string;

  /** Entries in the ledger when the run's snapshot was taken (null until it is known). */
  @Column({ type: 'bigint', nullable: true, transformer: countColumn })
  treeSize!: number | null;

  @Column({ type: 'bigint', default: 0, transformer: countColumn })
  checkedEntries!: number;

  /** The verification's answer (LedgerVerificationType as JSON) once it has SUCCEEDED. */
  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  /** Why a run FAILED (it could not finish; nothing is said about the ledger). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  message!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
