import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { downloadBlob, saveBlob, TransferError } from '@web/shared/api/transfer';

/**
 * Downloads every evidence file of a region (uploaded for it or below it) as one ZIP with 清单.csv
 * (GET /files/archive?regionCode=…), with the progress of the download.
 */
export function RegionEvidenceDownload({ regionCode, label }: { regionCode: string; label: string }) {
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number>();
  const download = async () => {
    setProgress(0);
    try {
      const query = new URLSearchParams({ regionCode }).toString();
      saveBlob(await downloadBlob(`/files/archive?${query}`, setProgress), `证明材料-${regionCode}.zip`);
    } catch (e) {
      void message.error(e instanceof TransferError ? e.message : '下载失败，请稍后重试');
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={progress !== undefined} onClick={() => void download()}>
      {progress ? `下载中 ${progress}%` : `下载${label}的全部证明材料（ZIP）`}
    </Button>
  );
}
