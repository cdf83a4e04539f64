import { Alert, Card, Descriptions, Space, Table, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { FundSource } from '@web/gql/enums';
import type { MoneyTrailQuery } from '@web/gql/graphql';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDate } from '@web/shared/format/dates';
import { fenOfYuan, formatMoney, yuanOfFen } from '@web/shared/format/money';
import { distributionChannelLabels, fundSourceLabels, planStatusLabels } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';

const MoneyTrailQueryDoc = graphql(`
  query MoneyTrail($assetId: ID, $householdId: ID, $fundSource: FundSource, $regionCode: String) {
    moneyTrail(
      assetId: $assetId
      householdId: $householdId
      fundSource: $fundSource
      regionCode: $regionCode
    ) {
      investments {
        fundSource
        projectId
        projectCode
        projectName
        assetId
        assetCode
        assetName
        amount
      }
      incomes {
        incomeId
        assetId
        receivedOn
        villageCode
        amount
        distributed
        undistributed
      }
      plans {
        planId
        villageCode
        title
        status
        amount
        fromTrailIncome
        allocations {
          allocationId
          channel
          amount
          paid
        }
      }
      payouts {
        payoutId
        planId
        allocationId
        channel
        householdId
        incomeId
        paidOn
        amount
      }
      households {
        householdId
        headName
        registryNo
        amount
      }
      totals {
        invested
        income
        distributed
        paid
        paidToHouseholds
      }
    }
  }
`);

type Trail = MoneyTrailQuery['moneyTrail'];

/**
 * Of what: one asset (the asset page's 资金流向 tab), one household (what it was paid) or one fund source
 * in a region (the 资金流向 page: every asset it invested in there).
 */
export type TrailOf =
  { assetId: string } | { householdId: string } | { fundSource: FundSource; regionCode: string };

const sumYuan = (amounts: string[]): string =>
  yuanOfFen(amounts.reduce((a, b) => a + (fenOfYuan(b) ?? 0n), 0n));
const money = (amount: string) => <span className="money">{formatMoney(amount)}</span>;

/**
 * 资金流向（以资金为主线）: fund source → project → asset → income → plan → allocation → payout →
 * household, stage by stage, each stage's lines with the total they add up to (to the fen, as the API
 * states it), within the user's region.
 */
