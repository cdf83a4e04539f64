import { Alert, Space, Table } from 'antd';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { DateRange } from '@web/shared/components/DateRange';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDate } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { contractKindLabels } from '@web/shared/labels/contracts';
import { ContractStatus } from '@web/shared/contracts/ContractStatus';
import type { AssetDetail } from '../AssetPage';

const AssetContractsQuery = graphql(`
  query AssetContracts($id: ID!) {
    asset(id: $id) {
      id
      contracts {
        id
        code
        kind
        status
        inForce
        startDate
        endDate
        terminatedOn
        equityPrincipal
        principalReturnedOn
        principalReturnedAmount
        operator {
          id
          name
        }
        payments {
          outstanding
          overdueSince
        }
      }
    }
  }
`);

/**
 * 合同: the contracts registered for the asset, each linking to its page where the asset is kept (a
 * co-owner elsewhere reads them here, without the link). Without one, the operator and contract text of the 台账 (entered before contracts were registered) is shown as 台账登记（旧）.
 */
export function AssetContracts({ asset, keeps }: { asset: AssetDetail; keeps: boolean }) {
  const [{ data, error }] = useQuery({ query: AssetContractsQuery, variables: { id: asset.id } });
  if (error) return <QueryError error={error} />;
  const contracts = data?.asset.contracts ?? [];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {data && contracts.length === 0 ? (
        <Alert
          type="info"
          message="尚未登记合同"
          description={
            asset.operator || asset.contractStart
              ? `台账登记（旧）：经营主体 ${asset.operator ?? '—'}，合同期限 ${
                  asset.contractStart
                    ? `${formatDate(asset.contractStart)} 至 ${formatDate(asset.contractEnd)}`
                    : '—'
                }，约定年收益 ${formatMoney(asset.contractAnnualAmount)}`
              : keeps
                ? '村会计可在“经营合同”中登记该资产的合同。'
                : `合同由${asset.location.name}登记。`
          }
        />
      ) : null}
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 640 }}
        pagination={false}
        locale={{ emptyText: '暂无合同' }}
        dataSource={contracts}
        columns={[
          {
            title: '合同编号',
            key: 'code',
            // A contract's page is where the asset is kept: a co-owner reads the contract here.
            render: (_, c) => (keeps ? <Link to={`/contracts/${c.id}`}>{c.code}</Link> : c.code),
          },
          { title: '类型', key: 'kind', render: (_, c) => contractKindLabels[c.kind] },
          { title: '经营主体', key: 'operator', render: (_, c) => c.operator.name },
          {
            title: '期限',
            key: 'term',
            render: (_, c) => <DateRange from={c.startDate} to={c.terminatedOn ?? c.endDate} />,
          },
          {
            title: '状态',
            key: 'status',
            render: (_, c) => (
              <Space direction="vertical" size={2}>
                <ContractStatus contract={c} />
                {/* An equity stake: whether its principal came back (登记本金收回 on the contract's page). */}
                {c.kind === 'EQUITY' ? (
                  <span className="nowrap">
                    {c.principalReturnedOn ? (
                      <>
                        本金 {formatDate(c.principalReturnedOn)} 收回{' '}
                        <span className="money">{formatMoney(c.principalReturnedAmount)}</span>
                      </>
                    ) : (
                      <>
                        本金 <span className="money">{formatMoney(c.equityPrincipal)}</span> 未收回
                      </>
                    )}
                  </span>
                ) : null}
              </Space>
            ),
          },
          {
            title: '欠收',
            key: 'outstanding',
            align: 'right',
            render: (_, c) => <span className="money">{formatMoney(c.payments.outstanding)}</span>,
          },
        ]}
      />
    </Space>
  );
}
