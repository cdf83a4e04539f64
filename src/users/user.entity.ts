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
  VersionColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Role } from '@/common/auth';
import { Region } from '@/regions/region.entity';

export enum UserStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

@Entity('app_user')
@Index('UQ_app_user_username', ['username'], { unique: true })
@Index('IDX_app_user_region', ['regionCode'])
@Check(
  'CK_app_user_role',
  `"role" IN ('VILLAGE_CLERK', 'TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR', 'AUDITOR', 'ADMIN')`,
)
@Check('CK_app_user_status', `"status" IN ('ACTIVE', 'DISABLED')`)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_app_user' })
  id!: string;

  /** Stored lower-case; unique. */
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 100 })
  displayName!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @Column({ type: 'varchar', length: 12, collation: 'C' })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_app_user_region' })
  region?: Relation<Region>;

  /** scrypt, in the self-describing form `scrypt$N$r$p$salt$hash`. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16, default: UserStatus.ACTIVE })
  status!: UserStatus;

  /** Bumped when the password changes or the user is disabled: older tokens stop working. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}
