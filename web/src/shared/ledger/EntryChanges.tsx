import { Button, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import {
  entryChanges,
  type FieldChange,
  formatValue,
  isLedgerObject,
  type NameLookups,
} from './entry-changes';

const CategoryNamesQuery = graphql(`
  query LedgerCategoryNames {
    assetCategories(includeInactive: true) {
      code
      name
    }
  }
`);

/** Region and category names for the values of an entry (both cached by the client). */
export function useNameLookups(): NameLookups {
  const regionName = useRegionNames();
  const [{ data }] = useQuery({ query: CategoryNamesQuery, requestPolicy: 'cache-first' });
  return useMemo(() => {
    const categories = new Map((data?.assetCategories ?? []).map((c) => [c.code, c.name]));
    return { regionName: (code) => regionName(code), categoryName: (code) => categories.get(code) };
  }, [regionName, data]);
}

/** The before and after states an entry's canonical JSON records; null when it cannot be read. */
export function statesOf(canonical: string): { before: unknown; after: unknown } | null {
  try {
    const parsed: unknown = JSON.parse(canonical);
    return isLedgerObject(parsed) ? { before: parsed.before ?? null, after: parsed.after ?? null } : null;
  } catch {
    return null;
  }
}

/** 变更内容 as a table: 字段 / 修改前 / 修改后 (the entry's page in the 审计账本). */
export function EntryChangesTable({
  entityType,
  before,
  after,
}: {
  entityType: string;
  before: unknown;
  after: unknown;
}) {
  const names = useNameLookups();
  const changes = entryChanges(entityType, before, after);
  if (changes.length === 0) return <Typography.Text type="secondary">本条未改变记录的内容</Typography.Text>;
  return (
    <Table<FieldChange>
      aria-label="变更内容"
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={changes}
      scroll={{ x: 480 }}
      columns={[
        { title: '字段', key: 'label', className: 'nowrap', render: (_, c) => c.label },
        {
          title: '修改前',
          key: 'before',
          render: (_, c) => <span className="change-value">{formatValue(c.spec, c.before, names)}</span>,
        },
        {
          title: '修改后',
          key: 'after',
          render: (_, c) => <span className="change-value">{formatValue(c.spec, c.after, names)}</span>,
        },
      ]}
    />
  );
}

const SHOWN = 6;

/**
 * 变更内容 in a record's history, compact for a phone: one line per field, 字段：修改前 → 修改后 (for a
 * creation only the value); bookkeeping fields (ids, versions, who and when) are left out, the history
 * says who and when already. Long lists are cut at six lines with 显示全部.
 */
export function EntryChangesList({ entityType, canonical }: { entityType: string; canonical: string }) {
  const names = useNameLookups();
  const [all, setAll] = useState(false);
  const states = statesOf(canonical);
  if (!states) return null;
  const changes = entryChanges(entityType, states.before, states.after).filter((c) => !c.spec.bookkeeping);
  if (changes.length === 0) return null;
  const created = !isLedgerObject(states.before);
  const shown = all ? changes : changes.slice(0, SHOWN);
  return (
    <div className="entry-changes">
      <ul aria-label="变更内容">
        {shown.map((c) => (
          <li key={c.key}>
            <Typography.Text type="secondary">{c.label}：</Typography.Text>
            {created ? (
              <span className="change-value">{formatValue(c.spec, c.after, names)}</span>
            ) : (
              <>
                <del className="change-value">{formatValue(c.spec, c.before, names)}</del>
                {' → '}
                <ins className="change-value">{formatValue(c.spec, c.after, names)}</ins>
              </>
            )}
          </li>
        ))}
      </ul>
      {changes.length > SHOWN ? (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setAll((v) => !v)}>
          {all ? '收起' : `显示全部（${changes.length} 项）`}
        </Button>
      ) : null}
    </div>
  );
}
