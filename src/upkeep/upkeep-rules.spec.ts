import { Role } from '@/common/auth';
import { ErrorCode } from '@/common/errors';
import { RepairPayer, UpkeepCondition } from './upkeep.entity';
import {
  allocationRefusal,
  DutySource,
  effectiveResponsibility,
  inspectionDueOn,
  inspectionProblems,
  phoneProblems,
  policyProblems,
  repairDueOn,
  repairProblems,
  writerRefusal,
} from './upkeep-rules';

const user = (role: Role, regionCode: string) => ({ id: 'u', username: 'u', role, regionCode });
const rules = {
  inspectionDays: { OPERATING: 90, PUBLIC_WELFARE: 90, HOUSEHOLD: 365 },
  repairDays: 30,
  cycleStart: '2026-01-01',
};

describe('upkeep rules', () => {
  it('the village clerk records a village’s asset; the township officer one sitting at the township', () => {
    expect(writerRefusal(user(Role.VILLAGE_CLERK, '500101151201'), '500101151201')).toBeNull();
    expect(writerRefusal(user(Role.VILLAGE_CLERK, '500101151202'), '500101151201')).toMatch(
      /outside your region/,
    );
    expect(writerRefusal(user(Role.TOWNSHIP_OFFICER, '500101151'), '500101151201')).toMatch(
      /clerk of the asset's village/,
    );
    expect(writerRefusal(user(Role.TOWNSHIP_OFFICER, '500101151'), '500101151')).toBeNull();
    expect(writerRefusal(user(Role.DISTRICT_SUPERVISOR, '500101'), '500101151201')).not.toBeNull();
    expect(writerRefusal(user(Role.AUDITOR, '500101'), '500101151201')).not.toBeNull();
  });

  it('phones: digits with spaces or dashes', () => {
    expect(phoneProblems('13812345678', 'p')).toEqual([]);
    expect(phoneProblems('023-5812 3456', 'p')).toEqual([]);
    expect(phoneProblems(null, 'p')).toEqual([]);
    expect(phoneProblems('abc', 'p')).toHaveLength(1);
    expect(phoneProblems('12345', 'p')).toHaveLength(1);
  });

  it('an inspection is not in the future nor before completion, and damage needs a note', () => {
    const ok = { inspectedOn: '2026-05-01', inspector: '张', condition: UpkeepCondition.GOOD };
    expect(inspectionProblems(ok, '2026-05-01', '2021-10-01')).toEqual([]);
    expect(inspectionProblems(ok, '2026-04-30', null).map((p) => p.field)).toEqual(['input.inspectedOn']);
    expect(inspectionProblems(ok, '2026-05-01', '2026-06-01').map((p) => p.field)).toEqual([
      'input.inspectedOn',
    ]);
    expect(inspectionProblems({ ...ok, inspector: ' ' }, '2026-05-01', null).map((p) => p.field)).toEqual([
      'input.inspector',
    ]);
    expect(
      inspectionProblems({ ...ok, condition: UpkeepCondition.LOST }, '2026-05-01', null).map((p) => p.field),
    ).toEqual(['input.notes']);
    expect(
      inspectionProblems({ ...ok, condition: UpkeepCondition.DAMAGED, notes: '破损' }, '2026-05-01', null),
    ).toEqual([]);
  });

  it('a repair: date, cost, and an allocation exactly when the upkeep allocation paid', () => {
    const ok = {
      repairedOn: '2026-05-02',
      description: '维修',
      cost: 100n,
      paidBy: RepairPayer.VILLAGE_FUNDS,
    };
    const found = { inspectedOn: '2026-05-01', condition: UpkeepCondition.DAMAGED };
    expect(repairProblems(ok, '2026-05-02', found)).toEqual([]);
    expect(
      repairProblems({ ...ok, repairedOn: '2026-04-30' }, '2026-05-02', found).map((p) => p.field),
    ).toEqual(['input.repairedOn']);
    expect(
      repairProblems({ ...ok, repairedOn: '2026-05-03' }, '2026-05-02', null).map((p) => p.field),
    ).toEqual(['input.repairedOn']);
    expect(repairProblems({ ...ok, cost: 0n }, '2026-05-02', null).map((p) => p.field)).toEqual([
      'input.cost',
    ]);
    expect(
      repairProblems({ ...ok, paidBy: RepairPayer.UPKEEP_ALLOCATION }, '2026-05-02', null).map(
        (p) => p.field,
      ),
    ).toEqual(['input.allocationId']);
    expect(repairProblems({ ...ok, allocationId: 'x' }, '2026-05-02', null).map((p) => p.field)).toEqual([
      'input.allocationId',
    ]);
    expect(
      repairProblems({ ...ok, paidBy: RepairPayer.OTHER }, '2026-05-02', null).map((p) => p.field),
    ).toEqual(['input.payerNote']);
    expect(
      repairProblems(ok, '2026-05-02', { ...found, condition: UpkeepCondition.GOOD }).map((p) => p.field),
    ).toEqual(['input.inspectionId']);
  });

  it('an allocation pays only upkeep, of the asset’s village, once filed, within what is left', () => {
    const a = {
      channel: 'ASSET_UPKEEP',
      villageCode: '500101151201',
      planStatus: 'FILED',
      amount: 100000n,
      used: 86000n,
    };
    expect(allocationRefusal(a, '500101151201', 14000n)).toBeNull();
    expect(allocationRefusal(a, '500101151201', 14001n)?.code).toBe(ErrorCode.UPKEEP_ALLOCATION_EXCEEDED);
    expect(allocationRefusal({ ...a, channel: 'RESERVE_FUND' }, '500101151201', 1n)?.code).toBe(
      ErrorCode.UPKEEP_ALLOCATION_INVALID,
    );
    expect(allocationRefusal(a, '500101151202', 1n)?.code).toBe(ErrorCode.UPKEEP_ALLOCATION_INVALID);
    expect(allocationRefusal({ ...a, planStatus: 'SUBMITTED' }, '500101151201', 1n)?.code).toBe(
      ErrorCode.UPKEEP_ALLOCATION_INVALID,
    );
    expect(allocationRefusal({ ...a, planStatus: 'COMPLETED' }, '500101151201', 1n)).toBeNull();
  });

  it('when the next inspection and a repair are due', () => {
    expect(inspectionDueOn(rules, 'OPERATING', '2026-02-01', null)).toBe('2026-05-02');
    expect(inspectionDueOn(rules, 'HOUSEHOLD', '2026-02-01', null)).toBe('2027-02-01');
    // Never inspected: from the cycle start, or a later handover.
    expect(inspectionDueOn(rules, 'OPERATING', null, '2021-12-01')).toBe('2026-04-01');
    expect(inspectionDueOn(rules, 'OPERATING', null, '2026-03-01')).toBe('2026-05-30');
    expect(repairDueOn(rules, '2026-05-01')).toBe('2026-05-31');
  });

  it('the duty supersedes the register’s text fields', () => {
    const asset = { managementEntity: '合作社', managementResponsible: '张三' };
    expect(effectiveResponsibility(null, asset)).toEqual({
      body: '合作社',
      person: '张三',
      source: DutySource.ASSET_REGISTER,
    });
    expect(effectiveResponsibility({ body: '村委会', person: '李四' }, asset)).toEqual({
      body: '村委会',
      person: '李四',
      source: DutySource.UPKEEP_DUTY,
    });
    expect(
      effectiveResponsibility(null, { managementEntity: null, managementResponsible: null }).source,
    ).toBe(DutySource.NONE);
  });

  it('policy periods within bounds', () => {
    const ok = {
      operatingInspectionDays: 90,
      publicWelfareInspectionDays: 90,
      householdInspectionDays: 365,
      repairDays: 30,
    };
    expect(policyProblems(ok)).toEqual([]);
    expect(policyProblems({ ...ok, repairDays: 0 })).toHaveLength(1);
    expect(policyProblems({ ...ok, operatingInspectionDays: 4000 })).toHaveLength(1);
  });
});
