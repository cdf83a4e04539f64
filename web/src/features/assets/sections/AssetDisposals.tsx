import { App, Button, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { graphql } from '@web/gql';
import type { AssetDisposalsQuery } from '@web/gql/graphql';
import { errorMessage } from '@web/shared/api/errors';
import { useSession } from '@web/shared/auth/session';
import { DigitsInput } from '@web/shared/components/DigitsInput';
import { QueryError } from '@web/shared/components/QueryError';
import { EvidenceUpload } from '@web/shared/files/EvidenceUpload';
import { useUploadsInFlight } from '@web/shared/files/useUploadsInFlight';
import { formatDate, formatDateTime, todayLocalDate } from '@web/shared/format/dates';
import { formatMoney, isMoneyInput } from '@web/shared/format/money';
import {
  disposalMethodLabels,
  disposalReasonLabels,
  disposalStatusLabels,
  reviewDecisionLabels,
  reviewLevelLabels,
} from '@web/shared/labels/enums';
import { mayRequestDisposal, OPEN_STATUSES, requesterActions } from '../../disposal/requester-rules';
import type { AssetDetail } from '../AssetPage';

const AssetDisposalsQuery = graphql(`
  query AssetDisposals($assetId: ID!) {
    disposalRequests(filter: { assetId: $assetId }) {
      edges {
        node {
          id
          status
          method
          reasonCode
          reasonText
          appraisedValue
          proceeds
          createdAt
          completedOn
          dueOn
          overdue
          decidingLevel
          requestedBy
          reviews {
            step
            level
            decision
            comment
            createdAt
          }
        }
      }
    }
  }
`);

const WithdrawDisposal = graphql(`
  mutation WithdrawDisposal($requestId: ID!) {
    withdrawDisposal(requestId: $requestId) {
      id
      status
    }
  }
`);

const ResubmitDisposal = graphql(`
  mutation ResubmitDisposal($requestId: ID!) {
    resubmitDisposal(requestId: $requestId) {
      id
      status
    }
  }
`);

const CompleteDisposal = graphql(`
  mutation CompleteDisposal(
    $requestId: ID!
    $completedOn: LocalDate!
    $proceeds: Money!
    $evidenceFileIds: [ID!]
  ) {
    completeDisposal(
      requestId: $requestId
      completedOn: $completedOn
      proceeds: $proceeds
      evidenceFileIds: $evidenceFileIds
    ) {
      id
      status
    }
  }
`);

type Request = AssetDisposalsQuery['disposalRequests']['edges'][number]['node'];

/**
 * The asset's disposal requests, newest first, with the reviews' opinions; for the owner, 申请处置 (when
 * no request is under way), and for the requester what their request allows now: 撤回, 修改 and 重新提交
 * a returned one, 完成处置 an approved one (the date, the proceeds and their receipts). `onChanged` is
 * called when a request was completed (the asset is then DISPOSED).
 */
export function AssetDisposals({
  asset,
  keeps,
  onChanged,
}: {
  asset: AssetDetail;
  keeps: boolean;
  onChanged: () => void;
}) {
  const { user } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [{ data, error }, refetch] = useQuery({
    query: AssetDisposalsQuery,
    variables: { assetId: asset.id },
    // Read again on every visit: a request made on the form page must show when the tab comes back
    // (the cache cannot tell that an empty list gained a request).
    requestPolicy: 'cache-and-network',
  });
  const [, withdraw] = useMutation(WithdrawDisposal);
  const [, resubmit] = useMutation(ResubmitDisposal);
  const [completing, setCompleting] = useState<Request>();
  if (error) return <QueryError error={error} />;
  const requests = data?.disposalRequests.edges.map((e) => e.node) ?? [];
  const open = requests.some((r) => OPEN_STATUSES.includes(r.status));
  const canRequest = keeps && data !== undefined && !open && mayRequestDisposal(user, asset);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const confirm = (
    title: string,
    content: string,
    run: () => Promise<{ error?: CombinedError }>,
    done: string,
  ) =>
    modal.confirm({
      title,
      content,
      okText: '确定',
      cancelText: '取消',
      onOk: async () => {
        const result = await run();
        if (result.error) {
          void message.error(errorMessage(result.error));
          return;
        }
        void message.success(done);
        reload();
      },
    });

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {canRequest ? <Link to={`/assets/${asset.id}/disposal/new`}>申请处置</Link> : null}
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 900 }}
        pagination={false}
        locale={{ emptyText: '暂无处置申请' }}
        dataSource={requests}
        expandable={{
          rowExpandable: (d) => d.reviews.length > 0,
          expandedRowRender: (d) => <Reviews request={d} />,
          expandRowByClick: false,
        }}
        columns={[
          {
            title: '申请日期',
            key: 'createdAt',
            className: 'nowrap',
            render: (_, d) => formatDate(d.createdAt),
          },
          {
            title: '处置方式',
            key: 'method',
            className: 'nowrap',
            render: (_, d) => disposalMethodLabels[d.method],
          },
          { title: '处置原因', key: 'reason', render: (_, d) => disposalReasonLabels[d.reasonCode] },
          {
            title: '状态',
            key: 'status',
            render: (_, d) => (
              <>
                {disposalStatusLabels[d.status]}
                {d.overdue ? '（已超期）' : ''}
                {d.status === 'COMPLETED' && d.completedOn ? `（${formatDate(d.completedOn)}）` : ''}
                {d.status === 'RETURNED' || d.status === 'REJECTED' ? <LastOpinion request={d} /> : null}
              </>
            ),
          },
          {
            title: '审批层级',
            key: 'level',
            className: 'nowrap',
            render: (_, d) => (d.decidingLevel === 'DISTRICT' ? '区级审批' : '乡镇审批'),
          },
          {
            title: '评估价值',
            key: 'appraised',
            align: 'right',
            render: (_, d) => <span className="money">{formatMoney(d.appraisedValue)}</span>,
          },
          {
            title: '处置收入',
            key: 'proceeds',
            align: 'right',
            render: (_, d) => <span className="money">{formatMoney(d.proceeds)}</span>,
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, d) => {
              const can = requesterActions(user?.id, d);
              return (
                <Space wrap size={4}>
                  {can.change ? (
                    <Button
                      size="small"
                      onClick={() => void navigate(`/assets/${asset.id}/disposal/${d.id}/edit`)}
                    >
                      修改
                    </Button>
                  ) : null}
                  {can.change ? (
                    <Button
                      size="small"
                      onClick={() =>
                        confirm(
                          '重新提交处置申请？',
                          '申请将按原内容再送乡镇审核。如需补充材料或修改内容，请先点“修改”。',
                          () => resubmit({ requestId: d.id }),
                          '已重新提交，待乡镇审核',
                        )
                      }
                    >
                      重新提交
                    </Button>
                  ) : null}
                  {can.withdraw ? (
                    <Button
                      size="small"
                      danger
                      onClick={() =>
                        confirm(
                          '撤回处置申请？',
                          '撤回后该申请不再审核；如仍需处置，可重新申请。',
                          () => withdraw({ requestId: d.id }),
                          '已撤回处置申请',
                        )
                      }
                    >
                      撤回
                    </Button>
                  ) : null}
                  {can.complete ? (
                    <Button size="small" type="primary" onClick={() => setCompleting(d)}>
                      完成处置
                    </Button>
                  ) : null}
                </Space>
              );
            },
          },
        ]}
      />
      {completing ? (
        <CompleteModal
          request={completing}
          regionCode={asset.locationCode}
          onClose={(done) => {
            setCompleting(undefined);
            if (done) {
              reload();
              onChanged();
            }
          }}
        />
      ) : null}
    </Space>
  );
}

