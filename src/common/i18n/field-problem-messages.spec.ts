/**
 * Every field problem and error message the code can raise has Chinese, and is raised in English. The
 * messages are collected from the source, not listed by hand: what a `ProblemList.add`, a `badInput`, a
 * `{ field, message }` literal, a class-validator option or a `new DomainError(code, message)` says, in
 * every service, resolver, `*-rules.ts` and input type of src/. A field problem raised in English without
 * a translation reaches the user as 「份额比例」：must be above 0 … ; a message raised in Chinese reaches an
 * English caller in Chinese.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ErrorCode } from '../errors/error-codes';
import { enumLabel, labelledEnums } from './enum-labels';
import { ERROR_DETAILS, errorMessageZh } from './error-details';
import { ERROR_MESSAGES } from './error-messages';
import { fieldMessageZh } from './field-messages';
import { fieldName } from './field-names';

const SRC = path.resolve(__dirname, '../..');

/**
 * Not API field problems: the offline verifier of evidence bundles and its command line (their problems
 * are a report for the auditor's terminal, `path: message`), and this module's own tables.
 */
const NOT_FIELD_PROBLEMS = ['ledger/bundle/', 'ledger/cli/', 'common/i18n/'];

/** Calls whose last argument is a field problem's message. */
const PROBLEM_CALLS = new Set(['add', 'addFirst', 'badInput', 'badField']);

/** A class-validator decorator or option (`Matches(…, { message })`): a capitalised function. */
const isValidatorCall = (node: ts.Node | undefined): boolean =>
  node !== undefined &&
  ts.isCallExpression(node) &&
  ts.isIdentifier(node.expression) &&
  /^[A-Z]/.test(node.expression.text);

/**
 * What a template's `${…}` stand for, where a placeholder digit would not be what the code writes (an
 * enum value, a field's name): the template's source text → the messages it gives.
 */
