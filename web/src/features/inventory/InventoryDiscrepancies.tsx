import { Flex, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { InventoryDiscrepanciesQuery } from '@web/gql/graphql';
import { ReportDownloadButton } from '@web/shared/files/ReportDownloadButton';
import { assetStatusLabels, inventoryFindingLabels } from '@web/shared/labels/enums';

const DiscrepanciesDoc = graphql(`
  query InventoryDiscrepancies($inventoryId: ID!) {
    inventoryDiscrepancies(inventoryId: $inventoryId) {
      id
      assetId
      assetCode
      assetName
      assetStatus
      finding
      observedStatus
      note
      location {
        code
        name
      }
      confirmedBy {
        displayName
      }
    }
  }
`);

const ExportDiscrepanciesDoc = graphql(`
  mutation ExportInventoryDiscrepancies($inventoryId: ID!, $idempotencyKey: String) {
    exportInventoryDiscrepancies(inventoryId: $inventoryId, idempotencyKey: $idempotencyKey) {
      fileId
      downloadPath
      fileName
      rowCount
      size
    }
  }
`);

/** Asked again after a confirmation, even while the list is empty (no typename to go by then). */
const FOLLOWS_ITEMS = { additionalTypenames: ['InventoryItem'] };

type Item = InventoryDiscrepanciesQuery['inventoryDiscrepancies'][number];

/** What was found, in Chinese: 状态不符 says the status on the books and the one found on the spot. */
function findingText(i: Item): string {
  if (!i.finding) return '';
  if (i.finding === 'STATUS_DIFFERS' && i.observedStatus)
    return `状态不符（账面${assetStatusLabels[i.assetStatus]}，实际${assetStatusLabels[i.observedStatus]}）`;
  return inventoryFindingLabels[i.finding];
}

/**
 * 清查差异: every finding other than 账实相符 within the user's region (the API's inventoryDiscrepancies),
 * with the asset, what was found, where and the note; 导出差异表 downloads the 清查差异表 (.xlsx: these
 * findings and the progress per township).
 */
export function InventoryDiscrepancies({
  inventoryId,
  counts,
}: {
  inventoryId: string;
  counts: { missing: number; damaged: number; statusDiffers: number };
}) {
  const [{ data, fetching }] = useQuery({
    query: DiscrepanciesDoc,
    variables: { inventoryId },
    requestPolicy: 'cache-and-network',
    context: FOLLOWS_ITEMS,
  });
  const [, exportReport] = useMutation(ExportDiscrepanciesDoc);
  const items = data?.inventoryDiscrepancies ?? [];
  const total = counts.missing + counts.damaged + counts.statusDiffers;

  return (
    <section aria-label="清查差异">
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            清查差异
          </Typography.Title>
          <ReportDownloadButton
            label="导出差异表"
            request={inventoryId}
            run={async (idempotencyKey) => {
              const result = await exportReport({ inventoryId, idempotencyKey });
              return { file: result.data?.exportInventoryDiscrepancies, error: result.error };
            }}
          />
        </Flex>
        <Typography.Text>
          {total === 0
            ? '已确认的资产均账实相符，暂无差异。'
            : `共 ${total} 项：盘亏 ${counts.missing} 项，损毁 ${counts.damaged} 项，状态不符 ${counts.statusDiffers} 项。`}
        </Typography.Text>
        {total > 0 || items.length > 0 ? (
          <Table<Item>
            rowKey="id"
            size="small"
            caption="清查差异明细"
            loading={fetching && !data}
            pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
            scroll={{ x: 720 }}
            dataSource={items}
            columns={[
              {
                title: '资产',
                key: 'asset',
                render: (_, i) => (
                  <Link to={`/assets/${i.assetId}`}>
                    {i.assetCode} {i.assetName}
                  </Link>
                ),
              },
              { title: '清查结果', key: 'finding', render: (_, i) => findingText(i) },
              { title: '所在地', key: 'location', render: (_, i) => i.location.name },
              { title: '情况说明', key: 'note', render: (_, i) => i.note ?? '' },
              { title: '确认人', key: 'by', render: (_, i) => i.confirmedBy?.displayName ?? '' },
            ]}
          />
        ) : null}
      </Flex>
    </section>
  );
}
