import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { HeadResult, headOf, NOT_SCALAR, readEntryHead } from './entry-head';

/** What the deep check does: JSON.parse of the UTF-8 text, then the head of the document. */
function byParse(bytes: Uint8Array): HeadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return 'NOT_JSON';
  }
  return headOf(doc);
}

const same = (bytes: Uint8Array): void => {
  expect(readEntryHead(bytes)).toEqual(byParse(bytes));
};

const entry = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  v: 2,
  ledger: '500101',
  index: 41,
  time: '2026-01-01T00:00:00.000Z',
  action: 'ASSET_REGISTERED',
  entityType: 'Asset',
  entityId: '5b0a1c9e-0000-4000-8000-000000000001',
  regionCode: '500101001001',
  actor: {
    userId: '5b0a1c9e-0000-4000-8000-0000000000aa',
    username: '张三',
    role: 'VILLAGE_CLERK',
    regionCode: null,
  },
  requestId: 'req-1',
  before: null,
  after: { name: '光伏电站 "一期"\n', values: [1, 2.5, -0, 1e21, true, false, null], nested: { a: [[{}]] } },
  details: { note: 'tab\there \u2028 \ud83d\ude00' },
  entityVersion: 1,
  previousLeafHash: null,
  ...over,
});

/** Random JSON text in the shape of an entry, with arbitrary values in every field. */
const entryText = fc
  .record({
    over: fc.dictionary(
      fc.constantFrom(
        'index',
        'ledger',
        'time',
        'action',
        'entityType',
        'entityId',
        'regionCode',
        'requestId',
        'actor',
        'after',
        'userId',
        '__proto__',
      ),
      fc.jsonValue(),
    ),
    actor: fc.option(fc.dictionary(fc.constantFrom('userId', 'role', 'x'), fc.jsonValue()), {
      nil: undefined,
    }),
    spaced: fc.boolean(),
  })
  .map(({ over, actor, spaced }) => {
    const doc = entry(actor === undefined ? over : { ...over, actor });
    return spaced ? JSON.stringify(doc, null, 2) : canonicalize(doc)!;
  });