const SAMPLES: Record<string, string[]> = {
  '`the formerly poor and monitored ${what} are part of the beneficiary ${what}: give their number`': [
    'the formerly poor and monitored households are part of the beneficiary households: give their number',
    'the formerly poor and monitored people are part of the beneficiary people: give their number',
  ],
  '`${total} beneficiary ${what} cannot include ${poor ?? 0} formerly poor and ${monitored ?? 0} monitored ${what}`':
    [
      '3 beneficiary households cannot include 2 formerly poor and 2 monitored households',
      '3 beneficiary people cannot include 2 formerly poor and 2 monitored people',
    ],
  '`an asset that is ${draft.status} needs its completion date`': [
    'an asset that is IN_USE needs its completion date',
  ],
  '`${s.source} is listed twice`': ['LINKAGE_FUND is listed twice'],
  '`exceeds the investment of project ${a.project}: ${describeOverruns(overruns)}`': [
    'exceeds the investment of project XM-2024-001: LINKAGE_FUND: the project invested 300000.00 yuan, its assets 440000.00 yuan (140000.00 yuan over); BOND: the project invested 0.00 yuan, its assets 1.50 yuan (1.50 yuan over)',
  ],
  "`contract ${c.code} (${c.kind}) pays ${kinds.join(' or ')}, not ${income.kind}`": [
    'contract HT-2026-001 (EQUITY) pays DIVIDEND, not RENT',
    'contract HT-2026-002 (LEASE) pays RENT, not DIVIDEND',
  ],
  "`the district's distribution policy does not allow ${a.channel}`": [
    "the district's distribution policy does not allow SMALL_PUBLIC_WORKS",
  ],
  '`${limit.channel} is ${pct(amount, plan.amount)}% of the plan; the policy asks for at least ${formatPercent(limit.minBp)}%`':
    ['PUBLIC_WELFARE_JOB_WAGES is 12.50% of the plan; the policy asks for at least 30.00%'],
  '`${limit.channel} is ${pct(amount, plan.amount)}% of the plan; the policy allows at most ${formatPercent(limit.maxBp)}%`':
    ['COLLECTIVE_ECONOMY is 80% of the plan; the policy allows at most 50%'],
  '`required to ${decision.toLowerCase()}`': ['required to reject', 'required to return'],
  '`must be a ${needed.toLowerCase()}`': ['must be a village', 'must be a township', 'must be a district'],
  "`${y} is before ${a.split('.').pop()} ${x}`": ['2021-05-01 is before completionDate 2021-06-01'],
  '`the household is already ${status} since ${current.startedOn}`': [
    'the household is already MONITORED since 2021-03-01',
  ],
  "`not active witnesses: ${inactive.join(', ')}`": ['not active witnesses: 3f1c, 9a0b'],
  '`the contract was terminated early on ${c.terminatedOn}: it cannot be ${what}`': [
    'the contract was terminated early on 2026-03-01: it cannot be renewed',
    'the contract was terminated early on 2026-03-01: it cannot be amended',
    'the contract was terminated early on 2026-03-01: it cannot be terminated again',
  ],
  "`The village list has ${plan.problems.length} problem${plan.problems.length > 1 ? 's' : ''}, nothing was imported: ${shown}${plan.problems.length > 5 ? ' …' : ''}`":
    [
      'The village list has 1 problem, nothing was imported: the file has no data rows',
      'The village list has 7 problems, nothing was imported: row 3, column "代码": 500101151201 is also on row 2 | row 4, column "名称": the name must not be empty …',
    ],
  '`${what} ${id} was not found`': [
    'Asset 3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f was not found',
    'Disposal request 9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d was not found',
    'Ownership proposal 9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d was not found',
    'Category GD-01 was not found',
    'Witness 9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d was not found',
  ],
  '`Record ${entityType} ${entityId} was not found`': [
    'Record DisposalRequest 9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d was not found',
  ],
  '`The ledger has no entry for ${entityType} ${entityId}`': [
    'The ledger has no entry for Asset 3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f',
  ],
  '`Asset ${id} did not exist at ${asOf.toISOString()}`': [
    'Asset 3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f did not exist at 2021-01-01T00:00:00.000Z',
  ],
  '`Too many failed sign-ins: this account is locked until ${until.toISOString()}`': [
    'Too many failed sign-ins: this account is locked until 2026-03-01T08:15:00.000Z',
  ],
  '`Township ${townshipCode} already signed off this inventory on ${existing.signedAt.toISOString()}`': [
    'Township 500101001 already signed off this inventory on 2026-11-30T02:00:00.000Z',
  ],
  "`This requires one of the roles ${roles.join(', ')}`": [
    'This requires one of the roles VILLAGE_CLERK, TOWNSHIP_OFFICER',
    'This requires one of the roles ADMIN',
  ],
  '`You may not read ${what}: it is outside your region`': [
    'You may not read region 500101002: it is outside your region',
    'You may not read village 500101001002: it is outside your region',
    'You may not read this region: it is outside your region',
  ],
  '`You may not change ${what}: it is outside your region`': [
    'You may not change asset ZC-2024-001: it is outside your region',
    'You may not change household 5001-003: it is outside your region',
    'You may not change the inventory of 500101001: it is outside your region',
    'You may not change disposal request 9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d: it is outside your region',
  ],
  "`Asset ${asset.code} has an open disposal request (${open.status}): it cannot ${change === 'OWNERSHIP' ? 'change owner' : `change ${fields.join(', ')}`} until the request is closed`":
    [
      'Asset ZC-2024-001 has an open disposal request (PENDING_TOWNSHIP): it cannot change owner until the request is closed',
      'Asset ZC-2024-001 has an open disposal request (RETURNED): it cannot change status, locationCode until the request is closed',
    ],
  '`Asset ${asset.code} already has an open disposal request (${open.status})`': [
    'Asset ZC-2024-001 already has an open disposal request (PENDING_DISTRICT)',
  ],
  '`A request can be withdrawn before a decision; this one is ${request.status}`': [
    'A request can be withdrawn before a decision; this one is PENDING_DISTRICT',
  ],
  '`This request is ${request.status}: there is nothing to review`': [
    'This request is RETURNED: there is nothing to review',
  ],
  '`A ${request.status} request cannot be ${verb}`': [
    'A PENDING_TOWNSHIP request cannot be changed',
    'A PENDING_DISTRICT request cannot be resubmitted',
    'A RETURNED request cannot be completed',
  ],
  '`A ${plan.status} plan cannot be ${verb}`': [
    'A SUBMITTED plan cannot be changed',
    'A FILED plan cannot be submitted',
    'A DRAFT plan cannot be filed',
    'A FILED plan cannot be returned',
    'A DRAFT plan cannot be paid out',
    'A FILED plan cannot be given a result publicity',
  ],
  '`The role ${user.role} may not upload files`': ['The role AUDITOR may not upload files'],
  '`The role ${user.role} may not import ${this.kind.what}`': [
    'The role AUDITOR may not import assets',
    'The role AUDITOR may not import households',
  ],
  "`Household ${household.registryNo} has no current status${last?.endedOn ? ` (it left on ${last.endedOn})` : ''}`":
    [
      'Household 5001-003 has no current status',
      'Household 5001-003 has no current status (it left on 2025-12-31)',
    ],
  '`${input.kind} income of ${asset.code} for ${overlap[0].period_from}…${overlap[0].period_to} is already recorded: mark this one as a supplement if it is one`':
    [
      'RENT income of ZC-2024-001 for 2026-01-01…2026-12-31 is already recorded: mark this one as a supplement if it is one',
    ],
  '`You may not confirm asset ${item.assetCode}: ${refusal}`': [
    'You may not confirm asset ZC-2024-001: items located at 500101001001 are confirmed by the village clerk of village 500101001001',
    'You may not confirm asset ZC-2024-001: items located at 500101001 are confirmed by the township officer of township 500101001',
    'You may not confirm asset ZC-2024-001: items located at 500101001001 are confirmed by a district supervisor (township 500101001 has no active officer)',
  ],
  '`You may not sign off: ${refusal}`': [
    'You may not sign off: township 500101001 is signed off by its township officer',
    'You may not sign off: township 500101001 has no active officer: a district supervisor signs it off',
  ],
  "`${pending.length} township(s) have not signed off yet: ${pending.map((p) => p.township_code).join(', ')}`":
    ['2 township(s) have not signed off yet: 500101001, 500101002'],
  '`The ledger does not verify, so no checkpoint was signed: ${summary}`': [
    'The ledger does not verify, so no checkpoint was signed: the ledger holds 120 entries but its latest checkpoint was signed at size 130: its tail was cut off',
    'The ledger does not verify, so no checkpoint was signed: 3 problems, the first: entry 17: the hash does not match',
  ],
  '`Witness ${witness.name} is ${witness.status}, not PENDING`': [
    'Witness township-a is ACTIVE, not PENDING',
    'Witness township-a is REVOKED, not PENDING',
  ],
  '`the cosignature of ${witness.name}: ${result.reason}`': [
    'the cosignature of township-a: timestamp out of range',
  ],
  '`not a cosigned checkpoint of this ledger: ${(e as Error).message}`': [
    'not a cosigned checkpoint of this ledger: not a checkpoint of example.gov.cn/assets',
  ],
  "`Objections are recorded during publicity (${proposal.publicityStart} to ${addDays(proposal.publicityEnd, -1)}); this proposal is ${proposal.status === ProposalStatus.PUBLICITY ? 'not in its window today' : proposal.status}`":
    [
      'Objections are recorded during publicity (2026-11-26 to 2026-12-10); this proposal is not in its window today',
      'Objections are recorded during publicity (2026-11-26 to 2026-12-10); this proposal is CONFIRMED',
    ],
  '`This proposal is already ${proposal.status}`': [
    'This proposal is already CONFIRMED',
    'This proposal is already REJECTED',
  ],
  "`${args?.property ?? 'idNumber'} is not a valid resident ID number: ${problem ?? 'invalid'}`": [
    'idNumber is not a valid resident ID number: must have 18 characters (it has 10)',
    'idNumber is not a valid resident ID number: the check character (the 18th) does not match: a character was mistyped',
  ],
};

