import { Breadcrumb, Button, Card, Empty, Grid, Select, Space, Table, Typography } from 'antd';
import { WrapTabs } from '@web/shared/components/WrapTabs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { RedFlagsQuery } from '@web/gql/graphql';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { PhoneFacts, useNarrow } from '@web/shared/components/PhoneFacts';
import { QueryError } from '@web/shared/components/QueryError';
import { ReportDownloadButton } from '@web/shared/files/ReportDownloadButton';
import { formatDateShort } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { redFlagKindLabels } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';

const RedFlagsDoc = graphql(`
  query RedFlags($regionCode: String) {
    redFlags(regionCode: $regionCode) {
      asOf
      regionCode
      total
      flags {
        kind
        count
        threshold
        byRegion {
          regionCode
          regionName
          count
        }
        records {
          entityType
          entityId
          code
          name
          regionCode
          since
          days
          amount
        }
      }
    }
  }
`);

const ExportRedFlagsDoc = graphql(`
  mutation ExportRedFlags($regionCode: String, $idempotencyKey: String) {
    exportSupervisionReport(kind: RED_FLAGS, regionCode: $regionCode, idempotencyKey: $idempotencyKey) {
      fileId
      downloadPath
      fileName
      rowCount
      size
    }
  }
`);

const ProposalAssetDoc = graphql(`
  query RedFlagProposalAsset($id: ID!) {
    ownershipProposal(id: $id) {
      id
      assetId
    }
  }
`);

type Flag = RedFlagsQuery['redFlags']['flags'][number];
type FlagRecord = Flag['records'][number];

/** What a flag's "since" date means, per kind. */
const SINCE: Partial<Record<Flag['kind'], string>> = {
  INCOME_UNDISTRIBUTED: '最早未分配收益',
  ASSET_IDLE: '闲置起始',
  OWNERSHIP_UNCONFIRMED: '移交日期',
  DISPOSAL_OVERDUE: '审核期限',
  EQUITY_MATURING: '到期日期',
  PUBLICITY_ENDED: '公示截止',
  PUBLICITY_BACKDATED: '公示起始',
  RESULT_PUBLICITY_MISSING: '分配完成日期',
  UPKEEP_INSPECTION_OVERDUE: '应巡查日期',
  UPKEEP_DAMAGE_UNREPAIRED: '发现损坏日期',
  UPKEEP_LOST_NO_DISPOSAL: '发现灭失日期',
  CONTRACT_PAYMENT_OVERDUE: '逾期起始',
  CONTRACT_ENDING_NO_RENEWAL: '到期日期',
  OPERATING_ASSET_NO_CONTRACT: '上份合同结束',
  EQUITY_PRINCIPAL_NOT_RETURNED: '到期日期',
};

/** What a flag's days count, per kind (the days since its date, or until it for what is still to come). */
const DAYS: Partial<Record<Flag['kind'], string>> = {
  UPKEEP_INSPECTION_OVERDUE: '超期天数',
  CONTRACT_PAYMENT_OVERDUE: '逾期天数',
  EQUITY_MATURING: '距到期',
  CONTRACT_ENDING_NO_RENEWAL: '距到期',
};

/** What a flag's amount is, per kind (an asset's 原值, what is owed or undistributed …). */
const AMOUNT: Partial<Record<Flag['kind'], string>> = {
  INCOME_UNDISTRIBUTED: '未分配收益',
  ASSET_IDLE: '原值',
  OWNERSHIP_UNCONFIRMED: '原值',
  DISPOSAL_OVERDUE: '评估价值',
  UPKEEP_INSPECTION_OVERDUE: '原值',
  UPKEEP_DAMAGE_UNREPAIRED: '原值',
  UPKEEP_LOST_NO_DISPOSAL: '原值',
  CONTRACT_PAYMENT_OVERDUE: '欠收金额',
  OPERATING_ASSET_NO_CONTRACT: '原值',
  EQUITY_PRINCIPAL_NOT_RETURNED: '股金本金',
};

/** The kinds whose date is still to come: their days count down to it (the API gives some as negative). */
const UNTIL = new Set<Flag['kind']>(['EQUITY_MATURING', 'CONTRACT_ENDING_NO_RENEWAL']);