/** The bytes with a few random edits: a byte replaced, removed or inserted. */
const damaged = (text: string) =>
  fc
    .array(
      fc.record({
        at: fc.nat(),
        op: fc.constantFrom('replace', 'remove', 'insert'),
        byte: fc.oneof(
          fc.constantFrom(...Buffer.from('{}[]":,\\ 0-.eE+ntfu\n\t\x00\x1f\xe5\x80\xff')),
          fc.integer({ min: 0, max: 255 }),
        ),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((edits) => {
      const bytes = [...Buffer.from(text, 'utf8')];
      for (const e of edits) {
        const at = bytes.length === 0 ? 0 : e.at % bytes.length;
        if (e.op === 'replace' && bytes.length > 0) bytes[at] = e.byte;
        else if (e.op === 'remove') bytes.splice(at, 1);
        else bytes.splice(at, 0, e.byte);
      }
      return Buffer.from(bytes);
    });

describe('readEntryHead', () => {
  it('reads the fields of a canonical entry', () => {
    expect(readEntryHead(Buffer.from(canonicalize(entry())!))).toEqual({
      index: 41,
      ledger: '500101',
      time: '2026-01-01T00:00:00.000Z',
      action: 'ASSET_REGISTERED',
      entityType: 'Asset',
      entityId: '5b0a1c9e-0000-4000-8000-000000000001',
      regionCode: '500101001001',
      requestId: 'req-1',
      actorUserId: '5b0a1c9e-0000-4000-8000-0000000000aa',
    });
  });

  it('answers as JSON.parse on entries with arbitrary values in their fields', () => {
    fc.assert(
      fc.property(entryText, (text) => same(Buffer.from(text, 'utf8'))),
      { numRuns: 2000 },
    );
  });

  it('answers as JSON.parse on damaged entries (mostly not JSON)', () => {
    fc.assert(
      fc.property(
        entryText.chain((text) => damaged(text)),
        (bytes) => same(bytes),
      ),
      { numRuns: 5000 },
    );
  });

  it('answers as JSON.parse on any JSON value and on random bytes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => same(Buffer.from(JSON.stringify(v) ?? 'null', 'utf8'))),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => same(bytes)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'{}[]":,\\ 0123-.eEntrufalse'.split('')) }), (s) =>
        same(Buffer.from(s, 'utf8')),
      ),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['an escaped key', '{"\\u0069ndex":7,"ledger":"500101"}'],
    ['a duplicate key (the last wins)', '{"index":1,"index":2,"actor":{"userId":"a"},"actor":7}'],
    ['an escaped value', '{"action":"A\\"B\\u4e2d\\ud83d\\ude00","entityId":"\\/x"}'],
    ['a lone surrogate', '{"requestId":"\\ud800"}'],
    ['numbers', '{"index":-0,"ledger":1.5e-3,"time":-12.25E+2,"action":0e0}'],
    ['an actor without userId', '{"actor":{"role":"SYSTEM"}}'],
    ['an actor that is an array', '{"actor":[{"userId":"a"}]}'],
    ['a userId that is an object', '{"actor":{"userId":{"a":1}}}'],
    ['fields that are arrays or objects', '{"index":[41],"ledger":{"id":"500101"},"time":true}'],
    ['whitespace everywhere', ' \t\r\n{ "index" : 3 , "after" : [ 1 , { } , [ ] ] } \n'],
    ['a top-level array', '[1,2]'],
    ['a top-level string', '"x"'],
    ['null', 'null'],
    ['empty', ''],
    ['a BOM', '\ufeff{"index":1}'],
    ['a leading zero', '{"index":01}'],
    ['a bare fraction', '{"index":.5}'],
    ['a trailing dot', '{"index":1.}'],
    ['a trailing comma', '{"index":1,}'],
    ['a trailing comma in an array', '{"after":[1,]}'],
    ['a single-quoted string', "{'index':1}"],
    ['a control character in a string', '{"action":"a\u0001b"}'],
    ['a bad escape', '{"action":"a\\xb"}'],
    ['a short \\u escape', '{"action":"a\\u12"}'],
    ['text after the object', '{"index":1} x'],
    ['two objects', '{}{}'],
    ['an unclosed object', '{"index":1'],
    ['an unclosed nested array', '{"after":[[1]}'],
    ['a mismatched close', '{"after":[1}}'],
    ['a missing colon', '{"index" 1}'],
    ['NaN', '{"index":NaN}'],
    ['a bare word', '{"index":tru}'],
    ['Chinese outside a string', '{"index":一}'],
  ])('answers as JSON.parse on %s', (_name, text) => {
    same(Buffer.from(text, 'utf8'));
  });

  it('answers as JSON.parse on invalid UTF-8 inside and outside strings', () => {
    for (const bytes of [
      Buffer.from([0x7b, 0x22, 0x61, 0x63, 0x74, 0x69, 0x6f, 0x6e, 0x22, 0x3a, 0x22, 0xe5, 0x22, 0x7d]),
      Buffer.from([0x7b, 0x22, 0x61, 0x63, 0x74, 0x69, 0x6f, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      Buffer.from([0x7b, 0xff, 0x7d]),
      Buffer.from([0x7b, 0x22, 0xe4, 0xb8, 0x22, 0x3a, 0x31, 0x7d]),
    ]) {
      same(bytes);
    }
  });

  it('follows deep nesting without recursion', () => {
    const depth = 200_000;
    const text = `{"after":${'['.repeat(depth)}${']'.repeat(depth)},"index":9}`;
    expect(readEntryHead(Buffer.from(text))).toMatchObject({ index: 9 });
    expect(
      readEntryHead(Buffer.from(`{"after":${'['.repeat(depth)}${']'.repeat(depth - 1)},"index":9}`)),
    ).toBe('NOT_JSON');
  });

  it('reads a Uint8Array that is a view into a larger buffer', () => {
    const text = Buffer.from(`xx${canonicalize(entry({ index: 5 }))!}yy`);
    const view = new Uint8Array(text.buffer, text.byteOffset + 2, text.length - 4);
    expect(readEntryHead(view)).toMatchObject({ index: 5, action: 'ASSET_REGISTERED' });
  });

  it('marks objects and arrays where a scalar belongs', () => {
    expect(readEntryHead(Buffer.from('{"index":[1],"actor":{"userId":{}}}'))).toMatchObject({
      index: NOT_SCALAR,
      actorUserId: NOT_SCALAR,
    });
  });
});
