import { Alert, Timeline, Tooltip, Typography } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { Role } from '@web/gql/enums';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';
import { formatDateTime } from '@web/shared/format/dates';
import { roleLabels } from '@web/shared/labels/enums';
import { ledgerActionLabel } from '@web/shared/labels/ledger';
import { EntryChangesList } from './EntryChanges';
import type { EntryVerdict } from './history-verification';
import { useHistoryVerification } from './useHistoryVerification';

const EntityHistoryQuery = graphql(`
  query EntityHistory($entityType: String!, $entityId: String!) {
    history(entityType: $entityType, entityId: $entityId) {
      index
      action
      time
      canonical
      leafHash
      actor {
        username
        role
      }
    }
  }
`);

export function actorLabel(actor: { username?: string | null; role: string }): string {
  const role = (roleLabels as Record<string, string>)[actor.role as Role] ?? '系统';
  return actor.username ? `${actor.username}（${role}）` : role;
}

function VerdictTag({ verdict, checking }: { verdict: EntryVerdict | undefined; checking: boolean }) {
  if (checking || !verdict) return <StatusTag tone="neutral">验证中</StatusTag>;
  if (verdict.status === 'verified') return <StatusTag tone="success">已验证</StatusTag>;
  if (verdict.status === 'pending')
    return (
      <Tooltip title="该条目尚未被签名检查点覆盖，下一个检查点签出后即可验证">
        <StatusTag tone="warning">待检查点</StatusTag>
      </Tooltip>
    );
  return <StatusTag tone="danger">验证失败</StatusTag>;
}

/**
 * Every ledger entry of one record, oldest first, with what it changed (read from the entry's canonical
 * JSON, the bytes that are verified), each marked "已验证" only after this browser has
 * recomputed its leaf hash and checked its inclusion proof against the latest checkpoint signed with the
 * log's published key (useHistoryVerification): not because the server says so.
 */
export function EntityHistory({ entityType, entityId }: { entityType: string; entityId: string }) {
  const [{ data, error }] = useQuery({ query: EntityHistoryQuery, variables: { entityType, entityId } });
  const verification = useHistoryVerification(data?.history);
  if (error) return <QueryError error={error} />;
  const checking = verification.state === 'checking';
  const verdicts =
    verification.state === 'checking' ? new Map<number, EntryVerdict>() : verification.verdicts;
  return (
    <>
      <Typography.Paragraph type="secondary">
        来自审计账本的全部变更记录（按时间先后）。“已验证”表示本浏览器已用账本公钥核对最新签名检查点，
        并自行计算了该条目的哈希与包含证明。
      </Typography.Paragraph>
      {verification.state === 'done' ? (
        <Typography.Paragraph>
          已核对检查点：规模 {verification.treeSize}，签名密钥{' '}
          <Typography.Text code>{verification.keyLabel}</Typography.Text>
        </Typography.Paragraph>
      ) : null}
      {verification.state === 'failed' ? (
        <Alert
          type="error"
          showIcon
          message={`验证失败：${verification.reason}`}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Timeline
        items={(data?.history ?? []).map((e) => {
          const verdict = verdicts.get(e.index);
          return {
            children: (
              <div aria-label={`账本序号 ${e.index}`} role="group">
                <Typography.Text strong>{ledgerActionLabel(e.action)}</Typography.Text>{' '}
                <VerdictTag verdict={verdict} checking={checking} />
                {/* On a phone the time and 账本序号 84 each stay on one line (not 账本序 / 号 84). */}
                <div>
                  <span className="nowrap">{formatDateTime(e.time)}</span> · {actorLabel(e.actor)} ·{' '}
                  <span className="nowrap">账本序号 {e.index}</span>
                </div>
                <EntryChangesList entityType={entityType} canonical={e.canonical} />
                {verdict?.status === 'failed' ? (
                  <Typography.Text type="danger">{verdict.reason}</Typography.Text>
                ) : null}
              </div>
            ),
          };
        })}
      />
    </>
  );
}
