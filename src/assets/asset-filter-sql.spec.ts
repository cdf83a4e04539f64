import { AssetClass, AssetStatus } from './asset.enums';
import { assetFilterSql, positional } from './asset-filter-sql';

describe('assetFilterSql', () => {
  it('always bounds the assets by the caller’s scope', () => {
    const { where, params } = assetFilterSql('500101151', undefined);
    expect(where).toBe('a.location_code LIKE :scope');
    expect(params).toEqual({ scope: '500101151%' });
  });

  it('adds each filter as a parameter, arrays as one array parameter', () => {
    const { where, params } = assetFilterSql('500101', {
      regionCode: '500101151',
      class: [AssetClass.OPERATING],
      status: [AssetStatus.IN_USE, AssetStatus.IDLE],
      valueFrom: 100n,
      text: '50%_光伏',
    });
    expect(where).toContain('a.location_code LIKE :scope AND a.location_code LIKE :region');
    expect(where).toContain('a.class = ANY(:classes)');
    expect(where).toContain('a.status = ANY(:statuses)');
    expect(params).toMatchObject({
      region: '500101151%',
      classes: ['OPERATING'],
      statuses: ['IN_USE', 'IDLE'],
      valueFrom: '100',
      pattern: '%50\\%\\_光伏%',
    });
  });
});

describe('positional', () => {
  it('numbers named parameters once each and leaves casts alone', () => {
    const [sql, values] = positional('SELECT :a::text, :b, :a FROM t WHERE x = :b', { a: 1, b: 'two' });
    expect(sql).toBe('SELECT $1::text, $2, $1 FROM t WHERE x = $2');
    expect(values).toEqual([1, 'two']);
  });

  it('refuses a parameter it has no value for', () => {
    expect(() => positional('SELECT :missing', {})).toThrow(/:missing/);
  });
});
