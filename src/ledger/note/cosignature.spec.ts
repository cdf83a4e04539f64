import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'crypto';
import {
  cosignatureKeyHash,
  cosignatureMessage,
  cosignatureTimestamp,
  cosignerFromSignerKey,
  generateCosigner,
  parseCosignatureVerifierKey,
} from './cosignature';
import { openNote, parseNote, signNote } from './note';
import { parseSignerKey, parseVerifierKey } from './keys';

// Published values. golang.org/x/mod/sumdb/note (note_test.go): the PeterNeumann key pair.
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
// transparency-dev/formats note/note_cosigv1_test.go: a native cosignature/v1 vkey (a public witness), a
// type 0x01 vkey it converts, and cosignatures whose timestamp it reads.
const REMORA_VKEY = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';
const TEST_VKEY = 'TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6';
const FORMATS_COSIG =
  'ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==';
const FORMATS_PLAIN_SIG =
  'eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUMLXpWs1hPb/W/4xkNQY=';
// C2SP tlog-cosignature: the example checkpoint with a cosignature, and the signed message it shows.
const SPEC_NOTE =
  'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n' +
  '— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n' +
  '— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n';
const SPEC_MESSAGE =
  'cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

const CHECKPOINT =
  'wanzhou.asset-registry.example/ledger/500101\n67\nN2/iH1T88w+/Vo6KC00hxj8YL5MOlurTkb8HC2sVeco=\n';

/**
 * An independent implementation of C2SP tlog-cosignature (Ed25519, cosignature/v1) written from the spec
 * text with nothing but node:crypto: it shares no code with the implementation under test.
 */
const spec = {
  keyId(name: string, publicKey: Buffer): Buffer {
    return createHash('sha256')
      .update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.from([0x04]), publicKey]))
      .digest()
      .subarray(0, 4);
  },
  /** From a Go signer key: name and the 32-byte seed after the 0x01 type byte. */
  fromGoSignerKey(skey: string): { name: string; seed: Buffer; publicKey: Buffer } {
    const parts = skey.split('+');
    const name = parts[2];
    const seed = Buffer.from(parts.slice(4).join('+'), 'base64').subarray(1);
    const priv = createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
      format: 'der',
      type: 'pkcs8',
    });
    const publicKey = createPublicKey(priv).export({ format: 'der', type: 'spki' }).subarray(12);
    return { name, seed, publicKey };
  },
  line(skey: string, body: string, time: number): string {
    const { name, seed, publicKey } = spec.fromGoSignerKey(skey);
    const priv = createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
      format: 'der',
      type: 'pkcs8',
    });
    const message = Buffer.from(`cosignature/v1\ntime ${time}\n${body}`);
    const ts = Buffer.alloc(8);
    ts.writeBigUInt64BE(BigInt(time));
    const signature = sign(null, message, priv);
    return `— ${name} ${Buffer.concat([spec.keyId(name, publicKey), ts, signature]).toString('base64')}\n`;
  },
  verify(publicKey: Buffer, body: string, b64: string): boolean {
    const raw = Buffer.from(b64, 'base64');
    const time = raw.readBigUInt64BE(4);
    const message = Buffer.from(`cosignature/v1\ntime ${time}\n${body}`);
    const key = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]),
      format: 'der',
      type: 'spki',
    });
    return verify(null, message, key, raw.subarray(12));
  },
};

