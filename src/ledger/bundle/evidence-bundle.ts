/**
 * Offline evidence bundles: a self-contained JSON document that lets anyone check, without the database or
 * the network, that some ledger entries are part of the Asset Registry's append-only log, as committed to
 * by a signed checkpoint, and that this checkpoint extends checkpoints seen earlier.
 *
 * A bundle (format `asset-registry-evidence/v1`):
 *
 * ```json
 * {
 *   "format": "asset-registry-evidence/v1",
 *   "origin": "wanzhou.asset-registry.example/ledger/500101",
 *   "verifierKeys": ["<name>+<hash>+<base64 key>"],
 *   "checkpoint": "<signed note of the checkpoint>",
 *   "entity": { "type": "Asset", "id": "…" },
 *   "entries": [{ "index": 12, "canonical": "{…}", "leafHash": "<b64>", "signature": "<b64>", "inclusionProof": ["<b64>"] }],
 *   "consistency": [{ "fromSize": 10, "fromRoot": "<b64>", "proof": ["<b64>"] }]
 * }
 * ```
 *
 * What {@link verifyBundle} checks is listed on the function. The format is strict on purpose: unknown
 * fields are rejected and every base64 value must be canonical, so that changing any character of a valid
 * (compactly serialised) bundle makes verification fail — evidence has no "harmless" bytes. (Whitespace
 * BETWEEN JSON tokens is not evidence and may be reformatted freely.)
 *
 * The server side builds bundles; this module only defines the format and verifies it. It depends on
 * nothing but the pure merkle and note modules, so the verifier CLI runs anywhere.
 */
import canonicalize from 'canonicalize';
import { EMPTY_ROOT, leafHash as hashLeaf } from '../merkle/hash';
import { checkConsistency, checkInclusion, VerifyResult } from '../merkle/tree';
import { decodeBase64Strict, encodeBase64 } from '../note/base64';
import { Checkpoint, parseCheckpoint } from '../note/checkpoint';
import { verifyEntrySignature } from '../note/entry-signature';
import { isWellFormed, NoteVerifier, parseVerifierKey, sameVerifier } from '../note/keys';
import { NoteError, OpenedNote, openNote } from '../note/note';
import { checkQuorum, parseWitnessPolicy, WitnessPolicy } from './witness-policy';

/** The format tag of version 1 bundles. */
export const BUNDLE_FORMAT = 'asset-registry-evidence/v1';

/** The entity a bundle is about. */
export interface BundleEntity {
  /** Entity type as recorded in the entries' `entityType`, e.g. `Asset`. */
  type: string;
  /** Entity id as recorded in the entries' `entityId`. */
  id: string;
}

/** One ledger entry together with the evidence that it is in the log. */
export interface BundleEntry {
  /** 0-based leaf index of the entry in the log. */
  index: number;
  /**
   * The exact RFC 8785 (JCS) JSON text that was hashed: a JSON object with at least `index` (equal to the
   * entry's index), `ledger` (district code), `entityType`, `entityId` and `action`.
   */
  canonical: string;
  /** base64 of leafHash = SHA-256(0x00 ‖ UTF-8 bytes of `canonical`). */
  leafHash: string;
  /** base64(4-byte key ID ‖ Ed25519 signature) of the entry, see `signEntry` in note/entry-signature.ts. */
  signature: string;
  /** RFC 9162 §2.1.3 inclusion proof (base64 hashes, leaf-to-root) against the bundle checkpoint's size. */
  inclusionProof: string[];
}

/** A consistency proof from an earlier tree (e.g. a checkpoint an auditor saved) to the bundle checkpoint. */
export interface ConsistencyItem {
  /** Size of the earlier tree, 1 ≤ fromSize ≤ checkpoint size. */
  fromSize: number;
  /** base64 root hash of the earlier tree. */
  fromRoot: string;
  /** RFC 9162 §2.1.4 consistency proof (base64 hashes) from fromSize to the checkpoint's size. */
  proof: string[];
}

/** A version 1 evidence bundle. No other fields are allowed. */
export interface EvidenceBundle {
  format: typeof BUNDLE_FORMAT;
  /** The log origin; equals the first line of the checkpoint. */
  origin: string;
  /** Verifier key strings (`<name>+<hash>+<base64>`) the checkpoint and entries are signed with. */
  verifierKeys: string[];
  /** The C2SP signed note of the checkpoint (tlog-checkpoint) the proofs refer to. */
  checkpoint: string;
  /** The entity the entries are about; absent for a bundle of arbitrary entries. */
  entity?: BundleEntity;
  entries: BundleEntry[];
  /** Consistency proofs from earlier tree sizes to the checkpoint. */
  consistency?: ConsistencyItem[];
}

/** A precise description of one failed check: `path` names the part of the bundle (or option). */
export interface BundleProblem {
  path: string;
  message: string;
}

