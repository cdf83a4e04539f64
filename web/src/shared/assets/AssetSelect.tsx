import type { SelectProps } from 'antd';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { AssetFilter } from '@web/gql/graphql';
import { SearchSelect } from '@web/shared/components/SearchSelect';
import { type SearchOption, useSettledSearch } from '@web/shared/components/server-search';

const AssetOptionsQuery = graphql(`
  query AssetOptions($filter: AssetFilter) {
    assets(filter: $filter, first: 20) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
  }
`);

export type AssetOption = SearchOption;

/** "PV-2021-003 梧桐村光伏电站": how an asset is offered in a choice. */
export const assetOptionLabel = (a: { code: string; name: string }): string => `${a.code} ${a.name}`;

/**
 * A choice of assets of the user's region, searched on the server by part of a name or code (the
 * register can be long): one asset, or several with `mode="multiple"`. `filter` narrows what is offered
 * (e.g. operating assets only); `initial` is the asset already chosen when the form opens.
 */
export function AssetSelect<V extends string | string[] = string>({
  filter,
  initial,
  ...props
}: { filter?: AssetFilter; initial?: AssetOption } & SelectProps<V>) {
  const [text, onSearch] = useSettledSearch();
  const variables = useMemo(() => ({ filter: { ...filter, text: text || undefined } }), [filter, text]);
  const [{ data, fetching }] = useQuery({ query: AssetOptionsQuery, variables });
  const found = (data?.assets.edges ?? []).map((e) => ({
    value: e.node.id,
    label: assetOptionLabel(e.node),
  }));
  return (
    <SearchSelect<V>
      found={found}
      fetching={fetching}
      onSearch={onSearch}
      initial={initial}
      notFound="没有找到资产"
      placeholder="输入资产名称或编号查找"
      {...props}
    />
  );
}
