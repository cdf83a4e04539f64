import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which seeds have run in this database (operational, not on the ledger). */
@Entity('seed_run')
export class SeedRun {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_seed_run' })
  name!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  ranAt!: Date;
}
