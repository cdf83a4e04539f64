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
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Fen, fenColumn } from '@/common/scalars/money';
import { Asset } from '@/assets/asset.entity';
import type { EvidenceRef } from '@/files/evidence-ref';
import {
  ContractChange,
  ContractKind,
  ContractStatus,
  OperatorKind,
  PaymentSchedule,
} from './contract.enums';

/**
 * An operator (经营主体) of village assets, registered by the village that contracts with it. The ID
 * number (individuals) and the contact's phone are personal data: shown in full only to the village
 * clerk and township officer of its village, masked to everyone else, and on the ledger only as masks
 * and salted digests.
 */
@Entity('operator')
@Index('UQ_operator_uscc', ['regionCode', 'uscc'], { unique: true, where: `"uscc" IS NOT NULL` })
@Index('IDX_operator_region', ['regionCode'])
@Check('CK_operator_kind', `"kind" IN ('ENTERPRISE', 'COOPERATIVE', 'FAMILY_FARM', 'INDIVIDUAL')`)
export class Operator {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_operator' })
  id!: string;

  /** The village that registered it (scopes who sees it). */
  @Column({ type: 'varchar', length: 12, collation: 'C' })
  regionCode!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: OperatorKind;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** 统一社会信用代码 (enterprises, cooperatives; family farms may have one). */
  @Column({ type: 'varchar', length: 18, nullable: true })
  uscc!: string | null;

  /** Resident ID number (individuals). */
  @Column({ type: 'varchar', length: 18, nullable: true })
  idNumber!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  contactPerson!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  contactPhone!: string | null;

  /** Salt of the digests of the ID number and phone on the ledger (never shown). */
  @Column({ type: 'bytea' })
  personalSalt!: Buffer;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}

/**
 * A contract under which an operator runs village assets: lease 租赁, contracting 承包, equity 入股 or
 * entrusted operation 委托经营. The row holds the terms in force; `contract_version` holds every
 * version (signature, renewals, amendments, termination, principal return), each a ledger entry.
 */
@Entity('contract')
@Index('UQ_contract_code', ['regionCode', 'code'], { unique: true })
@Index('IDX_contract_operator', ['operatorId'])
@Check('CK_contract_kind', `"kind" IN ('LEASE', 'CONTRACTING', 'EQUITY', 'ENTRUSTED')`)
@Check('CK_contract_status', `"status" IN ('ACTIVE', 'TERMINATED')`)
@Check('CK_contract_schedule', `"schedule" IN ('ANNUAL', 'SEMIANNUAL', 'QUARTERLY', 'MONTHLY', 'ONE_OFF')`)
@Check('CK_contract_term', `"end_date" > "start_date"`)
@Check(
  'CK_contract_amounts',
  `"amount" >= 0 AND ("guaranteed_minimum" IS NULL OR "guaranteed_minimum" >= 0) AND ("equity_principal" IS NULL OR "equity_principal" > 0)`,
)
export class Contract {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_contract' })
  id!: string;

  /** The village whose assets it concerns (scopes who sees it). */
  @Column({ type: 'varchar', length: 12, collation: 'C' })
  regionCode!: string;

  /** 合同编号, unique in its village. */
  @Column({ type: 'varchar', length: 50 })
  code!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ContractKind;

  @Column({ type: 'varchar', length: 12 })
  status!: ContractStatus;

  /** 甲方: the owner (the village collective economic organisation, usually). */
  @Column({ type: 'varchar', length: 200 })
  ownerName!: string;

  @Column({ type: 'uuid' })
  operatorId!: string;

  @ManyToOne(() => Operator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operator_id', foreignKeyConstraintName: 'FK_contract_operator' })
  operator?: Relation<Operator>;

  @Column({ type: 'date' })
  startDate!: string;

  /** The end of the term (moved by renewals). */
  @Column({ type: 'date' })
  endDate!: string;

  @Column({ type: 'date', nullable: true })
  terminatedOn!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  terminationReason!: string | null;

  /** The rent or dividend due each period of the schedule (the one-off amount for ONE_OFF), fen. */
  @Column({ type: 'bigint', transformer: fenColumn })
  amount!: Fen;

  @Column({ type: 'varchar', length: 12 })
  schedule!: PaymentSchedule;

  /** 保底收益 per year, if the contract guarantees one. */
  @Column({ type: 'bigint', nullable: true, transformer: fenColumn })
  guaranteedMinimum!: Fen | null;

  @Column({ type: 'bigint', nullable: true, transformer: fenColumn })
  equityPrincipal!: Fen | null;

  @Column({ type: 'date', nullable: true })
  equityMaturityDate!: string | null;

  @Column({ type: 'date', nullable: true })
  principalReturnedOn!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: fenColumn })
  principalReturnedAmount!: Fen | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence!: EvidenceRef[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}

/** The assets a contract concerns (one or more, all in its village). */
@Entity('contract_asset')
@Index('IDX_contract_asset_asset', ['assetId'])
export class ContractAsset {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_contract_asset' })
  contractId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_contract_asset' })
  assetId!: string;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'FK_contract_asset_contract' })
  contract?: Relation<Contract>;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'FK_contract_asset_asset' })
  asset?: Relation<Asset>;
}

/**
 * One version of a contract: what changed, from which day, and the terms after it. Insert-only; the
 * payment terms of SIGNED, RENEWED and AMENDED versions decide what falls due (see contract-rules).
 */
@Entity('contract_version')
@Check(
  'CK_contract_version_change',
  `"change" IN ('SIGNED', 'RENEWED', 'AMENDED', 'TERMINATED', 'PRINCIPAL_RETURNED')`,
)
export class ContractVersion {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_contract_version' })
  contractId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_contract_version' })
  versionNo!: number;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'FK_contract_version_contract' })
  contract?: Relation<Contract>;

  @Column({ type: 'varchar', length: 20 })
  change!: ContractChange;

  /** The day the change takes effect (signature: the start; termination: the last day in force). */
  @Column({ type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'date' })
  endDate!: string;

  @Column({ type: 'bigint', transformer: fenColumn })
  amount!: Fen;

  @Column({ type: 'varchar', length: 12 })
  schedule!: PaymentSchedule;

  @Column({ type: 'bigint', nullable: true, transformer: fenColumn })
  guaranteedMinimum!: Fen | null;

  @Column({ type: 'bigint', nullable: true, transformer: fenColumn })
  equityPrincipal!: Fen | null;

  @Column({ type: 'date', nullable: true })
  equityMaturityDate!: string | null;

  /** For PRINCIPAL_RETURNED: the amount returned. */
  @Column({ type: 'bigint', nullable: true, transformer: fenColumn })
  principalReturned!: Fen | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence!: EvidenceRef[];

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
