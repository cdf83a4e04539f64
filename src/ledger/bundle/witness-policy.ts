/**
 * Witness policies: which witnesses' cosignatures a checkpoint needs before an auditor trusts it, in the
 * text format of the transparency-dev tooling (github.com/transparency-dev/formats, `witness` package):
 *
 *   log <log verifier key> [url]                     (optional: pins the log's key)
 *   witness <name> <witness verifier key> [url]
 *   group <name> <k | all | any> <member> …          (members: witnesses or earlier groups)
 *   quorum <name>                                    (the witness or group that must be satisfied)
 *
 * `#` starts a comment; blank lines and extra white space are ignored. A witness is satisfied by a valid
 * cosignature (C2SP tlog-cosignature, cosignature/v1) on the checkpoint; a group by k of its members.
 */
import { CosignatureVerifier, parseCosignatureVerifierKey } from '../note/cosignature';
import { parseNote } from '../note/note';

export class WitnessPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WitnessPolicyError';
  }
}

type Component =
  | { kind: 'witness'; name: string; verifier: CosignatureVerifier; url?: string }
  | { kind: 'group'; name: string; threshold: number; members: Component[] };

export interface WitnessPolicy {
  /** Log verifier keys the policy pins (may be empty). */
  logKeys: string[];
  witnesses: Array<{ name: string; verifier: CosignatureVerifier; url?: string }>;
  quorum: Component;
}

const KEYWORDS = new Set(['log', 'witness', 'group', 'quorum', 'all', 'any', 'none']);

/** Parses a policy; throws {@link WitnessPolicyError} naming the line. */
export function parseWitnessPolicy(text: string): WitnessPolicy {
  const components = new Map<string, Component>();
  const logKeys: string[] = [];
  const witnesses: WitnessPolicy['witnesses'] = [];
  let quorum: Component | null = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const at = `line ${i + 1}`;
    const [keyword, ...args] = line.split(/\s+/);
    const name = (n: string | undefined, what: string): string => {
      if (!n || KEYWORDS.has(n))
        throw new WitnessPolicyError(`${at}: invalid ${what} name ${JSON.stringify(n ?? '')}`);
      if (components.has(n))
        throw new WitnessPolicyError(`${at}: duplicate component name ${JSON.stringify(n)}`);
      return n;
    };
    switch (keyword) {
      case 'log':
        if (args.length < 1 || args.length > 2)
          throw new WitnessPolicyError(`${at}: log <verifier key> [url]`);
        logKeys.push(args[0]);
        break;
      case 'witness': {
        if (args.length < 2 || args.length > 3)
          throw new WitnessPolicyError(`${at}: witness <name> <verifier key> [url]`);
        const n = name(args[0], 'witness');
        let verifier: CosignatureVerifier;
        try {
          verifier = parseCosignatureVerifierKey(args[1]);
        } catch (e) {
          throw new WitnessPolicyError(`${at}: ${(e as Error).message}`);
        }
        const w = { name: n, verifier, ...(args[2] ? { url: args[2] } : {}) };
        components.set(n, { kind: 'witness', ...w });
        witnesses.push(w);
        break;
      }
      case 'group': {
        if (args.length < 3) throw new WitnessPolicyError(`${at}: group <name> <k|all|any> <member> …`);
        const n = name(args[0], 'group');
        const members = args.slice(2).map((m) => {
          const c = components.get(m);
          if (!c) throw new WitnessPolicyError(`${at}: unknown group member ${JSON.stringify(m)}`);
          return c;
        });
        if (new Set(args.slice(2)).size !== members.length)
          throw new WitnessPolicyError(`${at}: a member is listed twice`);
        const t = args[1];
        const threshold =
          t === 'all' ? members.length : t === 'any' ? 1 : /^[1-9][0-9]*$/.test(t) ? Number(t) : NaN;
        if (!(threshold >= 1 && threshold <= members.length)) {
          throw new WitnessPolicyError(
            `${at}: invalid threshold ${JSON.stringify(t)} for ${members.length} members`,
          );
        }
        components.set(n, { kind: 'group', name: n, threshold, members });
        break;
      }
      case 'quorum': {
        if (args.length !== 1) throw new WitnessPolicyError(`${at}: quorum <name>`);
        if (quorum) throw new WitnessPolicyError(`${at}: quorum is defined twice`);
        const c = components.get(args[0]);
        if (!c) throw new WitnessPolicyError(`${at}: quorum component ${JSON.stringify(args[0])} not found`);
        quorum = c;
        break;
      }
      default:
        throw new WitnessPolicyError(`${at}: unknown keyword ${JSON.stringify(keyword)}`);
    }
  });
  if (!quorum) throw new WitnessPolicyError('the policy must define a quorum');
  return { logKeys, witnesses, quorum };
}

/** The policy text for `k` of the given witnesses (and the log's keys). */
export function formatWitnessPolicy(policy: {
  logKeys: string[];
  witnesses: Array<{ name: string; verifierKey: string; url?: string | null }>;
  quorum: number;
  comment?: string;
}): string {
  const lines = [
    ...(policy.comment ? policy.comment.split('\n').map((l) => `# ${l}`) : []),
    ...policy.logKeys.map((k) => `log ${k}`),
    ...policy.witnesses.map((w) => `witness ${w.name} ${w.verifierKey}${w.url ? ` ${w.url}` : ''}`),
    `group quorum-group ${policy.quorum} ${policy.witnesses.map((w) => w.name).join(' ')}`,
    'quorum quorum-group',
  ];
  return `${lines.join('\n')}\n`;
}

export interface QuorumResult {
  satisfied: boolean;
  /** Witnesses of the policy with a valid cosignature, and its time (POSIX seconds). */
  cosignedBy: Array<{ name: string; timestamp: number }>;
  /** Signature lines that claim a policy witness's key but do not verify. */
  invalid: Array<{ name: string; reason: string }>;
  /** How many cosignatures the quorum needs at least (for a flat group: k). */
  required: number;
}

/**
 * Checks the cosignatures on a signed checkpoint note against the policy (the log's own signature is
 * checked elsewhere). Never throws: a malformed note satisfies nothing.
 */
export function checkQuorum(policy: WitnessPolicy, note: string): QuorumResult {
  let text: string;
  let signatures: ReturnType<typeof parseNote>['signatures'];
  try {
    ({ text, signatures } = parseNote(note));
  } catch {
    return { satisfied: false, cosignedBy: [], invalid: [], required: minimum(policy.quorum) };
  }
  const valid = new Map<string, number>();
  const invalid: QuorumResult['invalid'] = [];
  for (const w of policy.witnesses) {
    for (const s of signatures) {
      if (s.name !== w.verifier.name || s.keyHash !== w.verifier.keyHash) continue;
      const r = w.verifier.verify(text, s.base64);
      if (r.ok) valid.set(w.name, Math.max(valid.get(w.name) ?? 0, r.timestamp));
      else invalid.push({ name: w.name, reason: r.reason });
    }
  }
  const satisfied = (c: Component): boolean =>
    c.kind === 'witness' ? valid.has(c.name) : c.members.filter(satisfied).length >= c.threshold;
  return {
    satisfied: invalid.length === 0 && satisfied(policy.quorum),
    cosignedBy: [...valid].map(([name, timestamp]) => ({ name, timestamp })),
    invalid,
    required: minimum(policy.quorum),
  };
}

function minimum(c: Component): number {
  if (c.kind === 'witness') return 1;
  return c.members
    .map(minimum)
    .sort((a, b) => a - b)
    .slice(0, c.threshold)
    .reduce((s, n) => s + n, 0);
}
