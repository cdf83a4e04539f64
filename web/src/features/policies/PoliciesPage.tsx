import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Form, Row, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { Role } from '@web/gql/enums';
import type { DisposalMethod, DistributionChannel } from '@web/gql/enums';
import type { PoliciesQuery } from '@web/gql/graphql';
import { useSession } from '@web/shared/auth/session';
import { FormSelect } from '@web/shared/components/FormSelect';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDateTime } from '@web/shared/format/dates';
import { Money } from '@web/shared/components/Money';
import { isMoneyInput } from '@web/shared/format/money';
import { disposalMethodLabels, distributionChannelLabels, options } from '@web/shared/labels/enums';
import { DigitsInput } from '@web/shared/components/DigitsInput';
import { WrapTabs } from '@web/shared/components/WrapTabs';
import { PolicyTab, RevisionNoteField, WholeNumberField } from './PolicyTab';

const PoliciesDoc = graphql(`
  query Policies {
    disposalPolicies {
      version
      districtFromFormedValue
      districtFromAppraisedValue
      districtMethods
      townshipReviewDays
      districtReviewDays
      note
      createdAt
    }
    distributionPolicies {
      version
      banEqualSplit
      minDecisionFiles
      forbiddenChannels
      channelLimits {
        channel
        minPercent
        maxPercent
      }
      note
      createdAt
    }
    upkeepPolicies {
      version
      operatingInspectionDays
      publicWelfareInspectionDays
      householdInspectionDays
      repairDays
      note
      createdAt
    }
    ownershipPolicies {
      version
      publicityBackdateMaxDays
      note
      createdAt
    }
  }
`);

const SetOwnershipPolicyDoc = graphql(`
  mutation SetOwnershipPolicy($input: OwnershipPolicyInput!) {
    setOwnershipPolicy(input: $input) {
      version
    }
  }
`);

const SetUpkeepPolicyDoc = graphql(`
  mutation SetUpkeepPolicy($input: UpkeepPolicyInput!) {
    setUpkeepPolicy(input: $input) {
      version
    }
  }
`);

const SetDisposalPolicyDoc = graphql(`
  mutation SetDisposalPolicy($input: DisposalPolicyInput!) {
    setDisposalPolicy(input: $input) {
      version
    }
  }
`);

const SetDistributionPolicyDoc = graphql(`
  mutation SetDistributionPolicy($input: DistributionPolicyInput!) {
    setDistributionPolicy(input: $input) {
      version
    }
  }
`);

type DisposalPolicy = PoliciesQuery['disposalPolicies'][number];
type DistributionPolicy = PoliciesQuery['distributionPolicies'][number];
type UpkeepPolicy = PoliciesQuery['upkeepPolicies'][number];
type OwnershipPolicy = PoliciesQuery['ownershipPolicies'][number];

/** Who saves a new version of the ownership policy (the API's rule: the admin only; the district reads it). */
const OWNERSHIP_POLICY_WRITERS: readonly Role[] = ['ADMIN'];

interface OwnershipForm {
  publicityBackdateMaxDays: number;
  note?: string;
}

interface UpkeepForm {
  operatingInspectionDays: number;
  publicWelfareInspectionDays: number;
  householdInspectionDays: number;
  repairDays: number;
  note?: string;
}

interface DisposalForm {
  districtFromFormedValue?: string;
  districtFromAppraisedValue?: string;
  districtMethods: DisposalMethod[];
  townshipReviewDays: number;
  districtReviewDays: number;
  note?: string;
}

interface DistributionForm {
  banEqualSplit: boolean;
  minDecisionFiles: number;
  forbiddenChannels: DistributionChannel[];
  channelLimits: Array<{ channel: DistributionChannel; minPercent?: string; maxPercent?: string }>;
  note?: string;
}

