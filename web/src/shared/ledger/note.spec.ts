import { cosignerFromSignerKey, parseCosignatureVerifierKey } from '../../../../src/ledger/note/cosignature';
import { generateSigner } from '../../../../src/ledger/note/keys';
import { openRefusal } from '../../../../src/ledger/note/witness-protocol';
import { decodeBase64 } from './bytes';
import {
  cosign,
  cosignatureVerifierKey,
  generateWitnessKey,
  signRefusal,
  verifyCosignature,
} from './cosignature';
import { openCheckpoint, openNote, parseNote, parseVerifierKey } from './note';

// Published values: golang.org/x/mod/sumdb/note (note_test.go).
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_NOTE =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n" +
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
// The worked example of docs/ledger.md (checked there with openssl).
const LOG_VKEY =
  'wanzhou.asset-registry.example/ledger/500101+098a0a1a+AbLWtlM3YJ0pArn3073Kq9RAbAb0S6mPWhfwsFf6B0Fi';
const CHECKPOINT_NOTE =
  'wanzhou.asset-registry.example/ledger/500101\n67\nN2/iH1T88w+/Vo6KC00hxj8YL5MOlurTkb8HC2sVeco=\n\n' +
  '— wanzhou.asset-registry.example/ledger/500101 CYoKGgkHiRtFb252D3oLMy2uHD4IRQ4shjvgIwjBIi3qygdtp8SUvg3U/bLEjRgnuBPv4GR41aj3pL8R6PI0bT2jKgk=\n';
// C2SP tlog-cosignature: a public witness's vkey (transparency-dev/formats note_cosigv1_test.go).
const REMORA_VKEY = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';

describe('signed notes with WebCrypto Ed25519', () => {
  it('verifies the published note of golang.org/x/mod/sumdb/note', async () => {
    const key = await parseVerifierKey(PETER_VKEY);
    expect(key.label).toBe('PeterNeumann+c74f20a3');
    const opened = await openNote(PETER_NOTE, [key]);
    expect(opened.text).toMatch(/^If you think cryptography/);
  });

  it('refuses a changed text, a changed signature and a key ID that does not match', async () => {
    const key = await parseVerifierKey(PETER_VKEY);
    await expect(openNote(PETER_NOTE.replace('answer', 'Answer'), [key])).rejects.toThrow(/签名验证不通过/);
    await expect(openNote(PETER_NOTE.replace('x08go', 'x08gp'), [key])).rejects.toThrow();
    await expect(parseVerifierKey(PETER_VKEY.replace('c74f20a3', 'c74f20a4'))).rejects.toThrow(
      /密钥标识 c74f20a4 与密钥不符/,
    );
  });

  it('opens the checkpoint of the worked example with the published ledger key', async () => {
    const key = await parseVerifierKey(LOG_VKEY);
    const { checkpoint } = await openCheckpoint(CHECKPOINT_NOTE, [key]);
    expect(checkpoint.size).toBe(67);
    expect(checkpoint.origin).toBe('wanzhou.asset-registry.example/ledger/500101');
    await expect(openCheckpoint(CHECKPOINT_NOTE.replace('\n67\n', '\n68\n'), [key])).rejects.toThrow(
      /签名验证不通过/,
    );
    // A note signed by another key only is refused: the key is pinned, not taken from the note.
    await expect(openCheckpoint(PETER_NOTE, [key])).rejects.toThrow(/没有该公钥的签名/);
  });
});

describe('cosignature/v1 made in the browser', () => {
  const body =
    'wanzhou.asset-registry.example/ledger/500101\n67\nN2/iH1T88w+/Vo6KC00hxj8YL5MOlurTkb8HC2sVeco=\n';

  it('computes the key ID of a published witness vkey', async () => {
    const raw = decodeBase64(REMORA_VKEY.split('+')[2])!;
    expect(await cosignatureVerifierKey('remora.n621.de', raw.subarray(1))).toBe(REMORA_VKEY);
  });

  it('makes a non-extractable key whose cosignatures the server (and the witness CLI) accept', async () => {
    const key = await generateWitnessKey('township.example/w1');
    expect(key.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', key.privateKey)).rejects.toThrow();
    const line = await cosign(key, body, 1_764_460_800);
    // The server's implementation of tlog-cosignature checks it.
    const server = parseCosignatureVerifierKey(key.verifierKey);
    const check = server.verify(body, line.trim().split(' ')[2]);
    expect(check).toEqual({ ok: true, timestamp: 1_764_460_800 });
    expect(server.verify(body.replace('67', '68'), line.trim().split(' ')[2]).ok).toBe(false);
    // And so does the browser's own check.
    const [sig] = parseNote(`${body}\n${line}`).signatures;
    expect(await verifyCosignature(key.name, key.publicKey, body, sig)).toBe(1_764_460_800);
    expect(await verifyCosignature(key.name, key.publicKey, body.replace('67', '68'), sig)).toBeNull();
  });

  it('verifies cosignatures made by the witness CLI', async () => {
    const cli = cosignerFromSignerKey(generateSigner('district.example/w').signerKey);
    const line = cli.cosign(body, 1_700_000_000);
    const [sig] = parseNote(`${body}\n${line}`).signatures;
    expect(await verifyCosignature(cli.name, cli.verifier.publicKey, body, sig)).toBe(1_700_000_000);
    expect(await verifyCosignature(cli.name, cli.verifier.publicKey, `${body}x\n`, sig)).toBeNull();
  });

  it('signs refusals the server can open', async () => {
    const key = await generateWitnessKey('township.example/w2');
    const note = await signRefusal(key, {
      origin: 'wanzhou.asset-registry.example/ledger/500101',
      size: 70,
      rootHash: 'N2/iH1T88w+/Vo6KC00hxj8YL5MOlurTkb8HC2sVeco=',
      oldSize: 67,
      status: 422,
      reason: '与此前联署的检查点不一致',
      time: 1_764_460_800,
    });
    const opened = openRefusal(note, [parseCosignatureVerifierKey(key.verifierKey)]);
    expect(opened.refusal).toMatchObject({
      size: 70,
      oldSize: 67,
      status: 422,
      reason: '与此前联署的检查点不一致',
    });
  });
});