/** The opinion that sent the request back or refused it, under its status. */
function LastOpinion({ request }: { request: Request }) {
  const last = request.reviews[request.reviews.length - 1];
  if (!last?.comment) return null;
  return (
    <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
      {reviewLevelLabels[last.level]}意见：{last.comment}
    </Typography.Paragraph>
  );
}

function Reviews({ request }: { request: Request }) {
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Typography.Text>情况说明：{request.reasonText}</Typography.Text>
      <ul className="plain-list" aria-label="审核意见">
        {request.reviews.map((r) => (
          <li key={r.step}>
            {formatDateTime(r.createdAt)} {reviewLevelLabels[r.level]}：{reviewDecisionLabels[r.decision]}
            {r.comment ? `，${r.comment}` : ''}
          </li>
        ))}
      </ul>
    </Space>
  );
}

interface CompleteForm {
  completedOn: string;
  proceeds: string;
  evidenceFileIds?: string[];
}

/** 完成处置: the day it was carried out, what it brought in (recorded as income) and the receipts. */
function CompleteModal({
  request,
  regionCode,
  onClose,
}: {
  request: Request;
  regionCode: string;
  onClose: (done: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CompleteForm>();
  const [{ fetching }, complete] = useMutation(CompleteDisposal);
  const [formError, setFormError] = useState<string>();
  const { uploading, onUploadingChange } = useUploadsInFlight();
  const today = todayLocalDate();
  const submit = async () => {
    if (uploading) return setFormError('凭证正在上传，请上传完成后再确认');
    let v: CompleteForm;
    try {
      v = await form.validateFields();
    } catch {
      return; // the fields say what is missing
    }
    setFormError(undefined);
    const result = await complete({
      requestId: request.id,
      completedOn: v.completedOn,
      proceeds: v.proceeds.replace(/,/g, '').trim(),
      evidenceFileIds: v.evidenceFileIds?.length ? v.evidenceFileIds : undefined,
    });
    if (result.error) {
      setFormError(errorMessage(result.error));
      return;
    }
    void message.success('处置已完成，资产状态为已处置');
    onClose(true);
  };
  return (
    <Modal
      title="完成处置"
      open
      okText="确认完成"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {disposalMethodLabels[request.method]}
        已获批准。完成后资产状态改为“已处置”，处置收入登记为该资产的收益。
      </Typography.Paragraph>
      <Form<CompleteForm>
        name="completeDisposal"
        form={form}
        layout="vertical"
        initialValues={{ completedOn: today }}
      >
        <Form.Item
          label="处置完成日期"
          name="completedOn"
          rules={[
            { required: true, message: '请填写处置完成日期' },
            {
              validator: async (_, value?: string) => {
                if (value && value > today) throw new Error('完成日期不能晚于今天');
              },
            },
          ]}
        >
          <Input type="date" max={today} />
        </Form.Item>
        <Form.Item
          label="处置收入（元）"
          name="proceeds"
          extra="拍卖、转让所得；报废、报损无收入的填 0"
          rules={[
            { required: true, message: '请填写处置收入' },
            {
              validator: async (_, value?: string) => {
                if (value && !isMoneyInput(value.replace(/,/g, '')))
                  throw new Error('请填写金额（元），最多两位小数，如 86000.00');
              },
            },
          ]}
        >
          <DigitsInput inputMode="decimal" autoComplete="off" />
        </Form.Item>
        <Form.Item label="凭证" name="evidenceFileIds" extra="可选：成交确认书、收款凭证、报废记录等">
          <EvidenceUpload label="凭证" regionCode={regionCode} onUploadingChange={onUploadingChange} />
        </Form.Item>
      </Form>
      {formError ? (
        <div role="alert" className="form-error">
          {formError}
        </div>
      ) : null}
    </Modal>
  );
}
