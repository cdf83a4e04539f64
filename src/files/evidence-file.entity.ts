import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { countColumn } from '@/ledger/ledger.entity';
import { Region } from '@/regions/region.entity';
import { User } from '@/users/user.entity';

/**
 * One uploaded evidence file (a scanned contract, a photo, a spreadsheet …): its metadata only. The
 * bytes are content-addressed on disk under the files directory (`sha256/ab/<sha256>`), stored once per
 * content however many rows point to them. Rows are never changed nor deleted; each is on the ledger
 * (`FILE_UPLOADED`), with its SHA-256, so the ledger proves which exact bytes a record cites.
 */
@Entity('evidence_file')
@Index('IDX_evidence_file_sha256', ['sha256'])
@Index('IDX_evidence_file_region', ['regionCode'])
@Check('CK_evidence_file_sha256', `"sha256" ~ '^[0-9a-f]{64}$'`)
@Check('CK_evidence_file_size', `"size" >= 0`)
export class EvidenceFile {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_evidence_file' })
  id!: string;

  /** Lower-case hex SHA-256 of the content. */
  @Column({ type: 'varchar', length: 64, collation: 'C' })
  sha256!: string;

  /** Bytes. */
  @Column({ type: 'bigint', transformer: countColumn })
  size!: number;

  /** Detected from the content: one of the allowed types (see media-type.ts). */
  @Column({ type: 'varchar', length: 100 })
  mediaType!: string;

  /** The name the uploader's file had (cleaned: no directories, no control characters). */
  @Column({ type: 'varchar', length: 255 })
  originalName!: string;

  /** The region the file belongs to: who may read it, and which records it may serve. */
  @Column({ type: 'varchar', length: 12, collation: 'C' })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_evidence_file_region' })
  region?: Relation<Region>;

  @Column({ type: 'uuid' })
  uploadedBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'FK_evidence_file_uploaded_by' })
  uploader?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