const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;
const percentRule = {
  validator: (_: unknown, v?: string) =>
    !v || (PERCENT.test(v.trim()) && Number(v) <= 100) ? Promise.resolve() : Promise.reject(new Error()),
  message: '请填写 0 到 100 之间的百分数，最多两位小数',
};
const moneyRule = {
  validator: (_: unknown, v?: string) =>
    !v || isMoneyInput(v) ? Promise.resolve() : Promise.reject(new Error()),
  message: '请填写金额（元），最多两位小数',
};

/**
 * 政策设置: the disposal policy (who decides, review deadlines), the distribution policy (channel
 * limits, forbidden channels), the upkeep policy (inspection periods, repair deadline) and the ownership
 * policy (how far back a publicity may start) of the district. Saving makes a new version, on the ledger;
 * requests and plans from then on follow it, earlier ones keep the version they were made under.
 */
export default function PoliciesPage() {
  const { user } = useSession();
  const [{ data, error }, refetch] = useQuery({ query: PoliciesDoc, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  // Four policies: on a phone their tabs wrap onto a second line.
  const [tab, setTab] = useState('disposal');
  return (
    <PageContainer title="政策设置">
      {error ? <QueryError error={error} retry={reload} /> : null}
      <Card size="small">
        <WrapTabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'disposal',
              label: '资产处置政策',
              children: <DisposalPolicyEditor versions={data?.disposalPolicies ?? []} onSaved={reload} />,
            },
            {
              key: 'distribution',
              label: '收益分配政策',
              children: (
                <DistributionPolicyEditor versions={data?.distributionPolicies ?? []} onSaved={reload} />
              ),
            },
            {
              key: 'upkeep',
              label: '管护政策',
              children: <UpkeepPolicyEditor versions={data?.upkeepPolicies ?? []} onSaved={reload} />,
            },
            {
              key: 'ownership',
              label: '确权政策',
              children: (
                <OwnershipPolicyEditor
                  versions={data?.ownershipPolicies ?? []}
                  editable={Boolean(user && OWNERSHIP_POLICY_WRITERS.includes(user.role))}
                  onSaved={reload}
                />
              ),
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}

const disposalFormValues = (p: DisposalPolicy): Omit<DisposalForm, 'note'> => ({
  districtFromFormedValue: p.districtFromFormedValue ?? undefined,
  districtFromAppraisedValue: p.districtFromAppraisedValue ?? undefined,
  districtMethods: p.districtMethods,
  townshipReviewDays: p.townshipReviewDays,
  districtReviewDays: p.districtReviewDays,
});

function DisposalPolicyEditor({ versions, onSaved }: { versions: DisposalPolicy[]; onSaved: () => void }) {
  const [, save] = useMutation(SetDisposalPolicyDoc);
  return (
    <PolicyTab<DisposalPolicy, DisposalForm>
      name="处置政策"
      versions={versions}
      formName="disposalPolicy"
      formValues={disposalFormValues}
      save={async (v) => {
        const result = await save({
          input: {
            districtFromFormedValue: v.districtFromFormedValue?.trim() || null,
            districtFromAppraisedValue: v.districtFromAppraisedValue?.trim() || null,
            districtMethods: v.districtMethods ?? [],
            townshipReviewDays: v.townshipReviewDays,
            districtReviewDays: v.districtReviewDays,
            note: v.note?.trim() || null,
          },
        });
        return { error: result.error, version: result.data?.setDisposalPolicy.version };
      }}
      onSaved={onSaved}
      fields={
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="districtFromFormedValue"
              label="原值达到（元）即报区级审批"
              rules={[moneyRule]}
              extra="不填则不按原值划分"
            >
              <DigitsInput inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="districtFromAppraisedValue"
              label="评估价值达到（元）即报区级审批"
              rules={[moneyRule]}
              extra="不填则不按评估价值划分"
            >
              <DigitsInput inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="districtMethods" label="一律报区级审批的处置方式">
              <Select mode="multiple" allowClear options={options(disposalMethodLabels)} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <WholeNumberField
              name="townshipReviewDays"
              label="乡镇审核期限（天）"
              min={1}
              max={365}
              message="请填写 1 到 365 天"
            />
          </Col>
          <Col xs={12}>
            <WholeNumberField
              name="districtReviewDays"
              label="区级审批期限（天）"
              min={1}
              max={365}
              message="请填写 1 到 365 天"
            />
          </Col>
          <Col xs={24}>
            <RevisionNoteField />
          </Col>
        </Row>
      }
      scrollX={820}
      columns={[
        {
          title: '原值起点',
          className: 'nowrap',
          key: 'formed',
          render: (_, p) => <Money value={p.districtFromFormedValue} />,
        },
        {
          title: '评估价值起点',
          className: 'nowrap',
          key: 'appraised',
          render: (_, p) => <Money value={p.districtFromAppraisedValue} />,
        },
        {
          title: '区级审批方式',
          key: 'methods',
          render: (_, p) => p.districtMethods.map((m) => disposalMethodLabels[m]).join('、') || '—',
        },
        {
          title: '审核期限',
          className: 'nowrap',
          key: 'days',
          render: (_, p) => `乡镇 ${p.townshipReviewDays} 天，区级 ${p.districtReviewDays} 天`,
        },
      ]}
    />
  );
}

const distributionFormValues = (p: DistributionPolicy): Omit<DistributionForm, 'note'> => ({
  banEqualSplit: p.banEqualSplit,
  minDecisionFiles: p.minDecisionFiles,
  forbiddenChannels: p.forbiddenChannels,
  channelLimits: p.channelLimits.map((l) => ({
    channel: l.channel,
    minPercent: l.minPercent ?? undefined,
    maxPercent: l.maxPercent ?? undefined,
  })),
});

const limitsText = (p: DistributionPolicy) =>
  p.channelLimits
    .map(
      (l) =>
        `${distributionChannelLabels[l.channel]}${l.minPercent ? ` 不低于 ${l.minPercent}%` : ''}${l.maxPercent ? ` 不超过 ${l.maxPercent}%` : ''}`,
    )
    .join('；') || '—';

function DistributionPolicyEditor({
  versions,
  onSaved,
}: {
  versions: DistributionPolicy[];
  onSaved: () => void;
}) {
  const [, save] = useMutation(SetDistributionPolicyDoc);
  return (
    <PolicyTab<DistributionPolicy, DistributionForm>
      name="收益分配政策"
      versions={versions}
      formName="distributionPolicy"
      formValues={distributionFormValues}
      save={async (v) => {
        const result = await save({
          input: {
            banEqualSplit: v.banEqualSplit,
            minDecisionFiles: v.minDecisionFiles,
            forbiddenChannels: v.forbiddenChannels ?? [],
            channelLimits: (v.channelLimits ?? []).map((l) => ({
              channel: l.channel,
              minPercent: l.minPercent?.trim() || null,
              maxPercent: l.maxPercent?.trim() || null,
            })),
            note: v.note?.trim() || null,
          },
        });
        return { error: result.error, version: result.data?.setDistributionPolicy.version };
      }}
      onSaved={onSaved}
      fields={
        <>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="banEqualSplit" label="禁止平均分配（一分了之）" valuePropName="checked">
                <Switch checkedChildren="禁止" unCheckedChildren="不限" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <WholeNumberField
                name="minDecisionFiles"
                label="提交时至少附决议材料（份）"
                min={0}
                max={20}
                message="请填写 0 到 20 份"
              />
            </Col>
            <Col xs={24}>
              <Form.Item name="forbiddenChannels" label="禁止的分配用途">
                <Select mode="multiple" allowClear options={options(distributionChannelLabels)} />
              </Form.Item>
            </Col>
          </Row>
          <Form.List name="channelLimits">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((field, i) => (
                  <Row key={field.key} gutter={8} align="top">
                    <Col xs={24} md={10}>
                      <Form.Item
                        name={[field.name, 'channel']}
                        label={`比例限制 ${i + 1}：用途`}
                        rules={[{ required: true, message: '请选择用途' }]}
                      >
                        <FormSelect options={options(distributionChannelLabels)} />
                      </Form.Item>
                    </Col>
                    <Col xs={10} md={6}>
                      <Form.Item name={[field.name, 'minPercent']} label="不低于（%）" rules={[percentRule]}>
                        <DigitsInput inputMode="decimal" />
                      </Form.Item>
                    </Col>
                    <Col xs={10} md={6}>
                      <Form.Item name={[field.name, 'maxPercent']} label="不超过（%）" rules={[percentRule]}>
                        <DigitsInput inputMode="decimal" />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2}>
                      <Button
                        aria-label={`删除比例限制 ${i + 1}`}
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(field.name)}
                        style={{ marginTop: 30 }}
                      />
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 7}>
                  添加比例限制
                </Button>
              </Space>
            )}
          </Form.List>
          <RevisionNoteField style={{ marginTop: 16 }} />
        </>
      }
      scrollX={760}
      columns={[
        {
          title: '比例限制',
          key: 'limits',
          render: (_, p) => <div className="cell-text">{limitsText(p)}</div>,
        },
        {
          title: '禁止用途',
          key: 'forbidden',
          render: (_, p) => p.forbiddenChannels.map((c) => distributionChannelLabels[c]).join('、') || '—',
        },
        {
          title: '禁止平均分配',
          className: 'nowrap',
          key: 'ban',
          render: (_, p) => (p.banEqualSplit ? '是' : '否'),
        },
        {
          title: '决议材料',
          className: 'nowrap',
          key: 'files',
          render: (_, p) => `${p.minDecisionFiles} 份`,
        },
      ]}
    />
  );
}

