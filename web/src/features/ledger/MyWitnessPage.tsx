import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';
import { useSession } from '@web/shared/auth/session';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';
import { formatDateTime } from '@web/shared/format/dates';
import { witnessStatusLabels } from '@web/shared/labels/enums';
import { generateWitnessKey } from '@web/shared/ledger/cosignature';
import { isValidKeyName } from '@web/shared/ledger/note';
import { cosignLatest, type CosignOutcome } from './browser-witness';
import { type StoredWitness, witnessStore } from './witness-store';

const WitnessLogKeyQuery = graphql(`
  query WitnessLogKey {
    ledgerPublicKey {
      origin
      verifierKey
      previousVerifierKeys
    }
  }
`);

const MyWitnessRegistrationQuery = graphql(`
  query MyWitnessRegistration {
    witnesses {
      id
      name
      verifierKey
      status
      revokeReason
      lastCosignedSize
      lastCosignedAt
    }
  }
`);

const RegisterBrowserWitness = graphql(`
  mutation RegisterBrowserWitness($verifierKey: String!) {
    registerWitness(input: { verifierKey: $verifierKey }) {
      id
      status
    }
  }
`);

/**
 * A township officer's or district supervisor's own witness, in this browser: make an Ed25519 key with
 * WebCrypto (the private key non-extractable, kept in IndexedDB), register its public key, and, once an
 * ADMIN has approved it, cosign the ledger's newest checkpoint after checking it here.
 */
export default function MyWitnessPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const client = useClient();
  const [stored, setStored] = useState<StoredWitness | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CosignOutcome | { error: string } | null>(null);
  const [{ data, error }, refetch] = useQuery({
    query: MyWitnessRegistrationQuery,
    requestPolicy: 'network-only',
  });
  const [registration, register] = useMutation(RegisterBrowserWitness);

  const reload = useCallback(async () => {
    if (user) setStored(await witnessStore.load(user.id));
  }, [user]);
  useEffect(() => {
    void reload().catch(() => setStored(null));
  }, [reload]);

  if (!user) return null;
  const registered = stored ? data?.witnesses.find((w) => w.verifierKey === stored.verifierKey) : undefined;

  const create = async (values: { name: string }) => {
    setBusy(true);
    try {
      const log = await client.query(WitnessLogKeyQuery, {}, { requestPolicy: 'network-only' }).toPromise();
      if (!log.data) throw new Error(errorMessage(log.error) ?? '无法读取账本公钥');
      const key = await generateWitnessKey(values.name.trim());
      const pair = { privateKey: key.privateKey, publicKey: await publicCryptoKey(key.publicKey) };
      const record: StoredWitness = {
        userId: user.id,
        name: key.name,
        ...pair,
        verifierKey: key.verifierKey,
        log: {
          origin: log.data.ledgerPublicKey.origin,
          verifierKeys: [
            log.data.ledgerPublicKey.verifierKey,
            ...log.data.ledgerPublicKey.previousVerifierKeys,
          ],
        },
        state: null,
        createdAt: new Date().toISOString(),
      };
      await witnessStore.save(record);
      setStored(record);
      message.success('已在本浏览器生成见证密钥');
    } catch (e) {
      message.error(`生成见证密钥失败：${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const doRegister = async () => {
    if (!stored) return;
    const r = await register({ verifierKey: stored.verifierKey });
    if (r.error) message.error(errorMessage(r.error));
    else {
      message.success('已登记公钥，等待系统管理员批准');
      refetch({ requestPolicy: 'network-only' });
    }
  };

  const doCosign = async () => {
    if (!stored) return;
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await cosignLatest(stored));
    } catch (e) {
      setOutcome({ error: (e as Error).message });
    } finally {
      setBusy(false);
      await reload();
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <PageContainer title="本机见证">
      <Typography.Paragraph>
        见证人独立核对审计账本：只有当最新检查点由账本密钥签名、且与本机上次联署的检查点一致时，才用本机的见证密钥联署。
        私钥在本浏览器内生成、不可导出，服务器只收到公钥。
      </Typography.Paragraph>
      {error ? <QueryError error={error} /> : null}
      <Card title="见证密钥" style={{ marginBottom: 16 }}>
        {stored === undefined ? null : stored === null ? (
          <Form
            name="witness-key"
            layout="vertical"
            initialValues={{ name: `browser-witness/${user.username}` }}
            onFinish={(v: { name: string }) => void create(v)}
          >
            <Form.Item
              name="name"
              label="密钥名称"
              extra="用于识别见证人，如 longju.witness/2026；不能含空格或加号"
              rules={[
                { required: true, message: '请填写密钥名称' },
                {
                  validator: (_, v: string) =>
                    !v || isValidKeyName(v.trim())
                      ? Promise.resolve()
                      : Promise.reject(new Error('密钥名称不能含空格或加号')),
                },
              ]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              生成见证密钥
            </Button>
          </Form>
        ) : (
          <>
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label="密钥名称">{stored.name}</Descriptions.Item>
              <Descriptions.Item label="验证公钥">
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                  {stored.verifierKey}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="登记状态">
                {registered ? (
                  <StatusTag
                    tone={
                      registered.status === 'ACTIVE'
                        ? 'success'
                        : registered.status === 'PENDING'
                          ? 'warning'
                          : 'danger'
                    }
                  >
                    {witnessStatusLabels[registered.status]}
                  </StatusTag>
                ) : (
                  <StatusTag tone="neutral">未登记</StatusTag>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="生成时间">{formatDateTime(stored.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="核对所用的账本公钥">
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {stored.log.verifierKeys[0]}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            {!registered ? (
              <Button
                type="primary"
                style={{ marginTop: 16 }}
                loading={registration.fetching}
                onClick={() => void doRegister()}
              >
                登记公钥
              </Button>
            ) : null}
          </>
        )}
      </Card>
      {stored ? (
        <Card title="联署检查点">
          <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label="本机上次联署">
              {stored.state
                ? `规模 ${stored.state.size}，${formatDateTime(new Date(stored.state.time * 1000).toISOString())}`
                : '尚未联署'}
            </Descriptions.Item>
          </Descriptions>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Button
              type="primary"
              disabled={registered?.status !== 'ACTIVE'}
              loading={busy}
              onClick={() => void doCosign()}
            >
              联署最新检查点
            </Button>
            {registered?.status !== 'ACTIVE' ? (
              <Typography.Text type="secondary">公钥经系统管理员批准后才能联署。</Typography.Text>
            ) : null}
            {outcome && 'error' in outcome ? (
              <Alert type="error" showIcon message={`联署失败：${outcome.error}`} />
            ) : outcome?.ok ? (
              <Alert type="success" showIcon message={`已核对并联署规模为 ${outcome.size} 的检查点`} />
            ) : outcome ? (
              <Alert
                type="error"
                showIcon
                message="拒绝联署"
                description={`${outcome.reason}${outcome.reported ? '（已向服务器报告）' : ''}`}
              />
            ) : null}
          </Space>
        </Card>
      ) : null}
    </PageContainer>
  );
}

/** The public half as a CryptoKey (what IndexedDB keeps beside the private key). */
function publicCryptoKey(raw: Uint8Array): Promise<CryptoKey> {
  const copy = new Uint8Array(raw.length);
  copy.set(raw);
  return crypto.subtle.importKey('raw', copy.buffer, { name: 'Ed25519' }, true, ['verify']);
}
