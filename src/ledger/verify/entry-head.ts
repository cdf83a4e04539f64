/**
 * The top-level fields of an entry that verification compares with its position and query columns, read
 * straight from its canonical bytes without building the rest of the document (`before`, `after` and
 * `details`, most of its bytes). The whole text is still checked against the JSON grammar, so that
 * `readEntryHead` answers as `JSON.parse` of the UTF-8 text followed by {@link headOf} would, for any
 * bytes (entry-head.spec.ts compares the two on random and damaged documents).
 */

/** Stands for an object or array where a scalar was expected: equal to no column value. */
export const NOT_SCALAR: object = Object.freeze({});

/** What a field held: a JSON scalar, {@link NOT_SCALAR}, or undefined when the document lacks it. */
export type HeadValue = string | number | boolean | null | object | undefined;

/** The entry's top-level fields compared as they are (besides `actor`, whose `userId` is). */
const SCALAR_FIELDS = [
  'index',
  'ledger',
  'time',
  'action',
  'entityType',
  'entityId',
  'regionCode',
  'requestId',
] as const;
type ScalarField = (typeof SCALAR_FIELDS)[number];

/** Names looked for among an object's keys, matched on their UTF-8 bytes (by length) or by name. */
interface KeySet {
  byLength: Array<Array<{ bytes: Uint8Array; id: number }> | undefined>;
  byName: ReadonlyMap<string, number>;
}

function keySet(names: readonly string[]): KeySet {
  const byLength: KeySet['byLength'] = [];
  names.forEach((name, id) => {
    const bytes = Buffer.from(name, 'utf8');
    (byLength[bytes.length] ??= []).push({ bytes, id });
  });
  return { byLength, byName: new Map(names.map((name, id) => [name, id])) };
}

/** The top-level keys read: the scalar fields by their position in SCALAR_FIELDS, then `actor`. */
const ACTOR = SCALAR_FIELDS.length;
const TOP_KEYS = keySet([...SCALAR_FIELDS, 'actor']);
const ACTOR_KEYS = keySet(['userId']);

export type EntryHead = Record<ScalarField, HeadValue> & {
  /** `actor.userId` when `actor` is an object (null when it lacks one), else null. */
  actorUserId: HeadValue;
};

/** A head with every field absent (one literal: every head has the same shape). */
function emptyHead(): EntryHead {
  return {
    index: undefined,
    ledger: undefined,
    time: undefined,
    action: undefined,
    entityType: undefined,
    entityId: undefined,
    regionCode: undefined,
    requestId: undefined,
    actorUserId: null,
  };
}

export type HeadResult = EntryHead | 'NOT_JSON' | 'NOT_OBJECT';

/** The head of an already parsed document (the deep check parses it whole anyway). */
export function headOf(doc: unknown): HeadResult {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return 'NOT_OBJECT';
  const d = doc as Record<string, unknown>;
  const scalar = (v: unknown): HeadValue =>
    v !== null && typeof v === 'object' ? NOT_SCALAR : (v as HeadValue);
  const actor = d.actor;
  let actorUserId: HeadValue = null;
  if (actor !== null && typeof actor === 'object' && !Array.isArray(actor)) {
    actorUserId = scalar((actor as Record<string, unknown>).userId) ?? null;
  }
  const head = emptyHead();
  for (const field of SCALAR_FIELDS) head[field] = scalar(d[field]);
  head.actorUserId = actorUserId;
  return head;
}

class NotJson extends Error {}
const NOT_JSON = new NotJson();

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Reads the head of the JSON text in `bytes` (UTF-8), checking all of it against the JSON grammar. */
export function readEntryHead(bytes: Uint8Array): HeadResult {
  const r = new Reader(bytes);
  try {
    r.ws();
    if (r.peek() !== 0x7b /* { */) {
      r.skipValue();
      r.end();
      return 'NOT_OBJECT';
    }
    const head = r.readTop();
    r.end();
    return head;
  } catch (error) {
    if (error === NOT_JSON) return 'NOT_JSON';
    throw error;
  }
}