interface Raised {
  at: string;
  source: string;
  messages: string[];
  /** A field problem (said under its field), or an error's whole message (said alone when it has no fields). */
  kind: 'field' | 'error';
  /** The error's reason, when the source names it (`ErrorCode.X`). */
  reason?: string;
  /** Whether the error carries `fields` (its whole message is then not what a Chinese reader is told). */
  withFields?: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') && !file.endsWith('.spec.ts') ? [file] : [];
  });
}

type Literal = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;

/** What a function's body returns (not its inner functions). */
function returned(body: ts.Node): ts.Expression[] {
  const out: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node) && node.expression) out.push(node.expression);
    else if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

/** The string literals an expression may evaluate to (both arms of a `?:`, what a function returns). */
function literals(e: ts.Node): Literal[] {
  if (ts.isParenthesizedExpression(e)) return literals(e.expression);
  if (ts.isConditionalExpression(e)) return [...literals(e.whenTrue), ...literals(e.whenFalse)];
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e))
    return ts.isBlock(e.body) ? returned(e.body).flatMap(literals) : literals(e.body);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e))
    return [e];
  return [];
}

const used = new Set<string>();

function messagesOf(literal: Literal): string[] {
  if (!ts.isTemplateExpression(literal)) return [literal.text];
  const source = literal.getText();
  if (SAMPLES[source]) {
    used.add(source);
    return SAMPLES[source];
  }
  // A number, a date, a code: what most `${…}` of a message are; "1" stands for each.
  return [literal.head.text + literal.templateSpans.map((s) => `1${s.literal.text}`).join('')];
}

