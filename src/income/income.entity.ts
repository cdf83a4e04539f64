import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Fen, fenColumn } from '@/common/scalars/money';
import { Asset } from '@/assets/asset.entity';
import { Contract } from '@/contracts/contract.entity';
import type { EvidenceRef } from '@/files/evidence-ref';

export enum IncomeKind {
  RENT = 'RENT',
  DIVIDEND = 'DIVIDEND',
  SALES = 'SALES',
  SUBSIDY = 'SUBSIDY',
  OTHER = 'OTHER',
}

/**
 * Income an operating asset earned (收益). Never edited or deleted: a mistake is corrected by a
 * compensating record (`reversesId`, negative amount). Insert-only by convention; the ledger proves it.
 */
@Entity('income_record')
@Index('UQ_income_record_reverses', ['reversesId'], { unique: true, where: `"reverses_id" IS NOT NULL` })
@Index('IDX_income_record_asset', ['assetId', 'kind', 'periodFrom'])
@Index('IDX_income_record_contract', ['contractId'])
@Check('CK_income_record_kind', `"kind" IN ('RENT', 'DIVIDEND', 'SALES', 'SUBSIDY', 'OTHER')`)
@Check('CK_income_record_amount', `"amount" <> 0`)
@Check('CK_income_record_period', `"period_from" <= "period_to"`)
export class IncomeRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_income_record' })
  id!: string;

  @Column({ type: 'uuid' })
  assetId!: string;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'FK_income_record_asset' })
  asset?: Relation<Asset>;

  /** Where the asset was when the income was recorded (scopes who sees the record). */
  @Column({ type: 'varchar', length: 12, collation: 'C' })
  regionCode!: string;

  @Column({ type: 'bigint', transformer: fenColumn })
  amount!: Fen;

  @Column({ type: 'varchar', length: 12 })
  kind!: IncomeKind;

  @Column({ type: 'date' })
  periodFrom!: string;

  @Column({ type: 'date' })
  periodTo!: string;

  @Column({ type: 'date' })
  receivedOn!: string;

  /** A supplement may overlap an earlier record of the same asset, kind and period. */
  @Column({ type: 'boolean', default: false })
  supplement!: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence!: EvidenceRef[];

  /** The idempotency key the client recorded it with (informational: keys live in `idempotency_key`). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  idempotencyKey!: string | null;

  /** Set on a compensating record: the record it reverses. */
  @Column({ type: 'uuid', nullable: true })
  reversesId!: string | null;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  /** The contract it was paid under (rent or dividend), if any; a compensating record keeps it. */
  @Column({ type: 'uuid', nullable: true })
  contractId!: string | null;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'FK_income_record_contract' })
  contract?: Relation<Contract>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * Who an income belongs to: split between the asset's confirmed owners by their shares (largest
 * remainder, to the fen). A village collective's share is that village's income to distribute.
 */
@Entity('income_share')
@Index('IDX_income_share_village', ['villageCode'])
export class IncomeShare {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_income_share' })
  incomeId!: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_income_share' })
  position!: number;

  @ManyToOne(() => IncomeRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'income_id', foreignKeyConstraintName: 'FK_income_share_income' })
  income?: Relation<IncomeRecord>;

  @Column({ type: 'varchar', length: 24 })
  ownerType!: string;

  @Column({ type: 'varchar', length: 64 })
  ownerRef!: string;

  /** The village whose collective owns this share (null for township or district owners). */
  @Column({ type: 'varchar', length: 12, nullable: true, collation: 'C' })
  villageCode!: string | null;

  @Column({ type: 'integer' })
  shareBp!: number;

  @Column({ type: 'bigint', transformer: fenColumn })
  amount!: Fen;
}

export const INCOME_KIND_NAMES: Record<IncomeKind, string> = {
  [IncomeKind.RENT]: '租金',
  [IncomeKind.DIVIDEND]: '分红',
  [IncomeKind.SALES]: '销售收入',
  [IncomeKind.SUBSIDY]: '补贴',
  [IncomeKind.OTHER]: '其他收入',
};
