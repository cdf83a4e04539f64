import { List } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { EvidenceFileRow } from '@web/shared/files/EvidenceFileRow';
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

/**
 * Every file attached to the asset's records: ownership proposals (their evidence and the photo of a
 * notice already posted), income, disposals. Files are uploaded with the record they support (申请确权
 * has the upload, from the camera or a file, with progress): the API keeps no file on the asset alone.
 */
export function AssetEvidence({ asset }: { asset: AssetDetail }) {
  const [{ data }] = useQuery({ query: AssetEvidenceQuery, variables: { assetId: asset.id } });
  const files: Array<{ fileId: string; source: string }> = [
    ...asset.ownershipProposals.flatMap((p) => [
      ...p.evidence.map((e) => ({ fileId: e.fileId, source: '确权' })),
      ...p.noticeEvidence.map((e) => ({ fileId: e.fileId, source: '确权公示照片' })),
    ]),
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
      renderItem={(f) => <EvidenceFileRow fileId={f.fileId} source={f.source} />}
    />
  );
}