/** The inspection periods of the three classes of asset, one field each. */
const INSPECTION_FIELDS = [
  ['operatingInspectionDays', '经营性资产巡查周期（天）'],
  ['publicWelfareInspectionDays', '公益性资产巡查周期（天）'],
  ['householdInspectionDays', '到户类资产巡查周期（天）'],
] as const;

const upkeepFormValues = (p: UpkeepPolicy): Omit<UpkeepForm, 'note'> => ({
  operatingInspectionDays: p.operatingInspectionDays,
  publicWelfareInspectionDays: p.publicWelfareInspectionDays,
  householdInspectionDays: p.householdInspectionDays,
  repairDays: p.repairDays,
});

/** 管护政策: how often each class of asset must be inspected and how soon damage must be repaired. */
function UpkeepPolicyEditor({ versions, onSaved }: { versions: UpkeepPolicy[]; onSaved: () => void }) {
  const [, save] = useMutation(SetUpkeepPolicyDoc);
  return (
    <PolicyTab<UpkeepPolicy, UpkeepForm>
      name="管护政策"
      versions={versions}
      formName="upkeepPolicy"
      formValues={upkeepFormValues}
      confirm={{
        title: '保存管护政策',
        content: (next) => `保存为第 ${next} 版后，各村的巡查和维修期限即按新版本计算。`,
      }}
      save={async (v) => {
        const result = await save({
          input: {
            operatingInspectionDays: v.operatingInspectionDays,
            publicWelfareInspectionDays: v.publicWelfareInspectionDays,
            householdInspectionDays: v.householdInspectionDays,
            repairDays: v.repairDays,
            note: v.note?.trim() || null,
          },
        });
        return { error: result.error, version: result.data?.setUpkeepPolicy.version };
      }}
      onSaved={onSaved}
      fields={
        <Row gutter={16}>
          {INSPECTION_FIELDS.map(([name, label]) => (
            <Col key={name} xs={24} md={8}>
              <WholeNumberField
                name={name}
                label={label}
                min={1}
                max={3650}
                message="巡查周期须在 1 至 3650 天之间"
              />
            </Col>
          ))}
          <Col xs={24} md={8}>
            <WholeNumberField
              name="repairDays"
              label="损坏维修期限（天）"
              extra="巡查发现损坏后须在此期限内维修"
              min={1}
              max={365}
              message="维修期限须在 1 至 365 天之间"
            />
          </Col>
          <Col xs={24}>
            <RevisionNoteField />
          </Col>
        </Row>
      }
      scrollX={820}
      columns={[
        {
          title: '巡查周期',
          className: 'nowrap',
          key: 'inspection',
          render: (_, p) =>
            `经营性 ${p.operatingInspectionDays} 天，公益性 ${p.publicWelfareInspectionDays} 天，到户类 ${p.householdInspectionDays} 天`,
        },
        { title: '维修期限', className: 'nowrap', key: 'repair', render: (_, p) => `${p.repairDays} 天` },
      ]}
    />
  );
}