export interface VerifyBundleOptions {
  /**
   * Verifier keys the auditor trusts (obtained out of band). If given, the checkpoint must be signed, and
   * the entries signed, by one of these keys; otherwise the bundle's own keys are used (and a warning says
   * so: a bundle that brings its own key proves nothing about who signed it).
   */
  trustedVerifierKeys?: string[];
  /**
   * Signed checkpoint notes the auditor kept from earlier; the bundle must prove that its checkpoint
   * extends each of them (append-only history, no fork).
   */
  savedCheckpoints?: string[];
  /**
   * A witness policy (see witness-policy.ts): the checkpoint must carry valid cosignatures of its quorum.
   * Its `log` lines pin the log key when `trustedVerifierKeys` is not given.
   */
  witnessPolicy?: string;
}

/** The outcome of {@link verifyBundle}. `ok` is true iff `problems` is empty. */
export interface BundleVerification {
  ok: boolean;
  problems: BundleProblem[];
  /** Things an auditor should know that are not failures (e.g. no key pinned). */
  warnings: string[];
  /** The verified checkpoint (root hash in base64), if its signature verified. */
  checkpoint?: { origin: string; size: number; rootHash: string; signedBy: string[] };
  entity?: BundleEntity;
  /** Entries for which every check passed. */
  verifiedEntries: number;
  totalEntries: number;
  /** Consistency items whose proof verified. */
  verifiedConsistency: number;
  /** Saved checkpoints proven to be extended by (or equal to) the bundle checkpoint. */
  verifiedSavedCheckpoints: number;
  /**
   * For a bundle about one entity: whether its entries prove the entity's whole history up to the newest
   * entry in the bundle (entry format 2 chains each entry to the previous one and numbers them).
   */
  history?: BundleHistory;
  /** With a witness policy: who cosigned the checkpoint, and whether that is the quorum. */
  witnesses?: { satisfied: boolean; required: number; cosignedBy: Array<{ name: string; time: string }> };
}

/** What the entries of an entity's bundle prove about its history. */
export interface BundleHistory {
  /** True if no entry from the first to the newest one in the bundle can be missing. */
  complete: boolean;
  entries: number;
  /** `entityVersion` of the newest entry (null if it predates entry format 2). */
  latestVersion: number | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Rec = Record<string, unknown>;

const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const isIndex = (x: unknown): x is number =>
  typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && !Object.is(x, -0);
const isText = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && isWellFormed(x);

const TOP_FIELDS = ['format', 'origin', 'verifierKeys', 'checkpoint', 'entity', 'entries', 'consistency'];
const TOP_REQUIRED = ['format', 'origin', 'verifierKeys', 'checkpoint', 'entries'];
const ENTRY_FIELDS = ['index', 'canonical', 'leafHash', 'signature', 'inclusionProof'];
const CONSISTENCY_FIELDS = ['fromSize', 'fromRoot', 'proof'];
const ENTITY_FIELDS = ['type', 'id'];

/** base64 list of hashes, for building bundles. */
export function encodeHashes(hashes: readonly Uint8Array[]): string[] {
  return hashes.map(encodeBase64);
}

/** The conventional file form of a bundle: 2-space indented JSON and a final newline. */
export function serializeBundle(bundle: EvidenceBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

/**
 * Why `text` is not an RFC 8785 canonical JSON object, or null if it is: it must parse, be an object, and
 * re-canonicalise to exactly the same string.
 */
export function canonicalJsonProblem(text: string): string | null {
  if (!isWellFormed(text)) return 'is not valid Unicode (lone surrogate)';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `is not valid JSON (${(e as Error).message})`;
  }
  if (!isRecord(value)) return 'is not a JSON object';
  let again: string | undefined;
  try {
    again = canonicalize(value);
  } catch (e) {
    return `cannot be canonicalised (${(e as Error).message})`;
  }
  if (again !== text) return 'is not in RFC 8785 (JCS) canonical form';
  return null;
}

/**
 * Whether checkpoint `newer` extends checkpoint `older` given a consistency proof between them:
 * same origin; older.size ≤ newer.size; equal sizes need equal roots (and no proof); size 0 needs the empty
 * root; otherwise the RFC 9162 §2.1.4.2 proof must verify.
 */
export function verifyCheckpointConsistency(
  older: Checkpoint,
  newer: Checkpoint,
  proof: readonly Uint8Array[],
): VerifyResult {
  if (older.origin !== newer.origin) {
    return {
      ok: false,
      reason: `different logs: ${JSON.stringify(older.origin)} vs ${JSON.stringify(newer.origin)}`,
    };
  }
  if (older.size > newer.size) {
    return {
      ok: false,
      reason: `the newer checkpoint (size ${newer.size}) is smaller than the older (size ${older.size})`,
    };
  }
  if (older.size === newer.size && !older.rootHash.equals(newer.rootHash)) {
    return {
      ok: false,
      reason: `both checkpoints have size ${older.size} but different root hashes: the log forked`,
    };
  }
  if (older.size === 0) {
    if (!older.rootHash.equals(EMPTY_ROOT))
      return { ok: false, reason: 'size 0 with a root that is not the empty root' };
    if (proof.length !== 0) return { ok: false, reason: 'a proof from the empty tree must be empty' };
    return { ok: true };
  }
  return checkConsistency(older.size, newer.size, proof, older.rootHash, newer.rootHash);
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Extra rules for bundle TEXT, beyond JSON syntax, so that no two different texts (up to whitespace
 * between tokens) carry the same bundle: every number is a plain non-negative integer (bundles only hold
 * indices and sizes; `2.0`, `2e0` or `-0` would parse to the same value as `2` or `0`), and no object has a
 * duplicate key (JSON.parse silently keeps the last one). Assumes `text` is valid JSON.
 */
export function strictJsonProblem(text: string): string | null {
  const containers: Array<Set<string> | null> = []; // a key set per open object, null per open array
  let expectKey = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const keys = containers[containers.length - 1];
      if (expectKey && keys) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (keys.has(key)) return `duplicate key ${JSON.stringify(key)}`;
        keys.add(key);
      }
      expectKey = false;
      i = j + 1;
    } else if (ch === '{' || ch === '[') {
      containers.push(ch === '{' ? new Set<string>() : null);
      expectKey = ch === '{';
      i++;
    } else if (ch === '}' || ch === ']') {
      containers.pop();
      expectKey = false;
      i++;
    } else if (ch === ',') {
      expectKey = containers[containers.length - 1] instanceof Set;
      i++;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER_RE.lastIndex = i;
      const token = NUMBER_RE.exec(text)?.[0] ?? ch;
      if (!/^(?:0|[1-9]\d*)$/.test(token))
        return `number ${token} is not written as a plain non-negative integer`;
      i += token.length;
    } else {
      i++; // whitespace, ':', true, false, null
    }
  }
  return null;
}

