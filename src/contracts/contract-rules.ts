/**
 * The rules of operators and contracts, pure: what makes an operator or a contract's terms valid, which
 * day a contract is in force, what falls due under it and what of that is still owed. Shared by the
 * service (which throws the problems as VALIDATION_FAILED) and the red flags.
 */
import { FieldProblem } from '@/common/errors/domain-error';
import { addDays, daysBetween, Fen, isLocalDate, LocalDate } from '@/common/scalars';
import { idNumberProblem } from '@/households/id-number';
import {
  ContractKind,
  ContractStatus,
  OperatorKind,
  PaymentSchedule,
  SCHEDULE_MONTHS,
} from './contract.enums';
import { usccProblem } from './uscc';

const PHONE = /^\+?[\d\s-]{7,20}$/;

export interface OperatorDraft {
  kind: OperatorKind;
  name: string;
  uscc?: string | null;
  idNumber?: string | null;
  contactPhone?: string | null;
}

/**
 * Enterprises and cooperatives are identified by their unified social credit code (checked); a family
 * farm may have one (checked when given); an individual by the resident ID number, never by a code.
 */
export function operatorProblems(d: OperatorDraft, today: LocalDate, prefix = 'input'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const uscc = d.uscc?.trim() || null;
  const idNumber = d.idNumber?.trim() || null;
  if (!d.name.trim()) problems.push({ field: `${prefix}.name`, message: 'the name must not be empty' });
  const needsCode = d.kind === OperatorKind.ENTERPRISE || d.kind === OperatorKind.COOPERATIVE;
  if (d.kind === OperatorKind.INDIVIDUAL) {
    if (uscc)
      problems.push({
        field: `${prefix}.uscc`,
        message: 'an individual operator has no unified social credit code',
      });
    if (!idNumber) {
      problems.push({
        field: `${prefix}.idNumber`,
        message: 'an individual operator needs a resident ID number',
      });
    } else if (idNumberProblem(idNumber, today)) {
      problems.push({
        field: `${prefix}.idNumber`,
        message:
          'is not a valid resident ID number (18 characters with a real date of birth and check character)',
      });
    }
  } else {
    if (idNumber) {
      problems.push({
        field: `${prefix}.idNumber`,
        message: 'only an individual operator has a resident ID number',
      });
    }
    if (!uscc && needsCode) {
      problems.push({
        field: `${prefix}.uscc`,
        message: 'an enterprise or a cooperative needs its unified social credit code',
      });
    } else if (uscc) {
      const problem = usccProblem(uscc);
      if (problem) problems.push({ field: `${prefix}.uscc`, message: problem });
    }
  }
  const phone = d.contactPhone?.trim();
  if (phone && !PHONE.test(phone)) {
    problems.push({
      field: `${prefix}.contactPhone`,
      message: 'the contact phone is not a telephone number',
    });
  }
  return problems;
}

/** The terms a contract is signed, amended or renewed with. */
export interface ContractTerms {
  kind: ContractKind;
  startDate: LocalDate;
  endDate: LocalDate;
  amount: Fen;
  schedule: PaymentSchedule;
  guaranteedMinimum?: Fen | null;
  equityPrincipal?: Fen | null;
  equityMaturityDate?: LocalDate | null;
}

/** The term ends after it starts; an equity stake has its principal and maturity, nothing else has. */
export function contractTermsProblems(t: ContractTerms, prefix = 'input'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const dates = isLocalDate(t.startDate) && isLocalDate(t.endDate);
  if (dates && t.endDate <= t.startDate) {
    problems.push({
      field: `${prefix}.endDate`,
      message: `the contract must end after it starts (${t.startDate})`,
    });
  }
  if (t.amount < 0n) problems.push({ field: `${prefix}.amount`, message: 'the amount must not be negative' });
  if (t.guaranteedMinimum !== null && t.guaranteedMinimum !== undefined && t.guaranteedMinimum < 0n) {
    problems.push({
      field: `${prefix}.guaranteedMinimum`,
      message: 'the guaranteed minimum must not be negative',
    });
  }
  if (t.kind === ContractKind.EQUITY) {
    if (t.equityPrincipal === null || t.equityPrincipal === undefined || t.equityPrincipal <= 0n) {
      problems.push({
        field: `${prefix}.equityPrincipal`,
        message: 'an equity contract needs its principal (more than zero)',
      });
    }
    if (!t.equityMaturityDate) {
      problems.push({
        field: `${prefix}.equityMaturityDate`,
        message: 'an equity contract needs the day its principal matures',
      });
    } else if (t.equityMaturityDate <= t.startDate) {
      problems.push({
        field: `${prefix}.equityMaturityDate`,
        message: `the principal must mature after the contract starts (${t.startDate})`,
      });
    }
  } else {
    if (t.equityPrincipal !== null && t.equityPrincipal !== undefined) {
      problems.push({
        field: `${prefix}.equityPrincipal`,
        message: 'only an equity contract has a principal',
      });
    }
    if (t.equityMaturityDate) {
      problems.push({
        field: `${prefix}.equityMaturityDate`,
        message: 'only an equity contract has a principal maturity date',
      });
    }
  }
  return problems;
}

