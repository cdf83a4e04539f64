import { Card, List } from 'antd';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { Chart } from '@web/shared/charts/Chart';
import { formatMoney } from '@web/shared/format/money';
import { assetClassLabels } from '@web/shared/labels/enums';

const AssetsByClassQuery = graphql(`
  query AssetsByClass {
    assetSummary(groupBy: [CLASS]) {
      class
      count
      formedValue
    }
  }
`);

/** The assets of the user's region by class: a pie (ECharts, loaded lazily) and the same figures as text. */
export function AssetClassChart() {
  const [{ data }] = useQuery({ query: AssetsByClassQuery });
  const groups = useMemo(() => data?.assetSummary ?? [], [data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          // Small enough, with short label lines, that the labels beside it (公益性资产, 40 项) fit a
          // 360 px phone's card: ECharts cuts a label short (公益...) where it would leave the canvas.
          radius: ['32%', '54%'],
          top: 0,
          bottom: 32,
          label: { formatter: '{b}\n{c} 项' },
          labelLine: { length: 8, length2: 6 },
          data: groups.map((g) => ({ name: g.class ? assetClassLabels[g.class] : '其他', value: g.count })),
        },
      ],
    }),
    [groups],
  );
  const summary = groups
    .map((g) => `${g.class ? assetClassLabels[g.class] : '其他'} ${g.count} 项`)
    .join('，');
  return (
    <Card title="资产构成" size="small">
      {groups.length > 0 ? <Chart option={option} label={`资产按类别：${summary}`} height={240} /> : null}
      <List
        size="small"
        dataSource={groups}
        renderItem={(g) => (
          <List.Item>
            {g.class ? assetClassLabels[g.class] : '其他'}：{g.count} 项，原值{' '}
            <span className="money">{formatMoney(g.formedValue)}</span>
          </List.Item>
        )}
      />
    </Card>
  );
}
