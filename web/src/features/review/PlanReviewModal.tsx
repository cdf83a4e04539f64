import { App, Button, Descriptions, Form, Input, List, Modal, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';
import { EvidenceFileRow } from '@web/shared/files/EvidenceFileRow';
import { formatDate } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { distributionChannelLabels, planStatusLabels } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';

const PlanDoc = graphql(`
  query PlanReview($id: ID!) {
    distributionPlan(id: $id) {
      id
      villageCode
      title
      amount
      planDate
      status
      policyVersion
      allocations {
        id
        channel
        amount
        note
        beneficiaries {
          householdId
        }
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
    }
  }
`);

const FileDoc = graphql(`
  mutation FilePlan($id: ID!) {
    fileDistributionPlan(id: $id) {
      id
      status
      filedAt
    }
  }
`);

const ReturnDoc = graphql(`
  mutation ReturnPlan($id: ID!, $reason: String!) {
    returnDistributionPlan(id: $id, reason: $reason) {
      id
      status
      returnReason
    }
  }
`);

/** A submitted distribution plan as the township checks it: file it (备案) or return it with the reason. */
export function PlanReviewModal({ planId, onClose }: { planId?: string; onClose: (done: boolean) => void }) {
  const { message } = App.useApp();
  const regionName = useRegionNames();
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const [{ data }] = useQuery({
    query: PlanDoc,
    variables: { id: planId ?? '' },
    pause: !planId,
    requestPolicy: 'network-only',
  });
  const [{ fetching: filing }, file] = useMutation(FileDoc);
  const [{ fetching: sending }, sendBack] = useMutation(ReturnDoc);
  useEffect(() => {
    setReturning(false);
    form.resetFields();
  }, [planId, form]);
  const plan = planId ? data?.distributionPlan : undefined;

  const doFile = async () => {
    if (!plan) return;
    const result = await file({ id: plan.id });
    if (result.error) {
      void message.error(errorMessage(result.error));
      return;
    }
    void message.success(`已备案：${plan.title}`);
    onClose(true);
  };
  const doReturn = async () => {
    if (!plan) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the fields say what is wrong
    const { reason } = values;
    const result = await sendBack({ id: plan.id, reason: reason.trim() });
    if (result.error) {
      void message.error(errorMessage(result.error));
      return;
    }
    void message.success(`已退回：${plan.title}`);
    onClose(true);
  };

  return (
    <Modal
      title="审查分配方案"
      open={Boolean(planId)}
      onCancel={() => onClose(false)}
      width={760}
      forceRender
      footer={
        <Space wrap>
          <Button onClick={() => onClose(false)}>取消</Button>
          {returning ? (
            <Button danger type="primary" loading={sending} onClick={doReturn}>
              确认退回
            </Button>
          ) : (
            <Button danger onClick={() => setReturning(true)} disabled={!plan}>
              退回
            </Button>
          )}
          <Button type="primary" loading={filing} onClick={doFile} disabled={!plan || returning}>
            备案
          </Button>
        </Space>
      }
    >
      {plan ? (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="方案">{plan.title}</Descriptions.Item>
            <Descriptions.Item label="村">{regionName(plan.villageCode)}</Descriptions.Item>
            <Descriptions.Item label="分配金额">
              <span className="money">{formatMoney(plan.amount)}</span>
            </Descriptions.Item>
            <Descriptions.Item label="状态">{planStatusLabels[plan.status]}</Descriptions.Item>
            <Descriptions.Item label="方案日期">{formatDate(plan.planDate)}</Descriptions.Item>
            <Descriptions.Item label="适用政策">
              {plan.policyVersion ? `第 ${plan.policyVersion} 版` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="全部内容">
              {/* The plan's page: its income sources, every beneficiary household and its history. */}
              <Link to={`/distribution/${plan.id}`}>查看方案详情（收益来源、受益农户）</Link>
            </Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 560 }}
            style={{ marginBottom: 12 }}
            dataSource={plan.allocations}
            columns={[
              { title: '用途', key: 'channel', render: (_, a) => distributionChannelLabels[a.channel] },
              {
                title: '金额',
                key: 'amount',
                align: 'right',
                render: (_, a) => <span className="money">{formatMoney(a.amount)}</span>,
              },
              { title: '受益户', key: 'households', render: (_, a) => `${a.beneficiaries.length} 户` },
              { title: '说明', key: 'note', render: (_, a) => a.note ?? '—' },
            ]}
          />
          {plan.decision ? (
            <>
              <Descriptions size="small" title="四议两公开" column={{ xs: 1, sm: 2 }}>
                <Descriptions.Item label="党支部提议">
                  {formatDate(plan.decision.partyBranchProposalOn)}
                </Descriptions.Item>
                <Descriptions.Item label="两委商议">
                  {formatDate(plan.decision.twoCommitteesDiscussionOn)}
                </Descriptions.Item>
                <Descriptions.Item label="党员大会审议">
                  {formatDate(plan.decision.partyMembersReviewOn)}
                </Descriptions.Item>
                <Descriptions.Item label="村民代表会议决议">
                  {formatDate(plan.decision.representativesDecisionOn)}
                </Descriptions.Item>
                <Descriptions.Item label="决议公开">
                  {formatDate(plan.decision.decisionPublishedOn)}
                </Descriptions.Item>
              </Descriptions>
              <List
                size="small"
                dataSource={plan.decision.files}
                renderItem={(f) => <EvidenceFileRow fileId={f.fileId} source="决议材料" />}
              />
            </>
          ) : null}
        </>
      ) : null}
      {returning ? (
        <Form name="returnPlan" form={form} layout="vertical" style={{ marginTop: 12 }}>
          <Form.Item
            name="reason"
            label="退回理由"
            rules={[
              { required: true, whitespace: true, message: '请写明退回理由（需要修改什么）' },
              { max: 500, message: '退回理由不超过 500 字' },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