/** What a contract is, for the rules below. */
export interface ContractFacts {
  kind: ContractKind;
  status: ContractStatus;
  startDate: LocalDate;
  endDate: LocalDate;
  terminatedOn: LocalDate | null;
  principalReturnedOn: LocalDate | null;
  /** The latest day a change took effect (a later change cannot take effect before it). */
  lastEffectiveFrom: LocalDate;
}

/** The last day a contract is in force: its end, or the day it was terminated. */
export function lastDayInForce(c: Pick<ContractFacts, 'endDate' | 'terminatedOn'>): LocalDate {
  return c.terminatedOn ?? c.endDate;
}

export function inForceOn(
  c: Pick<ContractFacts, 'startDate' | 'endDate' | 'terminatedOn'>,
  date: LocalDate,
): boolean {
  return c.startDate <= date && date <= lastDayInForce(c);
}

function activeProblem(c: ContractFacts, what: 'renewed' | 'amended' | 'terminated again'): FieldProblem[] {
  return c.status === ContractStatus.ACTIVE
    ? []
    : [
        {
          field: 'id',
          message: `the contract was terminated early on ${c.terminatedOn}: it cannot be ${what}`,
        },
      ];
}

/** A renewal extends an active contract past its current end. */
export function renewalProblems(c: ContractFacts, newEndDate: LocalDate): FieldProblem[] {
  const problems = activeProblem(c, 'renewed');
  if (newEndDate <= c.endDate) {
    problems.push({
      field: 'input.endDate',
      message: `a renewal must end after the current end date (${c.endDate})`,
    });
  }
  return problems;
}

/** An amendment takes effect within the term, not before an earlier change. */
export function amendmentProblems(c: ContractFacts, effectiveFrom: LocalDate): FieldProblem[] {
  const problems = activeProblem(c, 'amended');
  if (effectiveFrom < c.lastEffectiveFrom || effectiveFrom > c.endDate) {
    problems.push({
      field: 'input.effectiveFrom',
      message: `an amendment must take effect between ${c.lastEffectiveFrom} and ${c.endDate}`,
    });
  }
  return problems;
}

/** Early termination: a day within the term before its end, not before an earlier change. */
export function terminationProblems(c: ContractFacts, terminatedOn: LocalDate): FieldProblem[] {
  const problems = activeProblem(c, 'terminated again');
  const from = c.lastEffectiveFrom > c.startDate ? c.lastEffectiveFrom : c.startDate;
  if (terminatedOn < from || terminatedOn >= c.endDate) {
    problems.push({
      field: 'input.terminatedOn',
      message: `an early termination must fall on or after ${from} and before the contract's end date (${c.endDate})`,
    });
  }
  return problems;
}

/** The principal of an equity stake comes back once, after the stake began, not in the future. */
export function principalReturnProblems(
  c: ContractFacts,
  returnedOn: LocalDate,
  today: LocalDate,
): FieldProblem[] {
  if (c.kind !== ContractKind.EQUITY) {
    return [{ field: 'id', message: 'only the principal of an equity contract is returned' }];
  }
  if (c.principalReturnedOn) {
    return [{ field: 'id', message: `the principal was returned on ${c.principalReturnedOn}` }];
  }
  if (returnedOn < c.startDate || returnedOn > today) {
    return [
      {
        field: 'input.returnedOn',
        message: `the principal must be returned between ${c.startDate} and today`,
      },
    ];
  }
  return [];
}

/** Income recorded under a contract: of one of its assets, rent or dividend, for a period in force. */
/**
 * The kinds of income a contract pays: a lease (租赁) and a contracting (承包) pay rent, an equity stake
 * (入股) pays dividends (its guaranteed minimum, 保底收益, included), an entrusted operation (委托经营)
 * either, as its contract fixes.
 */
export function incomeKindsUnder(kind: ContractKind): Array<'RENT' | 'DIVIDEND'> {
  switch (kind) {
    case ContractKind.LEASE:
    case ContractKind.CONTRACTING:
      return ['RENT'];
    case ContractKind.EQUITY:
      return ['DIVIDEND'];
    case ContractKind.ENTRUSTED:
      return ['RENT', 'DIVIDEND'];
  }
}

