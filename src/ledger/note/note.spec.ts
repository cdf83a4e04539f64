import { randomBytes } from 'crypto';
import fc from 'fast-check';
import { leafHash } from '../merkle/hash';
import { decodeBase64Strict } from './base64';
import {
  CheckpointError,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
} from './checkpoint';
import {
  ENTRY_SIGNATURE_CONTEXT,
  entrySignatureMessage,
  signEntry,
  verifyEntrySignature,
} from './entry-signature';
import {
  computeKeyHash,
  formatSignerKey,
  formatVerifierKey,
  generateSigner,
  isValidKeyName,
  NoteKeyError,
  NoteVerifier,
  parseSignerKey,
  parseVerifierKey,
} from './keys';
import { NoteError, openNote, parseNote, signNote } from './note';

// Published test vectors of golang.org/x/mod/sumdb/note (note_test.go).
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const PETER_NOTE = `${TEXT}\n${PETER_SIG}`;

function noteError(fn: () => unknown): NoteError {
  try {
    fn();
  } catch (e) {
    if (e instanceof NoteError) return e;
    throw e;
  }
  throw new Error('expected a NoteError');
}

describe('keys', () => {
  it('parses the Go example keys', () => {
    const v = parseVerifierKey(PETER_VKEY);
    expect(v.name).toBe('PeterNeumann');
    expect(v.keyHash).toBe(0xc74f20a3);
    expect(v.keyId.toString('hex')).toBe('c74f20a3');
    expect(v.verifierKey).toBe(PETER_VKEY);
    const s = parseSignerKey(PETER_SKEY);
    expect(s.name).toBe('PeterNeumann');
    expect(s.keyHash).toBe(0xc74f20a3);
    expect(s.verifier.verifierKey).toBe(PETER_VKEY);
    expect(parseVerifierKey(ENOCH_VKEY).keyHash).toBe(0xaf0cfe78);
  });

  it('rejects every substring and every single-character change of a verifier key (as the Go tests do)', () => {
    const bad = (k: string): void => expect(() => parseVerifierKey(k)).toThrow(NoteKeyError);
    for (let i = 0; i <= PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++)
        if (i !== 0 || j !== PETER_VKEY.length) bad(PETER_VKEY.slice(i, j));
    }
    for (let i = 0; i < PETER_VKEY.length; i++) {
      bad(
        PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1),
      );
    }
    bad('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='); // wrong key length
    bad('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'); // unknown algorithm
    bad(PETER_VKEY.replace('c74f20a3', 'C74F20A3')); // only the lowercase spelling is accepted
  });

  it('rejects every substring and every single-character change of a signer key', () => {
    const bad = (k: string): void => expect(() => parseSignerKey(k)).toThrow(NoteKeyError);
    for (let i = 0; i <= PETER_SKEY.length; i++) {
      for (let j = i + 1; j <= PETER_SKEY.length; j++)
        if (i !== 0 || j !== PETER_SKEY.length) bad(PETER_SKEY.slice(i, j));
    }
    for (let i = 0; i < PETER_SKEY.length; i++) {
      bad(
        PETER_SKEY.slice(0, i) + String.fromCharCode(PETER_SKEY.charCodeAt(i) + 1) + PETER_SKEY.slice(i + 1),
      );
    }
  });

  it('generates self-consistent key pairs', () => {
    const { signerKey, verifierKey } = generateSigner('wanzhou.asset-registry.example/ledger/500101');
    const signer = parseSignerKey(signerKey);
    const verifier = parseVerifierKey(verifierKey);
    expect(signer.verifier.verifierKey).toBe(verifierKey);
    expect(verifierKey).toMatch(
      /^wanzhou\.asset-registry\.example\/ledger\/500101\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/,
    );
    expect(signerKey.startsWith('PRIVATE+KEY+wanzhou.asset-registry.example/ledger/500101+')).toBe(true);
    const msg = Buffer.from('hi');
    const sig = signer.sign(msg);
    expect(verifier.verify(msg, sig)).toBe(true);
    sig[0] ^= 1;
    expect(verifier.verify(msg, sig)).toBe(false);
    expect(verifier.verify(msg, sig.subarray(1))).toBe(false);
    sig[0] ^= 1;
    expect(verifier.verify(Buffer.from('ho'), sig)).toBe(false);
  });

  it('formats keys from raw material', () => {
    const seed = randomBytes(32);
    const skey = formatSignerKey('k', seed);
    const signer = parseSignerKey(skey);
    expect(formatVerifierKey('k', signer.verifier.publicKey)).toBe(signer.verifier.verifierKey);
    expect(computeKeyHash('k', signer.verifier.publicKey)).toBe(signer.keyHash);
    expect(() => formatVerifierKey('k', Buffer.alloc(31))).toThrow(NoteKeyError);
    expect(() => formatSignerKey('k', Buffer.alloc(33))).toThrow(NoteKeyError);
  });

  it('validates key names', () => {
    for (const ok of ['a', 'example.com/log42', 'Ωmega', 'x-y_z']) expect(isValidKeyName(ok)).toBe(true);
    for (const bad of ['', 'a b', 'a+b', 'a\tb', 'a\u00a0b', 'a\u3000b', 'a\u0085b', 'a\nb', '\ud800', 7]) {
      expect(isValidKeyName(bad)).toBe(false);
    }
    expect(() => generateSigner('has space')).toThrow(NoteKeyError);
    expect(() => generateSigner('has+plus')).toThrow(NoteKeyError);
  });
});

