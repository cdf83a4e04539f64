import { Button, Card, Descriptions, Empty, Progress, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { InventoryOverviewQuery } from '@web/gql/graphql';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';
import { formatDateShort, formatDateTime, todayLocalDate } from '@web/shared/format/dates';
import { inventoryStatusLabels } from '@web/shared/labels/enums';
import { CloseInventoryButton, SignOffButton, StartInventoryButton } from './InventoryActions';
import { InventoryDiscrepancies } from './InventoryDiscrepancies';
import { VillageChecklist } from './VillageChecklist';

/**
 * Counts over items: asked again whenever a confirmation (a mutation answering with InventoryItem) has
 * changed them, although their own answers hold no item (urql's document cache goes by typename).
 */
const FOLLOWS_ITEMS = { additionalTypenames: ['InventoryItem'] };

const InventoryOverviewDoc = graphql(`
  query InventoryOverview($year: Int, $regionCode: String!) {
    inventories(year: $year) {
      id
      year
      status
      regionCode
      region {
        name
      }
      startedAt
      startedBy {
        displayName
      }
      closingNote
      progress {
        total
        confirmed
        remaining
        present
        missing
        damaged
        statusDiffers
      }
      townships {
        townshipCode
        township {
          name
        }
        total
        confirmed
        remaining
        present
        missing
        damaged
        statusDiffers
        signOff {
          signedAt
          signedBy {
            displayName
          }
        }
      }
    }
    regions(parentCode: $regionCode) {
      code
      name
    }
  }
`);

const VillageProgressDoc = graphql(`
  query InventoryVillageProgress($inventoryId: ID!, $regionCode: String!) {
    all: inventoryItems(inventoryId: $inventoryId, filter: { regionCode: $regionCode }, first: 1) {
      totalCount
    }
    done: inventoryItems(
      inventoryId: $inventoryId
      filter: { regionCode: $regionCode, confirmed: true }
      first: 1
    ) {
      totalCount
    }
  }
`);

type Inventory = InventoryOverviewQuery['inventories'][number];

const percent = (done: number, total: number) => (total === 0 ? 100 : Math.floor((done * 100) / total));

/**
 * 年度清查: the annual inventory covering the user's region, its progress (checked, still to check, what
 * was found), per township with its sign-off and, for a township, per village; its discrepancies (清查差异)
 * with the 清查差异表 to download. An auditor reads it all without the actions.
 */
export default function InventoryPage() {
  const { user } = useSession();
  const thisYear = Number(todayLocalDate().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: InventoryOverviewDoc,
    variables: { year, regionCode: user?.regionCode ?? '' },
    pause: !user,
    requestPolicy: 'cache-and-network',
    context: FOLLOWS_ITEMS,
  });
  const inventories = data?.inventories ?? [];
  const villages = user?.role === 'TOWNSHIP_OFFICER' ? (data?.regions ?? []) : [];
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const district = user?.role === 'DISTRICT_SUPERVISOR';

  return (
    <PageContainer
      title="年度清查"
      extra={
        <Space>
          <label htmlFor="inventory-year">年度</label>
          <Select
            id="inventory-year"
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={[0, 1, 2, 3].map((i) => ({ value: thisYear - i, label: `${thisYear - i} 年` }))}
          />
          {district && user ? (
            <StartInventoryButton
              year={year}
              regions={[{ code: user.regionCode, name: '全区' }, ...(data?.regions ?? [])]}
              onDone={reload}
            />
          ) : null}
        </Space>
      }
    >
      {error ? <QueryError error={error} retry={reload} /> : null}
      {!fetching && data && inventories.length === 0 ? (
        <Card>
          <Empty description={`${year} 年尚未开始清查`} />
        </Card>
      ) : null}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {inventories.map((inv) => (
          <InventoryCard key={inv.id} inventory={inv} villages={villages} onChanged={reload} />
        ))}
      </Space>
    </PageContainer>
  );
}

