import { AssetFilter } from './dto/asset.inputs';

/** A WHERE clause over `asset a` with named parameters (`:name`), as TypeORM's query builder takes it. */
export interface FilterSql {
  where: string;
  params: Record<string, unknown>;
}

/**
 * The one definition of which assets a filter selects, within the caller's read scope (a region-code
 * prefix): used by the query builder (summaries, exports, reports) and by the list's lean SQL path.
 * Every value travels as a parameter; arrays as one array parameter (`= ANY(:x)`).
 */
export function assetFilterSql(scopePrefix: string, filter: AssetFilter | undefined): FilterSql {
  const where = ['a.location_code LIKE :scope'];
  const params: Record<string, unknown> = { scope: `${scopePrefix}%` };
  const add = (sql: string, values: Record<string, unknown>): void => {
    where.push(sql);
    Object.assign(params, values);
  };
  if (!filter) return { where: where.join(' AND '), params };
  if (filter.regionCode) add('a.location_code LIKE :region', { region: `${filter.regionCode}%` });
  if (filter.class?.length) add('a.class = ANY(:classes)', { classes: filter.class });
  if (filter.form?.length) add('a.form = ANY(:forms)', { forms: filter.form });
  if (filter.categoryCode?.length)
    add('a.category_code = ANY(:categories)', { categories: filter.categoryCode });
  if (filter.status?.length) add('a.status = ANY(:statuses)', { statuses: filter.status });
  if (filter.projectId) add('a.project_id = :projectId', { projectId: filter.projectId });
  if (filter.ownerType) {
    add(
      'EXISTS (SELECT 1 FROM asset_ownership o WHERE o.asset_id = a.id AND o.valid_to IS NULL AND o.owner_type = :ownerType)',
      { ownerType: filter.ownerType },
    );
  }
  if (filter.fundSource) {
    add('EXISTS (SELECT 1 FROM asset_fund_source f WHERE f.asset_id = a.id AND f.source = :fundSource)', {
      fundSource: filter.fundSource,
    });
  }
  if (filter.yearFrom !== undefined || filter.yearTo !== undefined) {
    add(
      'EXISTS (SELECT 1 FROM project p WHERE p.id = a.project_id AND p.year BETWEEN :yearFrom AND :yearTo)',
      {
        yearFrom: filter.yearFrom ?? 0,
        yearTo: filter.yearTo ?? 9999,
      },
    );
  }
  if (filter.valueFrom !== undefined)
    add('a.formed_value >= :valueFrom', { valueFrom: filter.valueFrom.toString() });
  if (filter.valueTo !== undefined) add('a.formed_value <= :valueTo', { valueTo: filter.valueTo.toString() });
  if (filter.text) {
    const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add('(a.name ILIKE :pattern OR a.code ILIKE :pattern)', { pattern });
  }
  return { where: where.join(' AND '), params };
}

/**
 * `:name` parameters to PostgreSQL's `$n` for a plain `query(sql, values)`; a name used twice is one
 * parameter. `::type` casts are left alone. An unknown name is an error, never an empty value.
 */
export function positional(sql: string, params: Record<string, unknown>): [string, unknown[]] {
  const values: unknown[] = [];
  const index = new Map<string, number>();
  const text = sql.replace(/(?<![:\w]):([A-Za-z_]\w*)/g, (_m, name: string) => {
    if (!(name in params)) throw new Error(`no value for the SQL parameter :${name}`);
    let n = index.get(name);
    if (n === undefined) {
      values.push(params[name]);
      n = values.length;
      index.set(name, n);
    }
    return `$${n}`;
  });
  return [text, values];
}
