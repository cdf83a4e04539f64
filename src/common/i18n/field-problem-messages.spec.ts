/**
 * Every field problem the code can raise has Chinese. The messages are collected from the source, not
 * listed by hand: what a `ProblemList.add`, a `badInput`, a `{ field, message }` literal or a
 * class-validator option says, in every service, resolver, `*-rules.ts` and input type of src/. A message
 * raised in English without a translation reaches the user as 「份额比例」：must be above 0 … .
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
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
  '`required to ${decision.toLowerCase()}`': ['required to reject', 'required to return'],
  '`must be a ${needed.toLowerCase()}`': ['must be a village', 'must be a township', 'must be a district'],
  "`${y} is before ${a.split('.').pop()} ${x}`": ['2021-05-01 is before completionDate 2021-06-01'],
  '`the household is already ${status} since ${current.startedOn}`': [
    'the household is already MONITORED since 2021-03-01',
  ],
  "`not active witnesses: ${inactive.join(', ')}`": ['not active witnesses: 3f1c, 9a0b'],
  "`${args?.property ?? 'idNumber'} is not a valid resident ID number: ${problem ?? 'invalid'}`": [
    'idNumber is not a valid resident ID number: must have 18 characters (it has 10)',
    'idNumber is not a valid resident ID number: the check character (the 18th) does not match: a character was mistyped',
  ],
};

interface Raised {
  at: string;
  source: string;
  messages: string[];
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
    const add = (e: ts.Node): void => {
      for (const literal of literals(e)) {
        const line = sf.getLineAndCharacterOfPosition(literal.getStart(sf)).line + 1;
        raised.push({ at: `${relative}:${line}`, source: literal.getText(), messages: messagesOf(literal) });
      }
    };
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

/** English words left in a translation: not a quoted value, a code in capitals, or a tool's name. */
const englishLeft = (zh: string): string[] =>
  (zh.replace(/“[^”]*”/g, '').match(/[A-Za-z]{3,}/g) ?? []).filter(
    (w) => w !== w.toUpperCase() && !['Excel', 'LibreOffice', 'xlsx'].includes(w),
  );

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