class Reader {
  private at = 0;
  private readonly length: number;
  private readonly view: Buffer;

  constructor(private readonly b: Uint8Array) {
    this.length = b.length;
    this.view = Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.length);
  }

  peek(): number {
    return this.at < this.length ? this.b[this.at] : -1;
  }

  ws(): void {
    const b = this.b;
    let at = this.at;
    while (at < this.length) {
      const c = b[at];
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      at++;
    }
    this.at = at;
  }

  end(): void {
    this.ws();
    if (this.at !== this.length) throw NOT_JSON;
  }

  private expect(c: number): void {
    if (this.at >= this.length || this.b[this.at] !== c) throw NOT_JSON;
    this.at++;
  }

  readTop(): EntryHead {
    const head = emptyHead();
    this.expect(0x7b);
    this.ws();
    if (this.peek() === 0x7d /* } */) {
      this.at++;
      return head;
    }
    for (;;) {
      this.ws();
      const field = this.keyOf(TOP_KEYS);
      this.ws();
      this.expect(0x3a /* : */);
      this.ws();
      if (field === ACTOR) head.actorUserId = this.actorUserId();
      else if (field >= 0) head[SCALAR_FIELDS[field]] = this.scalar();
      else this.skipValue();
      if (this.nextMember()) return head;
    }
  }

  /** `actor`'s userId (null if it lacks one or is not an object), consuming the value. */
  private actorUserId(): HeadValue {
    if (this.peek() !== 0x7b) {
      this.skipValue();
      return null;
    }
    this.at++;
    this.ws();
    if (this.peek() === 0x7d) {
      this.at++;
      return null;
    }
    let userId: HeadValue = undefined;
    for (;;) {
      this.ws();
      const field = this.keyOf(ACTOR_KEYS);
      this.ws();
      this.expect(0x3a);
      this.ws();
      if (field === 0) userId = this.scalar();
      else this.skipValue();
      if (this.nextMember()) return userId ?? null;
    }
  }

  /** After a member's value: true at the object's `}`, false at a `,` (both consumed). */
  private nextMember(): boolean {
    this.ws();
    const c = this.peek();
    this.at++;
    if (c === 0x2c /* , */) return false;
    if (c === 0x7d) return true;
    throw NOT_JSON;
  }

  /**
   * A member's key: its position in `keys` (-1 for any other key), decided on the bytes as they are when
   * the key has no escape (no string is built), and on the decoded key otherwise.
   */
  private keyOf(keys: KeySet): number {
    const start = this.at + 1;
    const escaped = this.skipString();
    if (escaped)
      return keys.byName.get(JSON.parse(this.view.toString('utf8', start - 1, this.at)) as string) ?? -1;
    const length = this.at - 1 - start;
    const candidates = keys.byLength[length];
    if (candidates === undefined) return -1;
    const b = this.b;
    for (let k = 0; k < candidates.length; k++) {
      const name = candidates[k].bytes;
      let i = 0;
      while (i < length && b[start + i] === name[i]) i++;
      if (i === length) return candidates[k].id;
    }
    return -1;
  }

  /** A scalar value, or NOT_SCALAR for an object or array (skipped). */
  private scalar(): HeadValue {
    const c = this.peek();
    if (c === QUOTE) return this.string();
    if (c === 0x7b || c === 0x5b) {
      this.skipValue();
      return NOT_SCALAR;
    }
    if (c === 0x74 /* t */) return this.literal('true', true);
    if (c === 0x66 /* f */) return this.literal('false', false);
    if (c === 0x6e /* n */) return this.literal('null', null);
    const start = this.at;
    this.number();
    return Number(this.view.toString('latin1', start, this.at));
  }

  private literal<T>(word: string, value: T): T {
    for (let i = 0; i < word.length; i++) this.expect(word.charCodeAt(i));
    return value;
  }

  /** A string at the current position, decoded as JSON.parse of the UTF-8 text would. */
  private string(): string {
    const start = this.at;
    const escaped = this.skipString();
    if (!escaped) return this.view.toString('utf8', start + 1, this.at - 1);
    return JSON.parse(this.view.toString('utf8', start, this.at)) as string;
  }

  /** Skips a string (checking its escapes and that it holds no control character); true if it had escapes. */
  private skipString(): boolean {
    this.expect(QUOTE);
    const b = this.b;
    const length = this.length;
    let at = this.at;
    let escaped = false;
    for (;;) {
      if (at >= length) throw NOT_JSON;
      const c = b[at++];
      if (c === QUOTE) break;
      if (c < 0x20) throw NOT_JSON;
      if (c !== BACKSLASH) continue;
      escaped = true;
      if (at >= length) throw NOT_JSON;
      const e = b[at++];
      if (e === 0x75 /* u */) {
        if (at + 4 > length) throw NOT_JSON;
        for (let i = 0; i < 4; i++) if (!isHex(b[at++])) throw NOT_JSON;
      } else if (
        e !== QUOTE &&
        e !== BACKSLASH &&
        e !== 0x2f /* / */ &&
        e !== 0x62 /* b */ &&
        e !== 0x66 /* f */ &&
        e !== 0x6e /* n */ &&
        e !== 0x72 /* r */ &&
        e !== 0x74 /* t */
      ) {
        throw NOT_JSON;
      }
    }
    this.at = at;
    return escaped;
  }

  /** -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
  private number(): void {
    if (this.peek() === 0x2d /* - */) this.at++;
    const first = this.peek();
    if (first === 0x30 /* 0 */) this.at++;
    else if (first >= 0x31 && first <= 0x39) this.digits();
    else throw NOT_JSON;
    if (this.peek() === 0x2e /* . */) {
      this.at++;
      this.digits();
    }
    const e = this.peek();
    if (e === 0x65 || e === 0x45) {
      this.at++;
      const sign = this.peek();
      if (sign === 0x2b || sign === 0x2d) this.at++;
      this.digits();
    }
  }

  /** One or more digits. */
  private digits(): void {
    const start = this.at;
    while (this.at < this.length && this.b[this.at] >= 0x30 && this.b[this.at] <= 0x39) this.at++;
    if (this.at === start) throw NOT_JSON;
  }

  /**
   * Skips any value, checking it. Nesting is followed with a stack of open containers, not recursion, so
   * deep nesting cannot overflow the call stack.
   */
  skipValue(): void {
    const open: number[] = []; // 0x7d for an object, 0x5d for an array
    for (;;) {
      this.ws();
      const c = this.peek();
      if (c === 0x7b || c === 0x5b) {
        this.at++;
        this.ws();
        const close = c === 0x7b ? 0x7d : 0x5d;
        if (this.peek() === close) {
          this.at++;
        } else {
          open.push(close);
          if (close === 0x7d) this.key();
          continue;
        }
      } else if (c === QUOTE) {
        this.skipString();
      } else if (c === 0x74) {
        this.literal('true', true);
      } else if (c === 0x66) {
        this.literal('false', false);
      } else if (c === 0x6e) {
        this.literal('null', null);
      } else {
        this.number();
      }
      // A value has ended: close containers or move to the next member.
      for (;;) {
        if (open.length === 0) return;
        this.ws();
        const next = this.peek();
        const close = open[open.length - 1];
        this.at++;
        if (next === close) {
          open.pop();
          continue;
        }
        if (next !== 0x2c) throw NOT_JSON;
        if (close === 0x7d) this.key();
        break;
      }
    }
  }

  /** `"key" :` inside an object being skipped. */
  private key(): void {
    this.ws();
    this.skipString();
    this.ws();
    this.expect(0x3a);
  }
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
