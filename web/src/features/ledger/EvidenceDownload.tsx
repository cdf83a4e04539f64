import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';
import { downloadBlob, saveBlob, TransferError } from '@web/shared/api/transfer';

const ExportEvidenceQuery = graphql(`
  query ExportEvidence($entityType: String!, $entityId: String!) {
    exportEvidence(entityType: $entityType, entityId: $entityId)
  }
`);

/** Downloads a record's evidence bundle (JSON, checked offline with `npm run verify`). */
export function EvidenceDownload({ entityType, entityId }: { entityType: string; entityId: string }) {
  const client = useClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const r = await client
        .query(ExportEvidenceQuery, { entityType, entityId }, { requestPolicy: 'network-only' })
        .toPromise();
      if (r.error || !r.data) {
        message.error(errorMessage(r.error) ?? '导出失败');
        return;
      }
      const blob = new Blob([JSON.stringify(r.data.exportEvidence, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `evidence-${entityType}-${entityId}.json`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void download()}>
        下载证据包
      </Button>
      <EvidenceArchiveDownload entityType={entityType} entityId={entityId} />
    </Space>
  );
}

/**
 * Downloads every evidence file the record's ledger entries cite — and those of the records about it —
 * as one ZIP with 清单.csv (GET /files/archive), with the progress of the download.
 */
export function EvidenceArchiveDownload({ entityType, entityId }: { entityType: string; entityId: string }) {
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number>();
  const download = async () => {
    setProgress(0);
    try {
      const query = new URLSearchParams({ entityType, entityId }).toString();
      const blob = await downloadBlob(`/files/archive?${query}`, setProgress);
      saveBlob(blob, `证明材料-${entityType}-${entityId.slice(0, 8)}.zip`);
    } catch (e) {
      void message.error(e instanceof TransferError ? e.message : '下载失败，请稍后重试');
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={progress !== undefined} onClick={() => void download()}>
      {progress !== undefined && progress > 0 ? `下载中 ${progress}%` : '下载证明材料（ZIP）'}
    </Button>
  );
}
