import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildSchema, GraphQLEnumType } from 'graphql';
import * as labels from './enums';

/**
 * The console's labels are the API's (each enum value's description in schema.gql, what reports,
 * exports and the import template write), but for the few places where a screen words a value for its
 * context. A label that drifts from the API's without being listed here fails: a user would read one
 * name on the screen and another in the exported file.
 */
const WORDED_FOR_THE_SCREEN: Record<string, string> = {
  'OwnerType.VILLAGE_COLLECTIVE': '村集体经济组织',
  'DistributionPlanStatus.COMPLETED': '已完成',
  'DisposalReason.DEMOLITION': '规划拆除',
  'DisposalReason.OTHER': '其他原因',
  'DisposalStatus.APPROVED': '已批准',
  'DisposalStatus.COMPLETED': '已处置完成',
  'DisposalStatus.REJECTED': '未批准',
  'DisposalStatus.RETURNED': '已退回',
  'ReviewDecision.RETURN': '退回修改',
  'ReviewLevel.DISTRICT': '区级审批',
  'ReviewLevel.TOWNSHIP': '乡镇审核',
  'InventoryFinding.MISSING': '盘亏',
  'InventoryStatus.OPEN': '进行中',
};

describe("the console's enum labels", () => {
  const schema = buildSchema(readFileSync(path.join(__dirname, '../../../../schema.gql'), 'utf8'));
  const enums = Object.values(schema.getTypeMap()).filter(
    (t): t is GraphQLEnumType => t instanceof GraphQLEnumType && !t.name.startsWith('__'),
  );

  it('are the API’s labels, but for those worded for the screen', () => {
    const drift: string[] = [];
    let compared = 0;
    for (const [name, map] of Object.entries(labels)) {
      if (typeof map !== 'object' || map === null) continue;
      const values = map as Record<string, string>;
      const keys = Object.keys(values);
      const same = enums.filter(
        (e) => e.getValues().length === keys.length && e.getValues().every((v) => keys.includes(v.name)),
      );
      for (const e of same) {
        for (const v of e.getValues()) {
          compared++;
          const key = `${e.name}.${v.name}`;
          const expected = WORDED_FOR_THE_SCREEN[key] ?? v.description;
          if (values[v.name] !== expected)
            drift.push(`${name} ${key}: "${values[v.name]}", the API says "${v.description}"`);
        }
      }
    }
    expect(drift).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  });
});