function collect(): Raised[] {
  const raised: Raised[] = [];
  for (const file of sourceFiles(SRC)) {
    const relative = path.relative(SRC, file).split(path.sep).join('/');
    if (NOT_FIELD_PROBLEMS.some((prefix) => relative.startsWith(prefix))) continue;
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const add = (e: ts.Node, error?: Pick<Raised, 'reason' | 'withFields'>): void => {
      for (const literal of literals(e)) {
        const line = sf.getLineAndCharacterOfPosition(literal.getStart(sf)).line + 1;
        raised.push({
          at: `${relative}:${line}`,
          source: literal.getText(),
          messages: messagesOf(literal),
          kind: error ? 'error' : 'field',
          ...error,
        });
      }
    };
    /** `ErrorCode.X` → X; anything computed → undefined. */
    const reasonOf = (e: ts.Node | undefined): string | undefined =>
      e && ts.isPropertyAccessExpression(e) && e.expression.getText(sf) === 'ErrorCode'
        ? e.name.text
        : undefined;
    const visit = (node: ts.Node, inDecorator: boolean): void => {
      if (ts.isCallExpression(node) && node.arguments.length >= 2) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee)
          ? callee.text
          : ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : '';
        if (PROBLEM_CALLS.has(name)) add(node.arguments[node.arguments.length - 1]);
      }
      // An error's whole message (`new DomainError(code, message, { fields })`).
      if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'DomainError' &&
        (node.arguments?.length ?? 0) >= 2
      ) {
        const [code, message, details] = node.arguments!;
        const withFields =
          details !== undefined &&
          ts.isObjectLiteralExpression(details) &&
          details.properties.some((p) => p.name?.getText(sf) === 'fields');
        add(message, { reason: reasonOf(code), withFields });
      }
      // A pipe that checks an argument (`new PatternPipe(name, pattern, message)`).
      if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text.endsWith('Pipe') &&
        (node.arguments?.length ?? 0) >= 2
      ) {
        add(node.arguments![node.arguments!.length - 1]);
      }
      if (ts.isObjectLiteralExpression(node)) {
        const names = new Map<string, ts.ObjectLiteralElementLike>();
        for (const p of node.properties) if (p.name && ts.isIdentifier(p.name)) names.set(p.name.text, p);
        const message = names.get('message');
        if (
          message &&
          ts.isPropertyAssignment(message) &&
          (names.has('field') || names.has('column') || inDecorator || isValidatorCall(node.parent))
        ) {
          add(message.initializer);
        }
        // An error made of a code (or a kind of refusal) and a message: a refusal a rule returns, a
        // constraint's error.
        const code = names.get('code') ?? names.get('kind');
        if (message && ts.isPropertyAssignment(message) && code && ts.isPropertyAssignment(code)) {
          const reason = reasonOf(code.initializer);
          if (reason || names.has('kind')) add(message.initializer, { reason, withFields: false });
        }
        // A custom validator's message (registerDecorator).
        const validatorMessage = names.get('defaultMessage');
        if (validatorMessage && ts.isPropertyAssignment(validatorMessage)) add(validatorMessage.initializer);
      }
      ts.forEachChild(node, (child) => visit(child, inDecorator || ts.isDecorator(node)));
    };
    visit(sf, false);
  }
  return raised;
}

/** Han characters: a message the code already raises in Chinese. */
const HAS_CHINESE = /[\u4e00-\u9fff]/;