/**
 * Parses a bundle file; never throws (a parse failure is a problem at path `$`). Besides JSON syntax the
 * text must satisfy {@link strictJsonProblem}.
 */
export function parseBundleJson(text: string | Uint8Array): { bundle?: unknown; problem?: BundleProblem } {
  let s: string;
  if (typeof text === 'string') {
    s = text;
  } else {
    try {
      s = new TextDecoder('utf-8', { fatal: true }).decode(text);
    } catch {
      return { problem: { path: '$', message: 'bundle is not valid UTF-8' } };
    }
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(s);
  } catch (e) {
    return { problem: { path: '$', message: `bundle is not valid JSON: ${(e as Error).message}` } };
  }
  const strict = strictJsonProblem(s);
  if (strict) return { problem: { path: '$', message: `bundle JSON is not strict: ${strict}` } };
  return { bundle };
}

class Checker {
  readonly problems: BundleProblem[] = [];
  readonly warnings: string[] = [];
  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }
  /** Reports missing required and unknown fields of an object. */
  fields(obj: Rec, allowed: readonly string[], required: readonly string[], path: string): void {
    const at = (k: string): string => (path ? `${path}.${k}` : k);
    for (const k of required)
      if (!Object.prototype.hasOwnProperty.call(obj, k)) this.add(at(k), 'is missing');
    for (const k of Object.keys(obj))
      if (!allowed.includes(k)) this.add(at(k), `unknown field (not part of ${BUNDLE_FORMAT})`);
  }
  /** A list of 32-byte hashes in canonical base64, or null (problems reported). */
  hashes(value: unknown, path: string): Buffer[] | null {
    if (!Array.isArray(value)) {
      this.add(path, 'must be an array of base64 hashes');
      return null;
    }
    const out: Buffer[] = [];
    let ok = true;
    value.forEach((v: unknown, i) => {
      const h = decodeBase64Strict(v);
      if (h === null || h.length !== 32) {
        this.add(`${path}[${i}]`, 'is not the canonical base64 of a 32-byte hash');
        ok = false;
      } else {
        out.push(h);
      }
    });
    return ok ? out : null;
  }
}

function parseKeys(value: unknown, path: string, c: Checker): NoteVerifier[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    c.add(path, 'must be a non-empty array of verifier key strings');
    return null;
  }
  const keys: NoteVerifier[] = [];
  let ok = true;
  value.forEach((k: unknown, i) => {
    let key: NoteVerifier;
    try {
      if (typeof k !== 'string') throw new Error('not a string');
      key = parseVerifierKey(k);
    } catch (e) {
      c.add(`${path}[${i}]`, `is not a valid verifier key: ${(e as Error).message}`);
      ok = false;
      return;
    }
    const j = keys.findIndex((other) => sameVerifier(other, key));
    if (j >= 0) {
      c.add(`${path}[${i}]`, `duplicate of ${path}[${j}]`);
      ok = false;
    }
    keys.push(key);
  });
  return ok ? keys : null;
}

const keyLabel = (v: NoteVerifier): string => `${v.name}+${v.keyHash.toString(16).padStart(8, '0')}`;

