/**
 * Where the browser witness keeps what it must keep: its key pair (the private key a non-extractable
 * WebCrypto key, stored as such in IndexedDB: it can sign, but cannot be read out, not even by this
 * code), the log's origin and verifier keys pinned when the key was made, and the size and root it
 * cosigned last. One record per user of this browser.
 */
import type { WitnessState } from '@web/shared/ledger/witness';

export interface StoredWitness {
  userId: string;
  name: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  verifierKey: string;
  /** The log as it was when the key was made (its key is what checkpoints must be signed with). */
  log: { origin: string; verifierKeys: string[] };
  state: WitnessState | null;
  createdAt: string;
  /** The last answer: cosigned, or refused and why. */
  lastResult?: { ok: boolean; size: number | null; reason: string | null; at: string };
}

const DB = 'asset-registry-witness';
const STORE = 'witness';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'userId' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB'));
  });
}

async function run<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = op(tx.objectStore(STORE));
      // Resolved once the transaction is durable, not when the request succeeds.
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB'));
    });
  } finally {
    db.close();
  }
}

export const witnessStore = {
  async load(userId: string): Promise<StoredWitness | null> {
    return ((await run('readonly', (s) => s.get(userId))) as StoredWitness | undefined) ?? null;
  },
  async save(w: StoredWitness): Promise<void> {
    await run('readwrite', (s) => s.put(w));
  },
  async remove(userId: string): Promise<void> {
    await run('readwrite', (s) => s.delete(userId));
  },
};
