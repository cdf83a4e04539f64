import { App, Button, Card, Popconfirm, Table, Typography } from 'antd';
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

const WitnessesPageQuery = graphql(`
  query WitnessesPage {
    witnesses {
      id
      name
      verifierKey
      regionCode
      status
      createdAt
      approvedAt
      revokeReason
      lastCosignedSize
      lastCosignedAt
      inPolicy
    }
    witnessPolicy {
      version
      quorum
      witnesses {
        id
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

const TONE = { PENDING: 'warning', ACTIVE: 'success', REVOKED: 'danger' } as const;

/** The ledger's witnesses: who holds them, their status, when they last cosigned; an ADMIN approves. */
export default function WitnessesPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const regionName = useRegionNames();
  const [{ data, error, fetching }, refetch] = useQuery({ query: WitnessesPageQuery });
  const [approval, approve] = useMutation(ApproveWitness);
  const isAdmin = user?.role === 'ADMIN';

  const doApprove = async (id: string, name: string) => {
    const r = await approve({ id });
    if (r.error) message.error(errorMessage(r.error));
    else {
      message.success(`已批准见证人 ${name}`);
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <PageContainer title="见证人">
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {data?.witnessPolicy
            ? `见证策略第 ${data.witnessPolicy.version} 版：${data.witnessPolicy.witnesses.length} 个见证人中至少 ${data.witnessPolicy.quorum} 个联署，检查点才算有效见证。`
            : '尚未设定见证策略。'}
        </Typography.Paragraph>
      </Card>
      <Card>
        <Table
          rowKey="id"
          loading={fetching}
          dataSource={data?.witnesses ?? []}
          pagination={false}
          scroll={{ x: 900 }}
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
            ...(isAdmin
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    render: (_: unknown, w: { id: string; name: string; status: string }) =>
                      w.status === 'PENDING' ? (
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
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </PageContainer>
  );
}