/** Describes a NoteError for a checkpoint problem. */
function noteProblem(e: unknown, keysDescription: string): string {
  if (e instanceof NoteError) {
    if (e.code === 'bad-signature')
      return e.message.replace(
        /^signature by key (\S+) does not verify$/,
        'signature does not verify with key $1',
      );
    if (e.code === 'unverified') {
      const found = e.signatures.map((s) => s.keyLabel).join(', ') || 'nobody';
      return `not signed by any of ${keysDescription} (signed by ${found})`;
    }
    return e.message;
  }
  return (e as Error).message;
}

/** The keys a bundle is checked with: its own, and (when pinning) the auditor's trusted ones. */
interface KeySet {
  bundleKeys: NoteVerifier[] | null;
  pinning: boolean;
  trusted: NoteVerifier[] | null;
  isTrusted: (v: NoteVerifier) => boolean;
  trustedDescription: string;
}

/** What the entry and saved-checkpoint checks need from the top of the bundle. */
interface BundleContext {
  origin: string | null;
  keys: KeySet;
  checkpoint: Checkpoint | null;
  entity: BundleEntity | undefined;
}

/** One entry as far as it could be read, for the history check. */
interface ReadEntry {
  position: number;
  index: number | null;
  doc: { [key: string]: Json } | null;
  leaf: Buffer | null;
}

/** Accepts the parsed JSON value or the raw text/bytes; null (problem reported) if it is no object. */
function readInput(bundle: unknown, c: Checker): Rec | null {
  if (typeof bundle === 'string' || bundle instanceof Uint8Array) {
    const parsed = parseBundleJson(bundle);
    if (parsed.problem) {
      c.problems.push(parsed.problem);
      return null;
    }
    bundle = parsed.bundle;
  }
  if (!isRecord(bundle)) {
    c.add('$', 'bundle must be a JSON object');
    return null;
  }
  return bundle;
}

/** 1. Shape and format; returns the origin if it is usable. */
function checkShape(b: Rec, c: Checker): string | null {
  c.fields(b, TOP_FIELDS, TOP_REQUIRED, '');
  if (b.format !== BUNDLE_FORMAT) c.add('format', `must be ${JSON.stringify(BUNDLE_FORMAT)}`);
  const origin = isText(b.origin) && !b.origin.includes('\n') ? b.origin : null;
  if (origin === null && 'origin' in b) c.add('origin', 'must be a non-empty single-line string');
  return origin;
}

/** 2. The bundle's keys and the auditor's trusted keys (pinning). */
function checkKeys(b: Rec, options: VerifyBundleOptions, c: Checker): KeySet {
  const bundleKeys = 'verifierKeys' in b ? parseKeys(b.verifierKeys, 'verifierKeys', c) : null;
  // With pinning, only the auditor's trusted keys count; invalid trusted keys make nothing trusted.
  const pinning = options.trustedVerifierKeys !== undefined;
  const trusted = pinning ? parseKeys(options.trustedVerifierKeys, 'options.trustedVerifierKeys', c) : null;
  if (!pinning) {
    c.warnings.push(
      'no trusted verifier key given: the bundle was checked with its own keys; pin the log key',
    );
  }
  return {
    bundleKeys,
    pinning,
    trusted,
    isTrusted: (v) => !pinning || (trusted ?? []).some((t) => sameVerifier(t, v)),
    trustedDescription: pinning ? 'the trusted verifier keys' : "the bundle's verifier keys",
  };
}

/** 3. The checkpoint: signed by a (trusted) key, a tlog-checkpoint of the bundle's origin. */
function checkCheckpoint(
  b: Rec,
  origin: string | null,
  keys: KeySet,
  c: Checker,
): { checkpoint: Checkpoint | null; info?: BundleVerification['checkpoint'] } {
  if (typeof b.checkpoint !== 'string') {
    if ('checkpoint' in b) c.add('checkpoint', 'must be the signed checkpoint note (a string)');
    return { checkpoint: null };
  }
  if (keys.bundleKeys === null || (keys.pinning && keys.trusted === null)) return { checkpoint: null };
  let note: OpenedNote;
  try {
    note = openNote(b.checkpoint, keys.bundleKeys);
  } catch (e) {
    c.add('checkpoint', noteProblem(e, "the bundle's verifier keys"));
    return { checkpoint: null };
  }
  const pinned = note.verifiedBy.filter((s) => keys.isTrusted(s.verifier));
  if (pinned.length === 0) {
    const by = note.verifiedBy.map((s) => s.keyLabel).join(', ');
    c.add('checkpoint', `signed by ${by}, which is not among the trusted verifier keys`);
    return { checkpoint: null };
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(note.text);
  } catch (e) {
    c.add('checkpoint', `is not a valid checkpoint: ${(e as Error).message}`);
    return { checkpoint: null };
  }
  if (origin !== null && checkpoint.origin !== origin) {
    c.add(
      'checkpoint',
      `origin ${JSON.stringify(checkpoint.origin)} differs from the bundle origin ${JSON.stringify(origin)}`,
    );
  }
  const info = {
    origin: checkpoint.origin,
    size: checkpoint.size,
    rootHash: encodeBase64(checkpoint.rootHash),
    signedBy: pinned.map((s) => s.keyLabel),
  };
  return { checkpoint, info };
}

