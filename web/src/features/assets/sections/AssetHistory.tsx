import { Timeline, Typography } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { Role } from '@web/gql/enums';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDateTime } from '@web/shared/format/dates';
import { roleLabels } from '@web/shared/labels/enums';
import { ledgerActionLabel } from '@web/shared/labels/ledger';

const AssetHistoryQuery = graphql(`
  query AssetHistory($id: String!) {
    history(entityType: "Asset", entityId: $id) {
      index
      action
      time
      actor {
        username
        role
      }
    }
  }
`);

function actorLabel(actor: { username?: string | null; role: string }): string {
  const role = (roleLabels as Record<string, string>)[actor.role as Role] ?? '系统';
  return actor.username ? `${actor.username}（${role}）` : role;
}

/** Every ledger entry of the asset, oldest first: what changed, when and by whom. */
export function AssetHistory({ assetId }: { assetId: string }) {
  const [{ data, error }] = useQuery({ query: AssetHistoryQuery, variables: { id: assetId } });
  if (error) return <QueryError error={error} />;
  return (
    <>
      <Typography.Paragraph type="secondary">来自审计账本的全部变更记录（按时间先后）。</Typography.Paragraph>
      <Timeline
        items={(data?.history ?? []).map((e) => ({
          children: (
            <div>
              <Typography.Text strong>{ledgerActionLabel(e.action)}</Typography.Text>
              <div>
                {formatDateTime(e.time)} · {actorLabel(e.actor)} · 账本序号 {e.index}
              </div>
            </div>
          ),
        }))}
      />
    </>
  );
}
