import { Modal, Table } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDate } from '@web/shared/format/dates';
import { Money } from '@web/shared/components/Money';
import { distributionChannelLabels } from '@web/shared/labels/enums';
import { EmptyText, ScrollRegion } from './ScrollRegion';

const HouseholdReceiptsDoc = graphql(`
  query HouseholdReceipts($id: ID!) {
    householdReceipts(householdId: $id) {
      year
      channel
      amount
      plans
      payments {
        payoutId
        paidOn
        planTitle
        amount
        bankReference
      }
    }
  }
`);

/** 资金去向: what a household was actually paid, from every plan, by year and channel, with each payment. */
export function HouseholdReceiptsModal({
  householdId,
  name,
  onClose,
}: {
  householdId: string;
  name: string;
  onClose: () => void;
}) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: HouseholdReceiptsDoc,
    variables: { id: householdId },
    requestPolicy: 'network-only',
  });
  const payments = (data?.householdReceipts ?? []).flatMap((r) =>
    r.payments.map((p) => ({ ...p, channel: r.channel })),
  );
  return (
    <Modal title={`${name} 的收益分配到户`} open footer={null} onCancel={onClose} width={720} destroyOnHidden>
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      <ScrollRegion label="各年度各用途的到户金额">
        <Table
          rowKey={(r) => `${r.year}:${r.channel}`}
          size="small"
          pagination={false}
          loading={fetching}
          dataSource={data?.householdReceipts ?? []}
          locale={{ emptyText: <EmptyText>尚未收到分配</EmptyText> }}
          columns={[
            { title: '年度', key: 'year', render: (_, r) => `${r.year} 年` },
            { title: '用途', key: 'channel', render: (_, r) => distributionChannelLabels[r.channel] },
            { title: '方案数', key: 'plans', align: 'right', render: (_, r) => r.plans },
            {
              title: '到户金额',
              key: 'amount',
              align: 'right',
              render: (_, r) => <Money value={r.amount} />,
            },
          ]}
        />
      </ScrollRegion>
      <ScrollRegion label="每一笔发放">
        <Table
          rowKey="payoutId"
          size="small"
          pagination={false}
          style={{ marginTop: 16 }}
          dataSource={payments}
          locale={{ emptyText: <EmptyText>暂无发放记录</EmptyText> }}
          columns={[
            { title: '发放日期', key: 'paidOn', render: (_, p) => formatDate(p.paidOn) },
            { title: '方案', key: 'plan', render: (_, p) => p.planTitle },
            { title: '用途', key: 'channel', render: (_, p) => distributionChannelLabels[p.channel] },
            { title: '金额', key: 'amount', align: 'right', render: (_, p) => <Money value={p.amount} /> },
            { title: '凭证号', key: 'ref', render: (_, p) => p.bankReference ?? '' },
          ]}
        />
      </ScrollRegion>
    </Modal>
  );
}
