import type { SelectProps } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { FormSelect } from '@web/shared/components/FormSelect';

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
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const variables = useMemo(() => ({ search: search || undefined }), [search]);
  const [{ data, fetching }] = useQuery({ query: OperatorOptionsQuery, variables });
  // The chosen operator stays labelled while the list shows another search.
  const chosen = useRef(new Map<string, { value: string; label: string }>());
  const found = (data?.operators.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.name }));
  for (const o of found) chosen.current.set(o.value, o);
  const current = props.value ? chosen.current.get(props.value) : undefined;
  const options = current && !found.some((o) => o.value === current.value) ? [current, ...found] : found;

  return (
    <FormSelect<string>
      showSearch
      filterOption={false}
      onSearch={setTyped}
      loading={fetching}
      notFoundContent={fetching ? '正在查找…' : '没有找到经营主体，请先登记'}
      placeholder="输入名称或统一社会信用代码查找"
      options={options}
      {...props}
    />
  );
}
