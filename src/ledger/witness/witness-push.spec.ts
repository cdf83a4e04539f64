import { pushMessage, WitnessPushOutcome } from './witness-push';

describe('pushMessage', () => {
  it.each([
    [
      { status: 200, outcome: WitnessPushOutcome.COSIGNED, detail: 'a.example/w, b.example/w' },
      'cosigned by a.example/w, b.example/w',
      '已联署（a.example/w、b.example/w）',
    ],
    [
      { status: 0, outcome: WitnessPushOutcome.NOT_REACHED, detail: 'fetch failed' },
      'not reached: fetch failed',
      '未能连接：推送地址无法访问或 10 秒内没有应答（“fetch failed”）',
    ],
    [
      { status: 422, outcome: WitnessPushOutcome.REFUSED, detail: 'the log forked' },
      'refused: 422: the log forked',
      '拒绝联署（状态 422），见证人原文：“the log forked”',
    ],
    [
      { status: 403, outcome: WitnessPushOutcome.REFUSED, detail: null },
      'refused: 403: ',
      '拒绝联署（状态 403）',
    ],
    [
      { status: 409, outcome: WitnessPushOutcome.SIZE_DISAGREED, detail: null },
      'the witness and the server do not agree on its last size',
      '未联署：见证人与服务器记录的上次联署规模不一致',
    ],
  ])('%o', (answer, en, zh) => {
    expect(pushMessage(answer, 'en')).toBe(en);
    expect(pushMessage(answer, 'zh-CN')).toBe(zh);
  });
});
