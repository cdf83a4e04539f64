import { Alert, Button, Card, Form, Select, Typography } from 'antd';
import { useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';
import { formatDateTime } from '@web/shared/format/dates';
import { type ConsistencyCheck as Result, verifyConsistency } from '@web/shared/ledger/entry-verification';
import { LedgerTrustAnchorQuery } from '@web/shared/ledger/useHistoryVerification';

const LedgerConsistencyProofQuery = graphql(`
  query LedgerConsistencyProof($fromSize: Int!, $toSize: Int!) {
    consistencyProof(fromSize: $fromSize, toSize: $toSize) {
      hashes
    }
  }
`);

interface SignedCheckpoint {
  treeSize: number;
  createdAt: string;
  note: string;
}

/**
 * 检查点一致性: pick two signed checkpoints (by default the one before the newest, and the newest); the
 * browser verifies both notes with the log's published key and the RFC 9162 consistency proof between
 * their sizes against the roots they sign (shared/ledger/entry-verification.ts). 一致 means the newer
 * ledger contains the older one unchanged: no entry was rewritten, removed or reordered in between.
 */
export function ConsistencyCheck({ checkpoints }: { checkpoints: readonly SignedCheckpoint[] }) {
  const client = useClient();
  const [older, setOlder] = useState<number | null>(null);
  const [newer, setNewer] = useState<number | null>(null);
  const [result, setResult] = useState<Result | 'checking' | null>(null);
  const from = older ?? checkpoints[1]?.treeSize ?? null;
  const to = newer ?? checkpoints[0]?.treeSize ?? null;
  const options = checkpoints.map((c) => ({
    value: c.treeSize,
    label: `规模 ${c.treeSize}（${formatDateTime(c.createdAt)}）`,
  }));

  const run = async () => {
    const a = checkpoints.find((c) => c.treeSize === from);
    const b = checkpoints.find((c) => c.treeSize === to);
    if (!a || !b) return;
    setResult('checking');
    try {
      const anchor = await client
        .query(LedgerTrustAnchorQuery, {}, { requestPolicy: 'network-only' })
        .toPromise();
      if (!anchor.data) throw new Error('无法读取账本公钥');
      setResult(
        await verifyConsistency({
          origin: anchor.data.ledgerPublicKey.origin,
          verifierKeys: [
            anchor.data.ledgerPublicKey.verifierKey,
            ...anchor.data.ledgerPublicKey.previousVerifierKeys,
          ],
          olderNote: a.note,
          newerNote: b.note,
          consistencyProof: async (fromSize, toSize) => {
            const p = await client
              .query(LedgerConsistencyProofQuery, { fromSize, toSize }, { requestPolicy: 'network-only' })
              .toPromise();
            if (!p.data) throw new Error(errorMessage(p.error) ?? '服务器未返回证明');
            return p.data.consistencyProof;
          },
        }),
      );
    } catch (e) {
      setResult({ ok: false, reason: (e as Error).message });
    }
  };

  return (
    <Card title="检查点一致性" size="small" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        选两个签名检查点，由本浏览器用账本公钥核对两者的签名，并按一致性证明核对：较新的账本完整包含较早的账本，
        其间没有条目被改写、删除或调换。
      </Typography.Paragraph>
      {checkpoints.length < 2 ? (
        <Typography.Text type="secondary">至少要有两个检查点才能核验一致性</Typography.Text>
      ) : (
        <Form
          name="checkpointConsistency"
          layout="inline"
          className="filter-form"
          onFinish={() => void run()}
        >
          <Form.Item label="较早的检查点" htmlFor="consistency-from">
            <Select
              id="consistency-from"
              style={{ width: 240 }}
              value={from}
              options={options}
              onChange={(v: number) => {
                setOlder(v);
                setResult(null);
              }}
            />
          </Form.Item>
          <Form.Item label="较新的检查点" htmlFor="consistency-to">
            <Select
              id="consistency-to"
              style={{ width: 240 }}
              value={to}
              options={options}
              onChange={(v: number) => {
                setNewer(v);
                setResult(null);
              }}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={result === 'checking'}>
              核验一致性
            </Button>
          </Form.Item>
        </Form>
      )}
      {result && result !== 'checking' ? (
        result.ok ? (
          <Alert
            style={{ marginTop: 12 }}
            type="success"
            showIcon
            message="一致"
            description={`规模 ${result.newer.size} 的账本完整包含规模 ${result.older.size} 的账本：两个检查点的签名（${result.keyLabel}）与一致性证明均已在本浏览器核对。`}
          />
        ) : (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            message="不一致"
            description={result.reason}
          />
        )
      ) : null}
    </Card>
  );
}
