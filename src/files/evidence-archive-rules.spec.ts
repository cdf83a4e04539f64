import { manifestCsv } from './evidence-archive-rules';

describe('manifestCsv (清单.csv)', () => {
  it('gives the upload time in Beijing time, as 账本记录.csv does', () => {
    const csv = manifestCsv([
      {
        id: 'f1',
        entryName: '证明材料/f1-收据.pdf',
        originalName: '收据.pdf',
        mediaType: 'application/pdf',
        size: 12,
        sha256: 'ab',
        regionCode: '500101151201',
        createdAt: new Date('2026-03-01T16:05:09.123Z'),
        citedBy: [3, 8],
        matchesLedger: true,
      },
    ]).toString('utf8');
    const [header, row] = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(header).toBe(
      '文件编号,包内路径,原文件名,类型,字节数,SHA-256,所属区域,上传时间（北京时间）,引用的账本条目,与账本一致',
    );
    expect(row).toBe(
      'f1,证明材料/f1-收据.pdf,收据.pdf,application/pdf,12,ab,500101151201,2026-03-02 00:05:09,3 8,是',
    );
  });
});
