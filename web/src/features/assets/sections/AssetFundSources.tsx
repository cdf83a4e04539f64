import { Table } from 'antd';
import { formatMoney } from '@web/shared/format/money';
import { fundSourceLabels } from '@web/shared/labels/enums';
import type { AssetDetail } from '../AssetPage';

export function AssetFundSources({ asset }: { asset: AssetDetail }) {
  return (
    <Table
      rowKey="source"
      size="small"
      pagination={false}
      dataSource={asset.fundSources}
      columns={[
        { title: '资金来源', key: 'source', render: (_, f) => fundSourceLabels[f.source] },
        {
          title: '金额',
          key: 'amount',
          align: 'right',
          render: (_, f) => <span className="money">{formatMoney(f.amount)}</span>,
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>合计（投资额）</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <span className="money">{formatMoney(asset.investedAmount)}</span>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}