/** The entity the bundle is about, if it says. */
function checkEntity(b: Rec, c: Checker): BundleEntity | undefined {
  if (b.entity === undefined) return undefined;
  if (!isRecord(b.entity)) {
    c.add('entity', 'must be an object {type, id}');
    return undefined;
  }
  c.fields(b.entity, ENTITY_FIELDS, ENTITY_FIELDS, 'entity');
  const { type, id } = b.entity;
  if ('type' in b.entity && !isText(type)) c.add('entity.type', 'must be a non-empty string');
  if ('id' in b.entity && !isText(id)) c.add('entity.id', 'must be a non-empty string');
  return isText(type) && isText(id) ? { type, id } : undefined;
}

/** 4a. The canonical document of an entry: form, index, ledger, entity. Returns the parsed document. */
function checkDocument(
  e: Rec,
  path: string,
  canonical: string,
  ledgerCode: string | null,
  entity: BundleEntity | undefined,
  c: Checker,
): { [key: string]: Json } | null {
  const problem = canonicalJsonProblem(canonical);
  if (problem) {
    c.add(`${path}.canonical`, problem);
    return null;
  }
  const doc = JSON.parse(canonical) as { [key: string]: Json };
  if (doc.index !== e.index) {
    c.add(
      `${path}.canonical`,
      `"index" is ${JSON.stringify(doc.index)} but the entry index is ${JSON.stringify(e.index)}`,
    );
  }
  for (const f of ['ledger', 'entityType', 'entityId', 'action']) {
    if (!isText(doc[f])) c.add(`${path}.canonical`, `"${f}" must be a non-empty string`);
  }
  if (ledgerCode !== null && isText(doc.ledger) && doc.ledger !== ledgerCode) {
    c.add(
      `${path}.canonical`,
      `"ledger" is ${JSON.stringify(doc.ledger)} but the origin is the ledger of ${ledgerCode}`,
    );
  }
  if (entity && doc.entityType !== entity.type) {
    c.add(
      `${path}.canonical`,
      `"entityType" is ${JSON.stringify(doc.entityType)}, not the bundle entity type ${JSON.stringify(entity.type)}`,
    );
  }
  if (entity && doc.entityId !== entity.id) {
    c.add(
      `${path}.canonical`,
      `"entityId" is ${JSON.stringify(doc.entityId)}, not the bundle entity id ${JSON.stringify(entity.id)}`,
    );
  }
  return doc;
}

/** 4b. The given leaf hash is the hash of the canonical text. */
function checkLeafHash(e: Rec, path: string, leaf: Buffer, c: Checker): void {
  if (!('leafHash' in e)) return;
  const given = decodeBase64Strict(e.leafHash);
  if (given === null || given.length !== 32) {
    c.add(`${path}.leafHash`, 'is not the canonical base64 of a 32-byte hash');
  } else if (!given.equals(leaf)) {
    c.add(`${path}.leafHash`, `does not match the hash of the canonical text (${encodeBase64(leaf)})`);
  }
}

/** 4c. The entry signature verifies with a (trusted) key. */
function checkEntrySignature(
  e: Rec,
  path: string,
  at: { origin: string; index: number; leaf: Buffer },
  keys: KeySet,
  c: Checker,
): void {
  if (typeof e.signature !== 'string') {
    c.add(`${path}.signature`, 'must be a base64 string');
    return;
  }
  const signers = keys.bundleKeys?.filter(keys.isTrusted) ?? [];
  const r = verifyEntrySignature(signers, at.origin, at.index, at.leaf, e.signature);
  if (r.ok) return;
  const untrusted = verifyEntrySignature(keys.bundleKeys ?? [], at.origin, at.index, at.leaf, e.signature);
  c.add(
    `${path}.signature`,
    untrusted.ok
      ? `signed by ${keyLabel(untrusted.verifier)}, which is not among the trusted verifier keys`
      : r.reason,
  );
}

/** 4d. The inclusion proof verifies against the checkpoint root. */
function checkInclusionProof(
  e: Rec,
  path: string,
  index: number | null,
  leaf: Buffer | null,
  checkpoint: Checkpoint | null,
  c: Checker,
): void {
  const proof = 'inclusionProof' in e ? c.hashes(e.inclusionProof, `${path}.inclusionProof`) : null;
  if (checkpoint === null || index === null) return;
  if (index >= checkpoint.size) {
    c.add(`${path}.index`, `${index} is not below the checkpoint size ${checkpoint.size}`);
  } else if (proof !== null && leaf !== null) {
    const r = checkInclusion(index, checkpoint.size, leaf, proof, checkpoint.rootHash);
    if (!r.ok) {
      c.add(
        `${path}.inclusionProof`,
        `does not verify against checkpoint root at size ${checkpoint.size}: ${r.reason}`,
      );
    }
  }
}

