import { App, Button, Card, Descriptions, Popconfirm, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';
import { formatDateTime } from '@web/shared/format/dates';
import { witnessStatusLabels } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { PushResults, type PushResult } from './PushResults';
import { RevokeWitnessModal } from './RevokeWitnessModal';
import { WitnessPolicyModal } from './WitnessPolicyModal';
import { hasRole, WITNESS_APPROVERS, WITNESS_POLICY_WRITERS } from './witness-roles';

const WitnessesPageQuery = graphql(`
  query WitnessesPage {
    witnesses {
      id
      name
      verifierKey
      regionCode
      url
      status
      createdAt
      approvedAt
      revokedAt
      revokeReason
      lastCosignedSize
      lastCosignedAt
      inPolicy
    }
    witnessPolicy {
      version
      quorum
      createdAt
      witnesses {
        id
        name
        status
      }
    }
  }
`);

const ApproveWitness = graphql(`
  mutation ApproveWitness($id: ID!) {
    approveWitness(id: $id) {
      id
      status
    }
  }
`);

const RequestCosignatures = graphql(`
  mutation RequestCosignatures {
    requestCosignatures {
      witnessName
      status
      outcome
      detail
    }
  }
`);

const TONE = { PENDING: 'warning', ACTIVE: 'success', REVOKED: 'danger' } as const;

interface WitnessRow {
  id: string;
  name: string;
  status: keyof typeof TONE;
  inPolicy: boolean;
  revokeReason?: string | null;
}

/**
 * The ledger's witnesses: who holds them, their status, when they last cosigned, and the witness policy
 * (k of n). An ADMIN approves and revokes witnesses; an ADMIN or a district supervisor sets the policy and
 * sends the newest checkpoint to the witnesses that answer at a URL (立即请求联署).
 */
export default function WitnessesPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const regionName = useRegionNames();
  const [{ data, error, fetching }, refetch] = useQuery({ query: WitnessesPageQuery });
  const [approval, approve] = useMutation(ApproveWitness);
  const [pushing, push] = useMutation(RequestCosignatures);
  const [revoking, setRevoking] = useState<WitnessRow>();
  const [editingPolicy, setEditingPolicy] = useState(false);
  const [pushed, setPushed] = useState<PushResult[]>();
  const approves = hasRole(user, WITNESS_APPROVERS);
  const setsPolicy = hasRole(user, WITNESS_POLICY_WRITERS);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const policy = data?.witnessPolicy;
  const current = useMemo(
    () =>
      policy
        ? { version: policy.version, quorum: policy.quorum, witnessIds: policy.witnesses.map((w) => w.id) }
        : undefined,
    [policy],
  );

  const doApprove = async (id: string, name: string) => {
    const r = await approve({ id });
    if (r.error) message.error(errorMessage(r.error));
    else {
      message.success(`已批准见证人 ${name}`);
      reload();
    }
  };

  const doPush = async () => {
    setPushed(undefined);
    const r = await push({});
    if (r.error) {
      void message.error(errorMessage(r.error));
      return;
    }
    setPushed(r.data?.requestCosignatures ?? []);
    reload();
  };

  return (
    <PageContainer title="见证人">
      {error ? <QueryError error={error} retry={reload} /> : null}
      <Card title="见证策略" size="small" style={{ marginBottom: 16 }}>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {policy
              ? `见证策略第 ${policy.version} 版：${policy.witnesses.length} 个见证人中至少 ${policy.quorum} 个联署，检查点才算有效见证。`
              : '尚未设定见证策略。'}
          </Typography.Paragraph>
          {policy ? (
            <Descriptions
              column={1}
              bordered
              size="small"
              items={[
                { key: 'quorum', label: '至少联署的见证人数', children: `${policy.quorum} 个` },
                {
                  key: 'witnesses',
                  label: '计入策略的见证人',
                  children: (
                    <ul className="plain-list" aria-label="计入策略的见证人">
                      {policy.witnesses.map((w) => (
                        <li key={w.id} style={{ wordBreak: 'break-all' }}>
                          {w.name}
                          {w.status !== 'ACTIVE' ? (
                            <>
                              {' '}
                              <StatusTag tone={TONE[w.status]}>{witnessStatusLabels[w.status]}</StatusTag>
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  ),
                },
                { key: 'createdAt', label: '设定时间', children: formatDateTime(policy.createdAt) },
              ]}
            />
          ) : null}
          {setsPolicy ? (
            <Space wrap>
              <Button onClick={() => setEditingPolicy(true)}>修改见证策略</Button>
              <Button type="primary" loading={pushing.fetching} onClick={() => void doPush()}>
                立即请求联署
              </Button>
            </Space>
          ) : null}
          {setsPolicy ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              立即请求联署：把最新检查点发给登记了推送地址、尚未联署它的已启用见证人，并显示各见证人的答复。
            </Typography.Paragraph>
          ) : null}
          {pushed ? <PushResults results={pushed} onClose={() => setPushed(undefined)} /> : null}
        </Space>
      </Card>
      <Card>
        <Table
          rowKey="id"
          loading={fetching}
          dataSource={data?.witnesses ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          columns={[
            { title: '密钥名称', dataIndex: 'name' },
            {
              title: '所属区域',
              className: 'nowrap',
              dataIndex: 'regionCode',
              render: (c: string) => regionName(c),
            },
            {
              title: '状态',
              className: 'nowrap',
              dataIndex: 'status',
              render: (s: keyof typeof TONE) => (
                <StatusTag tone={TONE[s]}>{witnessStatusLabels[s]}</StatusTag>
              ),
            },
            {
              title: '计入策略',
              className: 'nowrap',
              dataIndex: 'inPolicy',
              render: (v: boolean) => (v ? '是' : '否'),
            },
            {
              title: '推送地址',
              className: 'nowrap',
              dataIndex: 'url',
              render: (u: string | null) => u ?? '无（自行拉取）',
            },
            {
              title: '最近联署',
              className: 'nowrap',
              key: 'last',
              render: (_, w) =>
                w.lastCosignedSize != null
                  ? `规模 ${w.lastCosignedSize}，${formatDateTime(w.lastCosignedAt)}`
                  : '尚未联署',
            },
            {
              title: '登记时间',
              className: 'nowrap',
              dataIndex: 'createdAt',
              render: (t: string) => formatDateTime(t),
            },
            {
              title: '撤销原因',
              key: 'revokeReason',
              render: (_, w) =>
                w.revokeReason ? (
                  <div className="cell-text">
                    {w.revokeReason}（{formatDateTime(w.revokedAt)}）
                  </div>
                ) : (
                  '—'
                ),
            },
            ...(approves
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    className: 'nowrap',
                    render: (_: unknown, w: WitnessRow) => (
                      <Space size={0}>
                        {w.status === 'PENDING' ? (
                          <Popconfirm
                            title={`批准见证人 ${w.name}？`}
                            description="批准后它的联署计入检查点的见证。"
                            okText="批准"
                            cancelText="取消"
                            onConfirm={() => doApprove(w.id, w.name)}
                          >
                            <Button size="small" type="link" loading={approval.fetching}>
                              批准
                            </Button>
                          </Popconfirm>
                        ) : null}
                        {w.status !== 'REVOKED' ? (
                          <Button size="small" type="link" danger onClick={() => setRevoking(w)}>
                            撤销
                          </Button>
                        ) : null}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {approves ? (
        <RevokeWitnessModal witness={revoking} onClose={() => setRevoking(undefined)} onRevoked={reload} />
      ) : null}
      {setsPolicy ? (
        <WitnessPolicyModal
          open={editingPolicy}
          witnesses={data?.witnesses ?? []}
          current={current}
          onClose={() => setEditingPolicy(false)}
          onSaved={reload}
        />
      ) : null}
    </PageContainer>
  );
}
