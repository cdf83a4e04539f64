import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Select, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { DistributionChannel, IncomeGroupBy, IncomeKind } from '@web/gql/enums';
import type { IncomeSummaryQuery } from '@web/gql/graphql';
import { useSession } from '@web/shared/auth/session';
import { FormSelect } from '@web/shared/components/FormSelect';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDateShort, todayLocalDate } from '@web/shared/format/dates';
import { formatMoney, yuanOfFen } from '@web/shared/format/money';
import { fenOfMoney } from './income-money';
import { distributionChannelLabels, incomeKindLabels, label } from '@web/shared/labels/enums';

const IncomeSummaryQueryDoc = graphql(`
  query IncomeSummary($groupBy: [IncomeGroupBy!]!, $filter: IncomeFilter) {
    incomeSummary(groupBy: $groupBy, filter: $filter) {
      regionCode
      regionName
      assetId
      assetCode
      kind
      year
      channel
      count
      received
      distributable
      planned
      paid
      undistributed
    }
  }
`);

const IncomeSummaryRegionsQuery = graphql(`
  query IncomeSummaryRegions {
    regions {
      code
      name
      level
      parentCode
    }
  }
`);

type Group = IncomeSummaryQuery['incomeSummary'][number];

/** The groupings of incomeSummary, as a person says them. */
export const incomeGroupByLabels: Record<IncomeGroupBy, string> = {
  REGION: '区域',
  YEAR: '年度',
  ASSET: '资产',
  KIND: '收益类型',
  CHANNEL: '分配渠道',
};

const GROUP_ORDER: IncomeGroupBy[] = ['REGION', 'YEAR', 'ASSET', 'KIND', 'CHANNEL'];

/** 再按's choice of no second grouping. */
const NONE = 'NONE';

interface SummaryForm {
  first: IncomeGroupBy;
  second: IncomeGroupBy | typeof NONE;
  regionCode?: string;
  year?: number;
  receivedFrom?: Dayjs | null;
  receivedTo?: Dayjs | null;
}

/** Which groupings may go together: the API groups plans (分配渠道) with 区域 and 年度 only. */
export function groupingProblem(groupBy: IncomeGroupBy[]): string | undefined {
  if (groupBy.length === 0) return '请选择分组方式';
  if (groupBy.length > 2) return '最多同时按两项分组';
  if (new Set(groupBy).size < groupBy.length) return '两项分组不能相同';
  if (groupBy.includes('CHANNEL') && groupBy.some((g) => g === 'ASSET' || g === 'KIND'))
    return '分配渠道只能与区域或年度同时分组';
  return undefined;
}

/**
 * 收益汇总 (`incomeSummary`): income of the user's region (or a region within it, reached by a click on a
 * region's row: a township's villages) grouped by one or two of 区域 / 年度 / 资产 / 收益类型 — the count
 * of records, 收到 (net of reversals), 村集体应分, 已分配, 已支付 and 未分配 as the assets' income
 * balances count them — or, by 分配渠道, what submitted, filed or completed plans
 * allocate to each channel (计划分配), what was paid (已发放) and the difference (未发放), each with a
 * 合计 row added in fen. Grouped by 区域 and 年度 with no dates, it is the 收益汇总 that 收益报表 exports.
 */
