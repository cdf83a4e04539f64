import { Badge, Card, Empty, List, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Role } from '@web/gql/enums';
import type { MyTasksQuery } from '@web/gql/graphql';
import { useSession } from '@web/shared/auth/session';
import { formatDate } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { redFlagKindLabels, taskKindLabels } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { StatusTag } from '@web/shared/components/StatusTag';

type Group = MyTasksQuery['myTasks']['groups'][number];
type Item = Group['items'][number];

/** Where a reviewer acts on a to-do: the page (and the item opened there), with the button's text. */
interface Action {
  label: string;
  to: (item: Item) => string;
  /** The whole queue, for the items the home page does not list. */
  all: string;
}

function actionFor(kind: Group['kind'], role: Role | undefined): Action | undefined {
  const reviewer = role === 'TOWNSHIP_OFFICER' || role === 'DISTRICT_SUPERVISOR';
  switch (kind) {
    case 'OWNERSHIP_PUBLICITY_ENDED':
      return reviewer
        ? {
            label: '确认权属',
            to: (i) => `/review?tab=ownership&open=${i.entityId}`,
            all: '/review?tab=ownership',
          }
        : undefined;
    case 'PLAN_TO_FILE':
      return role === 'TOWNSHIP_OFFICER'
        ? { label: '审查备案', to: (i) => `/review?tab=plans&open=${i.entityId}`, all: '/review?tab=plans' }
        : undefined;
    case 'DISPOSAL_TO_REVIEW':
      return reviewer
        ? {
            label: '审核',
            to: (i) => `/disposals/${i.entityId}`,
            all: role === 'TOWNSHIP_OFFICER' ? '/review?tab=disposals' : '/disposals',
          }
        : undefined;
    default:
      return undefined;
  }
}

/** The to-do list (待办) of the home page, one card per kind of task. */
export function TaskList({ groups }: { groups: Group[] }) {
  const regionName = useRegionNames();
  const { user } = useSession();
  if (groups.every((g) => g.count === 0)) {
    return (
      <Card title="待办事项">
        <Empty description="暂无待办事项" />
      </Card>
    );
  }
  // The 风险预警 page also counts the proposals whose publicity ended, which the home page lists apart.
  const publicityEnded = groups.find((g) => g.kind === 'OWNERSHIP_PUBLICITY_ENDED')?.count ?? 0;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {groups
        .filter((g) => g.count > 0)
        .map((g) => ({ g, action: actionFor(g.kind, user?.role) }))
        .map(({ g, action }) => (
          <Card
            key={g.kind}
            title={
              <Space>
                <span>{taskKindLabels[g.kind]}</span>
                <Badge
                  count={g.count}
                  overflowCount={999}
                  color={g.kind === 'RED_FLAG' ? '#cf1322' : '#1668dc'}
                />
              </Space>
            }
            size="small"
            role="region"
            aria-label={`${taskKindLabels[g.kind]}，共 ${g.count} 项`}
          >
            <List
              dataSource={g.items}
              renderItem={(item) => (
                <TaskRow item={item} kind={g.kind} regionName={regionName} action={action} />
              )}
              footer={
                g.kind === 'RED_FLAG' ? (
                  redFlagFooter(g, publicityEnded)
                ) : g.count > g.items.length ? (
                  action ? (
                    <Link to={action.all}>另有 {g.count - g.items.length} 项，查看全部</Link>
                  ) : (
                    <Typography.Text type="secondary">
                      另有 {g.count - g.items.length} 项未列出
                    </Typography.Text>
                  )
                ) : undefined
              }
            />
          </Card>
        ))}
    </Space>
  );
}

/**
 * The red flags' footer: the link to the 风险预警 page for the flags not listed here, and why that page
 * counts more than this card: it also lists the proposals whose publicity ended (公示期满未确权), which
 * have a card of their own here.
 */
function redFlagFooter(group: Group, publicityEnded: number): ReactNode {
  const unlisted = group.count - group.items.length;
  if (unlisted <= 0 && publicityEnded === 0) return undefined;
  return (
    <Space direction="vertical" size={4}>
      {unlisted > 0 ? <Link to="/red-flags">另有 {unlisted} 项，查看全部风险预警</Link> : null}
      {publicityEnded > 0 ? (
        <Typography.Text type="secondary">
          不含上方“{taskKindLabels.OWNERSHIP_PUBLICITY_ENDED}”的 {publicityEnded} 项；风险预警页将其计为“
          {redFlagKindLabels.PUBLICITY_ENDED}”
        </Typography.Text>
      ) : null}
    </Space>
  );
}

const DATE_MEANING: Record<Group['kind'], string> = {
  OWNERSHIP_PUBLICITY_ENDED: '公示截止',
  PLAN_TO_FILE: '方案日期',
  DISPOSAL_TO_REVIEW: '审核期限',
  INVENTORY_TO_CONFIRM: '',
  RED_FLAG: '起始日期',
};

function TaskRow({
  item,
  kind,
  regionName,
  action,
}: {
  item: Item;
  kind: Group['kind'];
  regionName: (code: string) => string;
  action?: Action;
}) {
  const title = `${item.assetCode ? `${item.assetCode} ` : ''}${item.title}`;
  return (
    <List.Item>
      <List.Item.Meta
        title={item.assetId ? <Link to={`/assets/${item.assetId}`}>{title}</Link> : title}
        description={
          <Space size={[8, 4]} wrap>
            <span>{regionName(item.regionCode)}</span>
            {item.redFlagKind ? (
              <StatusTag tone="danger">{redFlagKindLabels[item.redFlagKind]}</StatusTag>
            ) : null}
            {item.date && DATE_MEANING[kind] ? (
              <span>
                {DATE_MEANING[kind]}：{formatDate(item.date)}
              </span>
            ) : null}
            {item.overdue ? <StatusTag tone="warning">已超期</StatusTag> : null}
            {item.backdated ? <StatusTag tone="warning">公示起始日期提前</StatusTag> : null}
            {item.amount ? <span className="money">{formatMoney(item.amount)}</span> : null}
          </Space>
        }
      />
      {action ? (
        <Link
          to={action.to(item)}
          aria-label={`${action.label}：${title}`}
          style={{ flex: 'none', marginLeft: 12 }}
        >
          {action.label}
        </Link>
      ) : null}
    </List.Item>
  );
}
