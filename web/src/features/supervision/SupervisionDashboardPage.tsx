import { Breadcrumb, Button, Card, Col, Row, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { AssetClass } from '@web/gql/enums';
import type { SupervisionDashboardQuery } from '@web/gql/graphql';
import { useSession } from '@web/shared/auth/session';
import { Chart } from '@web/shared/charts/Chart';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { ReportDownloadButton } from '@web/shared/files/ReportDownloadButton';
import { formatDateShort, todayLocalDate } from '@web/shared/format/dates';
import { Money } from '@web/shared/components/Money';
import { formatMoney } from '@web/shared/format/money';
import { assetClassLabels } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { flagsByMonth, wholeYuan } from './dashboard-figures';

const SupervisionDashboardDoc = graphql(`
  query SupervisionDashboard($regionCode: String) {
    supervisionDashboard(regionCode: $regionCode) {
      asOf
      regionCode
      regionName
      rows {
        ...DashboardRowFields
      }
      total {
        ...DashboardRowFields
      }
    }
    redFlags(regionCode: $regionCode) {
      flags {
        kind
        records {
          regionCode
          since
        }
      }
    }
  }
  fragment DashboardRowFields on DashboardRow {
    regionCode
    regionName
    assetCount
    formedValue
    assetsByClass {
      class
      count
      formedValue
    }
    incomeReceived
    incomeDistributed
    incomePaid
    incomeUndistributed
    openItems {
      disposalsOpen
      ownershipInPublicity
      plansAwaitingFiling
      redFlags
    }
  }
`);

const ExportDashboardDoc = graphql(`
  mutation ExportSupervisionDashboard($regionCode: String, $idempotencyKey: String) {
    exportSupervisionReport(kind: DASHBOARD, regionCode: $regionCode, idempotencyKey: $idempotencyKey) {
      fileId
      downloadPath
      fileName
      rowCount
      size
    }
  }
`);

type Data = SupervisionDashboardQuery['supervisionDashboard'];
type DashboardRow = Data['rows'][number];

const CLASSES: AssetClass[] = ['OPERATING', 'PUBLIC_WELFARE', 'HOUSEHOLD'];

/**
 * Where a chart's plot sits in its box. Above it, room for the value axis's name (项, 元), which ECharts
 * draws 15 px above the plot: with 16 px it was cut off at the chart's top edge.
 */
const CHART_GRID = { left: 40, right: 16, top: 40, bottom: 64, containLabel: true };

/**
 * 监管看板: per township of the district (or per village of a township) the assets by class, income
 * received against distributed and paid, open items and red flags; charts (ECharts, loaded lazily) with
 * the same figures as tables. A township row opens that township's villages. 导出看板 downloads the table
 * of the region shown (.xlsx, with its total).
 */
export default function SupervisionDashboardPage() {
  const { user } = useSession();
  const regionName = useRegionNames();
  const [params, setParams] = useSearchParams();
  const home = user?.regionCode ?? '';
  const regionCode = params.get('region') ?? home;
  const [{ data, error, fetching }, refetch] = useQuery({
    query: SupervisionDashboardDoc,
    variables: { regionCode },
    pause: !user,
  });
  const [, exportReport] = useMutation(ExportDashboardDoc);
  const d = data?.supervisionDashboard;
  const rows = useMemo(
    () => (d?.rows ?? []).filter((r) => r.assetCount > 0 || r.incomeReceived !== '0.00'),
    [d],
  );
  const unit = regionCode.length === 6 ? '乡镇' : '村';
  const names = rows.map((r) => r.regionName);

  const classOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: CHART_GRID,
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 40 : 0 } },
      yAxis: { type: 'value', name: '项' },
      series: CLASSES.map((c) => ({
        name: assetClassLabels[c],
        type: 'bar',
        stack: 'class',
        data: rows.map((r) => r.assetsByClass.find((x) => x.class === c)?.count ?? 0),
      })),
    }),
    [rows, names],
  );
  const incomeOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: CHART_GRID,
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 40 : 0 } },
      yAxis: { type: 'value', name: '元' },
      series: [
        { name: '已收收益', type: 'bar', data: rows.map((r) => wholeYuan(r.incomeReceived)) },
        { name: '已分配', type: 'bar', data: rows.map((r) => wholeYuan(r.incomeDistributed)) },
        { name: '已支付', type: 'bar', data: rows.map((r) => wholeYuan(r.incomePaid)) },
      ],
    }),
    [rows, names],
  );
  const months = useMemo(
    () =>
      flagsByMonth(
        data?.redFlags.flags ?? [],
        rows.map((r) => r.regionCode),
        todayLocalDate(),
      ),
    [data, rows],
  );
  const flagOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, type: 'scroll' },
      grid: CHART_GRID,
      xAxis: { type: 'category', data: months.months },
      yAxis: { type: 'value', name: '项' },
      series: rows.map((r) => ({
        name: r.regionName,
        type: 'bar',
        stack: 'flags',
        data: months.months.map((m) => months.counts.get(r.regionCode)?.get(m) ?? 0),
      })),
    }),
    [rows, months],
  );

  const classText = rows
    .map(
      (r) =>
        `${r.regionName}：${CLASSES.map((c) => `${assetClassLabels[c]} ${r.assetsByClass.find((x) => x.class === c)?.count ?? 0} 项`).join('，')}`,
    )
    .join('；');
  const incomeText = rows
    .map(
      (r) =>
        `${r.regionName}：已收 ${formatMoney(r.incomeReceived)}，已分配 ${formatMoney(r.incomeDistributed)}，已支付 ${formatMoney(r.incomePaid)}`,
    )
    .join('；');
  const flagText = months.months
    .map((m) => `${m}：${rows.reduce((s, r) => s + (months.counts.get(r.regionCode)?.get(m) ?? 0), 0)} 项`)
    .join('，');

  const trail = [home, regionCode].filter((c, i, all) => all.indexOf(c) === i);

  return (
    <PageContainer
      title="监管看板"
      extra={
        <ReportDownloadButton
          label="导出看板"
          request={regionCode}
          run={async (idempotencyKey) => {
            const result = await exportReport({ regionCode, idempotencyKey });
            return { file: result.data?.exportSupervisionReport, error: result.error };
          }}
        />
      }
    >
      {trail.length > 1 ? (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={trail.map((c) => ({
            title:
              c === regionCode ? (
                regionName(c)
              ) : (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setParams({})}>
                  {regionName(c)}
                </Button>
              ),
          }))}
        />
      ) : null}
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {d ? (
        <Typography.Paragraph>
          {d.regionName}（截至 {formatDateShort(d.asOf)}）：资产 {d.total.assetCount} 项，原值{' '}
          <span className="money">{formatMoney(d.total.formedValue)}</span>；已收收益{' '}
          <span className="money">{formatMoney(d.total.incomeReceived)}</span>，已分配{' '}
          <span className="money">{formatMoney(d.total.incomeDistributed)}</span>，已支付{' '}
          <span className="money">{formatMoney(d.total.incomePaid)}</span>，未分配{' '}
          <span className="money">{formatMoney(d.total.incomeUndistributed)}</span>；风险预警{' '}
          {d.total.openItems.redFlags} 项。
        </Typography.Paragraph>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={`各${unit}资产（按类别）`} size="small" loading={fetching && !d}>
            {rows.length ? (
              <Chart option={classOption} label={`各${unit}资产按类别：${classText}`} height={300} />
            ) : null}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {classText}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={`各${unit}收益与分配`} size="small" loading={fetching && !d}>
            {rows.length ? (
              <Chart option={incomeOption} label={`各${unit}收益与分配：${incomeText}`} height={300} />
            ) : null}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              图中金额取整到元；精确金额见下表。
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24}>
          <Card title="风险预警（按发生月份）" size="small" loading={fetching && !d}>
            {months.months.length ? (
              <Chart option={flagOption} label={`当前风险预警按发生月份：${flagText}`} height={280} />
            ) : null}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              当前未消除的预警按其起始月份统计（{flagText || '暂无'}）。
              {months.undated > 0
                ? `另有 ${months.undated} 项没有起始日期或尚未发生（如经营性资产无有效合同、合同即将到期），未计入本图。`
                : ''}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={`各${unit}明细`} size="small">
            <Table<DashboardRow>
              rowKey="regionCode"
              size="small"
              pagination={false}
              // As wide as its cells (the region column stays in view): a fixed width shared out among 15
              // columns cut the amounts of the district's rows in two.
              scroll={{ x: 'max-content' }}
              loading={fetching}
              dataSource={d ? [...(d.rows ?? []), { ...d.total, regionName: '合计' }] : []}
              columns={[
                {
                  title: unit,
                  key: 'region',
                  fixed: 'left',
                  render: (_, r) =>
                    r.regionCode.length === 9 && regionCode.length === 6 && r.regionName !== '合计' ? (
                      <Button
                        type="link"
                        size="small"
                        style={{ padding: 0 }}
                        onClick={() => setParams({ region: r.regionCode })}
                      >
                        {r.regionName}
                      </Button>
                    ) : (
                      r.regionName
                    ),
                },
                { title: '资产数', dataIndex: 'assetCount', key: 'assetCount', align: 'right' },
                ...CLASSES.map((c) => ({
                  title: assetClassLabels[c],
                  key: c,
                  align: 'right' as const,
                  render: (_: unknown, r: DashboardRow) =>
                    r.assetsByClass.find((x) => x.class === c)?.count ?? 0,
                })),
                {
                  title: '原值',
                  key: 'formed',
                  align: 'right',
                  render: (_, r) => <Money value={r.formedValue} />,
                },
                {
                  title: '已收收益',
                  key: 'received',
                  align: 'right',
                  render: (_, r) => <Money value={r.incomeReceived} />,
                },
                {
                  title: '已分配',
                  key: 'distributed',
                  align: 'right',
                  render: (_, r) => <Money value={r.incomeDistributed} />,
                },
                {
                  title: '已支付',
                  key: 'paid',
                  align: 'right',
                  render: (_, r) => <Money value={r.incomePaid} />,
                },
                {
                  title: '未分配',
                  key: 'undistributed',
                  align: 'right',
                  render: (_, r) => <Money value={r.incomeUndistributed} />,
                },
                {
                  title: '待备案方案',
                  key: 'plans',
                  align: 'right',
                  render: (_, r) => r.openItems.plansAwaitingFiling,
                },
                {
                  title: '未结处置',
                  key: 'disposals',
                  align: 'right',
                  render: (_, r) => r.openItems.disposalsOpen,
                },
                {
                  title: '公示中确权',
                  key: 'publicity',
                  align: 'right',
                  render: (_, r) => r.openItems.ownershipInPublicity,
                },
                { title: '风险预警', key: 'flags', align: 'right', render: (_, r) => r.openItems.redFlags },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
