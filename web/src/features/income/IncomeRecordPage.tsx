import { Alert, Card, Descriptions, List, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { IncomeRecordPageQuery } from '@web/gql/graphql';
import { AssetLink, inUserRegion } from '@web/shared/assets/AssetLink';
import { assetOptionLabel } from '@web/shared/assets/AssetSelect';
import { DISPOSAL_PAGE_READERS } from '@web/shared/auth/disposal-roles';
import { useSession } from '@web/shared/auth/session';
import { DateRange } from '@web/shared/components/DateRange';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';
import { EvidenceFileRow } from '@web/shared/files/EvidenceFileRow';
import { formatDate, formatDateTime } from '@web/shared/format/dates';
import { formatMoney, yuanOfFen } from '@web/shared/format/money';
import { incomeKindLabels, ownerTypeLabels, planStatusLabels } from '@web/shared/labels/enums';
import { actorLabel, EntityHistory } from '@web/shared/ledger/EntityHistory';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { fenOfMoney } from './income-money';

const IncomeRecordPageQueryDoc = graphql(`
  query IncomeRecordPage($id: ID!, $entityId: String!) {
    incomeRecord(id: $id) {
      id
      assetId
      assetCode
      assetName
      regionCode
      regionName
      kind
      amount
      receivedOn
      periodFrom
      periodTo
      supplement
      note
      contractId
      disposalId
      reversesId
      reversedById
      createdAt
      evidence {
        fileId
      }
      shares {
        ownerType
        ownerRef
        ownerName
        villageCode
        sharePercent
        amount
      }
    }
    history(entityType: "IncomeRecord", entityId: $entityId) {
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

/** The other record of a reversal (the compensating one, or the one it reverses) and who recorded it. */
const IncomeRecordRelatedQuery = graphql(`
  query IncomeRecordRelated($id: ID!, $entityId: String!) {
    incomeRecord(id: $id) {
      id
      amount
      receivedOn
      note
      createdAt
    }
    history(entityType: "IncomeRecord", entityId: $entityId) {
      index
      time
      actor {
        username
        role
      }
    }
  }
`);

const IncomeRecordContractQuery = graphql(`
  query IncomeRecordContract($id: ID!) {
    contract(id: $id) {
      id
      code
      payments {
        installments {
          periodFrom
          periodTo
          dueOn
          amount
          received
        }
      }
    }
  }
`);

/** What plans take of the record and what they paid out of it: the asset's money trail, this record's part. */
const IncomeRecordTrailQuery = graphql(`
  query IncomeRecordTrail($assetId: ID!) {
    moneyTrail(assetId: $assetId) {
      flows {
        incomeId
        planId
        amount
      }
      payouts {
        incomeId
        planId
        amount
      }
      plans {
        planId
        title
        status
        villageCode
      }
    }
  }
`);

type Record = NonNullable<IncomeRecordPageQuery['incomeRecord']>;

/** The first entry of a record's history: who recorded it (as the ledger has it). */
function recorder(history: ReadonlyArray<{ actor: { username?: string | null; role: string } }> | undefined) {
  const first = history?.[0];
  return first ? actorLabel(first.actor) : '—';
}

/**
 * 收益明细: one income record — amount, dates, kind, asset, contract (and the schedule periods its period
 * falls in), receipts, each owner's part, who recorded it, its reversal (冲销) with links both ways, the
 * plans that distribute it (from the asset's money trail: planned and paid of this record) and its
 * 变更记录 from the ledger. A record outside the user's region shows the API's refusal.
 */
export default function IncomeRecordPage() {
  const { id = '' } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: IncomeRecordPageQueryDoc,
    variables: { id, entityId: id },
  });
  const r = data?.incomeRecord;
  return (
    <PageContainer title="收益明细">
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {fetching && !r ? <Card loading /> : null}
      {r ? <RecordDetail record={r} history={data?.history} /> : null}
    </PageContainer>
  );
}

function RecordDetail({
  record: r,
  history,
}: {
  record: Record;
  history: IncomeRecordPageQuery['history'] | undefined;
}) {
  const { user } = useSession();
  const regionName = useRegionNames();
  const mayOpenDisposals = Boolean(user && DISPOSAL_PAGE_READERS.includes(user.role));
  const relatedId = r.reversedById ?? r.reversesId;
  const [{ data: related }] = useQuery({
    query: IncomeRecordRelatedQuery,
    variables: { id: relatedId ?? '', entityId: relatedId ?? '' },
    pause: !relatedId,
  });
  const other = related?.incomeRecord;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {r.reversedById ? (
        <Alert
          type="warning"
          showIcon
          message="该收益已冲销"
          description={
            <Space direction="vertical" size={4}>
              <span>
                {`冲销时间：${other ? formatDateTime(other.createdAt) : '…'}；冲销人：${recorder(related?.history)}`}
              </span>
              <span>{`冲销原因：${other?.note ?? '…'}`}</span>
              <Link to={`/income/${r.reversedById}`}>查看冲销记录</Link>
            </Space>
          }
        />
      ) : null}
      {r.reversesId ? (
        <Alert
          type="info"
          showIcon
          message="这是一条冲销记录"
          description={
            <Space direction="vertical" size={4}>
              <span>{`冲销原因：${r.note ?? ''}`}</span>
              <span>
                {other
                  ? `被冲销的收益：${formatDate(other.receivedOn)} 到账 ${formatMoney(other.amount)}，由 ${recorder(related?.history)} 登记`
                  : '被冲销的收益：…'}
              </span>
              <Link to={`/income/${r.reversesId}`}>查看被冲销的收益</Link>
            </Space>
          }
        />
      ) : null}
      <Card size="small" title="收益信息">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="金额">
            <span className="money">{formatMoney(r.amount)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="到账日期">{formatDate(r.receivedOn)}</Descriptions.Item>
          <Descriptions.Item label="收益类型">
            <Space size={4} wrap>
              {incomeKindLabels[r.kind]}
              {r.supplement ? <Tag>补充</Tag> : null}
              {r.reversesId ? <StatusTag tone="warning">冲销</StatusTag> : null}
              {r.reversedById ? <StatusTag tone="danger">已冲销</StatusTag> : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="所属期间">
            <DateRange from={r.periodFrom} to={r.periodTo} />
          </Descriptions.Item>
          <Descriptions.Item label="资产">
            <AssetLink
              id={r.assetId}
              label={assetOptionLabel({ code: r.assetCode, name: r.assetName })}
              locationCode={r.regionCode}
              locationName={r.regionName}
            />
          </Descriptions.Item>
          <Descriptions.Item label="所在区域">{r.regionName}</Descriptions.Item>
          <Descriptions.Item label="对应合同">
            {r.contractId ? <ContractRef contractId={r.contractId} record={r} /> : '不对应合同'}
          </Descriptions.Item>
          {r.disposalId ? (
            <Descriptions.Item label="处置申请">
              {mayOpenDisposals ? (
                <Link to={`/disposals/${r.disposalId}`}>查看处置申请</Link>
              ) : (
                '资产处置收入（见资产页的处置）'
              )}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label="备注">{r.note ?? '无'}</Descriptions.Item>
          <Descriptions.Item label="登记人">{recorder(history)}</Descriptions.Item>
          <Descriptions.Item label="登记时间">{formatDateTime(r.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="收款凭证">
        {r.evidence.length === 0 ? (
          <Typography.Text type="secondary">未上传收款凭证</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={r.evidence}
            renderItem={(e) => <EvidenceFileRow key={e.fileId} fileId={e.fileId} source="收款凭证" />}
          />
        )}
      </Card>
      {r.shares.length > 0 ? (
        <Card size="small" title="各所有权人应分">
          <Table
            rowKey={(s) => `${s.ownerType}-${s.ownerRef}`}
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={r.shares}
            columns={[
              {
                title: '所有权人',
                key: 'owner',
                className: 'nowrap',
                render: (_, s) => <ShareOwner share={s} regionName={regionName} />,
              },
              { title: '份额', key: 'share', className: 'nowrap', render: (_, s) => `${s.sharePercent}%` },
              {
                title: '应分金额',
                key: 'amount',
                align: 'right',
                render: (_, s) => <span className="money">{formatMoney(s.amount)}</span>,
              },
            ]}
          />
        </Card>
      ) : null}
      <PlansOfRecord record={r} />
      <Card size="small" title="变更记录">
        <EntityHistory entityType="IncomeRecord" entityId={r.id} />
      </Card>
    </Space>
  );
}

/** The contract's code (a link to its page) and the schedule periods the record's period falls in. */
function ContractRef({ contractId, record }: { contractId: string; record: Record }) {
  const { user } = useSession();
  const [{ data, error }] = useQuery({ query: IncomeRecordContractQuery, variables: { id: contractId } });
  if (error) return <Typography.Text type="secondary">合同在资产所在村查看</Typography.Text>;
  const c = data?.contract;
  if (!c) return <span>…</span>;
  const periods = c.payments.installments.filter(
    (i) => i.periodFrom <= record.periodTo && i.periodTo >= record.periodFrom,
  );
  return (
    <Space direction="vertical" size={2}>
      {inUserRegion(record.regionCode, user) ? (
        // A co-owner elsewhere reads the contract on the asset's page, without the contract's own page.
        <Link to={`/contracts/${c.id}`}>{c.code}</Link>
      ) : (
        c.code
      )}
      {periods.map((i) => (
        <Typography.Text key={i.periodFrom} type="secondary">
          所属期间内的期次：
          <DateRange from={i.periodFrom} to={i.periodTo} />
          {`，应收 ${formatMoney(i.amount)}，已收 ${formatMoney(i.received)}`}
        </Typography.Text>
      ))}
    </Space>
  );
}

/**
 * 分配情况: each plan that distributes this record — what it takes of it (纳入分配) and what it paid out
 * of it (已发放) — as the asset's money trail states them, in the user's region. The trail answers only
 * where the asset is kept; elsewhere the page says so.
 */
function PlansOfRecord({ record }: { record: Record }) {
  const { user } = useSession();
  const [{ data, error, fetching }] = useQuery({
    query: IncomeRecordTrailQuery,
    variables: { assetId: record.assetId },
    pause: record.reversesId !== null && record.reversesId !== undefined,
  });
  if (record.reversesId) return null;
  const title = '分配情况';
  if (error)
    return (
      <Card size="small" title={title}>
        <Typography.Text type="secondary">
          {user?.role === 'VILLAGE_CLERK' || user?.role === 'TOWNSHIP_OFFICER'
            ? '该资产的分配情况在资产所在地查看'
            : '无法读取分配情况'}
        </Typography.Text>
      </Card>
    );
  const trail = data?.moneyTrail;
  const rows = (trail?.plans ?? [])
    .map((p) => {
      const planned = (trail?.flows ?? [])
        .filter((f) => f.incomeId === record.id && f.planId === p.planId)
        .reduce((s, f) => s + fenOfMoney(f.amount), 0n);
      const paid = (trail?.payouts ?? [])
        .filter((x) => x.incomeId === record.id && x.planId === p.planId)
        .reduce((s, x) => s + fenOfMoney(x.amount), 0n);
      return { ...p, planned, paid };
    })
    .filter((p) => p.planned !== 0n || p.paid !== 0n);
  const total = rows.reduce((s, p) => ({ planned: s.planned + p.planned, paid: s.paid + p.paid }), {
    planned: 0n,
    paid: 0n,
  });
  return (
    <Card size="small" title={title}>
      <Table
        rowKey="planId"
        size="small"
        loading={fetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        locale={{ emptyText: '尚未纳入分配方案' }}
        columns={[
          {
            title: '分配方案',
            key: 'plan',
            render: (_, p) => <Link to={`/distribution/${p.planId}`}>{p.title}</Link>,
          },
          { title: '状态', key: 'status', className: 'nowrap', render: (_, p) => planStatusLabels[p.status] },
          {
            title: '纳入分配',
            key: 'planned',
            align: 'right',
            render: (_, p) => <span className="money">{formatMoney(yuanOfFen(p.planned))}</span>,
          },
          {
            title: '已发放',
            key: 'paid',
            align: 'right',
            render: (_, p) => <span className="money">{formatMoney(yuanOfFen(p.paid))}</span>,
          },
        ]}
        summary={() =>
          rows.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} />
              <Table.Summary.Cell index={2} align="right">
                <span className="money">{formatMoney(yuanOfFen(total.planned))}</span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <span className="money">{formatMoney(yuanOfFen(total.paid))}</span>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        纳入分配：提交、备案或完成的分配方案从本笔收益中分配的金额；已发放：按方案发放时从本笔收益支出的金额（方案先用最早的收益）。
      </Typography.Paragraph>
    </Card>
  );
}

type Share = NonNullable<IncomeRecordPageQuery['incomeRecord']>['shares'][number];

/**
 * Who owns a share of the income. A village or a township by its region's name (a township's share is
 * owned by its code), with the name its confirmed ownership gives it below when that differs
 * (梧桐村集体经济组织); another owner by that name, with its kind and reference below.
 */
function ShareOwner({ share: s, regionName }: { share: Share; regionName: (code: string) => string }) {
  const region = s.villageCode
    ? regionName(s.villageCode)
    : s.ownerType === 'TOWNSHIP'
      ? regionName(s.ownerRef)
      : null;
  const kind = `${ownerTypeLabels[s.ownerType as keyof typeof ownerTypeLabels] ?? s.ownerType} ${s.ownerRef}`;
  const main = region ?? s.ownerName ?? kind;
  const detail = region ? (s.ownerName !== region ? s.ownerName : null) : s.ownerName ? kind : null;
  if (!detail) return <>{main}</>;
  return (
    <>
      <div>{main}</div>
      <Typography.Text type="secondary">{detail}</Typography.Text>
    </>
  );
}
