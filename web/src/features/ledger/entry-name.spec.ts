import { entryName } from './entry-name';

describe('entryName', () => {
  it('names a record from its state after the change', () => {
    expect(entryName('Asset', { code: 'WZ-151201-0001', name: '梧桐村蔬菜大棚', id: 'a1' }, null)).toBe(
      'WZ-151201-0001 梧桐村蔬菜大棚',
    );
    expect(entryName('User', { username: 'wutong', displayName: '梧桐村 张会计' }, null)).toBe(
      'wutong（梧桐村 张会计）',
    );
    expect(entryName('User', { username: 'wutong' }, null)).toBe('wutong');
    expect(entryName('EvidenceFile', { originalName: '确权公示张贴照片.pdf' }, null)).toBe(
      '确权公示张贴照片.pdf',
    );
    expect(
      entryName('InventoryItem', { assetCode: 'WZ-153202-0194', assetName: '用坪村人行便桥' }, null),
    ).toBe('WZ-153202-0194 用坪村人行便桥');
  });

  it('reads the state before the change when there is none after', () => {
    expect(entryName('Region', null, { code: '500101153207', name: '新田村' })).toBe('新田村');
    expect(entryName('Region', { name: '新田村（撤销）' }, { name: '新田村' })).toBe('新田村（撤销）');
  });

  it('names a household by its registry number, never by its head', () => {
    expect(
      entryName('Household', { registryNo: '500101151201-H900', headName: '向春林', id: 'h1' }, null),
    ).toBe('500101151201-H900');
  });

  it('gives no name where the state names nothing of its own, or is missing or malformed', () => {
    expect(entryName('IncomeRecord', { amount: '100', assetId: 'a1' }, null)).toBeNull();
    expect(entryName('DisposalPolicy', { version: 2, note: '默认处置审批权限' }, null)).toBeNull();
    expect(entryName('Asset', null, null)).toBeNull();
    expect(entryName('Asset', ['WZ'], null)).toBeNull();
    expect(entryName('Asset', { code: '', name: 3 }, null)).toBeNull();
    expect(entryName('Asset', { code: 'WZ-1' }, null)).toBe('WZ-1');
    expect(entryName('SomethingNew', { name: 'x' }, null)).toBeNull();
  });
});
