import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  List,
  Radio,
  Space,
  Table,
  Typography,
} from 'antd';
import type { RadioGroupProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { AssetClass, AssetForm, AssetStatus, OperatingMode, ReviewDecision } from '@web/gql/enums';
import type { DisposalReviewQuery } from '@web/gql/graphql';
import { errorMessage, errorReason } from '@web/shared/api/errors';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';
import { EvidenceFileRow } from '@web/shared/files/EvidenceFileRow';
import { formatDate, formatDateTime } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { formatQuantity } from '@web/shared/format/quantity';
import {
  assetClassLabels,
  assetFormLabels,
  assetStatusLabels,
  disposalMethodLabels,
  disposalReasonLabels,
  disposalStatusLabels,
  fundSourceLabels,
  operatingModeLabels,
  reviewDecisionLabels,
  reviewLevelLabels,
} from '@web/shared/labels/enums';
import { ledgerActionLabel } from '@web/shared/labels/ledger';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import {
  ASSET_FIELDS,
  assetChanges,
  fenToYuan,
  parseSnapshot,
  sha256Hex,
  stateBefore,
  type FieldKind,
  type LedgerJson,
} from './snapshot';

const DisposalReviewDoc = graphql(`
  query DisposalReview($id: ID!) {
    disposalRequest(id: $id) {
      id
      assetId
      regionCode
      status
      currentLevel
      decidingLevel
      dueOn
      overdue
      createdAt
      snapshot
      snapshotHash
      evidence {
        appraisal {
          fileId
        }
        resolution {
          fileId
        }
        other {
          fileId
        }
      }
      reviews {
        step
        level
        decision
        comment
        createdAt
      }
    }
    assetCategories(includeInactive: true) {
      code
      name
    }
  }
`);

const DisposalAssetHistoryDoc = graphql(`
  query DisposalAssetHistory($assetId: String!, $requestId: String!) {
    assetHistory: history(entityType: "Asset", entityId: $assetId) {
      index
      action
      time
      after
    }
    requestHistory: history(entityType: "DisposalRequest", entityId: $requestId) {
      index
    }
  }
`);

const ReviewDisposalDoc = graphql(`
  mutation ReviewDisposal($id: ID!, $decision: ReviewDecision!, $comment: String, $hash: String!) {
    reviewDisposal(requestId: $id, decision: $decision, comment: $comment, expectedSnapshotHash: $hash) {
      id
      status
      currentLevel
      snapshotHash
    }
  }
`);

type Request = DisposalReviewQuery['disposalRequest'];

interface DecisionForm {
  decision: ReviewDecision;
  comment?: string;
}

/**
 * 处置审核: one disposal request as the reviewer decides on it. What is shown is the request's snapshot
 * itself (the canonical JSON the decision is bound to), checked in the browser against its SHA-256, and
 * what changed in the asset since the last decision (or since the request was made), from the ledger.
 */
export default function DisposalReviewPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: DisposalReviewDoc,
    variables: { id },
    requestPolicy: 'network-only',
  });
  const request = data?.disposalRequest;
  const [stale, setStale] = useState(false);
  const [form] = Form.useForm<DecisionForm>();
  const decision = Form.useWatch('decision', form);
  const [{ fetching: sending }, review] = useMutation(ReviewDisposalDoc);

  const myLevel =
    user?.role === 'TOWNSHIP_OFFICER' ? 'TOWNSHIP' : user?.role === 'DISTRICT_SUPERVISOR' ? 'DISTRICT' : null;
  const backTo =
    user?.role === 'DISTRICT_SUPERVISOR'
      ? '/disposals'
      : user?.role === 'TOWNSHIP_OFFICER'
        ? '/review?tab=disposals'
        : '/red-flags';
  const mayDecide = Boolean(request && myLevel && request.currentLevel === myLevel);

  const submit = async (values: DecisionForm) => {
    if (!request) return;
    const result = await review({
      id: request.id,
      decision: values.decision,
      comment: values.comment?.trim() || undefined,
      hash: request.snapshotHash,
    });
    if (result.error) {
      if (errorReason(result.error) === 'DISPOSAL_STALE_SNAPSHOT') {
        setStale(true);
        refetch({ requestPolicy: 'network-only' });
      } else {
        void message.error(errorMessage(result.error));
      }
      return;
    }
    const status = result.data?.reviewDisposal.status;
    void message.success(
      `已提交审核意见：${reviewDecisionLabels[values.decision]}${status ? `，申请${disposalStatusLabels[status]}` : ''}`,
    );
    void navigate(backTo);
  };

  return (
    <PageContainer title="处置审核" extra={<Link to={backTo}>返回列表</Link>}>
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {request ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <StatusCard request={request} />
          <SnapshotCard request={request} categories={data.assetCategories} />
          <ChangesCard key={request.snapshotHash} request={request} categories={data.assetCategories} />
          <Card title="申请材料" size="small">
            <List
              locale={{ emptyText: '暂无附件' }}
              dataSource={[
                ...request.evidence.appraisal.map((f) => ({ fileId: f.fileId, source: '资产评估报告' })),
                ...request.evidence.resolution.map((f) => ({ fileId: f.fileId, source: '民主决议' })),
                ...request.evidence.other.map((f) => ({ fileId: f.fileId, source: '其他材料' })),
              ]}
              renderItem={(f) => <EvidenceFileRow fileId={f.fileId} source={f.source} />}
            />
          </Card>
          {request.reviews.length > 0 ? (
            <Card title="审核记录" size="small">
              <Table
                rowKey="step"
                size="small"
                pagination={false}
                scroll={{ x: 560 }}
                dataSource={request.reviews}
                columns={[
                  { title: '步骤', key: 'level', render: (_, r) => reviewLevelLabels[r.level] },
                  { title: '意见', key: 'decision', render: (_, r) => reviewDecisionLabels[r.decision] },
                  { title: '说明', key: 'comment', render: (_, r) => r.comment ?? '—' },
                  { title: '时间', key: 'createdAt', render: (_, r) => formatDateTime(r.createdAt) },
                ]}
              />
            </Card>
          ) : null}
          {mayDecide ? (
            <Card title="审核意见" size="small">
              {stale ? (
                <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={STALE_MESSAGE} />
              ) : null}
              <Form<DecisionForm>
                name="disposalDecision"
                form={form}
                layout="vertical"
                onFinish={submit}
                onValuesChange={() => setStale(false)}
              >
                <Form.Item
                  name="decision"
                  label="审核结论"
                  rules={[{ required: true, message: '请选择审核结论' }]}
                >
                  <DecisionRadios
                    options={(['APPROVE', 'RETURN', 'REJECT'] as const).map((d) => ({
                      value: d,
                      label: reviewDecisionLabels[d],
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name="comment"
                  label="审核说明"
                  rules={[
                    {
                      required: decision === 'REJECT' || decision === 'RETURN',
                      whitespace: true,
                      message: '退回或不同意时，请写明理由',
                    },
                    { max: 500, message: '审核说明不超过 500 字' },
                  ]}
                >
                  <Input.TextArea rows={3} />
                </Form.Item>
                <Typography.Paragraph type="secondary">
                  提交即表示您的意见针对上方所示快照（指纹 {request.snapshotHash.slice(0, 16)}
                  …）；若申请或资产在此之后有变化，系统将拒绝提交并显示最新内容。
                </Typography.Paragraph>
                <Button type="primary" htmlType="submit" loading={sending || fetching}>
                  提交审核意见
                </Button>
              </Form>
            </Card>
          ) : null}
        </Space>
      ) : null}
    </PageContainer>
  );
}

/**
 * Radio.Group for a required field: Form.Item hands it `aria-required`, which a radio group's <div> may not
 * carry (axe: aria-allowed-attr); the label already marks the field required (as FormSelect does).
 */
function DecisionRadios(props: RadioGroupProps & { 'aria-required'?: boolean | 'true' | 'false' }) {
  const { 'aria-required': _required, ...rest } = props;
  return <Radio.Group {...rest} />;
}

const STALE_MESSAGE =
  '申请或资产在您审阅后发生了变化（或已由他人审核），页面已显示最新内容，请重新审阅后再提交';

function StatusCard({ request }: { request: Request }) {
  const regionName = useRegionNames();
  return (
    <Card size="small">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label="申请村（单位）">{regionName(request.regionCode)}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Space size={4} wrap>
            <StatusTag tone={request.currentLevel ? 'info' : 'neutral'}>
              {disposalStatusLabels[request.status]}
            </StatusTag>
            {request.overdue ? <StatusTag tone="warning">已超期</StatusTag> : null}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="最终审批">{reviewLevelLabels[request.decidingLevel]}</Descriptions.Item>
        <Descriptions.Item label="申请时间">{formatDateTime(request.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="本步审核期限">{formatDate(request.dueOn)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The snapshot as it is hashed: the request's terms and the asset's record, checked against its SHA-256. */
function SnapshotCard({
  request,
  categories,
}: {
  request: Request;
  categories: Array<{ code: string; name: string }>;
}) {
  const regionName = useRegionNames();
  const snapshot = useMemo(() => parseSnapshot(request.snapshot), [request.snapshot]);
  const [check, setCheck] = useState<'pending' | 'ok' | 'mismatch'>('pending');
  useEffect(() => {
    let live = true;
    setCheck('pending');
    void sha256Hex(request.snapshot).then((hash) => {
      if (live) setCheck(hash === request.snapshotHash ? 'ok' : 'mismatch');
    });
    return () => {
      live = false;
    };
  }, [request.snapshot, request.snapshotHash]);
  const show = useFieldFormatter(categories, regionName);
  const r = snapshot.request;
  const asset = snapshot.asset ?? {};
  return (
    <Card
      title="审批内容（快照）"
      size="small"
      extra={
        check === 'ok' ? (
          <StatusTag tone="success">快照指纹已核对</StatusTag>
        ) : check === 'mismatch' ? (
          <StatusTag tone="danger">快照指纹不符</StatusTag>
        ) : null
      }
    >
      {check === 'mismatch' ? (
        <Alert type="error" showIcon message="快照内容与其指纹不一致，请勿审批并联系系统管理员" />
      ) : null}
      <Descriptions size="small" title="处置申请" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label="处置方式">{enumText(disposalMethodLabels, r.method)}</Descriptions.Item>
        <Descriptions.Item label="处置原因">{enumText(disposalReasonLabels, r.reasonCode)}</Descriptions.Item>
        <Descriptions.Item label="评估价值">
          <span className="money">
            {typeof r.appraisedValue === 'string' ? formatMoney(fenToYuan(r.appraisedValue)) : '—'}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="申请理由" span={3}>
          {typeof r.reasonText === 'string' ? r.reasonText : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions size="small" title="资产" column={{ xs: 1, sm: 2, lg: 3 }}>
        {ASSET_FIELDS.filter((f) => asset[f.key] !== null && asset[f.key] !== undefined).map((f) => (
          <Descriptions.Item key={f.key} label={f.label}>
            {f.key === 'code' && typeof asset.id === 'string' ? (
              <Link to={`/assets/${asset.id}`}>{show(f.kind, asset[f.key])}</Link>
            ) : (
              show(f.kind, asset[f.key])
            )}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
        快照指纹（SHA-256）：{request.snapshotHash}
      </Typography.Text>
    </Card>
  );
}

/** What changed in the asset since the last decision on the request (or since it was made). */
function ChangesCard({
  request,
  categories,
}: {
  request: Request;
  categories: Array<{ code: string; name: string }>;
}) {
  const regionName = useRegionNames();
  const [{ data, error }] = useQuery({
    query: DisposalAssetHistoryDoc,
    variables: { assetId: request.assetId, requestId: request.id },
    requestPolicy: 'network-only',
  });
  const show = useFieldFormatter(categories, regionName);
  const last = request.reviews.at(-1);
  const sinceText = last
    ? `${reviewLevelLabels[last.level]}${reviewDecisionLabels[last.decision]}（${formatDateTime(last.createdAt)}）`
    : `提交申请（${formatDateTime(request.createdAt)}）`;
  const current = parseSnapshot(request.snapshot).asset;
  const history = data?.assetHistory ?? [];
  // The request's latest entry on the ledger (its last decision, or its submission) marks "since".
  const mark = Math.max(-1, ...(data?.requestHistory ?? []).map((e) => e.index));
  const before = stateBefore(history, mark);
  const changes = before && current ? assetChanges(before, current) : [];
  const entries = history.filter((e) => e.index > mark);
  if (error) return <QueryError error={error} />;
  return (
    <Card title={`自${sinceText}以来的变化`} size="small">
      {!data ? null : changes.length === 0 && entries.length === 0 ? (
        <Typography.Text>资产无变化</Typography.Text>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {changes.length === 0 ? <Typography.Text>登记内容无变化</Typography.Text> : null}
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            scroll={{ x: 480 }}
            style={changes.length === 0 ? { display: 'none' } : undefined}
            dataSource={changes}
            columns={[
              { title: '项目', dataIndex: 'label', key: 'label' },
              { title: '原为', key: 'before', render: (_, c) => show(c.kind, c.before) },
              { title: '现为', key: 'after', render: (_, c) => show(c.kind, c.after) },
            ]}
          />
          <Typography.Text type="secondary">
            账本记录：
            {entries.map((e) => `${ledgerActionLabel(e.action)}（${formatDateTime(e.time)}）`).join('；') ||
              '无'}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}

function enumText<K extends string>(map: Record<K, string>, value: LedgerJson | undefined): string {
  return typeof value === 'string' && value in map ? map[value as K] : '—';
}

/** Shows a value of the ledger's asset state in Chinese (money in yuan, dates, labels for enums). */
function useFieldFormatter(
  categories: Array<{ code: string; name: string }>,
  regionName: (code: string | null | undefined) => string,
): (kind: FieldKind, value: LedgerJson | undefined) => string {
  return (kind, value) => {
    if (value === null || value === undefined || value === '') return '—';
    switch (kind) {
      case 'money':
        return typeof value === 'string' ? formatMoney(fenToYuan(value)) : '—';
      case 'quantity':
        // As the asset's page shows it: 6, not the ledger's 6.000.
        return typeof value === 'string' ? formatQuantity(value) : String(value);
      case 'date':
        return typeof value === 'string' ? formatDate(value) : '—';
      case 'assetClass':
        return enumText<AssetClass>(assetClassLabels, value);
      case 'assetForm':
        return enumText<AssetForm>(assetFormLabels, value);
      case 'assetStatus':
        return enumText<AssetStatus>(assetStatusLabels, value);
      case 'operatingMode':
        return enumText<OperatingMode>(operatingModeLabels, value);
      case 'region':
        return typeof value === 'string' ? regionName(value) : '—';
      case 'category':
        return categories.find((c) => c.code === value)?.name ?? String(value);
      case 'fundSources':
        return Array.isArray(value)
          ? value
              .map((s) =>
                s && typeof s === 'object' && !Array.isArray(s) && typeof s.amount === 'string'
                  ? `${enumText(fundSourceLabels, s.source)} ${formatMoney(fenToYuan(s.amount))}`
                  : '',
              )
              .join('，')
          : '—';
      default:
        return String(value);
    }
  };
}
