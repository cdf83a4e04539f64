import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '@web/gql';

const HouseholdSearchDoc = graphql(`
  query HouseholdSearch($filter: HouseholdFilter, $first: Int) {
    households(filter: $filter, first: $first) {
      edges {
        node {
          id
          headName
          registryNo
        }
      }
    }
  }
`);

export interface HouseholdOption {
  value: string;
  label: string;
}

/** 张三（5001011512010001）: how a household is named in a list. */
export const householdLabel = (h: { headName: string; registryNo: string }): string =>
  `${h.headName}（${h.registryNo}）`;

/**
 * A household of the village eligible on `eligibleOn`, found by the head's name or the registry number
 * as one types (the server searches; the first 20 show before typing).
 */
export function HouseholdSelect({
  villageCode,
  eligibleOn,
  value,
  onChange,
  id,
  'aria-label': ariaLabel,
}: {
  villageCode: string;
  eligibleOn?: string;
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  'aria-label'?: string;
}) {
  const client = useClient();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<HouseholdOption[]>([]);
  const known = useRef(new Map<string, string>());
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      void client
        .query(HouseholdSearchDoc, {
          filter: { villageCode, eligibleOn, text: text.trim() || undefined },
          first: 20,
        })
        .toPromise()
        .then((r) => {
          if (!live) return;
          const found = (r.data?.households.edges ?? []).map((e) => ({
            value: e.node.id,
            label: householdLabel(e.node),
          }));
          for (const o of found) known.current.set(o.value, o.label);
          setOptions(found);
          setLoading(false);
        });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, villageCode, eligibleOn, text]);

  const chosen =
    value && !options.some((o) => o.value === value)
      ? [{ value, label: known.current.get(value) ?? value }]
      : [];
  return (
    <Select<string>
      id={id}
      aria-label={ariaLabel}
      showSearch
      filterOption={false}
      onSearch={setText}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={[...chosen, ...options]}
      loading={loading}
      placeholder="输入户主姓名或户籍编号查找"
      notFoundContent={loading ? '查找中…' : '没有符合条件的农户'}
    />
  );
}
