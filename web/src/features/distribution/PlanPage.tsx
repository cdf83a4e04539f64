import { App, Button, Card, Descriptions, List, Space, Table, Timeline } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { PlanDetailQuery } from '@web/gql/graphql';
import { AssetLink } from '@web/shared/assets/AssetLink';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { EvidenceFileRow } from '@web/shared/files/EvidenceFileRow';
import { formatDate, formatDateTime } from '@web/shared/format/dates';
import { Money } from '@web/shared/components/Money';
import { formatMoney } from '@web/shared/format/money';
import { distributionChannelLabels } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { HouseholdReceiptsModal } from './HouseholdReceiptsModal';
import { householdLabel } from './HouseholdSelect';
import { PayoutModal, type PayoutTarget } from './PayoutModal';
import { PlanStatusTag } from './PlanStatusTag';
import { ResultPublicityModal } from './ResultPublicityModal';
import { EmptyText, ScrollRegion } from './ScrollRegion';
import { SubmitPlanModal } from './SubmitPlanModal';
import { allocationLeft, sharesLeft, toFen } from './plan-money';
import { PLAN_WRITERS } from './plan-roles';

const PlanDetailDoc = graphql(`
  query PlanDetail($id: ID!) {
    distributionPlan(id: $id) {
      id
      villageCode
      title
      amount
      planDate
      status
      policyVersion
      returnReason
      createdAt
      submittedAt
      filedAt
      completedAt
      completedOn
      version
      allocations {
        id
        channel
        amount
        paid
        repaired
        note
        beneficiaries {
          householdId
          headName
          registryNo
          amount
        }
      }
      payouts {
        id
        allocationId
        householdId
        headName
        registryNo
        amount
        paidOn
        bankReference
        note
        evidence {
          fileId
        }
      }
      income {
        incomeId
        assetId
        assetCode
        assetName
        locationCode
        locationName
        receivedOn
        amount
      }
      decision {
        partyBranchProposalOn
        twoCommitteesDiscussionOn
        partyMembersReviewOn
        representativesDecisionOn
        decisionPublishedOn
        files {
          fileId
        }
      }
      resultPublicity {
        publishedOn
        evidence {
          fileId
        }
      }
    }
  }
`);

type Plan = PlanDetailQuery['distributionPlan'];

/**
 * 分配方案: its allocations and beneficiaries with what each household was paid and what is left, its
 * status history, the payouts; the clerk submits a draft, records payouts of a filed plan and, once it is
 * completed, the result publicity (结果公开).
 */
