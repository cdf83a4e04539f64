import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';

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
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void download()}>
      下载证据包
    </Button>
  );
}
