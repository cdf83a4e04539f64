import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { RegionLevel } from './region-level.enum';

/**
 * A division of the district, keyed by its statistical code. A child's code extends its parent's, so
 * "this region and everything below it" is a prefix match on `code`. Code columns use the "C" collation
 * everywhere so that such a LIKE 'prefix%' can use a plain btree index whatever the database's locale.
 */
@Entity('region')
@Check('CK_region_level', `"level" IN ('DISTRICT', 'TOWNSHIP', 'VILLAGE')`)
@Check(
  'CK_region_code_shape',
  `("level" = 'DISTRICT' AND "code" ~ '^[0-9]{6}$' AND "parent_code" IS NULL)
    OR ("level" = 'TOWNSHIP' AND "code" ~ '^[0-9]{9}$' AND left("code", 6) = "parent_code")
    OR ("level" = 'VILLAGE' AND "code" ~ '^[0-9]{12}$' AND left("code", 9) = "parent_code")`,
)
@Check(
  'CK_region_retired',
  `("retired_on" IS NULL AND "merged_into" IS NULL) OR ("retired_on" IS NOT NULL AND "level" = 'VILLAGE')`,
)
@Index('IDX_region_parent', ['parentCode'])
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 12, collation: 'C', primaryKeyConstraintName: 'PK_region' })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  level!: RegionLevel;

  @Column({ type: 'varchar', length: 12, nullable: true, collation: 'C' })
  parentCode!: string | null;

  @ManyToOne(() => Region, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'FK_region_parent' })
  parent?: Relation<Region> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /**
   * The day a village (or community) was retired (撤销), often merged into another: it stays readable with
   * all its records, but takes no new assets. Its former names are on the ledger (REGION_RENAMED).
   */
  @Column({ type: 'date', nullable: true })
  retiredOn!: string | null;

  /** The village it was merged into (合并), if any. */
  @Column({ type: 'varchar', length: 12, nullable: true, collation: 'C' })
  mergedInto!: string | null;

  @ManyToOne(() => Region, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merged_into', foreignKeyConstraintName: 'FK_region_merged_into' })
  mergedIntoRegion?: Relation<Region> | null;
}
