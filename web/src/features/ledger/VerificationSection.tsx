import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '@web/gql';
import type { LedgerReconcileQuery, LedgerVerifyQuery } from '@web/gql/graphql';
import { errorMessage } from '@web/shared/api/errors';
import { differenceKindLabels, entityTypeLabel, problemKindLabels } from './ledger-labels';

const LedgerVerifyQueryDoc = graphql(`
  query LedgerVerify {
    verifyLedger {
      ok
      treeSize
      checkedEntries
      checkedCheckpoints
      firstBadIndex
      problems {
        kind
        index
      }
    }
  }
`);

const LedgerReconcileQueryDoc = graphql(`
  query LedgerReconcile {
    reconcile {
      ok
      checkedEntities
      differences {
        entityType
        entityId
        kind
        fields
        lastIndex
      }
    }
  }
`);

type Verification = LedgerVerifyQuery['verifyLedger'];
type Reconciliation = LedgerReconcileQuery['reconcile'];

/** verifyLedger and reconcile, run on demand (they read the whole ledger), with their findings. */
export function VerificationSection() {
  const client = useClient();
  const [verifying, setVerifying] = useState(false);
  const [reconciling, setReconciling] = useState(false);
  const [verification, setVerification] = useState<Verification | { error: string } | null>(null);
  const [reconciliation, setReconciliation] = useState<Reconciliation | { error: string } | null>(null);

  const verify = async () => {
    setVerifying(true);
    const r = await client.query(LedgerVerifyQueryDoc, {}, { requestPolicy: 'network-only' }).toPromise();
    setVerification(r.data ? r.data.verifyLedger : { error: errorMessage(r.error) ?? '校验失败' });
    setVerifying(false);
  };
  const reconcile = async () => {
    setReconciling(true);
    const r = await client.query(LedgerReconcileQueryDoc, {}, { requestPolicy: 'network-only' }).toPromise();
    setReconciliation(r.data ? r.data.reconcile : { error: errorMessage(r.error) ?? '对账失败' });
    setReconciling(false);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title="账本校验" size="small">
        <Typography.Paragraph type="secondary">
          逐条重算哈希、签名和检查点，核对账本从未被改写（服务器端执行，账本较大时需要一些时间）。
        </Typography.Paragraph>
        <Button type="primary" loading={verifying} onClick={() => void verify()}>
          运行账本校验
        </Button>
        {verification && 'error' in verification ? (
          <Alert type="error" showIcon message={verification.error} style={{ marginTop: 16 }} />
        ) : verification ? (
          <div style={{ marginTop: 16 }}>
            <Alert
              type={verification.ok ? 'success' : 'error'}
              showIcon
              message={
                verification.ok
                  ? `账本完整：共 ${verification.treeSize} 条，已核对 ${verification.checkedEntries} 条条目、${verification.checkedCheckpoints} 个检查点`
                  : `账本校验未通过：发现 ${verification.problems.length} 个问题，最早出问题的序号 ${verification.firstBadIndex ?? '—'}`
              }
            />
            {verification.problems.length > 0 ? (
              <Table
                style={{ marginTop: 16 }}
                size="small"
                rowKey={(p, i) => `${p.kind}-${p.index ?? ''}-${i}`}
                pagination={false}
                dataSource={verification.problems}
                columns={[
                  { title: '问题', key: 'kind', render: (_, p) => problemKindLabels[p.kind] ?? '其他问题' },
                  { title: '序号', key: 'index', render: (_, p) => p.index ?? '—' },
                ]}
              />
            ) : null}
          </div>
        ) : null}
      </Card>
      <Card title="业务数据对账" size="small">
        <Typography.Paragraph type="secondary">
          将每条业务记录的当前数据与账本中最后一次记载的状态比对，找出绕过系统直接修改数据库的情况。
        </Typography.Paragraph>
        <Button type="primary" loading={reconciling} onClick={() => void reconcile()}>
          运行对账
        </Button>
        {reconciliation && 'error' in reconciliation ? (
          <Alert type="error" showIcon message={reconciliation.error} style={{ marginTop: 16 }} />
        ) : reconciliation ? (
          <div style={{ marginTop: 16 }}>
            <Alert
              type={reconciliation.ok ? 'success' : 'error'}
              showIcon
              message={
                reconciliation.ok
                  ? `对账一致：已核对 ${reconciliation.checkedEntities} 条记录`
                  : `对账发现 ${reconciliation.differences.length} 处差异`
              }
            />
            {reconciliation.differences.length > 0 ? (
              <Table
                style={{ marginTop: 16 }}
                size="small"
                rowKey={(d) => `${d.entityType}-${d.entityId}`}
                pagination={false}
                scroll={{ x: 640 }}
                dataSource={reconciliation.differences}
                columns={[
                  {
                    title: '记录',
                    key: 'entity',
                    render: (_, d) => `${entityTypeLabel(d.entityType)} ${d.entityId}`,
                  },
                  {
                    title: '差异',
                    key: 'kind',
                    render: (_, d) => differenceKindLabels[d.kind] ?? '其他差异',
                  },
                  { title: '字段', key: 'fields', render: (_, d) => d.fields.join('、') || '—' },
                  { title: '账本最后序号', key: 'lastIndex', render: (_, d) => d.lastIndex ?? '—' },
                ]}
              />
            ) : null}
          </div>
        ) : null}
      </Card>
    </Space>
  );
}
