import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '@web/gql';
import { type EntryVerdict, type HistoryEntry, verifyHistory } from './history-verification';

/** What the browser checks against: the log's published key and its latest signed checkpoint. */
export const LedgerTrustAnchorQuery = graphql(`
  query LedgerTrustAnchor {
    ledgerPublicKey {
      origin
      verifierKey
      previousVerifierKeys
    }
    latestCheckpoint {
      note
    }
  }
`);

export const LedgerInclusionProofQuery = graphql(`
  query LedgerInclusionProof($index: Int!, $treeSize: Int!) {
    inclusionProof(index: $index, treeSize: $treeSize) {
      hashes
    }
  }
`);

export type HistoryVerificationState =
  | { state: 'checking' }
  | { state: 'done'; treeSize: number; keyLabel: string; verdicts: Map<number, EntryVerdict> }
  | { state: 'failed'; reason: string; verdicts: Map<number, EntryVerdict> };

/**
 * Checks a record's entries in the browser (history-verification.ts): the proofs and the checkpoint are
 * fetched fresh from the API, and every hash and signature is computed here with WebCrypto.
 */
export function useHistoryVerification(
  entries: readonly HistoryEntry[] | undefined,
): HistoryVerificationState {
  const client = useClient();
  const [result, setResult] = useState<HistoryVerificationState>({ state: 'checking' });
  const key = entries?.map((e) => `${e.index}:${e.leafHash}`).join(',');

  useEffect(() => {
    if (!entries) return;
    let cancelled = false;
    setResult({ state: 'checking' });
    void (async () => {
      const anchor = await client
        .query(LedgerTrustAnchorQuery, {}, { requestPolicy: 'network-only' })
        .toPromise();
      if (!anchor.data) throw new Error('无法读取账本公钥和检查点');
      const r = await verifyHistory({
        entries,
        origin: anchor.data.ledgerPublicKey.origin,
        verifierKeys: [
          anchor.data.ledgerPublicKey.verifierKey,
          ...anchor.data.ledgerPublicKey.previousVerifierKeys,
        ],
        checkpointNote: anchor.data.latestCheckpoint?.note ?? null,
        inclusionProof: async (index, treeSize) => {
          const p = await client
            .query(LedgerInclusionProofQuery, { index, treeSize }, { requestPolicy: 'network-only' })
            .toPromise();
          if (!p.data) throw new Error('服务器未返回证明');
          return p.data.inclusionProof;
        },
      });
      const verdicts = new Map(r.entries.map((v) => [v.index, v]));
      if (cancelled) return;
      setResult(
        r.ok
          ? { state: 'done', treeSize: r.checkpoint.size, keyLabel: r.keyLabel, verdicts }
          : { state: 'failed', reason: r.reason, verdicts },
      );
    })().catch((e: unknown) => {
      if (!cancelled) setResult({ state: 'failed', reason: (e as Error).message, verdicts: new Map() });
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key]);
  return result;
}