/** 4. One entry: fields, index, canonical document, leaf hash, signature, inclusion proof. */
function checkEntry(
  e: unknown,
  position: number,
  context: BundleContext,
  seenIndices: Map<number, number>,
  c: Checker,
): ReadEntry & { verified: boolean } {
  const path = `entries[${position}]`;
  const before = c.problems.length;
  const read: ReadEntry = { position, index: null, doc: null, leaf: null };
  if (!isRecord(e)) {
    c.add(path, 'must be an object');
    return { ...read, verified: false };
  }
  c.fields(e, ENTRY_FIELDS, ENTRY_FIELDS, path);
  read.index = isIndex(e.index) ? e.index : null;
  if (read.index === null && 'index' in e) c.add(`${path}.index`, 'must be a non-negative integer');
  if (read.index !== null) {
    const first = seenIndices.get(read.index);
    if (first !== undefined)
      c.add(`${path}.index`, `entry ${read.index} is already given as entries[${first}]`);
    else seenIndices.set(read.index, position);
  }
  if (typeof e.canonical !== 'string') {
    if ('canonical' in e) c.add(`${path}.canonical`, 'must be a string');
  } else {
    const ledgerCode = context.origin?.match(/\/ledger\/([^/]+)$/)?.[1] ?? null;
    read.doc = checkDocument(e, path, e.canonical, ledgerCode, context.entity, c);
    read.leaf = hashLeaf(Buffer.from(e.canonical, 'utf8'));
    checkLeafHash(e, path, read.leaf, c);
  }
  if (read.index !== null && read.leaf !== null && context.origin !== null && 'signature' in e) {
    checkEntrySignature(
      e,
      path,
      { origin: context.origin, index: read.index, leaf: read.leaf },
      context.keys,
      c,
    );
  }
  checkInclusionProof(e, path, read.index, read.leaf, context.checkpoint, c);
  return { ...read, verified: c.problems.length === before && context.checkpoint !== null };
}

/**
 * 5. The entity's history (entry format 2): sorted by index, the k-th entry must say `entityVersion` k
 * and name the (k−1)-th entry's leaf hash as `previousLeafHash` (null for the first). An entry left out
 * anywhere before the newest one breaks this. Format 1 entries carry no link; they still count.
 */
function checkHistory(entries: ReadEntry[], entity: BundleEntity, c: Checker): BundleHistory {
  const history: BundleHistory = { complete: false, entries: entries.length, latestVersion: null };
  if (entries.length === 0 || entries.some((e) => e.index === null || e.doc === null || e.leaf === null)) {
    return history; // the entries' own problems are reported
  }
  const sorted = [...entries].sort((a, b) => a.index! - b.index!);
  const name = `${entity.type} ${entity.id}`;
  let chained = true;
  let sawVersion2 = false;
  sorted.forEach((e, p) => {
    const path = `entries[${e.position}].canonical`;
    const version = e.doc!.entityVersion;
    if (typeof version !== 'number') {
      if (sawVersion2) {
        c.add(path, `an entry of format 1 after an entry of format 2 in the history of ${name}`);
        chained = false;
      }
      return;
    }
    sawVersion2 = true;
    const previous = p === 0 ? null : sorted[p - 1];
    const previousVersion = previous?.doc!.entityVersion;
    const expected =
      previous === null ? 1 : typeof previousVersion === 'number' ? previousVersion + 1 : p + 1;
    const missing = (n: number): string => (n === 1 ? '1 entry is missing' : `${n} entries are missing`);
    if (version !== expected) {
      chained = false;
      c.add(
        path,
        previous === null
          ? `entityVersion is ${version} but the bundle holds no earlier entry of ${name}: the start of its history (${missing(version - 1)})`
          : version > expected
            ? `entityVersion is ${version} but the previous entry of ${name} in the bundle (index ${previous.index}) is version ${expected - 1}: ${missing(version - expected)} between them`
            : `entityVersion is ${version} but the previous entry of ${name} in the bundle (index ${previous.index}) is version ${expected - 1}`,
      );
      return;
    }
    const previousLeaf = previous === null ? null : encodeBase64(previous.leaf!);
    if (e.doc!.previousLeafHash !== previousLeaf) {
      chained = false;
      c.add(
        path,
        previousLeaf === null
          ? `previousLeafHash names an earlier entry of ${name} that the bundle does not hold: the start of its history is missing`
          : `previousLeafHash does not name the previous entry of ${name} in the bundle (index ${previous!.index}): an entry between them is missing`,
      );
    }
  });
  const latest = sorted[sorted.length - 1].doc!.entityVersion;
  history.latestVersion = typeof latest === 'number' ? latest : null;
  history.complete = chained && history.latestVersion !== null;
  if (chained && history.latestVersion === null) {
    c.warnings.push(
      `the newest entries of ${name} predate entry format 2: the bundle cannot prove that none of its history is missing`,
    );
  }
  return history;
}

