import { Card, Empty, Form, Select } from 'antd';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { FundSource } from '@web/gql/enums';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { MoneyTrail } from '@web/shared/distribution/MoneyTrail';
import { fundSourceLabels } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';

const FundTrailRegionsDoc = graphql(`
  query FundTrailRegions {
    regions {
      code
      name
      parentCode
      level
    }
  }
`);

/** The fund sources in the order of their labels (中央财政资金 first). */
const FUND_SOURCES = Object.keys(fundSourceLabels) as FundSource[];

const isFundSource = (value: string | null): value is FundSource =>
  value !== null && (FUND_SOURCES as string[]).includes(value);

/**
 * 资金流向（按资金来源）: where one fund source's money went in a region — the projects and assets it
 * built there, their income, the plans that distributed it, the payouts and the households — stage by
 * stage with each stage's total. The fund source and the region are in the address
 * (`?fundSource=LINKAGE_FUND&region=500101151`), so a link shows the same trail to whoever may read it;
 * a region outside the reader's is refused by the API, in its words.
 */
export default function FundTrailPage() {
  const { user } = useSession();
  const regionName = useRegionNames();
  const [params, setParams] = useSearchParams();
  const home = user?.regionCode ?? '';
  const given = params.get('fundSource');
  const fundSource = isFundSource(given) ? given : undefined;
  const regionCode = params.get('region') ?? home;
  const [{ data }] = useQuery({ query: FundTrailRegionsDoc, pause: !user });

  const choose = (next: { fundSource?: FundSource; region?: string }) => {
    const source = next.fundSource ?? fundSource;
    const region = next.region ?? regionCode;
    setParams({ ...(source ? { fundSource: source } : {}), ...(region ? { region } : {}) });
  };

  // Within the reader's region: a township officer picks one of its villages, the district a township
  // and then one of its villages; a village clerk reads the village.
  const regions = (data?.regions ?? []).filter((r) => home && r.code.startsWith(home));
  const townships = regions.filter((r) => r.level === 'TOWNSHIP');
  const township = home.length === 9 ? home : regionCode.length >= 9 ? regionCode.slice(0, 9) : undefined;
  const villages = regions.filter((r) => r.level === 'VILLAGE' && township && r.parentCode === township);
  const option = (r: { code: string; name: string }) => ({ value: r.code, label: r.name });

  return (
    <PageContainer title="资金流向">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form name="fundTrail" layout="inline" className="filter-form">
          <Form.Item label="资金来源" htmlFor="fundTrail_fundSource">
            <Select<FundSource>
              id="fundTrail_fundSource"
              placeholder="请选择资金来源"
              value={fundSource}
              onChange={(value) => choose({ fundSource: value })}
              options={FUND_SOURCES.map((s) => ({ value: s, label: fundSourceLabels[s] }))}
              style={{ minWidth: 200 }}
            />
          </Form.Item>
          {home.length === 6 ? (
            <Form.Item label="乡镇" htmlFor="fundTrail_township">
              <Select<string>
                id="fundTrail_township"
                showSearch
                allowClear
                optionFilterProp="label"
                placeholder="全区"
                value={regionCode.length >= 9 ? regionCode.slice(0, 9) : undefined}
                onChange={(value) => choose({ region: value ?? home })}
                options={townships.map(option)}
                style={{ minWidth: 160 }}
              />
            </Form.Item>
          ) : null}
          {home.length < 12 && township ? (
            <Form.Item label="村" htmlFor="fundTrail_village">
              <Select<string>
                id="fundTrail_village"
                showSearch
                allowClear
                optionFilterProp="label"
                placeholder="全镇"
                value={regionCode.length === 12 ? regionCode : undefined}
                onChange={(value) => choose({ region: value ?? township })}
                options={villages.map(option)}
                style={{ minWidth: 160 }}
              />
            </Form.Item>
          ) : null}
        </Form>
      </Card>
      {fundSource && regionCode ? (
        <>
          <p>
            {fundSourceLabels[fundSource]}在{regionName(regionCode)}的资金流向
          </p>
          <MoneyTrail key={`${fundSource}-${regionCode}`} of={{ fundSource, regionCode }} />
        </>
      ) : (
        <Card size="small">
          <Empty description="请选择资金来源，查看该资金投入了哪些项目和资产，收益又分配给了谁" />
        </Card>
      )}
    </PageContainer>
  );
}