/**
 * English words left in a translation: not a quoted value, an argument's name in brackets
 * （noticeEvidenceFileIds）, a code in capitals, or a tool's name.
 */
const englishLeft = (zh: string): string[] =>
  (
    zh
      .replace(/“[^”]*”/g, '')
      .replace(/（[A-Za-z]+）/g, '')
      .match(/[A-Za-z]{3,}/g) ?? []
  ).filter((w) => w !== w.toUpperCase() && !['Excel', 'LibreOffice', 'xlsx'].includes(w));

describe('the field problems the code raises', () => {
  const raised = collect();

  it('are found in the source: every module that checks its input', () => {
    expect(raised.length).toBeGreaterThan(250);
    const modules = new Set(raised.map((r) => r.at.split('/')[0]));
    for (const module of ['assets', 'ownership', 'income', 'distribution', 'disposal', 'households', 'users'])
      expect(modules).toContain(module);
    // What the owners of an ownership proposal are refused for.
    const ownership = raised.filter((r) => r.at.startsWith('ownership/')).flatMap((r) => r.messages);
    expect(ownership).toEqual(
      expect.arrayContaining([
        'must be above 0 and at most 100',
        'the same owner is listed twice',
        'a village collective is named by its 12-digit village code',
        'a township is named by its 9-digit code',
        'a household asset is owned by households',
        'only household assets are owned by households',
        'shares add up to 1%, not 100%',
        'sharePercent must be a percentage such as "33.33"',
      ]),
    );
  });

  it('each have Chinese (a translation without English words left, or Chinese as raised)', () => {
    const untranslated = raised.flatMap((r) =>
      r.messages
        .filter((message) => {
          // An error's whole message is said by its fields, by its reason's patterns, or by its reason.
          if (r.kind === 'error') return false;
          const zh = fieldMessageZh(message);
          return zh === undefined ? !HAS_CHINESE.test(message) : englishLeft(zh).length > 0;
        })
        .map((message) => `${r.at} ${message} → ${fieldMessageZh(message) ?? '(none)'}`),
    );
    expect(untranslated).toEqual([]);
  });

  it('has a sample for a template only while the code still writes it', () => {
    expect(Object.keys(SAMPLES).filter((source) => !used.has(source))).toEqual([]);
  });
});

/**
 * Messages with details that are never an error's message to an API caller, so need no Chinese: the
 * template's source text → why. Each must still be in the source.
 */
const NOT_TOLD: Record<string, string> = {
  // The alarm the checkpoint service raises beside its LEDGER_INTEGRITY error: logged and stored for
  // the operator (the red flags show it behind their own Chinese sentence), never thrown.
  '`refused to sign a checkpoint at size ${size} (latest checkpoint ${checkpointSize}): ${summary}`':
    'a ledger alarm, not an error',
};

/**
 * Loads every module of src/ that registers a labelled enum, as the app does, so that the Chinese of a
 * message names the labels of its enum values (待乡镇审核, not PENDING_TOWNSHIP).
 */
function registerLabelledEnums(): void {
  for (const file of sourceFiles(SRC)) {
    if (file.endsWith('enum-labels.ts')) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (readFileSync(file, 'utf8').includes('registerLabelledEnum(')) require(file);
  }
}

/** The values of the labelled enums (PENDING_TOWNSHIP, RENT, VILLAGE_CLERK …) a Chinese message names. */
const enumValuesIn = (zh: string): string[] =>
  (zh.match(/\b[A-Z][A-Z_]+\b/g) ?? []).filter((word) =>
    labelledEnums().some((name) => enumLabel(name, word) !== word),
  );

/**
 * Han characters a message raised in English may hold: the Chinese names of a village list's columns
 * (the file's own headers, quoted as the user must write them).
 */
const ALLOWED_HAN = ['"统计用区划代码"', '"代码"', '"名称"'];

/** Files that still raise messages in Chinese: none. */
const STILL_CHINESE: string[] = [];

