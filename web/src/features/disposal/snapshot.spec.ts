import { createHash } from 'node:crypto';
import { assetChanges, fenToYuan, parseSnapshot, sha256Hex, stateAt } from './snapshot';

describe('disposal snapshot', () => {
  it('parses the request and the asset', () => {
    const s = parseSnapshot('{"asset":{"id":"a","name":"大棚"},"request":{"id":"r"}}');
    expect(s.request.id).toBe('r');
    expect(s.asset?.name).toBe('大棚');
    expect(parseSnapshot('{"asset":null,"request":{"id":"r"}}').asset).toBeNull();
    expect(() => parseSnapshot('{"asset":{}}')).toThrow();
  });

  it('lists the listed fields that changed, never bookkeeping ones', () => {
    const before = {
      name: '大棚',
      managementResponsible: '张三',
      version: 2,
      updatedAt: 'x',
      formedValue: '100',
    };
    const after = {
      name: '大棚',
      managementResponsible: '李四',
      version: 3,
      updatedAt: 'y',
      formedValue: '100',
    };
    expect(assetChanges(before, after)).toEqual([
      { key: 'managementResponsible', label: '管护责任人', kind: 'text', before: '张三', after: '李四' },
    ]);
    expect(assetChanges(after, after)).toEqual([]);
    // A field that appears (null before) counts as changed; arrays compare by value.
    expect(assetChanges({ operator: null }, { operator: '合作社' }).map((c) => c.key)).toEqual(['operator']);
    expect(
      assetChanges(
        { fundSources: [{ source: 'A', amount: '1' }] },
        { fundSources: [{ source: 'A', amount: '1' }] },
      ),
    ).toEqual([]);
  });

  it('takes the state a record had at a moment from its history', () => {
    const history = [
      { time: '2026-01-01T00:00:00Z', after: { v: 1 } },
      { time: '2026-02-01T00:00:00Z', after: { v: 2 } },
      { time: '2026-03-01T00:00:00Z', after: { v: 3 } },
    ];
    expect(stateAt(history, '2025-12-31T00:00:00Z')).toBeNull();
    expect(stateAt(history, '2026-02-01T00:00:00Z')).toEqual({ v: 2 });
    expect(stateAt(history, '2026-02-15T00:00:00.000Z')).toEqual({ v: 2 });
    expect(stateAt(history, '2027-01-01T00:00:00Z')).toEqual({ v: 3 });
  });

  it('turns fen into yuan by string arithmetic', () => {
    expect(fenToYuan('1234567')).toBe('12345.67');
    expect(fenToYuan('5')).toBe('0.05');
    expect(fenToYuan('0')).toBe('0.00');
    expect(fenToYuan('-120')).toBe('-1.20');
    expect(fenToYuan('12000000')).toBe('120000.00');
    expect(() => fenToYuan('1.5')).toThrow();
  });

  it('hashes as the server does (SHA-256, hex)', async () => {
    const text = '{"asset":null,"request":{"id":"r"}}';
    expect(await sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
  });
});
