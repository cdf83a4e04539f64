import { Alert, Button, Card, Progress, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '@web/gql';
import type { LedgerReconcileQuery, LedgerVerificationRunQuery } from '@web/gql/graphql';
import { errorMessage } from '@web/shared/api/errors';
import { formatDateTime } from '@web/shared/format/dates';
import { entityTypeLabel } from '@web/shared/labels/ledger';
import { differenceKindLabels, problemKindLabels } from './ledger-labels';

/** What the page shows of a run: its progress and, once it has ended, its findings. */
graphql(`
  fragment VerificationRunFields on LedgerVerificationRun {
    id
    state
    treeSize
    checkedEntries
    message
    startedAt
    finishedAt
    result {
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

const StartVerificationDoc = graphql(`
  mutation StartLedgerVerification {
    startLedgerVerification {
      ...VerificationRunFields
    }
  }
`);

const VerificationRunDoc = graphql(`
  query LedgerVerificationRun($id: ID!) {
    ledgerVerificationRun(id: $id) {
      ...VerificationRunFields
    }
  }
`);

const LatestVerificationDoc = graphql(`
  query LatestLedgerVerification {
    ledgerVerificationRuns(first: 1) {
      ...VerificationRunFields
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

type Run = LedgerVerificationRunQuery['ledgerVerificationRun'];
type Verification = NonNullable<Run['result']>;
type Reconciliation = LedgerReconcileQuery['reconcile'];

/** verifyLedger and reconcile, run on demand (they read the whole ledger), with their findings. */
export function VerificationSection() {
  const client = useClient();
  const [run, setRun] = useState<Run | null>(null);
  const [verifyError, setVerifyError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const [reconciling, setReconciling] = useState(false);
  const [reconciliation, setReconciliation] = useState<Reconciliation | { error: string } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // Follows a run on the server until it ends: the page can be left and the run found again here.
  const follow = useCallback(
    (id: string) => {
      clearTimeout(timer.current);
      const poll = async () => {
        const r = await client
          .query(VerificationRunDoc, { id }, { requestPolicy: 'network-only' })
          .toPromise();
        if (!r.data) {
          setVerifyError(errorMessage(r.error) ?? '无法读取校验进度');
          return;
        }
        setRun(r.data.ledgerVerificationRun);
        if (r.data.ledgerVerificationRun.state === 'RUNNING')
          timer.current = setTimeout(() => void poll(), 1000);
      };
      void poll();
    },
    [client],
  );

  useEffect(() => {
    void client
      .query(LatestVerificationDoc, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((r) => {
        const latest = r.data?.ledgerVerificationRuns[0];
        if (!latest) return;
        setRun(latest);
        if (latest.state === 'RUNNING') follow(latest.id);
      });
    return () => clearTimeout(timer.current);
  }, [client, follow]);

  const verify = async () => {
    setStarting(true);
    setVerifyError(undefined);
    const r = await client.mutation(StartVerificationDoc, {}).toPromise();
    setStarting(false);
    if (!r.data) {
      setVerifyError(errorMessage(r.error) ?? '校验失败');
      return;
    }
    setRun(r.data.startLedgerVerification);
    follow(r.data.startLedgerVerification.id);
  };
  const running = run?.state === 'RUNNING';
  const verification: Verification | null = run?.state === 'SUCCEEDED' ? (run.result ?? null) : null;
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
        <Button type="primary" loading={starting || running} onClick={() => void verify()}>
          运行账本校验
        </Button>
        {running && run ? (
          <div style={{ marginTop: 16 }}>
            <Typography.Text id="verify-progress-label">
              {`校验进行中：已核对 ${run.checkedEntries} / ${run.treeSize ?? '—'} 条（${formatDateTime(run.startedAt)} 开始；可以离开本页，稍后回来查看）`}
            </Typography.Text>
            <Progress
              percent={run.treeSize ? Math.floor((run.checkedEntries / run.treeSize) * 100) : 0}
              status="active"
              aria-labelledby="verify-progress-label"
            />
          </div>
        ) : null}
        {verifyError ? <Alert type="error" showIcon message={verifyError} style={{ marginTop: 16 }} /> : null}
        {run?.state === 'FAILED' ? (
          <Alert type="error" showIcon message={run.message ?? '校验未能完成'} style={{ marginTop: 16 }} />
        ) : null}
        {verification && run ? (
          <div style={{ marginTop: 16 }}>
            <Alert
              type={verification.ok ? 'success' : 'error'}
              showIcon
              message={
                verification.ok
                  ? `账本完整：共 ${verification.treeSize} 条，已核对 ${verification.checkedEntries} 条条目、${verification.checkedCheckpoints} 个检查点`
                  : `账本校验未通过：发现 ${verification.problems.length} 个问题，最早出问题的序号 ${verification.firstBadIndex ?? '—'}`
              }
              description={run.finishedAt ? `校验完成于 ${formatDateTime(run.finishedAt)}` : undefined}
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
