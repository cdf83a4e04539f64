import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { Role } from '@web/gql/enums';
import type { DisposalMethod, DistributionChannel } from '@web/gql/enums';
import type { PoliciesQuery } from '@web/gql/graphql';
import { errorMessage } from '@web/shared/api/errors';
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

/** 版本 and 生效时间: the first columns of each policy's version history. */
function versionColumns<T extends { version: number; createdAt: string }>(): TableColumnsType<T> {
  return [
    { title: '版本', className: 'nowrap', key: 'version', render: (_, p) => `第 ${p.version} 版` },
    {
      title: '生效时间',
      className: 'nowrap',
      key: 'createdAt',
      render: (_, p) => formatDateTime(p.createdAt),
    },
  ];
}

function DisposalPolicyEditor({ versions, onSaved }: { versions: DisposalPolicy[]; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DisposalForm>();
  const [{ fetching }, save] = useMutation(SetDisposalPolicyDoc);
  const current = versions[0];
  useEffect(() => {
    if (current) {
      form.setFieldsValue({
        districtFromFormedValue: current.districtFromFormedValue ?? undefined,
        districtFromAppraisedValue: current.districtFromAppraisedValue ?? undefined,
        districtMethods: current.districtMethods,
        townshipReviewDays: current.townshipReviewDays,
        districtReviewDays: current.districtReviewDays,
        note: undefined,
      });
    }
  }, [current, form]);

  const submit = async (v: DisposalForm) => {
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
    if (result.error) {
      void message.error(errorMessage(result.error));
      return;
    }
    void message.success(`处置政策已保存为第 ${result.data?.setDisposalPolicy.version} 版`);
    onSaved();
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Form<DisposalForm> name="disposalPolicy" form={form} layout="vertical" onFinish={submit}>
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
            <Form.Item
              name="townshipReviewDays"
              label="乡镇审核期限（天）"
              rules={[{ required: true, type: 'integer', min: 1, max: 365, message: '请填写 1 到 365 天' }]}
            >
              <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="districtReviewDays"
              label="区级审批期限（天）"
              rules={[{ required: true, type: 'integer', min: 1, max: 365, message: '请填写 1 到 365 天' }]}
            >
              <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label="修订说明" rules={[{ max: 500, message: '修订说明不超过 500 字' }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={fetching}>
          保存为新版本
        </Button>
      </Form>
      <Table<DisposalPolicy>
        rowKey="version"
        size="small"
        caption="历史版本"
        pagination={false}
        scroll={{ x: 820 }}
        dataSource={versions}
        columns={[
          ...versionColumns<DisposalPolicy>(),
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
          { title: '说明', key: 'note', render: (_, p) => <div className="cell-text">{p.note ?? '—'}</div> },
        ]}
      />
    </Space>
  );
}

function DistributionPolicyEditor({
  versions,
  onSaved,
}: {
  versions: DistributionPolicy[];
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DistributionForm>();
  const [{ fetching }, save] = useMutation(SetDistributionPolicyDoc);
  const current = versions[0];
  useEffect(() => {
    if (current) {
      form.setFieldsValue({
        banEqualSplit: current.banEqualSplit,
        minDecisionFiles: current.minDecisionFiles,
        forbiddenChannels: current.forbiddenChannels,
        channelLimits: current.channelLimits.map((l) => ({
          channel: l.channel,
          minPercent: l.minPercent ?? undefined,
          maxPercent: l.maxPercent ?? undefined,
        })),
        note: undefined,
      });
    }
  }, [current, form]);

  const submit = async (v: DistributionForm) => {
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
    if (result.error) {
      void message.error(errorMessage(result.error));
      return;
    }
    void message.success(`收益分配政策已保存为第 ${result.data?.setDistributionPolicy.version} 版`);
    onSaved();
  };

  const limitsText = (p: DistributionPolicy) =>
    p.channelLimits
      .map(
        (l) =>
          `${distributionChannelLabels[l.channel]}${l.minPercent ? ` 不低于 ${l.minPercent}%` : ''}${l.maxPercent ? ` 不超过 ${l.maxPercent}%` : ''}`,
      )
      .join('；') || '—';

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Form<DistributionForm> name="distributionPolicy" form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="banEqualSplit" label="禁止平均分配（一分了之）" valuePropName="checked">
              <Switch checkedChildren="禁止" unCheckedChildren="不限" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="minDecisionFiles"
              label="提交时至少附决议材料（份）"
              rules={[{ required: true, type: 'integer', min: 0, max: 20, message: '请填写 0 到 20 份' }]}
            >
              <InputNumber min={0} max={20} precision={0} style={{ width: '100%' }} />
            </Form.Item>
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
        <Form.Item
          name="note"
          label="修订说明"
          rules={[{ max: 500, message: '修订说明不超过 500 字' }]}
          style={{ marginTop: 16 }}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>
          保存为新版本
        </Button>
      </Form>
      <Table<DistributionPolicy>
        rowKey="version"
        size="small"
        caption="历史版本"
        pagination={false}
        scroll={{ x: 760 }}
        dataSource={versions}
        columns={[
          ...versionColumns<DistributionPolicy>(),
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
          { title: '说明', key: 'note', render: (_, p) => <div className="cell-text">{p.note ?? '—'}</div> },
        ]}
      />
    </Space>
  );
}

const INSPECTION_DAYS = [
  { required: true, type: 'integer' as const, min: 1, max: 3650, message: '巡查周期须在 1 至 3650 天之间' },
];

/** 管护政策: how often each class of asset must be inspected and how soon damage must be repaired. */
function UpkeepPolicyEditor({ versions, onSaved }: { versions: UpkeepPolicy[]; onSaved: () => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<UpkeepForm>();
  const [{ fetching }, save] = useMutation(SetUpkeepPolicyDoc);
  const current = versions[0];
  useEffect(() => {
    if (current) {
      form.setFieldsValue({
        operatingInspectionDays: current.operatingInspectionDays,
        publicWelfareInspectionDays: current.publicWelfareInspectionDays,
        householdInspectionDays: current.householdInspectionDays,
        repairDays: current.repairDays,
        note: undefined,
      });
    }
  }, [current, form]);

  const submit = (v: UpkeepForm) =>
    modal.confirm({
      title: '保存管护政策',
      content: `保存为第 ${(current?.version ?? 0) + 1} 版后，各村的巡查和维修期限即按新版本计算。`,
      okText: '保存',
      cancelText: '取消',
      onOk: async () => {
        const result = await save({
          input: {
            operatingInspectionDays: v.operatingInspectionDays,
            publicWelfareInspectionDays: v.publicWelfareInspectionDays,
            householdInspectionDays: v.householdInspectionDays,
            repairDays: v.repairDays,
            note: v.note?.trim() || null,
          },
        });
        if (result.error) {
          void message.error(errorMessage(result.error));
          return;
        }
        void message.success(`管护政策已保存为第 ${result.data?.setUpkeepPolicy.version} 版`);
        onSaved();
      },
    });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Form<UpkeepForm> name="upkeepPolicy" form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="operatingInspectionDays"
              label="经营性资产巡查周期（天）"
              rules={INSPECTION_DAYS}
            >
              <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="publicWelfareInspectionDays"
              label="公益性资产巡查周期（天）"
              rules={INSPECTION_DAYS}
            >
              <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="householdInspectionDays"
              label="到户类资产巡查周期（天）"
              rules={INSPECTION_DAYS}
            >
              <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="repairDays"
              label="损坏维修期限（天）"
              extra="巡查发现损坏后须在此期限内维修"
              rules={[
                {
                  required: true,
                  type: 'integer',
                  min: 1,
                  max: 365,
                  message: '维修期限须在 1 至 365 天之间',
                },
              ]}
            >
              <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label="修订说明" rules={[{ max: 500, message: '修订说明不超过 500 字' }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={fetching}>
          保存为新版本
        </Button>
      </Form>
      <Table<UpkeepPolicy>
        rowKey="version"
        size="small"
        caption="历史版本"
        pagination={false}
        scroll={{ x: 820 }}
        dataSource={versions}
        columns={[
          ...versionColumns<UpkeepPolicy>(),
          {
            title: '巡查周期',
            className: 'nowrap',
            key: 'inspection',
            render: (_, p) =>
              `经营性 ${p.operatingInspectionDays} 天，公益性 ${p.publicWelfareInspectionDays} 天，到户类 ${p.householdInspectionDays} 天`,
          },
          { title: '维修期限', className: 'nowrap', key: 'repair', render: (_, p) => `${p.repairDays} 天` },
          { title: '说明', key: 'note', render: (_, p) => <div className="cell-text">{p.note ?? '—'}</div> },
        ]}
      />
    </Space>
  );
}

/** 公示最多可提前的天数, as a sentence: 0 allows no back-dated publicity. */
function backdateText(days: number): string {
  return days === 0 ? '不允许提前' : `最多提前 ${days} 天`;
}

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
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<OwnershipForm>();
  const [{ fetching }, save] = useMutation(SetOwnershipPolicyDoc);
  const current = versions[0];
  useEffect(() => {
    if (current) {
      form.setFieldsValue({ publicityBackdateMaxDays: current.publicityBackdateMaxDays, note: undefined });
    }
  }, [current, form]);

  const submit = (v: OwnershipForm) =>
    modal.confirm({
      title: '保存确权政策',
      content: `保存为第 ${(current?.version ?? 0) + 1} 版后，此后登记的确权申请按新版本检查公示起始日期。`,
      okText: '保存',
      cancelText: '取消',
      onOk: async () => {
        const result = await save({
          input: { publicityBackdateMaxDays: v.publicityBackdateMaxDays, note: v.note?.trim() || null },
        });
        if (result.error) {
          void message.error(errorMessage(result.error));
          return;
        }
        void message.success(`确权政策已保存为第 ${result.data?.setOwnershipPolicy.version} 版`);
        onSaved();
      },
    });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {current ? (
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
      ) : null}
      {editable ? (
        <Form<OwnershipForm> name="ownershipPolicy" form={form} layout="vertical" onFinish={submit}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="publicityBackdateMaxDays"
                label="公示最多可提前的天数"
                extra="公示起始日期最多可早于登记确权申请之日的天数；填 0 则不允许提前"
                rules={[{ required: true, type: 'integer', min: 0, max: 90, message: '请填写 0 到 90 天' }]}
              >
                <InputNumber min={0} max={90} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="note"
                label="修订说明"
                rules={[{ max: 500, message: '修订说明不超过 500 字' }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={fetching}>
            保存为新版本
          </Button>
        </Form>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          确权政策由系统管理员修订。
        </Typography.Paragraph>
      )}
      <Table<OwnershipPolicy>
        rowKey="version"
        size="small"
        caption="历史版本"
        pagination={false}
        scroll={{ x: 560 }}
        dataSource={versions}
        columns={[
          ...versionColumns<OwnershipPolicy>(),
          {
            title: '公示起始日期',
            className: 'nowrap',
            key: 'backdate',
            render: (_, p) => backdateText(p.publicityBackdateMaxDays),
          },
          { title: '说明', key: 'note', render: (_, p) => <div className="cell-text">{p.note ?? '—'}</div> },
        ]}
      />
    </Space>
  );
}