describe('the errors the code raises', () => {
  registerLabelledEnums();
  const raised = collect();
  const errors = raised.filter((r) => r.kind === 'error');

  it('are found in the source, with their reasons', () => {
    expect(errors.length).toBeGreaterThan(150);
    expect(errors.flatMap((r) => r.messages)).toEqual(
      expect.arrayContaining([
        'The allocation has 1 yuan left to pay: 1 yuan would pay more than that',
        'Asset 1 is disposed: it takes no more upkeep records',
        'the allocation is not for asset upkeep (ASSET_UPKEEP)',
      ]),
    );
  });

  it('each have a reason with a Chinese sentence', () => {
    const without = errors
      .filter((r) => r.reason !== undefined && !ERROR_MESSAGES[r.reason as ErrorCode])
      .map((r) => `${r.at} ${r.reason}`);
    expect(without).toEqual([]);
  });

  // Every whole message that carries details (amounts, dates, codes, statuses), raised anywhere in src/
  // but NOT_TOLD, is said in Chinese with the same details: a new one without its Chinese fails here.
  it('say their details in Chinese, with the labels of the enum values they name', () => {
    const detailed = errors.filter(
      (r) =>
        !NOT_TOLD[r.source] &&
        !r.withFields &&
        // `${field}: …` is the summary of the fields it carries.
        !/^`\$\{[^}]*\}: /.test(r.source) &&
        !/^`[\w.]+: /.test(r.source) &&
        !/^'[\w.]+: /.test(r.source),
    );
    expect(detailed.length).toBeGreaterThan(90);
    const rules = Object.keys(ERROR_DETAILS);
    const untranslated = detailed.flatMap((r) =>
      r.messages
        .filter((message) => {
          const zh =
            (r.reason !== undefined
              ? errorMessageZh(r.reason, message)
              : rules.map((reason) => errorMessageZh(reason, message)).find((z) => z !== undefined)) ??
            // A refusal a rule returns may be a field's problem too (payouts, allocations of repairs).
            fieldMessageZh(message);
          // A message without details is said by its reason's sentence.
          const plain = !/\$\{/.test(r.source);
          return zh === undefined
            ? !plain || r.reason === 'FORBIDDEN'
            : englishLeft(zh).length > 0 || enumValuesIn(zh).length > 0;
        })
        .map((message) => `${r.at} ${r.reason ?? '?'} ${message}`),
    );
    expect(untranslated).toEqual([]);
  });

  it('leave out only messages that are still raised and never reach a caller', () => {
    const sources = new Set(errors.map((r) => r.source));
    expect(Object.keys(NOT_TOLD).filter((source) => !sources.has(source))).toEqual([]);
  });

  it('are raised in English: no Han characters but the columns of a village list', () => {
    const chinese = raised
      .filter((r) => !STILL_CHINESE.some((file) => r.at.startsWith(`${file}:`)))
      .flatMap((r) =>
        r.messages
          .filter((message) =>
            HAS_CHINESE.test(ALLOWED_HAN.reduce((m, han) => m.split(han).join(''), message)),
          )
          .map((message) => `${r.at} ${message}`),
      );
    expect(chinese).toEqual([]);
  });

  it('still raised in Chinese only in the files listed as such', () => {
    const files = new Set(
      raised.filter((r) => r.messages.some((m) => HAS_CHINESE.test(m))).map((r) => r.at.split(':')[0]),
    );
    expect(STILL_CHINESE.filter((file) => !files.has(file))).toEqual([]);
  });
});

/** The fields of a file's GraphQL input and argument types (`@InputType`, `@ArgsType` classes). */
function inputFields(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const fields: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isClassDeclaration(node) &&
      (ts.getDecorators(node) ?? []).some((d) => /^(InputType|ArgsType)\(/.test(d.expression.getText(sf)))
    ) {
      for (const member of node.members)
        if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name)) fields.push(member.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return fields;
}

describe('the fields of an ownership proposal, its objections and its policy', () => {
  it('each have a Chinese name (the owners as the form numbers them)', () => {
    const fields = inputFields(path.join(SRC, 'ownership/ownership.types.ts'));
    expect(fields).toEqual(
      expect.arrayContaining(['owners', 'ownerRef', 'noticeEvidenceFileIds', 'content']),
    );
    const pathOf = (field: string): string =>
      ['ownerType', 'ownerRef', 'name', 'sharePercent'].includes(field)
        ? `input.owners[0].${field}`
        : `input.${field}`;
    expect(fields.filter((field) => fieldName(pathOf(field)) === undefined)).toEqual([]);
  });
});