export function IncomeSummary() {
  const { user } = useSession();
  const [form] = Form.useForm<SummaryForm>();
  const [groupBy, setGroupBy] = useState<IncomeGroupBy[]>(['REGION', 'YEAR']);
  const [regionPath, setRegionPath] = useState<string[]>([]);
  const [dates, setDates] = useState<{ year?: number; receivedFrom?: string; receivedTo?: string }>({});
  const regionCode = regionPath.at(-1);
  const byChannel = groupBy.includes('CHANNEL');
  const firstChoice = Form.useWatch('first', form) ?? groupBy[0];
  const secondChoice = Form.useWatch('second', form) ?? groupBy[1] ?? NONE;
  const chosen = secondChoice === NONE ? [firstChoice] : [firstChoice, secondChoice];
  const filter = {
    regionCode,
    year: dates.year,
    receivedFrom: byChannel ? undefined : dates.receivedFrom,
    receivedTo: byChannel ? undefined : dates.receivedTo,
  };
  const [{ data, fetching, error }, refetch] = useQuery({
    query: IncomeSummaryQueryDoc,
    variables: { groupBy, filter },
  });
  const [{ data: regionData }] = useQuery({ query: IncomeSummaryRegionsQuery, requestPolicy: 'cache-first' });
  const regions = regionData?.regions ?? [];
  const regionName = (code: string | undefined) =>
    code ? (regions.find((r) => r.code === code)?.name ?? code) : '';
  const thisYear = Number(todayLocalDate().slice(0, 4));
  const rows = data?.incomeSummary ?? [];
  const mayDrill = (code: string | null | undefined) => Boolean(code && code.length < 12);

  const columns: TableProps<Group>['columns'] = [];
  for (const g of GROUP_ORDER.filter((d) => groupBy.includes(d))) {
    if (g === 'REGION')
      columns.push({
        title: '区域',
        key: 'region',
        className: 'nowrap',
        render: (_, r) =>
          mayDrill(r.regionCode) ? (
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              aria-label={`查看${r.regionName ?? r.regionCode}下属区域`}
              onClick={() => setRegionPath((p) => [...p, r.regionCode!])}
            >
              {r.regionName ?? r.regionCode}
            </Button>
          ) : (
            (r.regionName ?? r.regionCode ?? '—')
          ),
      });
    if (g === 'YEAR')
      columns.push({
        title: '年度',
        key: 'year',
        className: 'nowrap',
        render: (_, r) => (r.year ? `${r.year} 年` : '—'),
      });
    if (g === 'ASSET')
      columns.push({
        title: '资产',
        key: 'asset',
        className: 'nowrap',
        render: (_, r) => (r.assetId ? <Link to={`/assets/${r.assetId}`}>{r.assetCode}</Link> : '—'),
      });
    if (g === 'KIND')
      columns.push({
        title: '收益类型',
        key: 'kind',
        className: 'nowrap',
        render: (_, r) => label(incomeKindLabels, r.kind as IncomeKind | null),
      });
    if (g === 'CHANNEL')
      columns.push({
        title: '分配渠道',
        key: 'channel',
        className: 'nowrap',
        render: (_, r) => label(distributionChannelLabels, r.channel as DistributionChannel | null),
      });
  }
  const dimCount = columns.length;
  const money = (value: string | null | undefined) => <span className="money">{formatMoney(value)}</span>;
  const fenCell = (value: bigint) => <span className="money">{formatMoney(yuanOfFen(value))}</span>;
  columns.push({
    title: byChannel ? '分配用途数' : '笔数',
    key: 'count',
    align: 'right',
    className: 'nowrap',
    render: (_, r) => r.count,
  });
  if (byChannel) {
    columns.push(
      { title: '计划分配', key: 'planned', align: 'right', render: (_, r) => money(r.planned) },
      { title: '已发放', key: 'paid', align: 'right', render: (_, r) => money(r.paid) },
      {
        title: '未发放',
        key: 'unpaid',
        align: 'right',
        render: (_, r) => fenCell(fenOfMoney(r.planned) - fenOfMoney(r.paid)),
      },
    );
  } else {
    columns.push(
      { title: '收到（净额）', key: 'received', align: 'right', render: (_, r) => money(r.received) },
      { title: '村集体应分', key: 'distributable', align: 'right', render: (_, r) => money(r.distributable) },
      { title: '已分配', key: 'planned', align: 'right', render: (_, r) => money(r.planned) },
      { title: '已支付', key: 'paid', align: 'right', render: (_, r) => money(r.paid) },
      { title: '未分配', key: 'undistributed', align: 'right', render: (_, r) => money(r.undistributed) },
    );
  }
  const total = rows.reduce(
    (t, r) => ({
      count: t.count + r.count,
      received: t.received + fenOfMoney(r.received),
      distributable: t.distributable + fenOfMoney(r.distributable),
      planned: t.planned + fenOfMoney(r.planned),
      paid: t.paid + fenOfMoney(r.paid),
    }),
    { count: 0, received: 0n, distributable: 0n, planned: 0n, paid: 0n },
  );
  const totals = byChannel
    ? [total.planned, total.paid, total.planned - total.paid]
    : [total.received, total.distributable, total.planned, total.paid, total.distributable - total.planned];

  const problem = groupingProblem(chosen);
  // incomeSummary counts income where the asset is: a village's (a township's) 汇总 leaves out what its
  // 明细 lists of an asset it co-owns elsewhere.
  const coOwnedNote =
    user?.role === 'VILLAGE_CLERK'
      ? '只计位于本村的资产的收益，不含本村在他村共有的资产的收益（见明细）；'
      : user?.role === 'TOWNSHIP_OFFICER'
        ? '只计位于本镇的资产的收益，不含辖区内的村在镇外共有的资产的收益（见明细）；'
        : '';
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Form<SummaryForm>
          name="incomeSummary"
          form={form}
          layout="inline"
          className="filter-form"
          initialValues={{ first: groupBy[0], second: groupBy[1] ?? NONE }}
          onFinish={(values) => {
            const grouping = values.second === NONE ? [values.first] : [values.first, values.second];
            if (groupingProblem(grouping)) return;
            const from = values.receivedFrom;
            const to = values.receivedTo;
            setGroupBy(grouping);
            setRegionPath(values.regionCode ? [values.regionCode] : []);
            setDates({
              year: values.year || undefined,
              receivedFrom: from ? from.format('YYYY-MM-DD') : undefined,
              receivedTo: to ? to.format('YYYY-MM-DD') : undefined,
            });
          }}
        >
          <Form.Item name="first" label="分组方式" rules={[{ required: true, message: '请选择分组方式' }]}>
            <FormSelect
              options={GROUP_ORDER.map((g) => ({ value: g, label: incomeGroupByLabels[g] }))}
              style={{ width: 130 }}
            />
          </Form.Item>
          <Form.Item name="second" label="再按" validateStatus={problem ? 'error' : undefined} help={problem}>
            <Select
              options={[
                { value: NONE, label: '不再分组' },
                ...GROUP_ORDER.filter((g) => g !== firstChoice).map((g) => ({
                  value: g,
                  label: incomeGroupByLabels[g],
                })),
              ]}
              style={{ width: 130 }}
            />
          </Form.Item>
          {user?.role === 'VILLAGE_CLERK' ? null : (
            <Form.Item name="regionCode" label="区域">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder="全部辖区"
                options={regions
                  .filter((r) => r.code !== user?.regionCode)
                  .map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` }))}
                style={{ width: 220 }}
              />
            </Form.Item>
          )}
          <Form.Item name="year" label="年度">
            <Select
              allowClear
              placeholder="全部"
              options={[0, 1, 2, 3, 4].map((n) => ({ value: thisYear - n, label: `${thisYear - n} 年` }))}
              style={{ width: 120 }}
            />
          </Form.Item>
          <Form.Item name="receivedFrom" label="到账日期起">
            <DatePicker placeholder="不限" disabled={chosen.includes('CHANNEL')} />
          </Form.Item>
          <Form.Item name="receivedTo" label="到账日期止">
            <DatePicker placeholder="不限" disabled={chosen.includes('CHANNEL')} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              汇总
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {regionPath.length > 0 ? (
        <Alert
          type="info"
          message={`区域：${regionPath.map(regionName).join(' › ')}`}
          action={
            <Space>
              <Button size="small" onClick={() => setRegionPath((p) => p.slice(0, -1))}>
                返回上级
              </Button>
              <Button size="small" onClick={() => setRegionPath([])}>
                {user?.role === 'VILLAGE_CLERK' ? '本村' : '全部辖区'}
              </Button>
            </Space>
          }
        />
      ) : null}
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      <Card size="small" title="收益汇总">
        <Table<Group>
          rowKey={(r) =>
            [r.regionCode, r.year, r.assetId, r.kind, r.channel].map((v) => String(v ?? '')).join('|')
          }
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={fetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '没有符合条件的收益' }}
          summary={() =>
            rows.length > 0 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={dimCount}>
                  合计
                </Table.Summary.Cell>
                <Table.Summary.Cell index={dimCount} align="right">
                  {total.count}
                </Table.Summary.Cell>
                {totals.map((v, i) => (
                  <Table.Summary.Cell key={i} index={dimCount + 1 + i} align="right">
                    {fenCell(v)}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {byChannel
            ? '按分配渠道：已提交、已备案或已完成的分配方案中各用途计划分配的金额（按方案日期的年度），已发放为已支付给农户或用途的金额，未发放 = 计划分配 − 已发放。到账日期不适用。'
            : `收到（净额）：到账的收益减去冲销（冲销计在冲销当日）；笔数不含冲销记录。村集体应分：其中归各村集体所有的份额；已分配：已提交、已备案或已完成的分配方案从这些收益中分配的金额，已支付为其中已发放的部分（与资产的收益结余一致，计在所分配收益的到账日期）；未分配 = 村集体应分 − 已分配。${coOwnedNote}${
                dates.receivedFrom || dates.receivedTo
                  ? `到账日期 ${dates.receivedFrom ? formatDateShort(dates.receivedFrom) : '不限'} 至 ${dates.receivedTo ? formatDateShort(dates.receivedTo) : '不限'}；`
                  : ''
              }按区域和年度、不限到账日期时，与“收益报表”导出的“收益汇总”一致。`}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
