import { CombinedError } from 'urql';
import { errorFieldProblems, errorMessage } from './errors';

const refused = (message: string, extensions: Record<string, unknown>): CombinedError =>
  new CombinedError({ graphQLErrors: [{ message, extensions }] });

describe('errorMessage', () => {
  it('says the console’s own sentence for a reason it knows', () => {
    expect(
      errorMessage(refused('Asset x was not found', { code: 'NOT_FOUND', reason: 'ASSET_NOT_FOUND' })),
    ).toBe('找不到该资产');
  });

  it('shows the API’s Chinese sentence for a reason it has no sentence of its own', () => {
    const served = '超出项目 P-1 的投资：衔接资金 已用 900.00 元，还要 200.00 元，项目只有 1000.00 元';
    expect(
      errorMessage(refused(served, { code: 'BAD_USER_INPUT', reason: 'INVESTMENT_EXCEEDS_PROJECT' })),
    ).toBe(served);
  });

  it('shows the API’s Chinese sentence of a refusal that says who may act, and its own for an English one', () => {
    const served = '这一步由区级监管审批';
    expect(errorMessage(refused(served, { code: 'FORBIDDEN', reason: 'FORBIDDEN' }))).toBe(served);
    expect(
      errorMessage(
        refused('This step is decided by a district supervisor', { code: 'FORBIDDEN', reason: 'FORBIDDEN' }),
      ),
    ).toBe('您没有执行此操作的权限');
    const outside = '您不能查看 500101153：它不在您的管辖范围内';
    expect(errorMessage(refused(outside, { code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' }))).toBe(outside);
  });

  it('never shows an English message, nor an internal error’s text', () => {
    expect(errorMessage(refused('something broke', { code: 'CONFLICT', reason: 'SOMETHING_NEW' }))).toBe(
      '操作与现有数据冲突，请刷新后重试',
    );
    expect(errorMessage(refused('服务器内部细节', { code: 'INTERNAL_SERVER_ERROR' }))).toBe(
      '服务器出错了，请稍后重试',
    );
  });
});

describe('errorFieldProblems', () => {
  it('names each field with the API’s Chinese sentence for it', () => {
    const error = refused(
      'input.contractId: 合同 HT-1 不涉及该资产; input.kind: 合同项下的收益须为租金或分红',
      {
        code: 'BAD_USER_INPUT',
        reason: 'CONTRACT_NOT_IN_FORCE',
        fields: [
          { field: 'input.contractId', message: '合同 HT-1 不涉及该资产' },
          { field: 'input.kind', message: '合同项下的收益须为租金或分红' },
        ],
      },
    );
    expect(errorFieldProblems(error)).toEqual([
      { name: 'contractId', message: '合同 HT-1 不涉及该资产' },
      { name: 'kind', message: '合同项下的收益须为租金或分红' },
    ]);
  });

  it('says the console’s sentence where the API’s is English', () => {
    const error = refused('input.evidenceFileIds: belongs to another branch of the region tree', {
      code: 'BAD_USER_INPUT',
      reason: 'FILE_REGION_MISMATCH',
      fields: [{ field: 'input.evidenceFileIds', message: 'belongs to another branch of the region tree' }],
    });
    expect(errorFieldProblems(error)).toEqual([
      {
        name: 'evidenceFileIds',
        message: '所附文件属于其他村或乡镇，不能作为本记录的凭证，请移除后重新上传',
      },
    ]);
  });
});
