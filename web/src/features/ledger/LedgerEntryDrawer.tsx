import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Collapse, Descriptions, Drawer, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useClient, useQuery } from 'urql';
import { graphql } from '@web/gql';
import { useSession } from '@web/shared/auth/session';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDateTime } from '@web/shared/format/dates';
import { entityTypeLabel, ledgerActionLabel } from '@web/shared/labels/ledger';
import { actorLabel } from '@web/shared/ledger/EntityHistory';
import { EntryChangesTable, statesOf } from '@web/shared/ledger/EntryChanges';
import { type EntryCheck, verifyEntry } from '@web/shared/ledger/entry-verification';
import { LedgerInclusionProofQuery, LedgerTrustAnchorQuery } from '@web/shared/ledger/useHistoryVerification';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { entryName } from './entry-name';
import { assetPathOf, recordPath } from './record-links';

const LedgerEntryDetailQuery = graphql(`
  query LedgerEntryDetail($index: Int!) {
    ledgerEntry(index: $index) {
      index
      time
      action
      entityType
      entityId
      regionCode
      requestId
      entityVersion
      previousLeafHash
      leafHash
      signature
      canonical
      actor {
        username
        role
      }
    }
  }
`);

const code = (text: string | null | undefined) =>
  text ? (
    <Typography.Text code style={{ wordBreak: 'break-all' }}>
      {text}
    </Typography.Text>
  ) : (
    '—'
  );

function CheckResult({ check }: { check: EntryCheck }) {
  if (check.status === 'verified') {
    return (
      <Alert
        type="success"
        showIcon
        message="核验通过"
        description={`本浏览器已由条目原文重新计算叶哈希，并用包含证明核对到账本公钥签名的检查点（规模 ${check.checkpoint.size}，签名密钥 ${check.keyLabel}）。`}
      />
    );
  }
  if (check.status === 'pending')
    return <Alert type="warning" showIcon message="暂不能核验" description={check.reason} />;
  return <Alert type="error" showIcon message="验证失败" description={check.reason} />;
}

/**
 * One ledger entry (ledgerEntry(index)): what, when, who, what it changed (from its canonical JSON, the
 * bytes that are hashed), its hashes and signature as the API gives them, and 核验本条: the browser
 * recomputes the leaf hash and checks the inclusion proof against the latest checkpoint signed with the
 * log's published key (shared/ledger/entry-verification.ts), trusting no "ok" of the server.
 */
function EntryDetail({ index }: { index: number }) {
  const client = useClient();
  const { user } = useSession();
  const regionName = useRegionNames();
  const [{ data, error, fetching }] = useQuery({
    query: LedgerEntryDetailQuery,
    variables: { index },
    requestPolicy: 'network-only',
  });
  const [check, setCheck] = useState<EntryCheck | 'checking' | null>(null);
  if (error) return <QueryError error={error} />;
  const entry = data?.ledgerEntry;
  if (!entry || fetching) return <Spin />;
  const states = statesOf(entry.canonical);
  const page = recordPath(entry.entityType, entry.entityId, user?.role);
  const assetPage = page ? null : assetPathOf(states?.after ?? states?.before, user?.role);
  const name = entryName(entry.entityType, states?.after, states?.before);
  const object = `${entityTypeLabel(entry.entityType)} ${name ?? entry.entityId}`;

  const runCheck = async () => {
    setCheck('checking');
    try {
      const anchor = await client
        .query(LedgerTrustAnchorQuery, {}, { requestPolicy: 'network-only' })
        .toPromise();
      if (!anchor.data) throw new Error('无法读取账本公钥和检查点');
      setCheck(
        await verifyEntry({
          entry,
          origin: anchor.data.ledgerPublicKey.origin,
          verifierKeys: [
            anchor.data.ledgerPublicKey.verifierKey,
            ...anchor.data.ledgerPublicKey.previousVerifierKeys,
          ],
          checkpointNote: anchor.data.latestCheckpoint?.note ?? null,
          inclusionProof: async (i, treeSize) => {
            const p = await client
              .query(LedgerInclusionProofQuery, { index: i, treeSize }, { requestPolicy: 'network-only' })
              .toPromise();
            if (!p.data) throw new Error('服务器未返回证明');
            return p.data.inclusionProof;
          },
        }),
      );
    } catch (e) {
      setCheck({ status: 'failed', reason: (e as Error).message });
    }
  };

  return (
    <>
      <Descriptions column={1} bordered size="small" aria-label="条目信息">
        <Descriptions.Item label="账本序号">{entry.index}</Descriptions.Item>
        <Descriptions.Item label="时间">{formatDateTime(entry.time)}</Descriptions.Item>
        <Descriptions.Item label="操作">{ledgerActionLabel(entry.action)}</Descriptions.Item>
        <Descriptions.Item label="对象">
          {page ? <Link to={page}>{object}</Link> : object}
          {assetPage ? (
            <>
              {' '}
              （<Link to={assetPage}>所属资产</Link>）
            </>
          ) : null}
          {entry.entityVersion != null ? `，第 ${entry.entityVersion} 版` : null}
        </Descriptions.Item>
        {name ? <Descriptions.Item label="记录编号">{entry.entityId}</Descriptions.Item> : null}
        <Descriptions.Item label="区域">{regionName(entry.regionCode)}</Descriptions.Item>
        <Descriptions.Item label="操作人">{actorLabel(entry.actor)}</Descriptions.Item>
      </Descriptions>

      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        变更内容
      </Typography.Title>
      {states ? (
        <EntryChangesTable entityType={entry.entityType} before={states.before} after={states.after} />
      ) : (
        <Alert type="error" showIcon message="条目内容不是有效的 JSON" />
      )}

      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        核验
      </Typography.Title>
      <Button
        icon={<SafetyCertificateOutlined />}
        loading={check === 'checking'}
        onClick={() => void runCheck()}
        style={{ marginBottom: 12 }}
      >
        核验本条
      </Button>
      {check && check !== 'checking' ? <CheckResult check={check} /> : null}

      <Descriptions column={1} bordered size="small" style={{ marginTop: 12 }} aria-label="哈希与签名">
        <Descriptions.Item label="叶哈希">{code(entry.leafHash)}</Descriptions.Item>
        <Descriptions.Item label="该记录上一条目的叶哈希">{code(entry.previousLeafHash)}</Descriptions.Item>
        <Descriptions.Item label="账本签名">{code(entry.signature)}</Descriptions.Item>
        <Descriptions.Item label="请求编号">{code(entry.requestId)}</Descriptions.Item>
      </Descriptions>
      <Collapse
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'canonical',
            label: '条目原文（规范 JSON）',
            children: (
              <Typography.Paragraph copyable={{ text: entry.canonical }}>
                <pre className="note-text" aria-label="条目原文">
                  {entry.canonical}
                </pre>
              </Typography.Paragraph>
            ),
          },
        ]}
      />
    </>
  );
}

/** The entry drawer of the 审计账本 (opened from a row, by 按序号查看 or by /ledger?entry=<index>). */
export function LedgerEntryDrawer({ index, onClose }: { index: number | null; onClose: () => void }) {
  return (
    <Drawer
      open={index !== null}
      onClose={onClose}
      width="min(720px, 100vw)"
      title={index !== null ? `账本条目 第 ${index} 条` : ''}
      destroyOnClose
    >
      {index !== null ? <EntryDetail key={index} index={index} /> : null}
    </Drawer>
  );
}