export function contractIncomeProblems(
  c: Pick<ContractFacts, 'kind' | 'startDate' | 'endDate' | 'terminatedOn'> & { code: string },
  assetIds: readonly string[],
  income: { assetId: string; kind: string; periodFrom: LocalDate },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!assetIds.includes(income.assetId)) {
    problems.push({ field: 'input.contractId', message: `contract ${c.code} does not cover this asset` });
  }
  const kinds: readonly string[] = incomeKindsUnder(c.kind);
  if (income.kind !== 'RENT' && income.kind !== 'DIVIDEND') {
    problems.push({ field: 'input.kind', message: 'income under a contract must be rent or a dividend' });
  } else if (!kinds.includes(income.kind)) {
    problems.push({
      field: 'input.kind',
      message: `contract ${c.code} (${c.kind}) pays ${kinds.join(' or ')}, not ${income.kind}`,
    });
  }
  if (!inForceOn(c, income.periodFrom)) {
    problems.push({
      field: 'input.contractId',
      message: `contract ${c.code} is not in force on the first day of the income's period (${income.periodFrom}): it runs from ${c.startDate} to ${lastDayInForce(c)}`,
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// What falls due
// ---------------------------------------------------------------------------------------------------

/** Terms in force from a day on (a signature, a renewal or an amendment). */
export interface PaymentTerms {
  effectiveFrom: LocalDate;
  amount: Fen;
  schedule: PaymentSchedule;
}

export interface Installment {
  periodFrom: LocalDate;
  periodTo: LocalDate;
  /** The day it falls due: the last day of its period (a one-off payment: the first). */
  dueOn: LocalDate;
  amount: Fen;
}

/** `date` plus `months` calendar months, the day clamped to the month's end (01-31 + 1 → 02-28/29). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The installments of a contract: each set of terms runs from its day until the next set takes effect
 * (or the contract's last day in force), in periods of its schedule counted from that day; each
 * period's amount falls due on its last day; a period cut short (by the end, a termination or a change)
 * owes its amount pro rata by days, rounded down to the fen. A one-off amount falls due on the day
 * its terms take effect.
 */
export function installments(terms: readonly PaymentTerms[], lastDay: LocalDate): Installment[] {
  const sorted = [...terms].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  const out: Installment[] = [];
  sorted.forEach((t, i) => {
    const next = sorted[i + 1]?.effectiveFrom;
    const segmentEnd = next && addDays(next, -1) < lastDay ? addDays(next, -1) : lastDay;
    if (segmentEnd < t.effectiveFrom) return;
    const months = SCHEDULE_MONTHS[t.schedule];
    if (months === null) {
      if (t.amount > 0n) {
        out.push({
          periodFrom: t.effectiveFrom,
          periodTo: segmentEnd,
          dueOn: t.effectiveFrom,
          amount: t.amount,
        });
      }
      return;
    }
    for (let k = 0; ; k++) {
      const from = addMonths(t.effectiveFrom, k * months);
      if (from > segmentEnd) break;
      const fullTo = addDays(addMonths(t.effectiveFrom, (k + 1) * months), -1);
      const to = fullTo < segmentEnd ? fullTo : segmentEnd;
      const amount =
        to === fullTo
          ? t.amount
          : (t.amount * BigInt(daysBetween(from, to) + 1)) / BigInt(daysBetween(from, fullTo) + 1);
      if (amount > 0n) out.push({ periodFrom: from, periodTo: to, dueOn: to, amount });
    }
  });
  return out;
}

export interface InstallmentStatus extends Installment {
  /** What of it the income received covers (oldest installment first). */
  received: Fen;
  due: boolean;
}

export interface PaymentPosition {
  /** What fell due up to and including `asOf`. */
  dueToDate: Fen;
  received: Fen;
  /** dueToDate − received, never below zero. */
  outstanding: Fen;
  /** received − dueToDate, never below zero: paid ahead of the due days (预收), or more than the term asks. */
  receivedAhead: Fen;
  /** What was received beyond every installment of the term (多收), never below zero. */
  overpaid: Fen;
  /** The due day of the oldest installment not fully paid, when one is due. */
  overdueSince: LocalDate | null;
  overdueDays: number | null;
  installments: InstallmentStatus[];
}

/**
 * 逾期 (overdue): rent or dividend under the contract still unpaid more than `graceDays` after it fell
 * due. The one definition behind the CONTRACT_PAYMENT_OVERDUE red flag, `Contract.payments.overdue` and
 * the contracts list's `overdue` filter.
 */
export function isPaymentOverdue(position: Pick<PaymentPosition, 'overdueDays'>, graceDays: number): boolean {
  return position.overdueDays !== null && position.overdueDays > graceDays;
}

/** What fell due by `asOf`, what was received under the contract, and what is owed since when. */
export function paymentPosition(
  list: readonly Installment[],
  received: Fen,
  asOf: LocalDate,
): PaymentPosition {
  let left = received > 0n ? received : 0n;
  let dueToDate = 0n;
  let overdueSince: LocalDate | null = null;
  const statuses = list.map((x) => {
    const covered = left >= x.amount ? x.amount : left;
    left -= covered;
    const due = x.dueOn <= asOf;
    if (due) dueToDate += x.amount;
    if (due && covered < x.amount && overdueSince === null) overdueSince = x.dueOn;
    return { ...x, received: covered, due };
  });
  const outstanding = dueToDate > received ? dueToDate - received : 0n;
  const since = outstanding > 0n ? overdueSince : null;
  return {
    dueToDate,
    received,
    outstanding,
    receivedAhead: received > dueToDate ? received - dueToDate : 0n,
    overpaid: left,
    overdueSince: since,
    overdueDays: since ? daysBetween(since, asOf) : null,
    installments: statuses,
  };
}