/** The witness policy given by the auditor, or null (problem reported if it does not parse). */
function readPolicy(options: VerifyBundleOptions, c: Checker): WitnessPolicy | null {
  if (options.witnessPolicy === undefined) return null;
  try {
    return parseWitnessPolicy(options.witnessPolicy);
  } catch (e) {
    c.add('options.witnessPolicy', (e as Error).message);
    return null;
  }
}

/** 3b. With a witness policy: the checkpoint carries valid cosignatures of its quorum (C2SP tlog-cosignature). */
function checkWitnesses(
  b: Rec,
  policy: WitnessPolicy,
  checkpoint: Checkpoint | null,
  c: Checker,
): BundleVerification['witnesses'] {
  if (checkpoint === null || typeof b.checkpoint !== 'string') return undefined;
  const q = checkQuorum(policy, b.checkpoint);
  for (const bad of q.invalid) c.add('checkpoint', `cosignature of witness ${bad.name}: ${bad.reason}`);
  const names = q.cosignedBy.map((w) => w.name);
  if (!q.satisfied && q.invalid.length === 0) {
    c.add(
      'checkpoint',
      `cosigned by ${names.length} witness${names.length === 1 ? '' : 'es'} of the policy (${names.join(', ') || 'none'}), fewer than its quorum of ${q.required}: the witnesses have not confirmed this checkpoint`,
    );
  }
  return {
    satisfied: q.satisfied,
    required: q.required,
    cosignedBy: q.cosignedBy.map((w) => ({ name: w.name, time: new Date(w.timestamp * 1000).toISOString() })),
  };
}

/** 6. Consistency items: each proof verifies from (fromSize, fromRoot) to the checkpoint. */
function checkConsistencyItems(
  b: Rec,
  checkpoint: Checkpoint | null,
  c: Checker,
): { items: Array<{ fromSize: number; fromRoot: Buffer } | null>; ok: boolean[] } {
  const ok: boolean[] = [];
  const seenSizes = new Map<number, number>();
  if (b.consistency !== undefined && !Array.isArray(b.consistency)) c.add('consistency', 'must be an array');
  const list: unknown[] = Array.isArray(b.consistency) ? b.consistency : [];
  const items = list.map((item, j) => {
    const path = `consistency[${j}]`;
    ok[j] = false;
    if (!isRecord(item)) {
      c.add(path, 'must be an object');
      return null;
    }
    const before = c.problems.length;
    c.fields(item, CONSISTENCY_FIELDS, CONSISTENCY_FIELDS, path);
    const fromSize = isIndex(item.fromSize) ? item.fromSize : null;
    if (fromSize === null && 'fromSize' in item) c.add(`${path}.fromSize`, 'must be a non-negative integer');
    if (fromSize !== null) {
      const first = seenSizes.get(fromSize);
      if (first !== undefined)
        c.add(`${path}.fromSize`, `a proof from size ${fromSize} is already given as consistency[${first}]`);
      else seenSizes.set(fromSize, j);
    }
    const fromRoot = decodeBase64Strict(item.fromRoot);
    if ((fromRoot === null || fromRoot.length !== 32) && 'fromRoot' in item) {
      c.add(`${path}.fromRoot`, 'is not the canonical base64 of a 32-byte hash');
    }
    const proof = 'proof' in item ? c.hashes(item.proof, `${path}.proof`) : null;
    if (checkpoint !== null && fromSize !== null && fromRoot?.length === 32 && proof !== null) {
      const r = checkConsistency(fromSize, checkpoint.size, proof, fromRoot, checkpoint.rootHash);
      if (!r.ok) {
        c.add(
          `${path}.proof`,
          `does not prove size ${fromSize} consistent with the checkpoint at size ${checkpoint.size}: ${r.reason}`,
        );
      }
    }
    ok[j] = c.problems.length === before && checkpoint !== null;
    return fromSize !== null && fromRoot !== null ? { fromSize, fromRoot } : null;
  });
  return { items, ok };
}

/** 7. One saved checkpoint: genuine, same log, and extended by the bundle checkpoint. True if proven. */
function checkSavedCheckpoint(
  note: unknown,
  path: string,
  context: BundleContext,
  consistency: ReturnType<typeof checkConsistencyItems>,
  c: Checker,
): boolean {
  if (typeof note !== 'string') {
    c.add(path, 'must be a signed checkpoint note');
    return false;
  }
  const savedKeys = context.keys.pinning ? context.keys.trusted : context.keys.bundleKeys;
  if (savedKeys === null) return false; // key problems already reported
  let old: Checkpoint;
  try {
    old = parseCheckpoint(openNote(note, savedKeys).text);
  } catch (e) {
    c.add(
      path,
      e instanceof NoteError
        ? noteProblem(e, context.keys.trustedDescription)
        : `is not a valid checkpoint: ${(e as Error).message}`,
    );
    return false;
  }
  const { origin, checkpoint } = context;
  if (origin !== null && old.origin !== origin) {
    c.add(path, `is a checkpoint of ${JSON.stringify(old.origin)}, not of ${JSON.stringify(origin)}`);
    return false;
  }
  if (checkpoint === null) return false; // cannot compare; the checkpoint problem is already reported
  if (old.size > checkpoint.size) {
    c.add(
      path,
      `the bundle checkpoint (size ${checkpoint.size}) is older than this saved checkpoint (size ${old.size}); ask for a newer bundle`,
    );
    return false;
  }
  if (old.size === checkpoint.size || old.size === 0) {
    const r = verifyCheckpointConsistency(old, checkpoint, []);
    if (!r.ok) c.add(path, r.reason);
    return r.ok;
  }
  const j = consistency.items.findIndex((it) => it !== null && it.fromSize === old.size);
  if (j < 0) {
    c.add(
      path,
      `no consistency proof from its size ${old.size} to the checkpoint size ${checkpoint.size} in the bundle`,
    );
    return false;
  }
  if (!consistency.items[j]!.fromRoot.equals(old.rootHash)) {
    c.add(
      path,
      `its root hash at size ${old.size} differs from consistency[${j}].fromRoot: the log history was rewritten`,
    );
    return false;
  }
  if (!consistency.ok[j]) {
    c.add(path, `the consistency proof consistency[${j}] from its size ${old.size} does not verify`);
    return false;
  }
  return true;
}

