#!/usr/bin/env node
/**
 * The ledger signing key, for a key rotation (docs/operations.md):
 *
 *   npm run ledger-key -- verifier <signing key file>          print the key's verifier key
 *   npm run ledger-key -- generate <new key file> [--name <n>]  write a new signing key (mode 0600)
 *
 * A new key file is never written over an existing one. Pure: no framework, no database.
 */
import * as fs from 'fs';
import * as path from 'path';
import { generateSigner, parseSignerKey } from '../note/keys';

export const DEFAULT_KEY_NAME = 'wanzhou.asset-registry.example/ledger/500101';

/** The verifier key (`<name>+<id>+<base64>`) of the signing key in `file`. */
export function verifierKeyOf(file: string): string {
  return parseSignerKey(fs.readFileSync(file, 'utf8').trim()).verifier.verifierKey;
}

/** Writes a new signing key to `file` (which must not exist) and returns its verifier key. */
export function generateKeyFile(file: string, name: string): string {
  const { signerKey, verifierKey } = generateSigner(name);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
  return verifierKey;
}

export function runKeyCli(argv: string[], io: { stdout(t: string): void; stderr(t: string): void }): number {
  const [command, file, ...rest] = argv;
  try {
    if (command === 'verifier' && file && rest.length === 0) {
      io.stdout(`${verifierKeyOf(file)}\n`);
      return 0;
    }
    if (
      command === 'generate' &&
      file &&
      (rest.length === 0 || (rest.length === 2 && rest[0] === '--name'))
    ) {
      const verifier = generateKeyFile(file, rest[1] ?? DEFAULT_KEY_NAME);
      io.stdout(`${verifier}\n`);
      io.stderr(`new signing key written to ${file}; its verifier key is above\n`);
      return 0;
    }
  } catch (error) {
    io.stderr(`ledger-key: ${(error as Error).message}\n`);
    return 1;
  }
  io.stderr(
    'usage: ledger-key verifier <signing key file> | ledger-key generate <new key file> [--name <key name>]\n',
  );
  return 2;
}

if (require.main === module) {
  process.exitCode = runKeyCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
}
