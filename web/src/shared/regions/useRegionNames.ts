import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';

const RegionNamesQuery = graphql(`
  query RegionNames {
    regions {
      code
      name
    }
  }
`);

/** Names of the regions the user may see (cached), to show 梧桐村 rather than 500101151201. */
export function useRegionNames(): (code: string | null | undefined) => string {
  const [{ data }] = useQuery({ query: RegionNamesQuery, requestPolicy: 'cache-first' });
  return useMemo(() => {
    const names = new Map((data?.regions ?? []).map((r) => [r.code, r.name]));
    return (code) => (code ? (names.get(code) ?? code) : '—');
  }, [data]);
}
