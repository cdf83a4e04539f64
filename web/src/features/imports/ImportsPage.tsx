import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Progress, Radio, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { formatDateTime } from '@web/shared/format/dates';
import { IMPORT_KINDS } from './import-kinds';
import { PhaseTag } from './ImportPhaseTag';
import { mergeRecent, RECENT_LIMIT, type ImportKind, type RecentImport } from './recent-imports';
import { downloadBlob, saveBlob, TransferError, uploadFile } from '@web/shared/api/transfer';

const StartAssetImport = graphql(`
  mutation StartAssetImport($fileId: ID!, $idempotencyKey: String) {
    importAssets(fileId: $fileId, idempotencyKey: $idempotencyKey) {
      id
      fileName
      phase
    }
  }
`);

const StartHouseholdImport = graphql(`
  mutation StartHouseholdImport($fileId: ID!, $idempotencyKey: String) {
    importHouseholds(fileId: $fileId, idempotencyKey: $idempotencyKey) {
      id
      fileName
      phase
    }
  }
`);

const RecentImports = graphql(`
  query RecentImports($first: Int!) {
    assetImports(first: $first) {
      id
      fileName
      phase
      createdAt
    }
    householdImports(first: $first) {
      id
      fileName
      phase
      createdAt
    }
  }
`);

/** The API's refusals of an import before it starts (the file itself, not its rows). */
const START_REASONS: Record<string, string> = {
  ASSET_IMPORT_FILE_INVALID: '无法读取该文件：请使用下载的模板，另存为 .xlsx 后再上传',
  HOUSEHOLD_IMPORT_FILE_INVALID: '无法读取该文件：请使用下载的模板，另存为 .xlsx 后再上传',
  FILE_NOT_FOUND: '找不到刚上传的文件，请重新上传',
};

/**
 * Excel 导入: the 台账 (assets and their projects) or the households, from an .xlsx (or .csv) in the
 * template: download the template, upload the filled file (with its progress), and the import starts on
 * the server; its page (/imports/<kind>/<id>) shows the progress and the row errors, and can be left and
 * opened again from the list of recent imports below.
 */
export default function ImportsPage() {
  const { message } = App.useApp();
  const { user } = useSession();
  const navigate = useNavigate();
  const [kind, setKind] = useState<ImportKind>('assets');
  const [progress, setProgress] = useState<number>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [recentResult] = useQuery({
    query: RecentImports,
    variables: { first: RECENT_LIMIT },
    requestPolicy: 'cache-and-network',
  });
  const recent = recentResult.data
    ? mergeRecent(recentResult.data.assetImports, recentResult.data.householdImports)
    : [];
  const input = useRef<HTMLInputElement>(null);
  const [, startAssets] = useMutation(StartAssetImport);
  const [, startHouseholds] = useMutation(StartHouseholdImport);

  const template = async () => {
    try {
      const blob = await downloadBlob(IMPORT_KINDS[kind].template, () => undefined);
      saveBlob(blob, IMPORT_KINDS[kind].templateName);
    } catch (e) {
      void message.error(e instanceof TransferError ? e.message : '下载失败，请稍后重试');
    }
  };

  const chosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || busy || !user) return;
    setBusy(true);
    setProblem(undefined);
    setProgress(0);
    try {
      const uploaded = await uploadFile(file, setProgress);
      // One key per file chosen: a retry of the same start starts one job.
      const variables = { fileId: uploaded.id, idempotencyKey: newIdempotencyKey() };
      const result =
        kind === 'assets'
          ? await startAssets(variables).then((r) => ({ job: r.data?.importAssets, error: r.error }))
          : await startHouseholds(variables).then((r) => ({ job: r.data?.importHouseholds, error: r.error }));
      if (!result.job) {
        const reason = result.error?.graphQLErrors[0]?.extensions?.reason as string | undefined;
        setProblem((reason && START_REASONS[reason]) ?? errorMessage(result.error));
        return;
      }
      void navigate(`/imports/${kind}/${result.job.id}`);
    } catch (e) {
      setProblem(e instanceof TransferError ? e.message : '上传失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<RecentImport>['columns'] = [
    { title: '开始时间', key: 'createdAt', render: (_, r) => formatDateTime(r.createdAt) },
    { title: '类型', key: 'kind', render: (_, r) => IMPORT_KINDS[r.kind].label },
    { title: '文件', key: 'fileName', render: (_, r) => r.fileName },
    { title: '状态', key: 'phase', render: (_, r) => <PhaseTag phase={r.phase} /> },
    {
      title: '操作',
      key: 'open',
      render: (_, r) => (
        <Link to={`/imports/${r.kind}/${r.id}`} aria-label={`查看导入 ${r.fileName}`}>
          查看
        </Link>
      ),
    },
  ];

  return (
    <PageContainer title="Excel 导入">
      <Card size="small" style={{ marginBottom: 16 }} title="导入文件">
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Radio.Group
            aria-label="导入内容"
            value={kind}
            onChange={(e) => setKind(e.target.value as ImportKind)}
            optionType="button"
            buttonStyle="solid"
            disabled={busy}
            options={(Object.keys(IMPORT_KINDS) as ImportKind[]).map((k) => ({
              value: k,
              label: IMPORT_KINDS[k].label,
            }))}
          />
          <Typography.Paragraph style={{ margin: 0 }}>
            {`先下载${IMPORT_KINDS[kind].label}模板，按“说明”工作表填写后上传。` +
              '系统先逐行校验：有任何一行有误，全部不导入，并列出每处错误的行号和列名；全部无误才一次性导入。' +
              '导入在服务器上进行，可以离开本页，稍后从下方“最近的导入”回来查看。'}
          </Typography.Paragraph>
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={template}>
              下载{IMPORT_KINDS[kind].label}模板
            </Button>
            <Button
              type="primary"
              icon={<UploadOutlined />}
              loading={busy}
              onClick={() => input.current?.click()}
            >
              上传文件并导入
            </Button>
            <input
              ref={input}
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              aria-label={`选择${IMPORT_KINDS[kind].label}文件`}
              onChange={chosen}
              style={{ display: 'none' }}
            />
          </Space>
          {progress !== undefined ? (
            <div>
              <Typography.Text id="upload-progress-label">上传进度</Typography.Text>
              <Progress
                percent={progress}
                status={problem ? 'exception' : progress < 100 ? 'active' : 'success'}
                aria-labelledby="upload-progress-label"
              />
            </div>
          ) : null}
          {problem ? <Alert type="error" showIcon message={problem} role="alert" /> : null}
        </Space>
      </Card>
      <Card size="small" title="最近的导入">
        {recent.length > 0 ? (
          <Table<RecentImport>
            rowKey={(r) => `${r.kind}:${r.id}`}
            size="middle"
            columns={columns}
            dataSource={recent}
            pagination={false}
            scroll={{ x: 700 }}
          />
        ) : (
          <Typography.Paragraph style={{ margin: 0 }}>
            {recentResult.fetching ? '正在读取…' : '本辖区还没有导入记录。'}
          </Typography.Paragraph>
        )}
      </Card>
    </PageContainer>
  );
}
