/**
 * The console's witness at work: pulls the add-checkpoint body for the newest checkpoint from the API
 * (`GET /ledger/witness/add-checkpoint?old=<size it cosigned last>`), decides in the browser
 * (shared/ledger/witness.ts: the log's signature with the key pinned when the witness key was made, the
 * consistency proof from what it cosigned before), saves its new state in IndexedDB, and only then hands
 * the cosignature to the API (`POST /ledger/witness/cosignatures`). A refusal is signed with the witness
 * key and reported (`POST /ledger/witness/refusals`), so that supervision sees it.
 */
import { apiHeaders } from '@web/shared/api/client';
import { encodeBase64 } from '@web/shared/ledger/bytes';
import { signRefusal, witnessKeyFrom } from '@web/shared/ledger/cosignature';
import { parseVerifierKey } from '@web/shared/ledger/note';
import { witnessAddCheckpoint } from '@web/shared/ledger/witness';
import { type StoredWitness, witnessStore } from './witness-store';

export type CosignOutcome =
  { ok: true; size: number } | { ok: false; status: number; reason: string; reported: boolean };

async function restText(path: string, init?: RequestInit): Promise<string> {
  const res = await fetch(path, {
    ...init,
    headers: { ...apiHeaders(), ...(init?.body ? { 'content-type': 'text/plain; charset=utf-8' } : {}) },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`服务器拒绝了请求（HTTP ${res.status}）`);
  return text;
}

export async function cosignLatest(stored: StoredWitness): Promise<CosignOutcome> {
  const key = await witnessKeyFrom(stored.name, stored.privateKey, stored.publicKey);
  const logKeys = await Promise.all(stored.log.verifierKeys.map((k) => parseVerifierKey(k)));
  const oldSize = stored.state?.size ?? 0;
  const body = await restText(`/ledger/witness/add-checkpoint?old=${oldSize}`);
  const now = Math.floor(Date.now() / 1000);
  const decision = await witnessAddCheckpoint(body, {
    origin: stored.log.origin,
    logKeys,
    state: stored.state,
    key,
    now,
  });
  const at = new Date().toISOString();
  if (decision.ok) {
    // Remember first: a cosignature handed out must never be followed by one of another history.
    await witnessStore.save({
      ...stored,
      state: decision.state,
      lastResult: { ok: true, size: decision.state.size, reason: null, at },
    });
    await restText('/ledger/witness/cosignatures', {
      method: 'POST',
      body: `${decision.note}${decision.line}`,
    });
    return { ok: true, size: decision.state.size };
  }
  await witnessStore.save({
    ...stored,
    lastResult: { ok: false, size: decision.checkpoint?.size ?? null, reason: decision.reason, at },
  });
  let reported = false;
  if (decision.checkpoint) {
    const refusal = await signRefusal(key, {
      origin: decision.checkpoint.origin,
      size: decision.checkpoint.size,
      rootHash: encodeBase64(decision.checkpoint.rootHash),
      oldSize: decision.oldSize,
      status: decision.status,
      reason: decision.reason,
      time: now,
    });
    reported = await restText('/ledger/witness/refusals', { method: 'POST', body: refusal }).then(
      () => true,
      () => false,
    );
  }
  return { ok: false, status: decision.status, reason: decision.reason, reported };
}