function InventoryCard({
  inventory: inv,
  villages,
  onChanged,
}: {
  inventory: Inventory;
  villages: Array<{ code: string; name: string }>;
  onChanged: () => void;
}) {
  const { user } = useSession();
  const p = inv.progress;
  const open = inv.status === 'OPEN';
  const [shownVillage, setShownVillage] = useState<string>();
  const shown = villages.find((v) => v.code === shownVillage);
  return (
    <Card
      size="small"
      title={`${inv.year} 年 ${inv.region.name}资产清查`}
      extra={
        <Space>
          <StatusTag tone={open ? 'info' : 'neutral'}>{inventoryStatusLabels[inv.status]}</StatusTag>
          {open && user?.role === 'DISTRICT_SUPERVISOR' ? (
            <CloseInventoryButton inventoryId={inv.id} onDone={onChanged} />
          ) : null}
        </Space>
      }
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <div>
          <Typography.Text>
            清查进度：已确认 {p.confirmed} / {p.total} 项，待确认 {p.remaining} 项
          </Typography.Text>
          <Progress percent={percent(p.confirmed, p.total)} aria-label="清查进度" />
        </div>
        <Descriptions size="small" column={{ xs: 2, sm: 4 }}>
          <Descriptions.Item label="账实相符">{p.present}</Descriptions.Item>
          <Descriptions.Item label="盘亏">{p.missing}</Descriptions.Item>
          <Descriptions.Item label="损毁">{p.damaged}</Descriptions.Item>
          <Descriptions.Item label="状态不符">{p.statusDiffers}</Descriptions.Item>
          <Descriptions.Item label="开始时间">{formatDateTime(inv.startedAt)}</Descriptions.Item>
          <Descriptions.Item label="发起人">{inv.startedBy.displayName}</Descriptions.Item>
        </Descriptions>
        <Table
          rowKey="townshipCode"
          size="small"
          caption="各乡镇进度"
          pagination={false}
          scroll={{ x: 760 }}
          dataSource={inv.townships}
          columns={[
            { title: '乡镇', key: 'name', render: (_, t) => t.township.name },
            { title: '应查', dataIndex: 'total', key: 'total', align: 'right' },
            { title: '已确认', dataIndex: 'confirmed', key: 'confirmed', align: 'right' },
            { title: '待确认', dataIndex: 'remaining', key: 'remaining', align: 'right' },
            { title: '盘亏', dataIndex: 'missing', key: 'missing', align: 'right' },
            { title: '损毁', dataIndex: 'damaged', key: 'damaged', align: 'right' },
            { title: '状态不符', dataIndex: 'statusDiffers', key: 'statusDiffers', align: 'right' },
            {
              title: '签认',
              key: 'signOff',
              render: (_, t) =>
                t.signOff ? (
                  `${t.signOff.signedBy.displayName} 于 ${formatDateShort(t.signOff.signedAt)} 签认`
                ) : open && user?.role === 'TOWNSHIP_OFFICER' && t.townshipCode === user.regionCode ? (
                  t.remaining === 0 ? (
                    <SignOffButton
                      inventoryId={inv.id}
                      township={{ ...t, code: t.townshipCode, name: t.township.name }}
                      onDone={onChanged}
                    />
                  ) : (
                    '未签认（全部确认后可签认）'
                  )
                ) : (
                  '未签认'
                ),
            },
          ]}
        />
        {inv.closingNote ? <Typography.Paragraph>清查结论：{inv.closingNote}</Typography.Paragraph> : null}
        <InventoryDiscrepancies inventoryId={inv.id} counts={p} />
        {open && user?.role === 'VILLAGE_CLERK' ? (
          <VillageChecklist inventoryId={inv.id} regionCode={user.regionCode} />
        ) : null}
        {open &&
        user?.role === 'TOWNSHIP_OFFICER' &&
        inv.townships.some((t) => t.townshipCode === user.regionCode && !t.signOff) ? (
          <VillageChecklist inventoryId={inv.id} regionCode={user.regionCode} locatedAt={user.regionCode} />
        ) : null}
        {villages.length > 0 ? (
          <Table
            rowKey="code"
            size="small"
            caption="各村进度"
            pagination={false}
            scroll={{ x: 480 }}
            dataSource={villages}
            columns={[
              { title: '村', dataIndex: 'name', key: 'name' },
              {
                title: '进度',
                key: 'progress',
                render: (_, v) => <VillageProgress inventoryId={inv.id} regionCode={v.code} />,
              },
              ...(open
                ? [
                    {
                      title: '清单',
                      key: 'checklist',
                      render: (_: unknown, v: (typeof villages)[number]) => (
                        <Button
                          size="small"
                          aria-label={`${v.name}清查清单`}
                          aria-expanded={shownVillage === v.code}
                          onClick={() => setShownVillage(shownVillage === v.code ? undefined : v.code)}
                        >
                          {shownVillage === v.code ? '收起' : '查看'}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        ) : null}
        {open && shown ? (
          // A village without a clerk is counted by its township officer; others are shown, not confirmed.
          <VillageChecklist key={shown.code} inventoryId={inv.id} regionCode={shown.code} name={shown.name} />
        ) : null}
      </Space>
    </Card>
  );
}

function VillageProgress({ inventoryId, regionCode }: { inventoryId: string; regionCode: string }) {
  const [{ data }] = useQuery({
    query: VillageProgressDoc,
    variables: { inventoryId, regionCode },
    requestPolicy: 'cache-and-network',
    context: FOLLOWS_ITEMS,
  });
  if (!data) return null;
  const total = data.all.totalCount;
  const done = data.done.totalCount;
  if (total === 0) return <>无应查资产</>;
  return (
    <Space size={8} wrap>
      <span>
        已确认 {done} / {total} 项
      </span>
      {done === total ? <StatusTag tone="success">已完成</StatusTag> : null}
    </Space>
  );
}
