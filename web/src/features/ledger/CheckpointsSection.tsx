import { App, Button, Card, Descriptions, Empty, Popconfirm, Table, Typography } from 'antd';
import { useId } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';
import { useSession } from '@web/shared/auth/session';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';
import { formatDateTime } from '@web/shared/format/dates';
import { ConsistencyCheck } from './ConsistencyCheck';
import { CHECKPOINT_SIGNERS, hasRole } from './witness-roles';

const LedgerCheckpointsQuery = graphql(`
  query LedgerCheckpoints {
    latestCheckpoint {
      treeSize
      rootHash
      createdAt
      verifierKey
      witnessing {
        policyVersion
        required
        validCosignatures
        reached
        cosignedNote
        cosignatures {
          witnessId
          witnessName
          signedAt
        }
        behind {
          id
          name
        }
      }
    }
    checkpoints(first: 20) {
      totalCount
      edges {
        node {
          treeSize
          rootHash
          createdAt
          note
          witnessing {
            validCosignatures
            required
            reached
          }
        }
      }
    }
  }
`);

const CreateCheckpoint = graphql(`
  mutation CreateCheckpoint {
    createCheckpoint {
      treeSize
    }
  }
`);

/**
 * The latest signed checkpoint with its witnesses' cosignatures, the browser's own check that a later
 * checkpoint extends an earlier one (核验一致性), and the checkpoints before it. A district
 * supervisor or an admin signs one now (立即签署检查点) instead of waiting for the timer.
 */
export function CheckpointsSection() {
  const { user } = useSession();
  const { message } = App.useApp();
  const [{ data, error }, refetch] = useQuery({ query: LedgerCheckpointsQuery });
  const [signing, sign] = useMutation(CreateCheckpoint);
  const cosignersHeading = useId();
  const reload = () => refetch({ requestPolicy: 'network-only' });
  if (error) return <QueryError error={error} retry={reload} />;
  const latest = data?.latestCheckpoint;

  const doSign = async () => {
    const before = latest?.treeSize;
    const r = await sign({});
    if (r.error) {
      void message.error(errorMessage(r.error));
      return;
    }
    const size = r.data?.createCheckpoint.treeSize;
    void message.success(
      size === before
        ? `账本自上个检查点以来没有新条目，最新检查点仍为规模 ${size}`
        : `已签署规模为 ${size} 的检查点`,
    );
    reload();
  };

  return (
    <>
      {hasRole(user, CHECKPOINT_SIGNERS) ? (
        <Popconfirm
          title="立即签署检查点？"
          description="用账本密钥签署账本当前的规模和根哈希，见证人随后可以联署。"
          okText="签署"
          cancelText="取消"
          onConfirm={() => doSign()}
        >
          <Button type="primary" loading={signing.fetching} style={{ marginBottom: 16 }}>
            立即签署检查点
          </Button>
        </Popconfirm>
      ) : null}
      <Card title="最新检查点" size="small" style={{ marginBottom: 16 }}>
        {!latest ? (
          <Empty description="尚无签名检查点" />
        ) : (
          <>
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label="规模">{latest.treeSize} 条</Descriptions.Item>
              <Descriptions.Item label="根哈希">
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {latest.rootHash}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="签署时间">{formatDateTime(latest.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="账本公钥">
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {latest.verifierKey}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="见证">
                {latest.witnessing.policyVersion == null ? (
                  '尚未设定见证策略'
                ) : (
                  <>
                    <StatusTag tone={latest.witnessing.reached ? 'success' : 'warning'}>
                      {latest.witnessing.reached ? '已达法定联署数' : '未达法定联署数'}
                    </StatusTag>
                    有效联署 {latest.witnessing.validCosignatures} / 需要 {latest.witnessing.required}
                  </>
                )}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }} id={cosignersHeading}>
              联署的见证人
            </Typography.Title>
            {/* A real list named by its heading (Ant Design's List is divs with no list role). */}
            {latest.witnessing.cosignatures.length > 0 ? (
              <ul className="plain-list" aria-labelledby={cosignersHeading}>
                {latest.witnessing.cosignatures.map((c) => (
                  <li key={c.witnessName}>
                    {c.witnessName}（{formatDateTime(c.signedAt)} 联署）
                  </li>
                ))}
              </ul>
            ) : (
              <Typography.Paragraph type="secondary">尚无见证人联署</Typography.Paragraph>
            )}
            {latest.witnessing.behind.length > 0 ? (
              <Typography.Paragraph style={{ marginTop: 8 }}>
                尚未联署：{latest.witnessing.behind.map((w) => w.name).join('、')}
              </Typography.Paragraph>
            ) : null}
            <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
              带联署的检查点原文
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              审计人员可保存此文本，日后要求服务器证明新的账本是它的延续。
            </Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: latest.witnessing.cosignedNote }}>
              <pre className="note-text" aria-label="检查点原文">
                {latest.witnessing.cosignedNote}
              </pre>
            </Typography.Paragraph>
          </>
        )}
      </Card>
      <ConsistencyCheck checkpoints={data?.checkpoints.edges.map((e) => e.node) ?? []} />
      <Card title={`检查点（共 ${data?.checkpoints.totalCount ?? 0} 个，最近 20 个）`} size="small">
        <Table
          size="small"
          rowKey="treeSize"
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={data?.checkpoints.edges.map((e) => e.node) ?? []}
          columns={[
            { title: '规模', className: 'nowrap', dataIndex: 'treeSize' },
            {
              title: '签署时间',
              className: 'nowrap',
              key: 'createdAt',
              render: (_, c) => formatDateTime(c.createdAt),
            },
            {
              title: '联署',
              className: 'nowrap',
              key: 'witnessing',
              render: (_, c) =>
                `${c.witnessing.validCosignatures} / ${c.witnessing.required}${c.witnessing.reached ? '（已达）' : ''}`,
            },
            {
              title: '根哈希',
              key: 'root',
              render: (_, c) => <Typography.Text code>{c.rootHash.slice(0, 16)}…</Typography.Text>,
            },
          ]}
        />
      </Card>
    </>
  );
}
