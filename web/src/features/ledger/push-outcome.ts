import type { WitnessPushOutcome } from '@web/gql/graphql';
import type { Tone } from '@web/shared/components/StatusTag';

export interface PushResult {
  witnessName: string;
  status: number;
  outcome: WitnessPushOutcome;
  /** The witness's own words for a refusal (what the API calls `detail`). */
  detail?: string | null;
}

/**
 * One witness's answer to the pushed checkpoint, in Chinese: cosigned, not reached, a refusal (the server
 * keeps it, and the red flags show it) with the witness's own words quoted as it sent them, as the red
 * flag quotes them, or a last size the two disagree on.
 */
export function pushOutcome(r: PushResult): { tone: Tone; label: string; detail?: string } {
  switch (r.outcome) {
    case 'COSIGNED':
      return { tone: 'success', label: '已联署' };
    case 'NOT_REACHED':
      return { tone: 'danger', label: '未能连接', detail: '推送地址无法访问或 10 秒内没有应答' };
    case 'SIZE_DISAGREED':
      return { tone: 'danger', label: '未联署', detail: '见证人与服务器记录的上次联署规模不一致' };
    case 'REFUSED':
      return {
        tone: 'danger',
        label: `拒绝联署（状态 ${r.status}）`,
        detail: r.detail ? `见证人原文：“${r.detail}”` : undefined,
      };
  }
}
