import type { SelectProps } from 'antd';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { SearchSelect } from '@web/shared/components/SearchSelect';
import { useSettledSearch } from '@web/shared/components/server-search';

const OperatorOptionsQuery = graphql(`
  query OperatorOptions($search: String) {
    operators(filter: { search: $search }, first: 20) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/**
 * A choice of one operator (经营主体) of the user's region, searched on the server by part of its name
 * or its code (统一社会信用代码), so that a region with many operators still finds each of them.
 */
export function OperatorSelect(props: SelectProps<string>) {
  const [search, onSearch] = useSettledSearch();
  const variables = useMemo(() => ({ search: search || undefined }), [search]);
  const [{ data, fetching }] = useQuery({ query: OperatorOptionsQuery, variables });
  const found = (data?.operators.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.name }));
  return (
    <SearchSelect
      found={found}
      fetching={fetching}
      onSearch={onSearch}
      notFound="没有找到经营主体，请先登记"
      placeholder="输入名称或统一社会信用代码查找"
      {...props}
    />
  );
}
