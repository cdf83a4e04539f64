import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, List } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { fetchBlob } from '@web/shared/api/client';
import type { AssetDetail } from '../AssetPage';

const AssetEvidenceQuery = graphql(`
  query AssetEvidence($assetId: ID!) {
    incomeRecords(filter: { assetId: $assetId }, first: 100) {
      edges {
        node {
          receivedOn
          evidence {
            fileId
          }
        }
      }
    }
    disposalRequests(filter: { assetId: $assetId }) {
      edges {
        node {
          evidence {
            appraisal {
              fileId
            }
            resolution {
              fileId
            }
            other {
              fileId
            }
          }
        }
      }
    }
  }
`);

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

/** Every file attached to the asset's records: ownership proposals, income, disposals. */
export function AssetEvidence({ asset }: { asset: AssetDetail }) {
  const [{ data }] = useQuery({ query: AssetEvidenceQuery, variables: { assetId: asset.id } });
  const files: Array<{ fileId: string; source: string }> = [
    ...asset.ownershipProposals.flatMap((p) => p.evidence.map((e) => ({ fileId: e.fileId, source: '确权' }))),
    ...(data?.incomeRecords.edges ?? []).flatMap((e) =>
      e.node.evidence.map((f) => ({ fileId: f.fileId, source: '收益' })),
    ),
    ...(data?.disposalRequests.edges ?? []).flatMap(({ node: d }) =>
      [...d.evidence.appraisal, ...d.evidence.resolution, ...d.evidence.other].map((f) => ({
        fileId: f.fileId,
        source: '处置',
      })),
    ),
  ];
  return (
    <List
      dataSource={files}
      locale={{ emptyText: '暂无附件' }}
      renderItem={(f) => <EvidenceRow fileId={f.fileId} source={f.source} />}
    />
  );
}

function EvidenceRow({ fileId, source }: { fileId: string; source: string }) {
  const { message } = App.useApp();
  const [{ data }] = useQuery({ query: FileQuery, variables: { id: fileId }, requestPolicy: 'cache-first' });
  const file = data?.evidenceFile;
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
        title={file?.name ?? '附件'}
        description={`${source} · ${file ? `${Math.max(1, Math.round(file.size / 1024))} KB` : ''}`}
      />
    </List.Item>
  );
}
