import { Locale } from '@/common/i18n/locale';

/** How a witness answered the newest checkpoint pushed to it (`requestCosignatures`). */
export enum WitnessPushOutcome {
  /** It cosigned: its cosignature is kept with the checkpoint. */
  COSIGNED = 'COSIGNED',
  /** Its address did not answer within 10 s. */
  NOT_REACHED = 'NOT_REACHED',
  /** It refused (kept as a refusal; the red flags show it). */
  REFUSED = 'REFUSED',
  /** It remembers another last size than the server, even after the server proved from the size it named. */
  SIZE_DISAGREED = 'SIZE_DISAGREED',
}

export interface WitnessPushAnswer {
  status: number;
  outcome: WitnessPushOutcome;
  /**
   * What the outcome rests on: the names whose cosignatures were taken (COSIGNED), the connection's
   * error (NOT_REACHED), the witness's own words (REFUSED, at most 500 characters); null otherwise.
   */
  detail: string | null;
}

/** The answer in the caller's language; English is what the server has always said. */
export function pushMessage(answer: WitnessPushAnswer, locale: Locale): string {
  const { status, outcome, detail } = answer;
  if (locale === 'en') {
    switch (outcome) {
      case WitnessPushOutcome.COSIGNED:
        return `cosigned by ${detail ?? ''}`;
      case WitnessPushOutcome.NOT_REACHED:
        return `not reached: ${detail ?? ''}`;
      case WitnessPushOutcome.REFUSED:
        return `refused: ${status}: ${detail ?? ''}`;
      case WitnessPushOutcome.SIZE_DISAGREED:
        return 'the witness and the server do not agree on its last size';
    }
  }
  switch (outcome) {
    case WitnessPushOutcome.COSIGNED:
      return `已联署（${(detail ?? '').split(', ').join('、')}）`;
    case WitnessPushOutcome.NOT_REACHED:
      return `未能连接：推送地址无法访问或 10 秒内没有应答${detail ? `（“${detail}”）` : ''}`;
    case WitnessPushOutcome.REFUSED:
      return `拒绝联署（状态 ${status}）${detail ? `，见证人原文：“${detail}”` : ''}`;
    case WitnessPushOutcome.SIZE_DISAGREED:
      return '未联署：见证人与服务器记录的上次联署规模不一致';
  }
}