describe('C2SP tlog-cosignature (cosignature/v1)', () => {
  it('computes the key ID of a published cosignature/v1 vkey', () => {
    const v = parseCosignatureVerifierKey(REMORA_VKEY);
    expect(v.name).toBe('remora.n621.de');
    expect(v.keyId.toString('hex')).toBe('da77ade7');
    expect(spec.keyId(v.name, v.publicKey).toString('hex')).toBe('da77ade7');
    expect(v.verifierKey).toBe(REMORA_VKEY);
  });

  it('accepts a type 0x01 vkey and uses the cosignature key ID for it', () => {
    const v = parseCosignatureVerifierKey(TEST_VKEY);
    const plain = parseVerifierKey(TEST_VKEY);
    expect(v.publicKey).toEqual(plain.publicKey);
    expect(v.keyId).toEqual(spec.keyId('TEST', plain.publicKey));
    expect(v.keyId.equals(plain.keyId)).toBe(false);
    expect(v.verifierKey.startsWith(`TEST+${v.keyId.toString('hex')}+B`)).toBe(true); // base64 of 0x04 ‖ …
  });

  it('rejects malformed witness keys', () => {
    for (const bad of [
      'remora.n621.de+da77ade8+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2', // wrong key ID
      'rekor.sigstore.dev+12345678+AwEB', // unknown type, short
      'bananas.sigstore.dev+12344556',
      'x+12345678+THIS_IS_NOT_BASE64!',
    ]) {
      expect(() => parseCosignatureVerifierKey(bad)).toThrow();
    }
  });

  it('reads the timestamp of published cosignatures, and of the spec example', () => {
    expect(cosignatureTimestamp(FORMATS_COSIG)).toBe(1727964367);
    expect(cosignatureTimestamp(FORMATS_PLAIN_SIG)).toBeNull(); // a plain Ed25519 note signature
    const { text, signatures } = parseNote(SPEC_NOTE);
    const cosig = signatures.find((s) => s.name === 'witness.example.com/w1')!;
    expect(cosig.keyHash.toString(16)).toBe('8d66cf3f');
    expect(cosignatureTimestamp(cosig.base64)).toBe(1679315147);
    // The spec's signed message for that timestamp is exactly what we sign.
    expect(cosignatureMessage(text, 1679315147).toString()).toBe(SPEC_MESSAGE);
  });

  it('signs exactly what an independent implementation of the spec signs, and each verifies the other', () => {
    const cosigner = cosignerFromSignerKey(PETER_SKEY);
    const ours = cosigner.cosign(CHECKPOINT, 1764460800);
    expect(ours).toBe(spec.line(PETER_SKEY, CHECKPOINT, 1764460800));
    const b64 = ours.trim().split(' ')[2];
    const publicKey = parseVerifierKey(PETER_VKEY).publicKey;
    expect(spec.verify(publicKey, CHECKPOINT, b64)).toBe(true);
    const theirs = spec.line(PETER_SKEY, CHECKPOINT, 1700000000).trim().split(' ')[2];
    expect(cosigner.verifier.verify(CHECKPOINT, theirs)).toEqual({ ok: true, timestamp: 1700000000 });
    // Registered as a vkey (0x04 or 0x01), the same key verifies it.
    expect(parseCosignatureVerifierKey(PETER_VKEY).verify(CHECKPOINT, theirs).ok).toBe(true);
    expect(parseCosignatureVerifierKey(cosigner.verifier.verifierKey).verify(CHECKPOINT, theirs).ok).toBe(
      true,
    );
  });

  it('fails a changed checkpoint, timestamp, key or extension line', () => {
    const cosigner = cosignerFromSignerKey(PETER_SKEY);
    const b64 = cosigner.cosign(CHECKPOINT, 1764460800).trim().split(' ')[2];
    expect(cosigner.verifier.verify(CHECKPOINT.replace('\n67\n', '\n68\n'), b64).ok).toBe(false);
    const raw = Buffer.from(b64, 'base64');
    raw[11] ^= 1; // the timestamp
    expect(cosigner.verifier.verify(CHECKPOINT, raw.toString('base64')).ok).toBe(false);
    const other = cosignerFromSignerKey(generateCosigner('PeterNeumann').signerKey);
    expect(other.verifier.verify(CHECKPOINT, b64).ok).toBe(false);
    const extended = `${CHECKPOINT}extension\n`;
    const ext = cosigner.cosign(extended, 5).trim().split(' ')[2];
    expect(cosigner.verifier.verify(extended, ext).ok).toBe(true);
    expect(cosigner.verifier.verify(`${CHECKPOINT}extensioN\n`, ext).ok).toBe(false);
  });

  it('a cosignature line is ignored by a note verifier that only knows the log key', () => {
    const cosigner = cosignerFromSignerKey(PETER_SKEY);
    const log = generateCosigner('wanzhou.asset-registry.example/ledger/500101'); // any Ed25519 key will do
    const logSigner = parseSignerKey(log.signerKey);
    const signed = signNote(CHECKPOINT, [logSigner]);
    const cosigned = `${signed}${cosigner.cosign(CHECKPOINT, 9)}`;
    const opened = openNote(cosigned, [logSigner.verifier]);
    expect(opened.unverified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(cosignatureKeyHash('PeterNeumann', cosigner.verifier.publicKey)).toBe(
      opened.unverified[0].keyHash,
    );
  });
});