describe('signed notes', () => {
  const peter = parseSignerKey(PETER_SKEY);
  const peterV = parseVerifierKey(PETER_VKEY);
  const enochV = parseVerifierKey(ENOCH_VKEY);

  it('reproduces the Go example signature byte for byte', () => {
    expect(signNote(TEXT, [peter])).toBe(PETER_NOTE);
  });

  it('opens the Go example note', () => {
    const n = openNote(PETER_NOTE, [peterV]);
    expect(n.text).toBe(TEXT);
    expect(n.verifiedBy.map((s) => s.keyLabel)).toEqual(['PeterNeumann+c74f20a3']);
    expect(n.unverified).toEqual([]);
    expect(openNote(Buffer.from(PETER_NOTE, 'utf8'), [peterV]).text).toBe(TEXT);
  });

  it('handles several signatures as the Go tests do', () => {
    const msg = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    const one = openNote(msg, [peterV]);
    expect(one.verifiedBy.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(one.unverified.map((s) => s.keyLabel)).toEqual(['EnochRoot+af0cfe78']);
    const both = openNote(msg, [peterV, enochV]);
    expect(both.verifiedBy.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(both.unverified).toEqual([]);
    const none = noteError(() => openNote(msg, []));
    expect(none.code).toBe('unverified');
    expect(none.signatures.map((s) => s.keyLabel)).toEqual(['PeterNeumann+c74f20a3', 'EnochRoot+af0cfe78']);
    // duplicated identical lines are reported once
    const dup = openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}`, [peterV, peterV]);
    expect(dup.verifiedBy).toHaveLength(1);
    expect(dup.unverified).toHaveLength(1);
  });

  it('rejects a bad signature by a known key, even a repeated one', () => {
    const broken = PETER_SIG.slice(0, 60) + 'ABCD' + PETER_SIG.slice(60);
    expect(noteError(() => openNote(`${TEXT}\n${broken}`, [peterV])).code).toBe('bad-signature');
    const flipped = PETER_SIG.slice(0, 60) + (PETER_SIG[60] === 'A' ? 'B' : 'A') + PETER_SIG.slice(61);
    expect(noteError(() => openNote(`${TEXT}\n${PETER_SIG}${flipped}`, [peterV])).code).toBe('bad-signature');
    // a signature line whose key ID differs is by an unknown key: unverified, not accepted
    const wrongId = PETER_SIG.replace('x08g', 'xxxx');
    expect(noteError(() => openNote(`${TEXT}\n${wrongId}`, [peterV])).code).toBe('unverified');
    const wrongName = PETER_SIG.replace('PeterNeumann', 'CarmenSandiego');
    expect(noteError(() => openNote(`${TEXT}\n${wrongName}`, [peterV])).code).toBe('unverified');
  });

  it('rejects malformed notes', () => {
    const bad = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\x01${TEXT}\n${PETER_SIG}`,
      `\ud800${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n${PETER_SIG.replace('—', '-')}`,
      `${TEXT}\n${PETER_SIG.replace('=\n', '\n')}`, // unpadded base64
      `${TEXT}\n${'— PeterNeumann AAAA\n'}`, // too short
      `${TEXT}\n${PETER_SIG.repeat(101)}`,
    ];
    for (const msg of bad) expect(noteError(() => openNote(msg, [peterV])).code).toBe('malformed');
    expect(noteError(() => openNote(Buffer.from([0xff, 0x0a, 0x0a]), [peterV])).code).toBe('malformed');
    expect(noteError(() => parseNote(42 as unknown as string)).code).toBe('malformed');
  });

  it('rejects ambiguous verifier lists', () => {
    const fake: NoteVerifier = { ...peterV, publicKey: Buffer.alloc(32, 1), verify: () => true };
    expect(noteError(() => openNote(PETER_NOTE, [peterV, fake])).code).toBe('ambiguous-key');
  });

  it('refuses to sign malformed texts', () => {
    for (const text of ['', 'no newline', 'a\n\nb\n', '\na\n', 'tab\there\n', '\ud800\n']) {
      expect(noteError(() => signNote(text, [peter])).code).toBe('malformed');
    }
    expect(noteError(() => signNote(TEXT, [])).code).toBe('invalid-signer');
    expect(noteError(() => signNote(TEXT, [peter, peter])).code).toBe('invalid-signer');
  });

  it('round-trips random texts and detects any change of the signed note', () => {
    const { signerKey, verifierKey } = generateSigner('example.com/log');
    const signer = parseSignerKey(signerKey);
    const verifier = parseVerifierKey(verifierKey);
    const other = parseVerifierKey(generateSigner('example.com/log').verifierKey);
    const line = fc
      .string({ minLength: 1, maxLength: 30, unit: 'grapheme' })
      .filter((s) => [...s].every((ch) => ch.charCodeAt(0) >= 0x20));
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.nat(0xffff),
        (lines, pos, ch) => {
          const text = lines.map((l) => `${l}\n`).join('');
          const note = signNote(text, [signer]);
          expect(openNote(note, [verifier]).text).toBe(text);
          expect(noteError(() => openNote(note, [other])).code).toBe('unverified');
          // replace one UTF-16 unit with a different one: the note must not open any more
          const i = pos % note.length;
          const replacement = String.fromCharCode(ch === note.charCodeAt(i) ? (ch + 1) & 0xffff : ch);
          const tampered = note.slice(0, i) + replacement + note.slice(i + 1);
          expect(() => openNote(tampered, [verifier])).toThrow(NoteError);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('checkpoints', () => {
  const root = leafHash(Buffer.from('root'));

  it('formats and parses the C2SP text', () => {
    const text = formatCheckpoint({ origin: 'example.com/behind-the-sofa', size: 20852163, rootHash: root });
    expect(text).toBe(`example.com/behind-the-sofa\n20852163\n${root.toString('base64')}\n`);
    expect(parseCheckpoint(text)).toEqual({
      origin: 'example.com/behind-the-sofa',
      size: 20852163,
      rootHash: root,
      extensions: [],
    });
    const withExt = formatCheckpoint({
      origin: 'o',
      size: 0,
      rootHash: root,
      extensions: ['ext 1', 'ext 2'],
    });
    expect(parseCheckpoint(withExt).extensions).toEqual(['ext 1', 'ext 2']);
    // the C2SP example body parses
    expect(
      parseCheckpoint('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n')
        .size,
    ).toBe(20852163);
  });

  it('parses strictly', () => {
    const r = root.toString('base64');
    const bad = [
      `o\n1\n${r}`,
      `o\n1\n`,
      `\n1\n${r}\n`,
      `o\n01\n${r}\n`,
      `o\n-1\n${r}\n`,
      `o\n1.0\n${r}\n`,
      `o\n 1\n${r}\n`,
      `o\n99999999999999999999\n${r}\n`,
      `o\n1\n${r.slice(0, -1)}\n`,
      `o\n1\n${Buffer.alloc(31).toString('base64')}\n`,
      `o\n1\n${r}\n\n`,
      `o\n1\n${r.replace(/=$/, '')}\n`,
    ];
    for (const text of bad) expect(() => parseCheckpoint(text)).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash: root })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: 'o', size: -1, rootHash: root })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: root.subarray(1) })).toThrow(
      CheckpointError,
    );
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: root, extensions: [''] })).toThrow(
      CheckpointError,
    );
  });

  it('signs and opens checkpoints', () => {
    const { signerKey, verifierKey } = generateSigner('wanzhou.asset-registry.example/ledger/500101');
    const note = signCheckpoint(
      { origin: 'wanzhou.asset-registry.example/ledger/500101', size: 812, rootHash: root },
      [parseSignerKey(signerKey)],
    );
    const { checkpoint, note: opened } = openCheckpoint(note, [parseVerifierKey(verifierKey)]);
    expect(checkpoint.size).toBe(812);
    expect(checkpoint.rootHash).toEqual(root);
    expect(opened.verifiedBy[0].verifier.verifierKey).toBe(verifierKey);
  });
});

