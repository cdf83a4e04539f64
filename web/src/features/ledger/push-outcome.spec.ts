import { pushOutcome } from './push-outcome';

describe('pushOutcome', () => {
  const witnessName = 'push.wanzhou.example/witness';
  it('says each outcome in Chinese, from the outcome and not from the message', () => {
    expect(pushOutcome({ witnessName, status: 200, outcome: 'COSIGNED', detail: witnessName })).toEqual({
      tone: 'success',
      label: '已联署',
    });
    expect(pushOutcome({ witnessName, status: 0, outcome: 'NOT_REACHED', detail: 'fetch failed' })).toEqual({
      tone: 'danger',
      label: '未能连接',
      detail: '推送地址无法访问或 10 秒内没有应答',
    });
    expect(pushOutcome({ witnessName, status: 409, outcome: 'SIZE_DISAGREED', detail: null })).toEqual({
      tone: 'danger',
      label: '未联署',
      detail: '见证人与服务器记录的上次联署规模不一致',
    });
  });

  it('quotes what a refusing witness said, and says nothing more when it said nothing', () => {
    expect(pushOutcome({ witnessName, status: 422, outcome: 'REFUSED', detail: 'the log forked' })).toEqual({
      tone: 'danger',
      label: '拒绝联署（状态 422）',
      detail: '见证人原文：“the log forked”',
    });
    expect(pushOutcome({ witnessName, status: 403, outcome: 'REFUSED', detail: null })).toEqual({
      tone: 'danger',
      label: '拒绝联署（状态 403）',
    });
  });
});