/** A flag's days as a person reads them: never "-37 天" (a date to come is so many days 后, or 距到期). */
function daysText(kind: Flag['kind'], days: number | null | undefined): string {
  if (days === null || days === undefined) return '—';
  if (UNTIL.has(kind)) return `${Math.abs(days)} 天`;
  return days < 0 ? `${-days} 天后` : `${days} 天`;
}

/**
 * 风险预警: the red flags of the user's region by kind, with counts per region below it (click one to go
 * down a level) and the records behind each flag, each a link to the record (asset page, disposal review).
 * 导出预警清单 downloads the region shown as the 问题清单 (.xlsx: 汇总 per kind and region, 明细).
 */
export default function RedFlagsPage() {
  const { user } = useSession();
  const regionName = useRegionNames();
  const [params, setParams] = useSearchParams();
  const home = user?.regionCode ?? '';
  const regionCode = params.get('region') ?? home;
  // The kind shown is in the address (?kind=), so a link or a reload opens the same records.
  const kind = params.get('kind') ?? undefined;
  // On a phone the ten or so kinds are one select (a row of its own), not tabs wrapping into six rows.
  const narrow = !Grid.useBreakpoint().md;
  const [{ data, error, fetching }, refetch] = useQuery({
    query: RedFlagsDoc,
    variables: { regionCode },
    pause: !user,
  });
  const report = data?.redFlags;
  const flags = (report?.flags ?? []).filter((f) => f.count > 0);
  const active = flags.find((f) => f.kind === kind) ?? flags[0];
  const show = (next: { region?: string; kind?: string }) => {
    const region = next.region ?? regionCode;
    const k = next.kind ?? kind;
    setParams({ ...(region === home ? {} : { region }), ...(k ? { kind: k } : {}) });
  };
  const go = (code: string) => show({ region: code });
  const setKind = (k: string) => show({ kind: k });
  const [, exportReport] = useMutation(ExportRedFlagsDoc);
  // The overdue contracts of the region shown, on the 经营合同 page (the same rule counts them).
  const contractsLink = `/contracts?overdue=1${regionCode === home ? '' : `&region=${regionCode}`}`;

  // The path from the user's region down to the one shown (district → township → village).
  const trail = [home, regionCode.slice(0, 9), regionCode]
    .filter((c, i, all) => c.length >= home.length && all.indexOf(c) === i && regionCode.startsWith(c))
    .filter((c) => c.length === 6 || c.length === 9 || c.length === 12);

  return (
    <PageContainer
      title="风险预警"
      extra={
        <ReportDownloadButton
          label="导出预警清单"
          request={regionCode}
          run={async (idempotencyKey) => {
            const result = await exportReport({ regionCode, idempotencyKey });
            return { file: result.data?.exportSupervisionReport, error: result.error };
          }}
        />
      }
    >
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={trail.map((c) => ({
          title:
            c === regionCode ? (
              regionName(c)
            ) : (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => go(c)}>
                {regionName(c)}
              </Button>
            ),
        }))}
      />
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {report ? (
        <Typography.Paragraph>
          截至 {formatDateShort(report.asOf)}，{regionName(report.regionCode)}共有风险预警 {report.total} 项
          {flags.length
            ? `：${flags.map((f) => `${redFlagKindLabels[f.kind]} ${f.count} 项`).join('，')}`
            : ''}
          。
        </Typography.Paragraph>
      ) : null}
      <Card size="small" loading={fetching && !report}>
        {report && flags.length === 0 ? <Empty description="暂无风险预警" /> : null}
        {active && narrow ? (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <label htmlFor="red-flag-kind">预警类型</label>
              <Select
                id="red-flag-kind"
                value={active.kind}
                onChange={setKind}
                style={{ width: '100%' }}
                popupMatchSelectWidth
                options={flags.map((f) => ({
                  value: f.kind,
                  label: `${redFlagKindLabels[f.kind]}（${f.count}）`,
                }))}
              />
            </Space>
            <section aria-label="预警明细">
              <FlagDetail
                key={active.kind}
                flag={active}
                regionName={regionName}
                onRegion={go}
                contractsLink={contractsLink}
              />
            </section>
          </Space>
        ) : active ? (
          <WrapTabs
            activeKey={active.kind}
            onChange={setKind}
            items={flags.map((f) => ({
              key: f.kind,
              label: `${redFlagKindLabels[f.kind]}（${f.count}）`,
              // Keyed by the kind: another kind's records open at their start (first page, not scrolled
              // sideways as the last kind's were left).
              children: (
                <FlagDetail
                  key={f.kind}
                  flag={f}
                  regionName={regionName}
                  onRegion={go}
                  contractsLink={contractsLink}
                />
              ),
            }))}
          />
        ) : null}
      </Card>
    </PageContainer>
  );
}

