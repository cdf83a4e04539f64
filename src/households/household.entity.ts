import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Region } from '@/regions/region.entity';
import {
  HOUSEHOLD_STATUS_SQL_LIST,
  HouseholdStatusKind,
  MONITORING_CATEGORY_SQL_LIST,
  MonitoringCategory,
} from './household.enums';

/**
 * A beneficiary household (农户): a formerly poor (脱贫户) or monitored (监测户) household of a village,
 * identified by its registry number (户籍/建档立卡编号). Its statuses are kept as history
 * ({@link HouseholdStatus}).
 */
@Entity('household')
@Index('UQ_household_registry_no', ['registryNo'], { unique: true })
@Index('IDX_household_village', ['villageCode'])
@Check('CK_household_members', `"members_count" BETWEEN 1 AND 30`)
@Check('CK_household_id_number_salt', `("id_number" IS NULL) = ("id_number_salt" IS NULL)`)
export class Household {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_household' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  registryNo!: string;

  @Column({ type: 'varchar', length: 100 })
  headName!: string;

  @Column({ type: 'varchar', length: 12, collation: 'C' })
  villageCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'village_code', foreignKeyConstraintName: 'FK_household_village' })
  village?: Relation<Region>;

  @Column({ type: 'smallint' })
  membersCount!: number;

  /** The head's resident ID number (GB 11643), as given. Never on the ledger: see `householdState`. */
  @Column({ type: 'varchar', length: 18, nullable: true })
  idNumber!: string | null;

  /** Secret salt of the ID number's digest on the ledger (a new one whenever the number changes). */
  @Column({ type: 'bytea', nullable: true })
  idNumberSalt!: Buffer | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  /**
   * Secret salt of the phone's digest on the ledger. Every household written since the digest exists
   * has one; a household with none has only entries that hold the phone itself (see `householdState`).
   */
  @Column({ type: 'bytea', nullable: true })
  phoneSalt!: Buffer | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address!: string | null;

  @OneToMany(() => HouseholdStatus, (s) => s.household)
  statuses?: Relation<HouseholdStatus[]>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}

/**
 * One period of a household's status. History is never overwritten: a new status closes the open one
 * (ended_on = the day before it starts) and opens another; leaving the monitoring system closes the
 * open one. At most one period per household is open (ended_on IS NULL).
 */
@Entity('household_status')
@Index('IDX_household_status_household', ['householdId', 'startedOn'])
@Index('UQ_household_status_open', ['householdId'], { unique: true, where: `"ended_on" IS NULL` })
@Check('CK_household_status_status', `"status" IN (${HOUSEHOLD_STATUS_SQL_LIST})`)
@Check(
  'CK_household_status_category',
  `("status" = 'MONITORED' AND "monitoring_category" IN (${MONITORING_CATEGORY_SQL_LIST})) OR ("status" <> 'MONITORED' AND "monitoring_category" IS NULL)`,
)
@Check('CK_household_status_dates', `"ended_on" IS NULL OR "ended_on" >= "started_on"`)
export class HouseholdStatus {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_household_status' })
  id!: string;

  @Column({ type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => Household, (h) => h.statuses, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'FK_household_status_household' })
  household?: Relation<Household>;

  @Column({ type: 'varchar', length: 20 })
  status!: HouseholdStatusKind;

  @Column({ type: 'varchar', length: 20, nullable: true })
  monitoringCategory!: MonitoringCategory | null;

  @Column({ type: 'date' })
  startedOn!: string;

  @Column({ type: 'date', nullable: true })
  endedOn!: string | null;

  /** Why the household left the monitoring system (endHouseholdStatus); null when a new status closed it. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  endReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
