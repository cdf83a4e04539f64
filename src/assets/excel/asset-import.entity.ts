import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { EvidenceFile } from '@/files/evidence-file.entity';
import { Region } from '@/regions/region.entity';
import { User } from '@/users/user.entity';

export enum AssetImportPhase {
  PARSING = 'PARSING',
  VALIDATING = 'VALIDATING',
  IMPORTING = 'IMPORTING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

/** One problem of an import file: where (sheet, row as Excel numbers it, column header) and what. */
// A type alias, not an interface: it is stored as JSON.
export type ImportProblem = { sheet: string; row: number; column: string; message: string };

/**
 * An import job (`importAssets`): which file, who, how far it got, and what was wrong with the file.
 *
 * Operational data, not a business record: the rows are progress reports, written by short autocommit
 * statements outside the import's transaction so that polls from any process see them while it runs,
 * and they are NOT on the audit ledger. What an import changes in the register (each asset, each
 * project created from the 项目 sheet) is on the ledger, one entry per record, with the request id
 * `asset-import:<job id>`; the file it came from is on the ledger too (FILE_UPLOADED, with its SHA-256).
 */
@Entity('asset_import')
@Index('IDX_asset_import_region', ['regionCode'])
@Check('CK_asset_import_phase', `"phase" IN ('PARSING', 'VALIDATING', 'IMPORTING', 'SUCCEEDED', 'FAILED')`)
export class AssetImport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_asset_import' })
  id!: string;

  @Column({ type: 'uuid' })
  fileId!: string;

  @ManyToOne(() => EvidenceFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'file_id', foreignKeyConstraintName: 'FK_asset_import_file' })
  file?: Relation<EvidenceFile>;

  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  /** The importer's region: who may follow the job. */
  @Column({ type: 'varchar', length: 12, collation: 'C' })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_asset_import_region' })
  region?: Relation<Region>;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_asset_import_created_by' })
  creator?: Relation<User>;

  /** The request that started the job (its ledger entries carry `asset-import:<id>`). */
  @Column({ type: 'varchar', length: 64 })
  requestId!: string;

  @Column({ type: 'varchar', length: 12 })
  phase!: AssetImportPhase;

  /** Data rows of the file (both sheets), once read. */
  @Column({ type: 'integer', nullable: true })
  totalRows!: number | null;

  /** Rows the current phase has finished (validated, then written). */
  @Column({ type: 'integer', default: 0 })
  processedRows!: number;

  /** Assets imported (committed): 0 until SUCCEEDED. */
  @Column({ type: 'integer', default: 0 })
  importedCount!: number;

  /** Projects registered from the 项目 sheet (committed with the assets). */
  @Column({ type: 'integer', default: 0 })
  createdProjectCount!: number;

  /** Every problem found (`problems` keeps the first MAX_STORED_PROBLEMS of them). */
  @Column({ type: 'integer', default: 0 })
  problemCount!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  problems!: ImportProblem[];

  /** A summary of the outcome, or why the job failed as a whole. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  message!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  /** When every row had been checked (the end of VALIDATING). */
  @Column({ type: 'timestamptz', nullable: true })
  validatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Also the job's heartbeat: a running job touches it at least every few seconds. */
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