/**
 * Verifies an evidence bundle offline. `bundle` may be the parsed JSON value or the raw JSON text/bytes;
 * nothing throws — every failure is reported in `problems` with the path of what failed. Checks:
 *
 * 1. `format` is `asset-registry-evidence/v1`; required fields present; no unknown fields anywhere.
 * 2. `verifierKeys` parse; if `trustedVerifierKeys` is given they parse too.
 * 3. `checkpoint` is a signed note verified with a key from `verifierKeys` — and, if trusted keys are given,
 *    with one of them (pinning); it parses as a tlog-checkpoint whose origin equals `origin`. With a
 *    witness policy, it carries valid cosignatures (C2SP tlog-cosignature) of the policy's quorum.
 * 4. For each entry: `canonical` is an RFC 8785 canonical JSON object whose `index` equals the entry's index,
 *    with string `ledger` (equal to the last path segment of an origin ending in `/ledger/<code>`),
 *    `entityType`, `entityId` (equal to `entity.type`/`entity.id` if `entity` is present) and `action`;
 *    `leafHash` = SHA-256(0x00 ‖ UTF-8 canonical); the entry signature verifies (with a trusted key if
 *    pinned); index < checkpoint size; the inclusion proof verifies against the checkpoint root.
 * 5. With `entity`: the entries form the entity's history without a gap ({@link checkHistory}).
 * 6. For each consistency item: the proof verifies from (fromSize, fromRoot) to the checkpoint.
 * 7. For each saved checkpoint: its signature verifies (trusted keys if given, else the bundle's), same
 *    origin, and the bundle checkpoint extends it: equal size ⇒ equal root; smaller ⇒ a consistency item
 *    with its size and root that verifies; larger ⇒ the bundle is older than the saved checkpoint.
 */
export function verifyBundle(bundle: unknown, options: VerifyBundleOptions = {}): BundleVerification {
  const c = new Checker();
  const result: BundleVerification = {
    ok: false,
    problems: c.problems,
    warnings: c.warnings,
    verifiedEntries: 0,
    totalEntries: 0,
    verifiedConsistency: 0,
    verifiedSavedCheckpoints: 0,
  };
  const done = (): BundleVerification => ({ ...result, ok: c.problems.length === 0 });
  const b = readInput(bundle, c);
  if (b === null) return done();

  const origin = checkShape(b, c);
  const policy = readPolicy(options, c);
  const pinned =
    options.trustedVerifierKeys === undefined && policy !== null && policy.logKeys.length > 0
      ? { ...options, trustedVerifierKeys: policy.logKeys }
      : options;
  const keys = checkKeys(b, pinned, c);
  const { checkpoint, info } = checkCheckpoint(b, origin, keys, c);
  if (info) result.checkpoint = info;
  if (policy) result.witnesses = checkWitnesses(b, policy, checkpoint, c);
  const entity = checkEntity(b, c);
  if (entity) result.entity = entity;
  const context: BundleContext = { origin, keys, checkpoint, entity };

  if ('entries' in b && !Array.isArray(b.entries)) c.add('entries', 'must be an array');
  const list: unknown[] = Array.isArray(b.entries) ? b.entries : [];
  const seenIndices = new Map<number, number>();
  const entries = list.map((e, i) => checkEntry(e, i, context, seenIndices, c));
  result.totalEntries = entries.length;
  result.verifiedEntries = entries.filter((e) => e.verified).length;
  if (entity) result.history = checkHistory(entries, entity, c);

  const consistency = checkConsistencyItems(b, checkpoint, c);
  result.verifiedConsistency = consistency.ok.filter(Boolean).length;
  (options.savedCheckpoints ?? []).forEach((note, k) => {
    if (checkSavedCheckpoint(note, `savedCheckpoints[${k}]`, context, consistency, c)) {
      result.verifiedSavedCheckpoints++;
    }
  });
  return done();
}
