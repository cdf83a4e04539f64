import {
  idNumberCheckCharacter,
  idNumberProblem,
  phoneProblem,
  registryNoProblem,
  statusChangeProblem,
  statusEndProblem,
  statusName,
  type StatusPeriod,
} from './household-form-rules';

const TODAY = '2026-11-30';
/** A valid number: 17 digits and their check character. */
const valid = (first17: string) => `${first17}${idNumberCheckCharacter(first17)}`;

describe('household form rules', () => {
  it('accepts a resident ID number with its check character (X in either case)', () => {
    expect(idNumberProblem(valid('50010119800704215'), TODAY)).toBeNull();
    expect(idNumberProblem('11010519491231002X', TODAY)).toBeNull();
    expect(idNumberProblem('11010519491231002x', TODAY)).toBeNull();
  });

  it('refuses a wrong check character, length, birth date or address code, in Chinese', () => {
    const good = valid('50010119800704215');
    const wrongCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    expect(idNumberProblem(wrongCheck, TODAY)).toBe('身份证号校验位（第 18 位）不符，请核对是否输错');
    expect(idNumberProblem('5001011980070421', TODAY)).toBe('身份证号须为 18 位（现为 16 位）');
    expect(idNumberProblem('50010119800704215A', TODAY)).toBe('身份证号须为 17 位数字加 1 位数字或 X');
    expect(idNumberProblem(valid('50010119801304215'), TODAY)).toBe('身份证号第 7–14 位不是有效的出生日期');
    expect(idNumberProblem(valid('50010120991231215'), TODAY)).toBe('身份证号中的出生日期晚于今天');
    expect(idNumberProblem(valid('00010119800704215'), TODAY)).toBe(
      '身份证号前 6 位须为地址码（不能以 0 开头）',
    );
  });

  it('accepts mobile and landline numbers, refuses others', () => {
    expect(phoneProblem('13800000000')).toBeNull();
    expect(phoneProblem('023-58000000')).toBeNull();
    expect(phoneProblem('+86 138 0000 0000')).toBeNull();
    expect(phoneProblem('1380000000')).toBe('手机号须为 11 位（现为 10 位）');
    expect(phoneProblem('电话')).toContain('联系电话须为电话号码');
    expect(phoneProblem('138-abc')).toContain('联系电话须为电话号码');
  });

  it('checks registry numbers as the API does', () => {
    expect(registryNoProblem('500101151201-H001')).toBeNull();
    expect(registryNoProblem('-H001')).not.toBeNull();
    expect(registryNoProblem('户001')).not.toBeNull();
  });

  describe('status changes, as changeHouseholdStatus and endHouseholdStatus check them', () => {
    const alleviated: StatusPeriod = { status: 'POVERTY_ALLEVIATED', startedOn: '2020-06-30', endedOn: null };
    const monitored: StatusPeriod = {
      status: 'MONITORED',
      monitoringCategory: 'MARGINAL',
      startedOn: '2024-03-15',
      endedOn: null,
    };

    it('names a status with its monitoring category', () => {
      expect(statusName(alleviated)).toBe('脱贫户');
      expect(statusName(monitored)).toBe('监测户（边缘易致贫户）');
    });

    it('accepts a new status after the start of the current one, or after the day the household left', () => {
      const change = {
        status: 'MONITORED',
        monitoringCategory: 'UNSTABLE',
        startedOn: '2026-11-01',
      } as const;
      expect(statusChangeProblem(change, [alleviated], TODAY)).toBeNull();
      expect(statusChangeProblem(change, [{ ...alleviated, endedOn: '2026-10-31' }], TODAY)).toBeNull();
      // Another category of a monitored household is a change.
      expect(statusChangeProblem(change, [monitored], TODAY)).toBeNull();
    });

    it('refuses the same status, a date in the future, not after the current start or the day it left', () => {
      expect(
        statusChangeProblem({ status: 'POVERTY_ALLEVIATED', startedOn: '2026-11-01' }, [alleviated], TODAY),
      ).toEqual({ field: 'status', message: '该农户自 2020-06-30 起已是脱贫户' });
      expect(
        statusChangeProblem(
          { status: 'MONITORED', monitoringCategory: 'MARGINAL', startedOn: '2026-11-01' },
          [{ ...alleviated, endedOn: '2024-03-14' }, monitored],
          TODAY,
        ),
      ).toEqual({ field: 'status', message: '该农户自 2024-03-15 起已是监测户（边缘易致贫户）' });
      expect(
        statusChangeProblem({ status: 'MONITORED', startedOn: '2026-12-01' }, [alleviated], TODAY),
      ).toEqual({
        field: 'startedOn',
        message: '起始日期不能晚于今天',
      });
      expect(
        statusChangeProblem({ status: 'MONITORED', startedOn: '2020-06-30' }, [alleviated], TODAY),
      ).toEqual({
        field: 'startedOn',
        message: '起始日期须晚于当前户类型的起始日期（2020-06-30）',
      });
      expect(
        statusChangeProblem(
          { status: 'POVERTY_ALLEVIATED', startedOn: '2025-05-31' },
          [{ ...alleviated, endedOn: '2025-05-31' }],
          TODAY,
        ),
      ).toEqual({ field: 'startedOn', message: '起始日期须晚于该农户退出监测的日期（2025-05-31）' });
    });

    it('ends the current status on a day from its start to today', () => {
      expect(statusEndProblem('2026-11-30', monitored, TODAY)).toBeNull();
      expect(statusEndProblem('2024-03-15', monitored, TODAY)).toBeNull();
      expect(statusEndProblem('2026-12-01', monitored, TODAY)).toBe('终止日期不能晚于今天');
      expect(statusEndProblem('2024-03-14', monitored, TODAY)).toBe(
        '终止日期不能早于当前户类型的起始日期（2024-03-15）',
      );
    });
  });
});
