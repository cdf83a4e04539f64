import { Alert, Typography } from 'antd';
import { useId } from 'react';
import type { WitnessPushOutcome } from '@web/gql/graphql';
import { StatusTag, type Tone } from '@web/shared/components/StatusTag';

export interface PushResult {
  witnessName: string;
  status: number;
  outcome: WitnessPushOutcome;
  /** The witness's own words for a refusal (what the API calls `detail`). */
  detail?: string | null;
}

/**
 * One witness's answer to the pushed checkpoint, in Chinese: cosigned, not reached, a refusal (the server
 * keeps it, and the red flags show it) with what the witness said, or a last size the two disagree on.
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
        detail: r.detail ? `见证人答复：${r.detail}` : undefined,
      };
  }
}

/** What 立即请求联署 did: each witness the newest checkpoint was sent to, or that none was. */
export function PushResults({ results, onClose }: { results: PushResult[]; onClose: () => void }) {
  const heading = useId();
  if (results.length === 0) {
    return (
      <Alert
        type="info"
        showIcon
        closable
        onClose={onClose}
        message="没有向任何见证人推送"
        description="已启用的见证人都没有登记推送地址（它们自行拉取检查点联署，如本机见证和见证程序），或已联署最新检查点。"
      />
    );
  }
  const cosigned = results.filter((r) => r.status === 200).length;
  return (
    <Alert
      type={cosigned === results.length ? 'success' : 'warning'}
      showIcon
      closable
      onClose={onClose}
      message={
        <span id={heading}>
          已向 {results.length} 个见证人推送最新检查点，{cosigned} 个已联署
        </span>
      }
      description={
        <ul className="plain-list" aria-labelledby={heading}>
          {results.map((r) => {
            const o = pushOutcome(r);
            return (
              <li key={r.witnessName}>
                <Typography.Text style={{ wordBreak: 'break-all' }}>{r.witnessName}</Typography.Text>{' '}
                <StatusTag tone={o.tone}>{o.label}</StatusTag>
                {o.detail ? (
                  <div>
                    <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
                      {o.detail}
                    </Typography.Text>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      }
    />
  );
}
