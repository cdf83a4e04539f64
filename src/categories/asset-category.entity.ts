import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** The configurable list of asset categories (道路桥梁, 饮水工程, 光伏电站 …) that ADMIN maintains. */
@Entity('asset_category')
export class AssetCategory {
  @PrimaryColumn({
    type: 'varchar',
    length: 32,
    collation: 'C',
    primaryKeyConstraintName: 'PK_asset_category',
  })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ type: 'integer', default: 0 })
  sortOrder!: number;

  /** An inactive category stays on existing assets but cannot be chosen for new ones. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}

/** The usual categories, loaded once as reference data (national statistics use a longer list). */
export const DEFAULT_CATEGORIES: Array<{ code: string; name: string; sortOrder: number }> = [
  { code: 'ROADS_BRIDGES', name: '道路桥梁', sortOrder: 10 },
  { code: 'DRINKING_WATER', name: '饮水工程', sortOrder: 20 },
  { code: 'FARM_INFRASTRUCTURE', name: '农业基础设施', sortOrder: 30 },
  { code: 'BUILDINGS_PLANTS', name: '房屋厂房', sortOrder: 40 },
  { code: 'PV_STATION', name: '光伏电站', sortOrder: 50 },
  { code: 'TOURISM', name: '旅游设施', sortOrder: 60 },
  { code: 'EQUIPMENT', name: '设备设施', sortOrder: 70 },
  { code: 'LIVESTOCK', name: '畜禽', sortOrder: 80 },
  { code: 'SEEDLINGS', name: '种苗', sortOrder: 90 },
  { code: 'EQUITY', name: '股权', sortOrder: 100 },
  { code: 'EDUCATION_HEALTH', name: '教育卫生设施', sortOrder: 110 },
  { code: 'OTHER', name: '其他', sortOrder: 990 },
];
