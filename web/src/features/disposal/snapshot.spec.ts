import { assetChanges, fenToYuan, parseSnapshot, sha256Hex, stateBefore } from './snapshot';

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

  it('takes the state a record had just before another entry of the ledger', () => {
    const history = [
      { index: 3, after: { v: 1 } },
      { index: 7, after: { v: 2 } },
      { index: 12, after: { v: 3 } },
    ];
    expect(stateBefore(history, 3)).toBeNull();
    expect(stateBefore(history, 7)).toEqual({ v: 1 });
    expect(stateBefore(history, 10)).toEqual({ v: 2 });
    expect(stateBefore(history, 100)).toEqual({ v: 3 });
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
    // sha256sum of the same text
    expect(await sha256Hex(text)).toBe('581f9f14851292c92a06666ec5ac4e5b1936ca066eef774d95b92a7ec2f67b73');
  });
});
