import { List, Tag } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { QueryError } from '@web/shared/components/QueryError';
import { EvidenceFileItem } from '@web/shared/files/EvidenceFileRow';
import { formatDateShort } from '@web/shared/format/dates';
import { entityTypeLabel, ledgerActionLabel } from '@web/shared/labels/ledger';
import type { AssetDetail } from '../AssetPage';

const AssetEvidenceQuery = graphql(`
  query AssetEvidence($assetId: String!) {
    recordEvidence(entityType: "Asset", entityId: $assetId) {
      file {
        id
        name
        size
        downloadPath
      }
      citedBy {
        index
        action
        entityType
        time
        matchesFile
      }
    }
  }
`);

/**
 * Every file the ledger entries of the asset and of its records cite (ownership, income, contracts,
 * inspections and repairs, disposals …): what its dossier (下载档案) holds, each with the record and the
 * change that attached it. Files are uploaded with the record they support (申请确权 has the upload, from
 * the camera or a file, with progress): the API keeps no file on the asset alone.
 */
export function AssetEvidence({ asset }: { asset: AssetDetail }) {
  const [{ data, error, fetching }] = useQuery({
    query: AssetEvidenceQuery,
    variables: { assetId: asset.id },
    requestPolicy: 'cache-and-network',
  });
  return (
    <>
      {error ? <QueryError error={error} /> : null}
      <List
        loading={fetching && !data}
        dataSource={data?.recordEvidence ?? []}
        rowKey={(c) => c.file.id}
        pagination={(data?.recordEvidence.length ?? 0) > 20 ? { pageSize: 20, size: 'small' } : false}
        locale={{ emptyText: '暂无附件' }}
        renderItem={({ file, citedBy }) => {
          const first = citedBy[0];
          const source = first
            ? `${entityTypeLabel(first.entityType)} · ${ledgerActionLabel(first.action)} ${formatDateShort(first.time)}`
            : '附件';
          return (
            <EvidenceFileItem
              file={file}
              source={source}
              extra={
                citedBy.every((c) => c.matchesFile) ? null : (
                  <Tag color="error" style={{ marginLeft: 8 }}>
                    与账本不符
                  </Tag>
                )
              }
            />
          );
        }}
      />
    </>
  );
}