export default function PlanPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const { message } = App.useApp();
  const regionName = useRegionNames();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: PlanDetailDoc,
    variables: { id },
    requestPolicy: 'cache-and-network',
  });
  const plan = data?.distributionPlan;
  const [paying, setPaying] = useState<PayoutTarget>();
  const [submitting, setSubmitting] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [receipts, setReceipts] = useState<{ id: string; name: string }>();
  const canWrite = Boolean(user && PLAN_WRITERS.includes(user.role));
  const reload = () => refetch({ requestPolicy: 'network-only' });

  // Every household the plan names, as the plan itself gives it (beneficiaries and payouts).
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const a of plan?.allocations ?? []) {
      for (const b of a.beneficiaries) map.set(b.householdId, householdLabel(b));
    }
    for (const p of plan?.payouts ?? []) {
      if (p.householdId && p.headName && p.registryNo) {
        map.set(p.householdId, householdLabel({ headName: p.headName, registryNo: p.registryNo }));
      }
    }
    return map;
  }, [plan]);
  const householdName = (hid: string | null | undefined) => (hid ? (names.get(hid) ?? '农户') : '—');

  if (error) return <QueryError error={error} retry={reload} />;
  if (!plan) return <PageContainer title="分配方案">{fetching ? '加载中…' : null}</PageContainer>;

  const shares = sharesLeft(plan);
  const channelOf = (allocationId: string) => {
    const a = plan.allocations.find((x) => x.id === allocationId);
    return a ? distributionChannelLabels[a.channel] : '';
  };
  const canPay = canWrite && plan.status === 'FILED';

  return (
    <PageContainer
      title={plan.title}
      extra={
        <Space wrap>
          {canWrite && plan.status === 'DRAFT' ? (
            <Button type="primary" onClick={() => setSubmitting(true)}>
              提交备案
            </Button>
          ) : null}
          {canWrite && plan.status === 'COMPLETED' && !plan.resultPublicity ? (
            <Button type="primary" onClick={() => setPublishing(true)}>
              登记结果公开
            </Button>
          ) : null}
          <Link to="/distribution">返回列表</Link>
        </Space>
      }
    >
      <Card size="small" title="基本情况" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label="村">{regionName(plan.villageCode)}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <PlanStatusTag status={plan.status} />
          </Descriptions.Item>
          <Descriptions.Item label="方案金额">{formatMoney(plan.amount)}</Descriptions.Item>
          <Descriptions.Item label="方案日期">{formatDate(plan.planDate)}</Descriptions.Item>
          <Descriptions.Item label="政策版本">
            {plan.policyVersion ? `第 ${plan.policyVersion} 版` : '提交时确定'}
          </Descriptions.Item>
          {plan.returnReason && plan.status === 'DRAFT' ? (
            <Descriptions.Item label="乡镇退回原因">{plan.returnReason}</Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>

      <Card size="small" title="状态记录" style={{ marginBottom: 16 }}>
        <Timeline items={statusHistory(plan).map((s) => ({ children: s }))} />
      </Card>

      <Card size="small" title="分配用途" style={{ marginBottom: 16 }}>
        <ScrollRegion label="分配用途">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={plan.allocations}
            columns={[
              {
                title: '用途',
                className: 'nowrap',
                key: 'channel',
                render: (_, a) => distributionChannelLabels[a.channel],
              },
              {
                title: '金额',
                className: 'nowrap',
                key: 'amount',
                align: 'right',
                render: (_, a) => <Money value={a.amount} />,
              },
              {
                title: '已支付',
                className: 'nowrap',
                key: 'paid',
                align: 'right',
                render: (_, a) => <Money value={a.paid} />,
              },
              // Repairs paid from the 资产管护 allocation (登记维修 on an asset's page) spend it as payouts do.
              ...(plan.allocations.some((a) => a.repaired !== '0.00')
                ? [
                    {
                      title: '维修支出',
                      className: 'nowrap',
                      key: 'repaired',
                      align: 'right' as const,
                      render: (_: unknown, a: (typeof plan.allocations)[number]) => (
                        <Money value={a.repaired} />
                      ),
                    },
                  ]
                : []),
              {
                title: '未支付',
                className: 'nowrap',
                key: 'left',
                align: 'right',
                render: (_, a) => <Money value={allocationLeft(plan, a.id)} />,
              },
              {
                title: '说明',
                key: 'note',
                render: (_, a) => <div className="cell-text">{a.note ?? ''}</div>,
              },
              ...(canPay
                ? [
                    {
                      title: '操作',
                      key: 'pay',
                      render: (_: unknown, a: Plan['allocations'][number]) =>
                        a.beneficiaries.length === 0 && toFen(allocationLeft(plan, a.id)) > 0n ? (
                          <Button
                            size="small"
                            aria-label={`支付 ${distributionChannelLabels[a.channel]}`}
                            onClick={() =>
                              setPaying({
                                planId: plan.id,
                                allocationId: a.id,
                                what: distributionChannelLabels[a.channel],
                                left: allocationLeft(plan, a.id),
                              })
                            }
                          >
                            支付
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        </ScrollRegion>
      </Card>

      <Card size="small" title="受益农户" style={{ marginBottom: 16 }}>
        <ScrollRegion label="受益农户">
          <Table
            rowKey={(s) => `${s.allocationId}:${s.householdId}`}
            size="small"
            pagination={false}
            dataSource={shares}
            locale={{ emptyText: <EmptyText>本方案没有直接发给农户的分配项</EmptyText> }}
            columns={[
              {
                title: '农户',
                className: 'nowrap',
                key: 'household',
                render: (_, s) => (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    aria-label={`${householdName(s.householdId)} 的资金去向`}
                    onClick={() => setReceipts({ id: s.householdId, name: householdName(s.householdId) })}
                  >
                    {householdName(s.householdId)}
                  </Button>
                ),
              },
              {
                title: '用途',
                className: 'nowrap',
                key: 'channel',
                render: (_, s) => channelOf(s.allocationId),
              },
              {
                title: '应得',
                className: 'nowrap',
                key: 'share',
                align: 'right',
                render: (_, s) => <Money value={s.share} />,
              },
              {
                title: '已发放',
                className: 'nowrap',
                key: 'paid',
                align: 'right',
                render: (_, s) => <Money value={s.paid} />,
              },
              {
                title: '未发放',
                className: 'nowrap',
                key: 'left',
                align: 'right',
                render: (_, s) => <Money value={s.left} />,
              },
              ...(canPay
                ? [
                    {
                      title: '操作',
                      key: 'pay',
                      render: (_: unknown, s: (typeof shares)[number]) =>
                        toFen(s.left) > 0n ? (
                          <Button
                            size="small"
                            aria-label={`发放给 ${householdName(s.householdId)}`}
                            onClick={() =>
                              setPaying({
                                planId: plan.id,
                                allocationId: s.allocationId,
                                householdId: s.householdId,
                                what: `${householdName(s.householdId)} · ${channelOf(s.allocationId)}`,
                                left: s.left,
                              })
                            }
                          >
                            发放
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        </ScrollRegion>
      </Card>

      <Card size="small" title="发放记录" style={{ marginBottom: 16 }}>
        <ScrollRegion label="发放记录">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={plan.payouts}
            locale={{ emptyText: <EmptyText>尚未发放</EmptyText> }}
            columns={[
              {
                title: '发放日期',
                className: 'nowrap',
                key: 'paidOn',
                render: (_, p) => formatDate(p.paidOn),
              },
              {
                title: '用途',
                className: 'nowrap',
                key: 'channel',
                render: (_, p) => channelOf(p.allocationId),
              },
              {
                title: '农户',
                className: 'nowrap',
                key: 'household',
                render: (_, p) => householdName(p.householdId),
              },
              {
                title: '金额',
                className: 'nowrap',
                key: 'amount',
                align: 'right',
                render: (_, p) => <Money value={p.amount} />,
              },
              { title: '转账或一卡通凭证号', key: 'ref', render: (_, p) => p.bankReference ?? '' },
              {
                title: '附件',
                key: 'files',
                render: (_, p) => (p.evidence.length > 0 ? `${p.evidence.length} 个` : ''),
              },
            ]}
          />
        </ScrollRegion>
      </Card>

      {plan.income.length > 0 ? (
        <Card size="small" title="分配的收益" style={{ marginBottom: 16 }}>
          <ScrollRegion label="分配的收益">
            <Table
              rowKey="incomeId"
              size="small"
              pagination={false}
              dataSource={plan.income}
              columns={[
                {
                  title: '到账日期',
                  className: 'nowrap',
                  key: 'receivedOn',
                  render: (_, i) => (
                    <Link to={`/income/${i.incomeId}`} aria-label={`收益明细 ${formatDate(i.receivedOn)}`}>
                      {formatDate(i.receivedOn)}
                    </Link>
                  ),
                },
                {
                  title: '资产',
                  key: 'asset',
                  render: (_, i) => (
                    <AssetLink
                      id={i.assetId}
                      label={`${i.assetCode} ${i.assetName}`}
                      locationCode={i.locationCode}
                      locationName={i.locationName}
                    />
                  ),
                },
                {
                  title: '本方案使用',
                  className: 'nowrap',
                  key: 'amount',
                  align: 'right',
                  render: (_, i) => <Money value={i.amount} />,
                },
              ]}
            />
          </ScrollRegion>
        </Card>
      ) : null}

      {plan.decision || plan.resultPublicity ? (
        <Card size="small" title="四议两公开及结果公开的附件" style={{ marginBottom: 16 }}>
          <List
            dataSource={[
              ...(plan.decision?.files ?? []).map((f) => ({ fileId: f.fileId, source: '决议及公开' })),
              ...(plan.resultPublicity?.evidence ?? []).map((f) => ({
                fileId: f.fileId,
                source: '结果公开',
              })),
            ]}
            renderItem={(f) => <EvidenceFileRow fileId={f.fileId} source={f.source} />}
          />
        </Card>
      ) : null}

      {paying ? (
        <PayoutModal
          target={paying}
          onClose={(paid) => {
            setPaying(undefined);
            if (paid) reload();
          }}
        />
      ) : null}
      {receipts ? (
        <HouseholdReceiptsModal
          householdId={receipts.id}
          name={receipts.name}
          onClose={() => setReceipts(undefined)}
        />
      ) : null}
      {submitting ? (
        <SubmitPlanModal
          planId={plan.id}
          onClose={(done) => {
            setSubmitting(false);
            if (done) {
              void message.success('方案已提交乡镇备案');
              reload();
            }
          }}
        />
      ) : null}
      {publishing ? (
        <ResultPublicityModal
          planId={plan.id}
          completedOn={plan.completedOn}
          onClose={(done) => {
            setPublishing(false);
            if (done) reload();
          }}
        />
      ) : null}
    </PageContainer>
  );
}

/** The plan's history as lines (创建, 提交, 备案, 兑付完毕, 结果公开), oldest first. */
function statusHistory(plan: Plan): string[] {
  const lines = [`${formatDateTime(plan.createdAt)} 创建草稿`];
  if (plan.submittedAt) lines.push(`${formatDateTime(plan.submittedAt)} 提交乡镇备案`);
  else if (plan.returnReason) lines.push(`乡镇退回修改：${plan.returnReason}`);
  if (plan.filedAt) lines.push(`${formatDateTime(plan.filedAt)} 乡镇已备案`);
  if (plan.completedOn) lines.push(`${formatDate(plan.completedOn)} 兑付完毕`);
  if (plan.resultPublicity) lines.push(`${formatDate(plan.resultPublicity.publishedOn)} 结果公开`);
  if (plan.decision)
    lines.splice(
      1,
      0,
      `四议两公开：${formatDate(plan.decision.partyBranchProposalOn)} 提议，${formatDate(
        plan.decision.representativesDecisionOn,
      )} 村民代表会议决议，${formatDate(plan.decision.decisionPublishedOn)} 决议公开`,
    );
  return lines;
}
