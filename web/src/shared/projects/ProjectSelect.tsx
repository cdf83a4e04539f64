import type { SelectProps } from 'antd';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { SearchSelect } from '@web/shared/components/SearchSelect';
import { type SearchOption, useSettledSearch } from '@web/shared/components/server-search';

const ProjectOptionsQuery = graphql(`
  query ProjectOptions($filter: ProjectFilter) {
    projects(filter: $filter, first: 20) {
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

/** "WZXM-2016-001 梧桐村2016年产业发展项目": how a project is offered in a choice. */
export const projectOptionLabel = (p: { code: string; name: string }): string => `${p.code} ${p.name}`;

/**
 * A choice of the projects of the user's region, searched on the server by part of a name or code (a
 * district registers thousands over the years; a list of the first few hundred would hide the rest).
 * `initial` is the project already chosen when the form opens.
 */
export function ProjectSelect({ initial, ...props }: { initial?: SearchOption } & SelectProps<string>) {
  const [text, onSearch] = useSettledSearch();
  const variables = useMemo(() => ({ filter: { text: text || undefined } }), [text]);
  const [{ data, fetching }] = useQuery({ query: ProjectOptionsQuery, variables });
  const found = (data?.projects.edges ?? []).map((e) => ({
    value: e.node.id,
    label: projectOptionLabel(e.node),
  }));
  return (
    <SearchSelect
      found={found}
      fetching={fetching}
      onSearch={onSearch}
      initial={initial}
      notFound="没有找到项目"
      placeholder="输入项目名称或编号查找"
      {...props}
    />
  );
}