function FlagDetail({
  flag,
  regionName,
  onRegion,
  contractsLink,
}: {
  flag: Flag;
  regionName: (code: string | null | undefined) => string;
  onRegion: (code: string) => void;
  contractsLink: string;
}) {
  const narrow = useNarrow();
  const daysTitle = DAYS[flag.kind] ?? '天数';
  const amountTitle = AMOUNT[flag.kind] ?? '金额';
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {flag.kind === 'CONTRACT_PAYMENT_OVERDUE' ? (
        <Link to={contractsLink}>在经营合同中查看逾期合同（{flag.count}）</Link>
      ) : null}
      {flag.byRegion.length > 0 ? (
        <Table
          rowKey="regionCode"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          caption="按区域"
          dataSource={flag.byRegion.filter((r) => r.count > 0)}
          columns={[
            {
              title: '区域',
              key: 'region',
              render: (_, r) =>
                r.regionCode.length < 12 ? (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => onRegion(r.regionCode)}
                  >
                    {r.regionName ?? regionName(r.regionCode)}
                  </Button>
                ) : (
                  (r.regionName ?? regionName(r.regionCode))
                ),
            },
            { title: '预警数', dataIndex: 'count', key: 'count', align: 'right' },
          ]}
        />
      ) : null}
      <Table<FlagRecord>
        rowKey={(r) => `${r.entityType}:${r.entityId}`}
        size="small"
        caption="预警记录"
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 760 }}
        // Its cells' widths, as without a fixed column (fixed, a contract's 编号 ran over the next column).
        tableLayout="auto"
        dataSource={flag.records}
        columns={[
          // Stays in view while the row scrolls sideways on a phone: which record its days and amount are.
          {
            title: '编号',
            key: 'code',
            fixed: 'left',
            className: 'nowrap',
            render: (_, r) => (
              <>
                <RecordLink record={r} />
                <PhoneFacts narrow={narrow}>
                  {r.days !== null && r.days !== undefined ? (
                    <span className="nowrap">
                      {daysTitle} {daysText(flag.kind, r.days)}
                    </span>
                  ) : null}
                  {r.amount ? (
                    <span>
                      {amountTitle} <span className="money">{formatMoney(r.amount)}</span>
                    </span>
                  ) : null}
                </PhoneFacts>
              </>
            ),
          },
          { title: '名称', dataIndex: 'name', key: 'name' },
          { title: '所在地', key: 'region', render: (_, r) => regionName(r.regionCode) },
          {
            title: SINCE[flag.kind] ?? '起始日期',
            key: 'since',
            className: 'nowrap',
            render: (_, r) => formatDateShort(r.since),
          },
          {
            title: daysTitle,
            key: 'days',
            align: 'right',
            className: 'nowrap',
            render: (_, r) => daysText(flag.kind, r.days),
          },
          {
            title: amountTitle,
            key: 'amount',
            align: 'right',
            render: (_, r) => <span className="money">{formatMoney(r.amount)}</span>,
          },
        ]}
      />
    </Space>
  );
}

/** The record behind a flag: its asset's page, the disposal's review page, or the contract's page. */
function RecordLink({ record }: { record: FlagRecord }) {
  const client = useClient();
  const navigate = useNavigate();
  const text = record.code || record.name;
  if (record.entityType === 'Asset') return <Link to={`/assets/${record.entityId}`}>{text}</Link>;
  if (record.entityType === 'DisposalRequest')
    return <Link to={`/disposals/${record.entityId}`}>{text}</Link>;
  if (record.entityType === 'Contract') return <Link to={`/contracts/${record.entityId}`}>{text}</Link>;
  if (record.entityType === 'OwnershipProposal') {
    const open = async () => {
      const result = await client.query(ProposalAssetDoc, { id: record.entityId }).toPromise();
      const assetId = result.data?.ownershipProposal.assetId;
      if (assetId) void navigate(`/assets/${assetId}`);
    };
    return (
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => void open()}>
        {text}
      </Button>
    );
  }
  return <>{text}</>;
}
