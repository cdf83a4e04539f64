import { Alert, Typography } from 'antd';
import { useId } from 'react';
import { StatusTag } from '@web/shared/components/StatusTag';
import { pushOutcome, type PushResult } from './push-outcome';

export type { PushResult } from './push-outcome';

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
