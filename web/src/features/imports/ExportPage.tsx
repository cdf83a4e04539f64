import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Progress, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import type { AssetClass } from '@web/gql/enums';
import { errorMessage } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { assetClassLabels, options } from '@web/shared/labels/enums';
import { RegionSelect } from '@web/shared/regions/RegionSelect';
import { downloadBlob, TransferError } from '@web/shared/api/transfer';

const ExportAssetRegister = graphql(`
  mutation ExportAssetRegister($filter: AssetFilter, $idempotencyKey: String) {
    exportAssets(filter: $filter, idempotencyKey: $idempotencyKey) {
      fileId
      downloadPath
      fileName
      rowCount
      projectCount
      size
    }
  }
`);

interface ExportForm {
  class?: AssetClass;
  regionCode?: string;
}

type Stage = 'idle' | 'writing' | 'downloading' | 'ready' | 'failed';

const STAGE_TEXT: Record<Stage, string> = {
  idle: '',
  writing: '正在生成台账文件…',
  downloading: '正在下载…',
  ready: '已生成，可以保存',
  failed: '导出失败',
};

/**
 * 导出台账: the asset register of the user's region (optionally one class, or, for the township and the
 * district, one region) in the ledger template, written by the server as an .xlsx, then downloaded with
 * its progress and offered as a link to save.
 */
export default function ExportPage() {
  const { user } = useSession();
  const [form] = Form.useForm<ExportForm>();
  const [, exportAssets] = useMutation(ExportAssetRegister);
  const [stage, setStage] = useState<Stage>('idle');
  const [percent, setPercent] = useState(0);
  const [problem, setProblem] = useState<string>();
  const [file, setFile] = useState<{
    name: string;
    url: string;
    rows: number;
    projects: number;
    size: number;
  }>();
  const key = useRef(newIdempotencyKey());
  const canPickRegion = user?.role !== 'VILLAGE_CLERK';

  useEffect(() => () => (file ? URL.revokeObjectURL(file.url) : undefined), [file]);

  const run = async () => {
    if (stage === 'writing' || stage === 'downloading') return;
    const values = form.getFieldsValue();
    setProblem(undefined);
    setFile(undefined);
    setPercent(0);
    setStage('writing');
    const result = await exportAssets({
      filter: {
        class: values.class ? [values.class] : undefined,
        regionCode: values.regionCode || undefined,
      },
      idempotencyKey: key.current,
    });
    const made = result.data?.exportAssets;
    if (!made) {
      setStage('failed');
      setProblem(errorMessage(result.error));
      return;
    }
    // The next export is another request: another key.
    key.current = newIdempotencyKey();
    setPercent(50);
    setStage('downloading');
    try {
      const blob = await downloadBlob(made.downloadPath, (p) => setPercent(50 + Math.round(p / 2)));
      setFile({
        name: made.fileName,
        url: URL.createObjectURL(blob),
        rows: made.rowCount,
        projects: made.projectCount,
        size: made.size,
      });
      setStage('ready');
    } catch (e) {
      setStage('failed');
      setProblem(e instanceof TransferError ? e.message : '下载失败，请稍后重试');
    }
  };

  const busy = stage === 'writing' || stage === 'downloading';
  return (
    <PageContainer title="导出台账">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph>
          {'按资产台账模板导出本辖区的资产及其项目（Excel .xlsx，含“资产”“项目”“说明”工作表），' +
            '可直接用于存档，也可在修改后重新导入。'}
        </Typography.Paragraph>
        <Form<ExportForm> name="exportAssets" form={form} layout="inline" className="filter-form">
          <Form.Item name="class" label="资产类别">
            <Select
              allowClear
              placeholder="全部"
              options={options(assetClassLabels)}
              style={{ width: 160 }}
            />
          </Form.Item>
          {canPickRegion ? (
            <Form.Item name="regionCode" label="区域">
              <RegionSelect
                level={user?.role === 'TOWNSHIP_OFFICER' ? 'VILLAGE' : 'TOWNSHIP'}
                allowClear
                placeholder="全部"
                style={{ width: 220 }}
              />
            </Form.Item>
          ) : null}
          <Form.Item>
            <Button type="primary" icon={<ExportOutlined />} loading={busy} onClick={run}>
              导出 Excel
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {stage !== 'idle' ? (
        <Card size="small" title="导出结果">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text id="export-progress-label">导出进度：{STAGE_TEXT[stage]}</Typography.Text>
            <Progress
              percent={stage === 'writing' ? 25 : percent}
              status={stage === 'failed' ? 'exception' : stage === 'ready' ? 'success' : 'active'}
              aria-labelledby="export-progress-label"
            />
            {problem ? <Alert type="error" showIcon message={problem} role="alert" /> : null}
            {file ? (
              <>
                <Descriptions
                  size="small"
                  column={{ xs: 1, sm: 3 }}
                  items={[
                    { key: 'rows', label: '资产', children: `${file.rows} 条` },
                    { key: 'projects', label: '项目', children: `${file.projects} 个` },
                    {
                      key: 'size',
                      label: '文件大小',
                      children: `${Math.max(1, Math.round(file.size / 1024))} KB`,
                    },
                  ]}
                />
                <Button
                  type="primary"
                  className="file-button"
                  icon={<DownloadOutlined />}
                  href={file.url}
                  download={file.name}
                >
                  保存 {file.name}
                </Button>
              </>
            ) : null}
          </Space>
        </Card>
      ) : null}
    </PageContainer>
  );
}
