import { Alert, Button, Card, Descriptions, Progress, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { AssetImportPhase } from '@web/gql/enums';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDateTime } from '@web/shared/format/dates';
import { IMPORT_KINDS, isImportKind } from './import-kinds';
import { PhaseTag } from './ImportPhaseTag';

const AssetImportJobQuery = graphql(`
  query AssetImportJob($id: ID!) {
    assetImport(id: $id) {
      id
      fileName
      phase
      totalRows
      processedRows
      importedCount
      createdProjectCount
      problemCount
      problems {
        sheet
        row
        column
        message
      }
      createdAt
      finishedAt
    }
  }
`);

const HouseholdImportJobQuery = graphql(`
  query HouseholdImportJob($id: ID!) {
    householdImport(id: $id) {
      id
      fileName
      phase
      totalRows
      processedRows
      importedCount
      problemCount
      problems {
        row
        column
        message
      }
      createdAt
      finishedAt
    }
  }
`);

interface Problem {
  sheet?: string;
  row: number;
  column: string;
  message: string;
}

interface Job {
  fileName: string;
  phase: AssetImportPhase;
  totalRows?: number | null;
  processedRows: number;
  importedCount: number;
  createdProjectCount?: number;
  problemCount: number;
  problems: Problem[];
  createdAt: string;
  finishedAt?: string | null;
}

const POLL_MS = 1000;
const DONE = new Set<AssetImportPhase>(['SUCCEEDED', 'FAILED']);

/** Per cent of the current phase done, or undefined while the file is being read. */
function percentOf(job: Job): number | undefined {
  if (job.phase === 'SUCCEEDED') return 100;
  if (!job.totalRows) return undefined;
  return Math.min(100, Math.round((job.processedRows / job.totalRows) * 100));
}

/** The outcome in words (the API's own message is English; the row errors are shown as it wrote them). */
function outcome(job: Job, kindLabel: string): { type: 'success' | 'error' | 'info'; text: string } {
  if (job.phase === 'SUCCEEDED') {
    const projects = job.createdProjectCount ? `，新建项目 ${job.createdProjectCount} 个` : '';
    return {
      type: 'success',
      text: `导入完成：已导入${kindLabel === '资产台账' ? '资产' : '农户'} ${job.importedCount} 条${projects}。`,
    };
  }
  if (job.phase === 'FAILED') {
    return {
      type: 'error',
      text:
        job.problemCount > 0
          ? `文件中有 ${job.problemCount} 处错误，全部未导入（没有写入任何数据）。请按下表修改后重新上传。`
          : '导入失败，没有写入任何数据。请重新上传；如仍失败，请联系系统管理员。',
    };
  }
  return { type: 'info', text: '正在导入，可以离开本页，稍后从“Excel 导入”的“最近的导入”回来查看。' };
}

/**
 * One import job: its phase and progress (polled while it runs), what it imported, and every problem
 * found in the file by sheet, row and column. The address holds the job, so the page can be left and
 * opened again (or bookmarked) until the job is done.
 */
export default function ImportJobPage() {
  const params = useParams<{ kind: string; id: string }>();
  const kind = isImportKind(params.kind) ? params.kind : 'assets';
  const id = params.id ?? '';
  const [assets, refetchAssets] = useQuery({
    query: AssetImportJobQuery,
    variables: { id },
    pause: kind !== 'assets',
    requestPolicy: 'network-only',
  });
  const [households, refetchHouseholds] = useQuery({
    query: HouseholdImportJobQuery,
    variables: { id },
    pause: kind !== 'households',
    requestPolicy: 'network-only',
  });
  const result = kind === 'assets' ? assets : households;
  const job: Job | undefined =
    kind === 'assets' ? assets.data?.assetImport : households.data?.householdImport;
  const refetch = kind === 'assets' ? refetchAssets : refetchHouseholds;
  const running = Boolean(job && !DONE.has(job.phase));

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [running, refetch]);

  const label = IMPORT_KINDS[kind].label;
  const columns: TableProps<Problem>['columns'] = [
    ...(kind === 'assets'
      ? [{ title: '工作表', key: 'sheet', render: (_: unknown, p: Problem) => p.sheet ?? '' }]
      : []),
    { title: '行号', key: 'row', align: 'right', render: (_, p) => (p.row === 0 ? '整个文件' : p.row) },
    { title: '列', key: 'column', render: (_, p) => p.column || '整行' },
    {
      title: '问题',
      key: 'message',
      render: (_, p) => <span style={{ overflowWrap: 'anywhere' }}>{p.message}</span>,
    },
  ];
  const percent = job ? percentOf(job) : undefined;
  const said = job ? outcome(job, label) : undefined;

  return (
    <PageContainer
      title={`${label}导入`}
      extra={
        <Link to="/imports">
          <Button>返回 Excel 导入</Button>
        </Link>
      }
    >
      {result.error ? (
        <QueryError error={result.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : null}
      {job ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small">
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'file', label: '文件', children: job.fileName },
                { key: 'phase', label: '状态', children: <PhaseTag phase={job.phase} /> },
                // The rows of every sheet (an asset file's 项目 sheet too), as progress counts them.
                { key: 'rows', label: '数据行数（各工作表合计）', children: job.totalRows ?? '读取中' },
                {
                  key: 'imported',
                  label: '已导入',
                  children: job.createdProjectCount
                    ? `${job.importedCount}（另新建项目 ${job.createdProjectCount} 个）`
                    : job.importedCount,
                },
                { key: 'started', label: '开始时间', children: formatDateTime(job.createdAt) },
                { key: 'finished', label: '结束时间', children: formatDateTime(job.finishedAt) },
              ]}
            />
            {job.phase === 'FAILED' ? null : (
              <>
                <Typography.Text id="import-progress-label">导入进度</Typography.Text>
                <Progress
                  percent={percent ?? 0}
                  status={job.phase === 'SUCCEEDED' ? 'success' : 'active'}
                  aria-labelledby="import-progress-label"
                />
              </>
            )}
            {said ? <Alert type={said.type} showIcon message={said.text} role="status" /> : null}
          </Card>
          {job.problemCount > 0 ? (
            <Card size="small" title={`错误明细（${job.problemCount} 处）`}>
              {job.problemCount > job.problems.length ? (
                <Typography.Paragraph>只列出前 {job.problems.length} 处。</Typography.Paragraph>
              ) : null}
              <Table<Problem>
                rowKey={(p) => `${p.sheet ?? ''}:${p.row}:${p.column}:${p.message}`}
                size="small"
                columns={columns}
                dataSource={job.problems}
                pagination={job.problems.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              />
            </Card>
          ) : null}
        </Space>
      ) : null}
    </PageContainer>
  );
}
