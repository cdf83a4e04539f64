import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, List } from 'antd';
import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { fetchBlob } from '@web/shared/api/client';

const FileQuery = graphql(`
  query EvidenceFileRow($id: ID!) {
    evidenceFile(id: $id) {
      id
      name
      size
      mediaType
      downloadPath
    }
  }
`);

/** One evidence file in a list, read by its id: its name, what it belongs to, its size, and a download button. */
export function EvidenceFileRow({ fileId, source }: { fileId: string; source: string }) {
  const [{ data }] = useQuery({ query: FileQuery, variables: { id: fileId }, requestPolicy: 'cache-first' });
  return <EvidenceFileItem file={data?.evidenceFile ?? undefined} source={source} />;
}

/** One evidence file already read (undefined while it loads), with `extra` (a warning tag) beside its name. */
export function EvidenceFileItem({
  file,
  source,
  extra,
}: {
  file: { name: string; size: number; downloadPath: string } | undefined;
  source: string;
  extra?: ReactNode;
}) {
  const { message } = App.useApp();
  const download = async () => {
    if (!file) return;
    try {
      const blob = await fetchBlob(file.downloadPath);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name;
      a.click();
      URL.revokeObjectURL(url);
    } catch {
      void message.error('下载失败，请稍后重试');
    }
  };
  return (
    <List.Item
      actions={[
        <Button key="download" size="small" icon={<DownloadOutlined />} onClick={download} disabled={!file}>
          下载
        </Button>,
      ]}
    >
      <List.Item.Meta
        title={
          <>
            {file?.name ?? '附件'}
            {extra}
          </>
        }
        description={`${source} · ${file ? `${Math.max(1, Math.round(file.size / 1024))} KB` : ''}`}
      />
    </List.Item>
  );
}
