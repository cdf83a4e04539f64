import { dossierLedgerCsv } from './asset-dossier';

describe('dossierLedgerCsv', () => {
  it('writes one row per entry, oldest first, in China time with the leaf hash in hex', () => {
    const csv = dossierLedgerCsv([
      {
        idx: 7,
        action: 'ASSET_REGISTERED',
        entityType: 'Asset',
        entityId: 'a1',
        recordedAt: new Date('2026-03-01T16:05:09Z'),
        leafHash: Buffer.from('0a0b', 'hex'),
      },
      {
        idx: 9,
        action: 'INCOME_RECORDED',
        entityType: 'IncomeRecord',
        entityId: 'x,y',
        recordedAt: new Date('2026-03-02T01:00:00Z'),
        leafHash: Buffer.from('ff', 'hex'),
      },
    ]).toString('utf8');
    expect(csv.startsWith('\ufeff序号,账本条目序号,操作,')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[1]).toBe('1,7,ASSET_REGISTERED,Asset,a1,2026-03-02 00:05:09,0a0b');
    expect(lines[2]).toBe('2,9,INCOME_RECORDED,IncomeRecord,"x,y",2026-03-02 09:00:00,ff');
  });
});
