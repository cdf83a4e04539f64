import type { SelectProps } from 'antd';
import { FormSelect } from './FormSelect';
import { type SearchOption, useKeptOptions } from './server-search';

/**
 * A select whose options the server finds as the user types: `found` is what the last search returned
 * (typed text settled by `useSettledSearch`, whose setter is `onSearch`), led by the chosen values it does
 * not list; `initial` labels a value chosen before the select opened. `notFound` says what to do when a
 * search finds nothing.
 */
export function SearchSelect<V extends string | string[] = string>({
  found,
  fetching,
  onSearch,
  initial,
  notFound,
  ...props
}: {
  found: SearchOption[];
  fetching: boolean;
  onSearch: (typed: string) => void;
  initial?: SearchOption;
  notFound: string;
} & SelectProps<V>) {
  const options = useKeptOptions(found, props.value, initial);
  return (
    <FormSelect<V>
      showSearch
      filterOption={false}
      onSearch={onSearch}
      loading={fetching}
      notFoundContent={fetching ? '正在查找…' : notFound}
      options={options}
      {...props}
    />
  );
}
