import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/config';
import { generateSigner, NoteSigner, NoteVerifier, parseSignerKey, parseVerifierKey } from './note/keys';
import { signNote } from './note/note';
import { EntrySignatureCheck, entrySignatureMessage } from './note/entry-signature';

/** From this many signatures at once, they go to the thread pool; fewer are done inline. */
const POOL_FROM = 16;

/**
 * The ledger's Ed25519 key, kept OUTSIDE the database (a file, path from config; under `.data/` in demo
 * mode) so that someone who can write to the database cannot forge signatures. Generated on first
 * start. After a rotation the old verifier keys stay listed in LEDGER_PREVIOUS_VERIFIER_KEYS so older
 * checkpoints and entries still verify.
 */
@Injectable()
export class LedgerKeyService {
  private readonly logger = new Logger('LedgerKeyService');
  readonly signer: NoteSigner;
  readonly verifiers: NoteVerifier[];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.signer = parseSignerKey(this.loadOrCreate(config.ledger.signingKeyFile, config.ledger.keyName));
    const previous = config.ledger.previousVerifierKeys.map((k) => parseVerifierKey(k));
    this.verifiers = [this.signer.verifier, ...previous];
  }

  get verifierKey(): string {
    return this.signer.verifier.verifierKey;
  }

  /** 4-byte key id ‖ 64-byte Ed25519 signature over the entry's origin, index and leaf hash. */
  signEntry(index: number, leafHash: Buffer): Buffer {
    const message = entrySignatureMessage(this.config.ledger.origin, index, leafHash);
    return Buffer.concat([this.signer.keyId, this.signer.sign(message)]);
  }

  /**
   * {@link signEntry} for many entries at once, on libuv's thread pool: a slice of an import's entries is
   * signed on every core while the event loop waits (one entry is signed inline: the pool is also where
   * password hashes run, and an append holds the ledger's lock).
   */
  signEntries(entries: ReadonlyArray<{ index: number; leaf: Buffer }>): Promise<Buffer[]> {
    if (entries.length < POOL_FROM)
      return Promise.resolve(entries.map((e) => this.signEntry(e.index, e.leaf)));
    return Promise.all(
      entries.map(async (e) => {
        const message = entrySignatureMessage(this.config.ledger.origin, e.index, e.leaf);
        return Buffer.concat([this.signer.keyId, await this.signer.signAsync(message)]);
      }),
    );
  }

  /** Checks an entry signature with whichever known key its key id names. */
  verifyEntry(index: number, leafHash: Buffer, signature: Buffer): boolean {
    const check = this.entryCheck(index, leafHash, signature);
    return check !== null && check.verifier.verify(check.message, check.signature);
  }

  /** {@link verifyEntry} for many entries at once, on libuv's thread pool (spread over the cores). */
  verifyEntries(entries: ReadonlyArray<EntrySignatureCheck>): Promise<boolean[]> {
    if (entries.length < POOL_FROM) {
      return Promise.resolve(entries.map((e) => this.verifyEntry(e.index, e.leaf, e.signature)));
    }
    return Promise.all(
      entries.map((e) => {
        const check = this.entryCheck(e.index, e.leaf, e.signature);
        return check === null ? false : check.verifier.verifyAsync(check.message, check.signature);
      }),
    );
  }

  private entryCheck(
    index: number,
    leafHash: Buffer,
    signature: Buffer,
  ): { verifier: NoteVerifier; message: Buffer; signature: Buffer } | null {
    if (signature.length !== 68) return null;
    const keyId = signature.subarray(0, 4);
    const verifier = this.verifiers.find((v) => v.keyId.equals(keyId));
    if (!verifier) return null;
    return {
      verifier,
      message: entrySignatureMessage(this.config.ledger.origin, index, leafHash),
      signature: signature.subarray(4),
    };
  }

  signNote(text: string): string {
    return signNote(text, [this.signer]);
  }

  private loadOrCreate(file: string, name: string): string {
    try {
      return fs.readFileSync(file, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const { signerKey, verifierKey } = generateSigner(name);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${signerKey}\n`, { mode: 0o600 });
    try {
      fs.linkSync(tmp, file); // fails if another process created it meanwhile: then use theirs
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.unlinkSync(tmp);
    }
    const kept = fs.readFileSync(file, 'utf8').trim();
    if (kept === signerKey) {
      this.logger.warn(
        `generated a new ledger signing key in ${file} (verifier key ${verifierKey}); back it up`,
      );
    }
    return kept;
  }
}
