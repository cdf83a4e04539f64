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

export enum HouseholdImportPhase {
  PARSING = 'PARSING',
  VALIDATING = 'VALIDATING',
  IMPORTING = 'IMPORTING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

/** One problem of an import file: the row as Excel numbers it (1 = header, 0 = the file), the column header, what. */
// A type alias, not an interface: it is stored as JSON.
export type HouseholdImportProblem = { row: number; column: string; message: string };

/**
 * A household import job (`importHouseholds`). Like `asset_import` (same phases, same progress rules),
 * but a table of its own: the asset job's columns are about assets and projects. Operational data,
 * written by short autocommit statements outside the import's transaction and NOT on the ledger; each
 * household an import registers is (HOUSEHOLD_REGISTERED, request id `household-import:<job id>`).
 */
@Entity('household_import')
@Index('IDX_household_import_region', ['regionCode'])
@Check(
  'CK_household_import_phase',
  `"phase" IN ('PARSING', 'VALIDATING', 'IMPORTING', 'SUCCEEDED', 'FAILED')`,
)
export class HouseholdImport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_household_import' })
  id!: string;

  @Column({ type: 'uuid' })
  fileId!: string;

  @ManyToOne(() => EvidenceFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'file_id', foreignKeyConstraintName: 'FK_household_import_file' })
  file?: Relation<EvidenceFile>;

  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  /** The importer's region: who may follow the job. */
  @Column({ type: 'varchar', length: 12, collation: 'C' })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_household_import_region' })
  region?: Relation<Region>;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_household_import_created_by' })
  creator?: Relation<User>;

  @Column({ type: 'varchar', length: 64 })
  requestId!: string;

  @Column({ type: 'varchar', length: 12 })
  phase!: HouseholdImportPhase;

  @Column({ type: 'integer', nullable: true })
  totalRows!: number | null;

  @Column({ type: 'integer', default: 0 })
  processedRows!: number;

  @Column({ type: 'integer', default: 0 })
  importedCount!: number;

  @Column({ type: 'integer', default: 0 })
  problemCount!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  problems!: HouseholdImportProblem[];

  @Column({ type: 'varchar', length: 2000, nullable: true })
  message!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  validatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Also the job's heartbeat. */
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
