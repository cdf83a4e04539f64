import { dossierLedgerCsv } from './asset-dossier';

describe('dossierLedgerCsv', () => {
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
      action: 'OWNERSHIP_PROPOSED',
      entityType: 'OwnershipProposal',
      entityId: 'x,y',
      recordedAt: new Date('2026-03-02T01:00:00Z'),
      leafHash: Buffer.from('ff', 'hex'),
    },
    {
      idx: 12,
      action: 'SOMETHING_NEW',
      entityType: 'Something',
      entityId: 'z',
      recordedAt: new Date('2026-03-02T01:00:00Z'),
      leafHash: Buffer.from('01', 'hex'),
    },
  ]).toString('utf8');
  const lines = csv.slice(1).trim().split('\r\n');

  it('writes one row per entry, oldest first, in Beijing time with the leaf hash in hex', () => {
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(lines[0]).toBe(
      '序号,账本条目序号,操作,操作代码,记录类型,记录类型代码,记录编号,记录时间（北京时间）,叶哈希',
    );
    expect(lines[1]).toBe('1,7,登记资产,ASSET_REGISTERED,资产,Asset,a1,2026-03-02 00:05:09,0a0b');
    expect(lines[2]).toBe(
      '2,9,提出确权方案并公示,OWNERSHIP_PROPOSED,确权方案,OwnershipProposal,"x,y",2026-03-02 09:00:00,ff',
    );
  });

  it('names the action and the record in Chinese, its code beside it for auditors', () => {
    expect(lines[3]).toBe('3,12,其他变更,SOMETHING_NEW,其他记录,Something,z,2026-03-02 09:00:00,01');
  });
});