describe('entry signatures', () => {
  const { signerKey, verifierKey } = generateSigner('wanzhou.asset-registry.example/ledger/500101');
  const signer = parseSignerKey(signerKey);
  const verifier = parseVerifierKey(verifierKey);
  const origin = 'wanzhou.asset-registry.example/ledger/500101';
  const leaf = leafHash(Buffer.from('{"index":12}'));

  it('signs the documented message', () => {
    expect(entrySignatureMessage(origin, 12, leaf).toString('utf8')).toBe(
      `${ENTRY_SIGNATURE_CONTEXT}\n${origin}\n12\n${leaf.toString('base64')}\n`,
    );
    const sig = signEntry(signer, origin, 12, leaf);
    const raw = decodeBase64Strict(sig);
    expect(raw).toHaveLength(68);
    expect(raw?.subarray(0, 4)).toEqual(signer.keyId);
    expect(verifyEntrySignature([verifier], origin, 12, leaf, sig)).toEqual({ ok: true, verifier });
  });

  it('rejects tampering, wrong keys and malformed input without throwing', () => {
    const sig = signEntry(signer, origin, 12, leaf);
    const other = parseVerifierKey(generateSigner(origin).verifierKey);
    const expectFail = (r: ReturnType<typeof verifyEntrySignature>, re: RegExp): void => {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(re);
    };
    expectFail(verifyEntrySignature([verifier], origin, 13, leaf, sig), /does not verify/);
    expectFail(verifyEntrySignature([verifier], `${origin}x`, 12, leaf, sig), /does not verify/);
    expectFail(
      verifyEntrySignature([verifier], origin, 12, leafHash(Buffer.from('x')), sig),
      /does not verify/,
    );
    expectFail(verifyEntrySignature([other], origin, 12, leaf, sig), /unknown key ID/);
    expectFail(verifyEntrySignature([verifier], origin, 12, leaf, sig.slice(0, -4)), /canonical base64/);
    expectFail(verifyEntrySignature([verifier], origin, -1, leaf, sig), /index/);
    expectFail(verifyEntrySignature([verifier], 'a\nb', 12, leaf, sig), /origin/);
    expectFail(verifyEntrySignature([verifier], origin, 12, leaf.subarray(1), sig), /leaf hash/);
    for (let i = 0; i < sig.length - 1; i++) {
      const c = sig[i] === 'A' ? 'B' : 'A';
      expect(
        verifyEntrySignature([verifier], origin, 12, leaf, sig.slice(0, i) + c + sig.slice(i + 1)).ok,
      ).toBe(false);
    }
    expect(() => signEntry(signer, origin, 1.5, leaf)).toThrow(RangeError);
  });

  it('signs and verifies on the thread pool exactly as inline', async () => {
    const messages = Array.from({ length: 40 }, (_, i) => entrySignatureMessage(origin, i, leaf));
    const pooled = await Promise.all(messages.map((m) => signer.signAsync(m)));
    // Ed25519 is deterministic: the same bytes as the inline signature.
    expect(pooled).toEqual(messages.map((m) => signer.sign(m)));
    expect(await Promise.all(messages.map((m, i) => verifier.verifyAsync(m, pooled[i])))).toEqual(
      messages.map(() => true),
    );
    const flipped = Buffer.from(pooled[3]);
    flipped[10] ^= 1;
    expect(await verifier.verifyAsync(messages[3], flipped)).toBe(false);
    expect(await verifier.verifyAsync(messages[4], pooled[3])).toBe(false);
    expect(await verifier.verifyAsync(messages[3], pooled[3].subarray(1))).toBe(false);
    expect(await verifier.verifyAsync(messages[3], Buffer.alloc(64))).toBe(false);
  });
});
