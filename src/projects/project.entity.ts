import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Fen, fenColumn } from '@/common/scalars/money';
import { Region } from '@/regions/region.entity';
import { FundSource } from './fund-source.enum';

export enum ProjectType {
  INDUSTRY = 'INDUSTRY',
  INFRASTRUCTURE = 'INFRASTRUCTURE',
  EMPLOYMENT = 'EMPLOYMENT',
  PUBLIC_SERVICE = 'PUBLIC_SERVICE',
  HOUSING = 'HOUSING',
  OTHER = 'OTHER',
}

/** A poverty-alleviation project (项目): what built the assets, with where its money came from. */
@Entity('project')
@Index('UQ_project_code', ['code'], { unique: true })
@Index('IDX_project_region', ['regionCode'])
@Check(
  'CK_project_type',
  `"type" IN ('INDUSTRY', 'INFRASTRUCTURE', 'EMPLOYMENT', 'PUBLIC_SERVICE', 'HOUSING', 'OTHER')`,
)
export class Project {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_project' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'varchar', length: 20 })
  type!: ProjectType;

  @Column({ type: 'varchar', length: 200 })
  implementingUnit!: string;

  @Column({ type: 'varchar', length: 12, collation: 'C' })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_project_region' })
  region?: Relation<Region>;

  @Column({ type: 'date', nullable: true })
  completionDate!: string | null;

  @Column({ type: 'date', nullable: true })
  acceptanceDate!: string | null;

  @OneToMany(() => ProjectFundSource, (f) => f.project)
  fundSources?: Relation<ProjectFundSource[]>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}

/** One source of a project's money; the project's total investment is their sum. */
@Entity('project_fund_source')
@Check('CK_project_fund_source_amount', `"amount" > 0`)
export class ProjectFundSource {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_project_fund_source' })
  projectId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'PK_project_fund_source' })
  source!: FundSource;

  @ManyToOne(() => Project, (p) => p.fundSources, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_project_fund_source_project' })
  project?: Relation<Project>;

  @Column({ type: 'bigint', transformer: fenColumn })
  amount!: Fen;
}

/** Chinese names of the project types (the ledger's 项目类型 column). */
export const PROJECT_TYPE_NAMES: Record<ProjectType, string> = {
  [ProjectType.INDUSTRY]: '产业发展',
  [ProjectType.INFRASTRUCTURE]: '基础设施',
  [ProjectType.EMPLOYMENT]: '就业帮扶',
  [ProjectType.PUBLIC_SERVICE]: '公共服务',
  [ProjectType.HOUSING]: '住房保障',
  [ProjectType.OTHER]: '其他',
};
