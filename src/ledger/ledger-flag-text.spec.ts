import { problemKindLabels } from '../../web/src/features/ledger/ledger-labels';
import { ledgerAlarmText, LEDGER_PROBLEM_KIND_LABELS, witnessRefusalText } from './ledger-flag-text';

/** Latin words of a Chinese sentence outside quotes, codes in capitals aside. */
const english = (text: string): string[] =>
  (text.replace(/“[^”]*”|"[^"]*"/g, '').match(/[A-Za-z]{2,}/g) ?? []).filter(
    (w) => w !== w.toUpperCase() && w !== 'JSON',
  );

describe('ledgerAlarmText', () => {
  it('says an alarm of one problem in Chinese from its kind and index; English for en', () => {
    const alarm = {
      kind: 'LEAF_HASH',
      message:
        'refused to sign a checkpoint at size 12 (latest checkpoint 8): entry 9: stored leaf hash does not match its canonical bytes',
      firstIndex: 9,
      treeSize: 12,
    };
    expect(ledgerAlarmText(alarm, 'zh-CN')).toBe(
      '账本校验未通过，拒绝签署规模 12 的检查点（最新检查点规模 8）：条目内容与叶哈希不符（条目序号 9）',
    );
    expect(ledgerAlarmText(alarm, 'en')).toBe(
      'The ledger does not verify, so no checkpoint was signed: refused to sign a checkpoint at size 12 (latest checkpoint 8): entry 9: stored leaf hash does not match its canonical bytes',
    );
  });

  it('counts several problems; a truncation is said without an index', () => {
    expect(
      ledgerAlarmText(
        {
          kind: 'TRUNCATED',
          message:
            'refused to sign a checkpoint at size 5 (latest checkpoint 9): the ledger holds 5 entries but its latest checkpoint was signed at size 9: its tail was cut off',
          firstIndex: 5,
          treeSize: 5,
        },
        'zh-CN',
      ),
    ).toBe('账本校验未通过，拒绝签署规模 5 的检查点（最新检查点规模 9）：账本比检查点短（尾部被截断）');
    expect(
      ledgerAlarmText(
        {
          kind: 'SIGNATURE',
          message:
            'refused to sign a checkpoint at size 30 (latest checkpoint 0): 3 problems, the first: entry 4: signature does not verify with the ledger key',
          firstIndex: 4,
          treeSize: 30,
        },
        'zh-CN',
      ),
    ).toBe('账本校验未通过，拒绝签署规模 30 的检查点：共 3 处问题，第一处：条目签名无效（条目序号 4）');
  });

  it('has Chinese for an alarm of an unknown shape and every kind of problem', () => {
    const text = ledgerAlarmText(
      { kind: 'SOMETHING_NEW', message: 'who knows', firstIndex: null, treeSize: 7 },
      'zh-CN',
    );
    expect(text).toBe('账本校验未通过，拒绝签署规模 7 的检查点：问题类型 SOMETHING_NEW');
    for (const kind of Object.keys(LEDGER_PROBLEM_KIND_LABELS)) {
      const said = ledgerAlarmText(
        {
          kind,
          message: `refused to sign a checkpoint at size 3 (latest checkpoint 2): entry 2: x`,
          firstIndex: 2,
          treeSize: 3,
        },
        'zh-CN',
      );
      expect({ kind, english: english(said) }).toEqual({ kind, english: [] });
    }
  });

  it('says a first problem of a kind without a name by its message', () => {
    expect(
      ledgerAlarmText(
        {
          kind: 'NEW_KIND',
          message:
            'refused to sign a checkpoint at size 7 (latest checkpoint 6): entry 6: signature does not verify with the ledger key',
          firstIndex: 6,
          treeSize: 7,
        },
        'zh-CN',
      ),
    ).toBe(
      '账本校验未通过，拒绝签署规模 7 的检查点（最新检查点规模 6）：条目序号 6：条目签名无效（不是账本密钥的签名）',
    );
  });

  it('names the problem kinds as the console does', () => {
    for (const [kind, label] of Object.entries(problemKindLabels)) {
      expect({ kind, label: LEDGER_PROBLEM_KIND_LABELS[kind] }).toEqual({ kind, label });
    }
  });
});

describe('witnessRefusalText', () => {
  it("quotes the witness's own words, labelled as such, and says its status once", () => {
    const refusal = {
      witnessName: 'wz-witness',
      treeSize: 40,
      status: 409,
      reason: '409: checkpoint is older than the one I cosigned',
    };
    expect(witnessRefusalText(refusal, 'zh-CN')).toBe(
      '见证人 wz-witness 拒绝联署规模 40 的检查点（状态 409），见证人原文：“checkpoint is older than the one I cosigned”',
    );
    expect(witnessRefusalText(refusal, 'en')).toBe(
      'Witness wz-witness refused the checkpoint at size 40 (status 409): the witness said “checkpoint is older than the one I cosigned”',
    );
    expect(witnessRefusalText({ ...refusal, reason: '账本变短了' }, 'zh-CN')).toBe(
      '见证人 wz-witness 拒绝联署规模 40 的检查点（状态 409），见证人原文：“账本变短了”',
    );
  });
});