export function MoneyTrail({ of }: { of: TrailOf }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: MoneyTrailQueryDoc, variables: of });
  const regionName = useRegionNames();
  if (error) return <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Card size="small" loading={fetching} />;
  const t = data.moneyTrail;
  const forHousehold = 'householdId' in of;
  // Several assets: each income names its asset, and the long stages are paged.
  const manyAssets = !('assetId' in of);
  const pagination = { pageSize: 20, hideOnSinglePage: true, showSizeChanger: false } as const;
  const assets = new Map(t.investments.map((i) => [i.assetId, i]));
  const incomes = new Map(t.incomes.map((i) => [i.incomeId, i]));
  const plans = new Map(t.plans.map((p) => [p.planId, p]));
  const households = new Map(t.households.map((h) => [h.householdId, h]));
  const assetName = (id: string) => {
    const a = assets.get(id);
    return <Link to={`/assets/${id}`}>{a ? `${a.assetCode} ${a.assetName}` : '查看资产'}</Link>;
  };
  const undistributed = sumYuan(t.incomes.map((i) => i.undistributed));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="money-trail">
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2, xl: 3 }} title="资金流向汇总">
        <Descriptions.Item label="资金投入">{money(t.totals.invested)}</Descriptions.Item>
        <Descriptions.Item label="资产收益（村分得）">{money(t.totals.income)}</Descriptions.Item>
        <Descriptions.Item label="纳入分配方案">{money(t.totals.distributed)}</Descriptions.Item>
        <Descriptions.Item label="收益未分配">{money(undistributed)}</Descriptions.Item>
        <Descriptions.Item label={forHousehold ? '发放给该户' : '已发放'}>
          {money(t.totals.paid)}
        </Descriptions.Item>
        {forHousehold ? null : (
          <Descriptions.Item label="其中发放到户">{money(t.totals.paidToHouseholds)}</Descriptions.Item>
        )}
      </Descriptions>
      {forHousehold ? (
        <Alert
          type="info"
          showIcon
          message="以该户收到的每一笔发放为起点，向上追溯其来自哪些收益、资产和资金来源。"
          description="收益和分配方案按整笔列出（其中也有发放给其他农户或集体的部分）；发放只列该户收到的，按来源收益拆分。"
        />
      ) : null}
      {'fundSource' in of ? (
        <Alert
          type="info"
          showIcon
          message={`列出${fundSourceLabels[of.fundSource]}投入的、位于所选区域的每项资产，向下追踪其收益、分配和发放。`}
          description="资金投入只计该资金来源投入各资产的金额；资产的收益、分配方案和发放按资产整笔列出，其中也可能有其他资金来源投入形成的部分。"
        />
      ) : null}

      <Stage n={1} title="资金投入">
        <Table
          caption={
            <TableNote>
              {'fundSource' in of
                ? '资金投入：资金来源 → 项目 → 资产；合计为该资金来源投入各资产的金额'
                : '资金投入：资金来源 → 项目 → 资产；合计为资产的投资额'}
            </TableNote>
          }
          rowKey={(i) => `${i.assetId}-${i.fundSource}`}
          size="small"
          pagination={manyAssets ? pagination : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '无资金投入记录' }}
          dataSource={t.investments}
          columns={[
            {
              title: '资金来源',
              key: 'source',
              className: 'nowrap',
              render: (_, i) => fundSourceLabels[i.fundSource],
            },
            {
              title: '项目',
              key: 'project',
              render: (_, i) => (
                <div className="cell-text">
                  <Link to={`/projects/${i.projectId}`}>{i.projectName}</Link>
                </div>
              ),
            },
            { title: '资产', key: 'asset', render: (_, i) => assetName(i.assetId) },
            { title: '金额', key: 'amount', align: 'right', render: (_, i) => money(i.amount) },
          ]}
          summary={() => <TotalRow label="合计投入" span={3} amounts={[t.totals.invested]} />}
        />
      </Stage>

      <Stage n={2} title="资产收益">
        <Table
          caption={<TableNote>资产收益：每笔收益中村分得的部分（扣除冲销）= 纳入分配 + 未分配</TableNote>}
          rowKey={(i) => `${i.incomeId}-${i.villageCode}`}
          size="small"
          pagination={manyAssets ? pagination : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无收益' }}
          dataSource={t.incomes}
          columns={[
            {
              title: '到账日期',
              key: 'receivedOn',
              className: 'nowrap',
              render: (_, i) => formatDate(i.receivedOn),
            },
            ...(manyAssets ? [{ title: '资产', key: 'asset', render: incomeAsset }] : []),
            { title: '村', key: 'village', className: 'nowrap', render: (_, i) => regionName(i.villageCode) },
            { title: '收益', key: 'amount', align: 'right', render: (_, i) => money(i.amount) },
            { title: '纳入分配', key: 'distributed', align: 'right', render: (_, i) => money(i.distributed) },
            {
              title: '未分配',
              key: 'undistributed',
              align: 'right',
              render: (_, i) => money(i.undistributed),
            },
          ]}
          summary={() => (
            <TotalRow
              label="合计"
              span={manyAssets ? 3 : 2}
              amounts={[t.totals.income, t.totals.distributed, undistributed]}
            />
          )}
        />
      </Stage>

      <Stage n={3} title="分配方案">
        <Table
          caption={
            <TableNote>
              分配方案：方案金额 = 各项用途之和；“来自上述收益”为方案从上述收益中取用的金额，合计即纳入分配
            </TableNote>
          }
          rowKey="key"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '收益尚未纳入分配方案' }}
          expandable={{ defaultExpandAllRows: true }}
          dataSource={t.plans.map((p) => ({
            key: p.planId,
            name: (
              <Space size={4} wrap>
                <Link to={`/distribution/${p.planId}`}>{p.title}</Link>
                <Tag>{planStatusLabels[p.status]}</Tag>
                <span>{regionName(p.villageCode)}</span>
              </Space>
            ),
            amount: p.amount,
            paid: sumYuan(p.allocations.map((a) => a.paid)),
            fromTrail: p.fromTrailIncome as string | null,
            children: p.allocations.map((a) => ({
              key: a.allocationId,
              name: <span className="nowrap">{distributionChannelLabels[a.channel]}</span>,
              amount: a.amount,
              paid: a.paid,
              fromTrail: null,
            })),
          }))}
          columns={[
            {
              title: '方案 / 用途',
              key: 'name',
              render: (_, r) => <div className="cell-text">{r.name}</div>,
            },
            { title: '金额', key: 'amount', align: 'right', render: (_, r) => money(r.amount) },
            { title: '已发放', key: 'paid', align: 'right', render: (_, r) => money(r.paid) },
            {
              title: '来自上述收益',
              key: 'fromTrail',
              align: 'right',
              render: (_, r) => (r.fromTrail === null ? '' : money(r.fromTrail)),
            },
          ]}
          summary={() => <TotalRow label="合计纳入分配" span={3} amounts={[t.totals.distributed]} />}
        />
      </Stage>

      <Stage n={4} title={forHousehold ? '发放给该户' : '发放'}>
        <Table
          caption={
            <TableNote>{`${forHousehold ? '发放给该户' : '发放'}：每笔发放按其方案的收益先到先用，拆分到来源收益`}</TableNote>
          }
          rowKey={(p) => `${p.payoutId}-${p.incomeId}`}
          size="small"
          pagination={pagination}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无发放' }}
          dataSource={t.payouts}
          columns={[
            { title: '发放日期', key: 'paidOn', className: 'nowrap', render: (_, p) => formatDate(p.paidOn) },
            {
              title: '方案 / 用途',
              key: 'plan',
              render: (_, p) => (
                <div className="cell-text">
                  {plans.get(p.planId)?.title ?? ''} · {distributionChannelLabels[p.channel]}
                </div>
              ),
            },
            {
              title: '农户',
              key: 'household',
              className: 'nowrap',
              render: (_, p) => {
                const h = p.householdId ? households.get(p.householdId) : undefined;
                return h ? `${h.headName}（${h.registryNo}）` : '集体/未到户';
              },
            },
            {
              title: '来源收益',
              key: 'income',
              className: 'nowrap',
              render: (_, p) => {
                const i = incomes.get(p.incomeId);
                return i ? `${formatDate(i.receivedOn)} 到账` : '';
              },
            },
            { title: '金额', key: 'amount', align: 'right', render: (_, p) => money(p.amount) },
          ]}
          summary={() => (
            <>
              <TotalRow label="合计发放" span={4} amounts={[t.totals.paid]} />
              {forHousehold ? null : (
                <TotalRow label="其中发放到户" span={4} amounts={[t.totals.paidToHouseholds]} />
              )}
            </>
          )}
        />
      </Stage>

      <Stage n={5} title="到户">
        <Table
          caption={<TableNote>到户：每户收到的合计，即上表中发放到户的各笔之和</TableNote>}
          rowKey="householdId"
          size="small"
          pagination={pagination}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无发放到户' }}
          dataSource={t.households}
          columns={[
            { title: '户籍编号', key: 'registryNo', className: 'nowrap', render: (_, h) => h.registryNo },
            {
              title: '户主',
              key: 'headName',
              className: 'nowrap',
              render: (_, h) =>
                forHousehold ? (
                  h.headName
                ) : (
                  <Link to={`/households/${h.householdId}/trail`}>{h.headName}</Link>
                ),
            },
            { title: '收到', key: 'amount', align: 'right', render: (_, h) => money(h.amount) },
          ]}
          summary={() => <TotalRow label="合计到户" span={2} amounts={[t.totals.paidToHouseholds]} />}
        />
      </Stage>
    </Space>
  );

  function incomeAsset(_: unknown, i: Trail['incomes'][number]) {
    return <div className="cell-text">{assetName(i.assetId)}</div>;
  }
}

/**
 * One stage of the trail, numbered; its table's caption says how its figures add up (and names the
 * table, and the region it scrolls in on a phone).
 */
function Stage({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <Card size="small" title={`${n}. ${title}`}>
      {children}
    </Card>
  );
}

/** A table's caption: how its figures add up, left-aligned above it (it also names the table). */
function TableNote({ children }: { children: ReactNode }) {
  return <div style={{ textAlign: 'left', color: '#595959', paddingBottom: 8 }}>{children}</div>;
}

/** A table's total row: the label over the first `span` columns, then the totals right-aligned. */
function TotalRow({ label, span, amounts }: { label: string; span: number; amounts: string[] }) {
  return (
    <Table.Summary.Row>
      <Table.Summary.Cell index={0} colSpan={span}>
        <strong>{label}</strong>
      </Table.Summary.Cell>
      {amounts.map((a, i) => (
        <Table.Summary.Cell key={i} index={span + i} align="right">
          <strong>{money(a)}</strong>
        </Table.Summary.Cell>
      ))}
    </Table.Summary.Row>
  );
}
