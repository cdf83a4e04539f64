import type { SelectProps } from 'antd';
import { FormSelect } from '@web/shared/components/FormSelect';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { RegionLevel } from '@web/gql/enums';

const RegionsOfLevelQuery = graphql(`
  query RegionsOfLevel($level: RegionLevel) {
    regions(level: $level) {
      code
      name
      parentCode
    }
  }
`);

/** A searchable choice of the regions of one level the user may see (name and code shown). */
export function RegionSelect({ level, ...props }: { level?: RegionLevel } & SelectProps<string>) {
  const [{ data, fetching }] = useQuery({ query: RegionsOfLevelQuery, variables: { level }, pause: !level });
  return (
    <FormSelect<string>
      showSearch
      optionFilterProp="label"
      loading={fetching}
      options={(data?.regions ?? []).map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` }))}
      {...props}
    />
  );
}