/** 公示最多可提前的天数, as a sentence: 0 allows no back-dated publicity. */
function backdateText(days: number): string {
  return days === 0 ? '不允许提前' : `最多提前 ${days} 天`;
}

const ownershipFormValues = (p: OwnershipPolicy): Omit<OwnershipForm, 'note'> => ({
  publicityBackdateMaxDays: p.publicityBackdateMaxDays,
});

/**
 * 确权政策: how many days before a proposal is recorded its publicity may start (a notice already posted,
 * with its photo). Everyone on the page reads the version in force and the history; the admin alone saves
 * a new version, after a confirmation.
 */
function OwnershipPolicyEditor({
  versions,
  editable,
  onSaved,
}: {
  versions: OwnershipPolicy[];
  editable: boolean;
  onSaved: () => void;
}) {
  const [, save] = useMutation(SetOwnershipPolicyDoc);
  const current = versions[0];
  return (
    <PolicyTab<OwnershipPolicy, OwnershipForm>
      name="确权政策"
      versions={versions}
      formName="ownershipPolicy"
      formValues={ownershipFormValues}
      confirm={{
        title: '保存确权政策',
        content: (next) => `保存为第 ${next} 版后，此后登记的确权申请按新版本检查公示起始日期。`,
      }}
      save={async (v) => {
        const result = await save({
          input: { publicityBackdateMaxDays: v.publicityBackdateMaxDays, note: v.note?.trim() || null },
        });
        return { error: result.error, version: result.data?.setOwnershipPolicy.version };
      }}
      onSaved={onSaved}
      inForce={
        current ? (
          <Descriptions
            title={`现行第 ${current.version} 版`}
            column={1}
            bordered
            size="small"
            items={[
              {
                key: 'days',
                label: '公示最多可提前的天数',
                children: `${backdateText(current.publicityBackdateMaxDays)}（须附已张贴公示的照片或扫描件）`,
              },
              { key: 'createdAt', label: '生效时间', children: formatDateTime(current.createdAt) },
              { key: 'note', label: '说明', children: current.note ?? '—' },
            ]}
          />
        ) : null
      }
      editable={editable}
      readOnlyNote="确权政策由系统管理员修订。"
      fields={
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <WholeNumberField
              name="publicityBackdateMaxDays"
              label="公示最多可提前的天数"
              extra="公示起始日期最多可早于登记确权申请之日的天数；填 0 则不允许提前"
              min={0}
              max={90}
              message="请填写 0 到 90 天"
            />
          </Col>
          <Col xs={24}>
            <RevisionNoteField />
          </Col>
        </Row>
      }
      scrollX={560}
      columns={[
        {
          title: '公示起始日期',
          className: 'nowrap',
          key: 'backdate',
          render: (_, p) => backdateText(p.publicityBackdateMaxDays),
        },
      ]}
    />
  );
}
