import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Progress, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import type { IncomeReportKind } from '@web/gql/enums';
import { errorMessage } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { incomeReportKindLabels } from '@web/shared/labels/enums';
import { RegionSelect } from '@web/shared/regions/RegionSelect';
import { downloadBlob, TransferError } from '@web/shared/api/transfer';

const ExportIncomeReport = graphql(`
  mutation ExportIncomeReport($kind: IncomeReportKind!, $regionCode: String, $idempotencyKey: String) {
    exportIncomeReport(kind: $kind, regionCode: $regionCode, idempotencyKey: $idempotencyKey) {
      fileId
      downloadPath
      fileName
      rowCount
      size
    }
  }
`);

/** The reports of a region (the household's own receipts are printed from the household's page). */
const KINDS: IncomeReportKind[] = [
  'HOUSEHOLD_PAYOUTS',
  'VILLAGE_BALANCES',
  'ASSET_BALANCES',
  'INCOME_SUMMARY',
];

const KIND_HINTS: Record<string, string> = {
  HOUSEHOLD_PAYOUTS:
    '每户每笔支付一行：户籍编号、户主、金额、支付日期、凭证号、分配方案及用途、收益来源资产。',
  VILLAGE_BALANCES: '每村一行：收益、已分配、已支付、未分配金额及最早未分配收益的闲置天数。',
  ASSET_BALANCES: '每个资产一行：收益、已分配与未分配金额。',
  INCOME_SUMMARY: '按区域和年度汇总：收益、村集体应分、已分配、已支付与未分配金额。',
};

interface ReportForm {
  kind: IncomeReportKind;
  regionCode?: string;
}

type Stage = 'idle' | 'writing' | 'downloading' | 'ready' | 'failed';

const STAGE_TEXT: Record<Stage, string> = {
  idle: '',
  writing: '正在生成报表…',
  downloading: '正在下载…',
  ready: '已生成，可以保存',
  failed: '生成失败',
};

/**
 * 收益报表: the income reports of the user's region (or, for the township and above, one region of it),
 * written by the server as an .xlsx, downloaded with its progress and offered as a link to save.
 */
export default function ReportsPage() {
  const { user } = useSession();
  const [form] = Form.useForm<ReportForm>();
  const kind = Form.useWatch('kind', form) ?? 'HOUSEHOLD_PAYOUTS';
  const [, exportReport] = useMutation(ExportIncomeReport);
  const [stage, setStage] = useState<Stage>('idle');
  const [percent, setPercent] = useState(0);
  const [problem, setProblem] = useState<string>();
  const [file, setFile] = useState<{ name: string; url: string; rows: number; size: number }>();
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
    const result = await exportReport({
      kind: values.kind ?? 'HOUSEHOLD_PAYOUTS',
      regionCode: values.regionCode || undefined,
      idempotencyKey: key.current,
    });
    const made = result.data?.exportIncomeReport;
    if (!made) {
      setStage('failed');
      setProblem(errorMessage(result.error));
      return;
    }
    key.current = newIdempotencyKey();
    setPercent(50);
    setStage('downloading');
    try {
      const blob = await downloadBlob(made.downloadPath, (p) => setPercent(50 + Math.round(p / 2)));
      setFile({ name: made.fileName, url: URL.createObjectURL(blob), rows: made.rowCount, size: made.size });
      setStage('ready');
    } catch (e) {
      setStage('failed');
      setProblem(e instanceof TransferError ? e.message : '下载失败，请稍后重试');
    }
  };

  const busy = stage === 'writing' || stage === 'downloading';
  return (
    <PageContainer title="收益报表">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph>{KIND_HINTS[kind]}</Typography.Paragraph>
        <Form<ReportForm>
          name="incomeReport"
          form={form}
          layout="inline"
          className="filter-form"
          initialValues={{ kind: 'HOUSEHOLD_PAYOUTS' }}
          onValuesChange={() => {
            // Another report or region: another request.
            key.current = newIdempotencyKey();
          }}
        >
          <Form.Item name="kind" label="报表">
            <Select
              options={KINDS.map((k) => ({ value: k, label: incomeReportKindLabels[k] }))}
              style={{ width: 200 }}
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
            <Button type="primary" icon={<FileExcelOutlined />} loading={busy} onClick={run}>
              生成报表
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {stage !== 'idle' ? (
        <Card size="small" title="生成结果">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text id="report-progress-label">进度：{STAGE_TEXT[stage]}</Typography.Text>
            <Progress
              percent={stage === 'writing' ? 25 : percent}
              status={stage === 'failed' ? 'exception' : stage === 'ready' ? 'success' : 'active'}
              aria-labelledby="report-progress-label"
            />
            {problem ? <Alert type="error" showIcon message={problem} role="alert" /> : null}
            {file ? (
              <>
                <Descriptions
                  size="small"
                  column={{ xs: 1, sm: 2 }}
                  items={[
                    { key: 'rows', label: '行数', children: `${file.rows} 行` },
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
