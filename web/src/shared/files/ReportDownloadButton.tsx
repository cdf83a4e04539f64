import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useRef, useState } from 'react';
import type { CombinedError } from 'urql';
import { errorMessage } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { downloadBlob, saveBlob, TransferError } from '@web/shared/api/transfer';

/** What an export mutation answered: the file it wrote (a ReportFile), or its refusal. */
export interface ReportAnswer {
  file?: { downloadPath: string; fileName: string } | null;
  error?: CombinedError;
}

/**
 * A report the API writes as .xlsx on demand (an export mutation answering a ReportFile): one click has it
 * written, downloads it with the session's headers (the share received shown on the button) and hands it
 * to the browser as a download under the API's file name; a refusal is said under the button in Chinese.
 * One idempotency key per request (`request` names what is exported: the region, the inventory), kept
 * until the file is written, so a double click or a retry after a lost answer stores one file.
 */
export function ReportDownloadButton({
  label,
  request,
  run,
}: {
  label: string;
  request: string;
  run: (idempotencyKey: string) => Promise<ReportAnswer>;
}) {
  const [stage, setStage] = useState<'idle' | 'writing' | number>('idle');
  const [problem, setProblem] = useState<string>();
  const key = useRef({ request, value: newIdempotencyKey() });
  if (key.current.request !== request) key.current = { request, value: newIdempotencyKey() };

  const go = async () => {
    if (stage !== 'idle') return;
    setProblem(undefined);
    setStage('writing');
    try {
      const answer = await run(key.current.value);
      if (!answer.file) {
        setProblem(errorMessage(answer.error) ?? '导出失败，请稍后重试');
        return;
      }
      // The next export is another request: another key.
      key.current = { request, value: newIdempotencyKey() };
      setStage(0);
      saveBlob(await downloadBlob(answer.file.downloadPath, setStage), answer.file.fileName);
    } catch (e) {
      setProblem(e instanceof TransferError ? e.message : '下载失败，请稍后重试');
    } finally {
      setStage('idle');
    }
  };

  return (
    <Space direction="vertical" size={4}>
      <Button icon={<FileExcelOutlined />} loading={stage !== 'idle'} onClick={() => void go()}>
        {stage === 'writing' ? '正在生成…' : typeof stage === 'number' ? `下载中 ${stage}%` : label}
      </Button>
      {problem ? <Alert type="error" showIcon message={problem} role="alert" /> : null}
    </Space>
  );
}
