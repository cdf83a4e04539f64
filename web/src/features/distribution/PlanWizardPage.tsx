import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Radio,
  Space,
  Steps,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { DistributionChannel } from '@web/gql/enums';
import { errorMessage } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { useSession } from '@web/shared/auth/session';
import { FormSelect } from '@web/shared/components/FormSelect';
import { PageContainer } from '@web/shared/components/PageContainer';
import { formatDate, todayLocalDate } from '@web/shared/format/dates';
import { formatMoney, isMoneyInput } from '@web/shared/format/money';
import { distributionChannelLabels, options } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { DecisionEvidenceFields } from './DecisionEvidenceFields';
import { FieldGroup } from './FieldGroup';
import { HouseholdSelect } from './HouseholdSelect';
import { PlanFindings } from './PlanFindings';
import { EmptyText, ScrollRegion } from './ScrollRegion';
import { sumYuan, toFen } from './plan-money';
import { type DecisionValues, type PlanFinding, useSubmitPlan } from './submit-plan';
import { DigitsInput } from '@web/shared/components/DigitsInput';

const WizardIncomeDoc = graphql(`
  query PlanWizardIncome($village: String!) {
    villageIncomeBalances(regionCode: $village) {
      villageCode
      received
      planned
      undistributed
      oldestUndistributedOn
    }
    villageIncomeByAsset(villageCode: $village) {
      assetId
      assetCode
      assetName
      locationCode
      locationName
      left
      oldestReceivedOn
    }
    distributionPolicy {
      version
      channelLimits {
        channel
        minPercent
        maxPercent
      }
      forbiddenChannels
      banEqualSplit
      minDecisionFiles
    }
  }
`);

const DraftPlanDoc = graphql(`
  mutation DraftPlan($input: DraftPlanInput!) {
    draftDistributionPlan(input: $input) {
      id
      version
    }
  }
`);

const UpdatePlanDoc = graphql(`
  mutation UpdatePlanDraft($id: ID!, $expectedVersion: Int!, $changes: PlanChangesInput!) {
    updateDistributionPlan(id: $id, expectedVersion: $expectedVersion, changes: $changes) {
      id
      version
    }
  }
`);

interface AllocationValues {
  channel?: DistributionChannel;
  amount?: string;
  note?: string;
  beneficiaries?: Array<{ householdId?: string; amount?: string }>;
}

interface WizardValues extends DecisionValues {
  title?: string;
  planDate?: Dayjs;
  amount?: string;
  incomeMode: 'OLDEST' | 'ASSETS';
  incomeByAsset?: Record<string, string | undefined>;
  allocations: AllocationValues[];
}

const DAY = 'YYYY-MM-DD';
const STEP_TITLES = ['收益来源', '分配用途', '受益农户', '四议两公开'];

const moneyRule = (required: string) => ({
  validator: async (_: unknown, value?: string) => {
    if (!value) throw new Error(required);
    if (!isMoneyInput(value)) throw new Error('金额须为数字，最多两位小数，如 1200 或 1200.50');
    if (toFen(value) <= 0n) throw new Error('金额须大于 0');
  },
});

const optionalMoneyRule = {
  validator: async (_: unknown, value?: string) => {
    if (!value) return;
    if (!isMoneyInput(value)) throw new Error('金额须为数字，最多两位小数');
  },
};

/**
 * 新建分配方案: a wizard of four steps — which income, the allocations (用途) in yuan, the beneficiary
 * households with their shares, and 四议两公开 with its files — then 提交备案. The API checks the plan when it
 * is submitted; the findings show here, the plan stays a draft to change and submit again. The form
 * carries one idempotency key: a double click or a retry drafts the plan once.
 */
export default function PlanWizardPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { user } = useSession();
  const regionName = useRegionNames();
  const village = user?.regionCode ?? '';
  const [form] = Form.useForm<WizardValues>();
  const [step, setStep] = useState(0);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [saved, setSaved] = useState<{ id: string; version: number }>();
  const [findings, setFindings] = useState<PlanFinding[]>();
  const [formError, setFormError] = useState<string>();
  const inFlight = useRef(false);
  const [{ data }] = useQuery({ query: WizardIncomeDoc, variables: { village }, pause: !village });
  const [{ fetching: drafting }, draft] = useMutation(DraftPlanDoc);
  const [{ fetching: updating }, update] = useMutation(UpdatePlanDoc);
  const [submitting, submit] = useSubmitPlan();
  const busy = drafting || updating || submitting;

  const incomeMode = Form.useWatch('incomeMode', form) ?? 'OLDEST';
  const byAsset = Form.useWatch('incomeByAsset', form);
  const amount = Form.useWatch('amount', form);
  const allocations = Form.useWatch('allocations', form) ?? [];
  const planDate = Form.useWatch('planDate', form) as Dayjs | undefined;
  const balance = data?.villageIncomeBalances.find((b) => b.villageCode === village);
  // The village's share of each asset's income still to distribute (also of assets it co-owns in another
  // village), oldest first: what a line of 指定资产的收益 is checked against.
  const assets = data?.villageIncomeByAsset ?? [];
  // What is typed may not be an amount yet ("1000." on the way to "1000.5"): it counts as nothing until it is.
  const planAmount = sumYuan(incomeMode === 'ASSETS' ? Object.values(byAsset ?? {}) : [amount]);
  const allocated = sumYuan(allocations.map((a) => a?.amount));

  const stepFields = (n: number): Array<string | Array<string | number>> => {
    if (n === 0) return ['title', 'planDate', 'amount', 'incomeMode', 'incomeByAsset'];
    if (n === 1) return ['allocations'];
    if (n === 2) return ['allocations'];
    return [];
  };

  const next = async () => {
    const ok = await form
      .validateFields(stepFields(step), { recursive: true })
      .then(() => true)
      .catch(() => false);
    if (ok) setStep(step + 1);
  };

  /** Drafts the plan (first time) or changes the draft (after a finding), and returns its id. */
  const save = async (): Promise<string | undefined> => {
    const v = form.getFieldsValue(true) as WizardValues;
    const income =
      v.incomeMode === 'ASSETS'
        ? Object.entries(v.incomeByAsset ?? {})
            .filter(([, a]) => a && toFen(a) > 0n)
            .map(([assetId, a]) => ({ assetId, amount: (a ?? '').trim() }))
        : [];
    const plan = {
      title: v.title?.trim() || undefined,
      amount: (v.incomeMode === 'ASSETS' ? sumYuan(income.map((i) => i.amount)) : (v.amount ?? '')).trim(),
      planDate: v.planDate?.format(DAY),
      allocations: v.allocations.map((a) => ({
        channel: a.channel as DistributionChannel,
        amount: (a.amount ?? '').trim(),
        note: a.note?.trim() || undefined,
        beneficiaries: (a.beneficiaries ?? [])
          .filter((b) => b.householdId)
          .map((b) => ({ householdId: b.householdId as string, amount: (b.amount ?? '').trim() })),
      })),
    };
    if (!saved) {
      const r = await draft({
        input: {
          villageCode: village,
          ...plan,
          income: income.length > 0 ? income : undefined,
          idempotencyKey,
        },
      });
      if (!r.data) {
        setFormError(errorMessage(r.error));
        return undefined;
      }
      setSaved({ id: r.data.draftDistributionPlan.id, version: r.data.draftDistributionPlan.version });
      return r.data.draftDistributionPlan.id;
    }
    const r = await update({ id: saved.id, expectedVersion: saved.version, changes: { ...plan, income } });
    if (!r.data) {
      setFormError(errorMessage(r.error));
      return undefined;
    }
    setSaved({ id: saved.id, version: r.data.updateDistributionPlan.version });
    return saved.id;
  };

  const finish = async (andSubmit: boolean) => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const fields = andSubmit ? undefined : stepFields(0);
      const ok = await form
        .validateFields(fields, { recursive: true })
        .then(() => true)
        .catch(() => false);
      if (!ok) return;
      setFormError(undefined);
      setFindings(undefined);
      const id = await save();
      if (!id) return;
      if (!andSubmit) {
        void message.success('已保存为草稿');
        void navigate(`/distribution/${id}`);
        return;
      }
      const outcome = await submit(id, form.getFieldsValue(true) as WizardValues);
      if (outcome.ok) {
        void message.success('方案已提交乡镇备案');
        void navigate(`/distribution/${id}`);
      } else if (outcome.findings) setFindings(outcome.findings);
      else setFormError(outcome.message);
    } finally {
      inFlight.current = false;
    }
  };

  const today = dayjs(todayLocalDate());
  const policy = data?.distributionPolicy;
  const policyText = policy
    ? [
        ...policy.channelLimits.map(
          (l) =>
            `${distributionChannelLabels[l.channel]}${l.minPercent ? `不少于 ${l.minPercent}%` : ''}${
              l.minPercent && l.maxPercent ? '、' : ''
            }${l.maxPercent ? `不超过 ${l.maxPercent}%` : ''}`,
        ),
        ...policy.forbiddenChannels.map((c) => `不得用于${distributionChannelLabels[c]}`),
        ...(policy.banEqualSplit ? ['不得一分了之（全村平均分现金）'] : []),
      ].join('；')
    : '';

  return (
    <PageContainer title="新建分配方案">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps
          current={step}
          size="small"
          responsive
          items={STEP_TITLES.map((title) => ({ title }))}
          aria-label="分配方案的步骤"
        />
      </Card>
      {saved ? (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          message="方案已保存为草稿：修改后再次提交即可，不会重复创建。"
        />
      ) : null}
      <Form<WizardValues>
        name="planWizard"
        form={form}
        layout="vertical"
        initialValues={{ incomeMode: 'OLDEST', planDate: today, allocations: [{}] }}
      >
        <div hidden={step !== 0}>
          <Card size="small" title="本村收益" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
              <Descriptions.Item label="村">{regionName(village)}</Descriptions.Item>
              <Descriptions.Item label="累计收益">{formatMoney(balance?.received)}</Descriptions.Item>
              <Descriptions.Item label="已纳入方案">{formatMoney(balance?.planned)}</Descriptions.Item>
              <Descriptions.Item label="尚未分配">{formatMoney(balance?.undistributed)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Form.Item label="方案名称" name="title" rules={[{ max: 200, message: '方案名称最多 200 个字' }]}>
            <Input placeholder="不填则按村名和年度生成" />
          </Form.Item>
          <Form.Item
            label="方案日期"
            name="planDate"
            rules={[{ required: true, message: '请选择方案日期' }]}
            extra="受益农户须在这一天是脱贫户或监测户"
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="分配哪些收益" name="incomeMode">
            <Radio.Group
              options={[
                { value: 'OLDEST', label: '本村尚未分配的收益，先到先分' },
                { value: 'ASSETS', label: '指定资产的收益' },
              ]}
            />
          </Form.Item>
          {incomeMode === 'OLDEST' ? (
            <Form.Item
              label="方案金额（元）"
              name="amount"
              rules={[
                moneyRule('请输入方案金额'),
                {
                  validator: async (_, value?: string) => {
                    if (
                      value &&
                      isMoneyInput(value) &&
                      balance &&
                      toFen(value) > toFen(balance.undistributed)
                    )
                      throw new Error(`本村尚未分配的收益只有 ${formatMoney(balance.undistributed)}`);
                  },
                },
              ]}
            >
              <DigitsInput inputMode="decimal" autoComplete="off" placeholder="如 10000.00" />
            </Form.Item>
          ) : null}
          <ScrollRegion label="各资产尚未分配的收益">
            <Table
              rowKey="assetId"
              size="small"
              pagination={false}
              caption="各资产尚未分配的收益（本村所占份额，最早到账的在前）"
              dataSource={assets}
              locale={{ emptyText: <EmptyText>本村没有尚未分配的收益</EmptyText> }}
              columns={[
                {
                  title: '资产',
                  key: 'asset',
                  render: (_, a) => (
                    <>
                      {`${a.assetName}（${a.assetCode}）`}
                      {a.locationCode !== village ? (
                        <Typography.Text type="secondary">{` 位于${a.locationName}，本村共有`}</Typography.Text>
                      ) : null}
                    </>
                  ),
                },
                {
                  title: '最早未分配收益到账',
                  key: 'oldest',
                  render: (_, a) => formatDate(a.oldestReceivedOn),
                },
                {
                  title: '尚未分配',
                  key: 'undistributed',
                  align: 'right',
                  render: (_, a) => <span className="money">{formatMoney(a.left)}</span>,
                },
                ...(incomeMode === 'ASSETS'
                  ? [
                      {
                        title: '本次分配（元）',
                        key: 'take',
                        render: (_: unknown, a: (typeof assets)[number]) => (
                          <Form.Item
                            name={['incomeByAsset', a.assetId]}
                            style={{ marginBottom: 0 }}
                            rules={[
                              optionalMoneyRule,
                              {
                                validator: async (_, value?: string) => {
                                  if (value && isMoneyInput(value) && toFen(value) > toFen(a.left))
                                    throw new Error('超过了该资产尚未分配的收益');
                                },
                              },
                            ]}
                          >
                            <DigitsInput
                              inputMode="decimal"
                              aria-label={`${a.assetName}（${a.assetCode}）本次分配金额`}
                              style={{ width: 140 }}
                            />
                          </Form.Item>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </ScrollRegion>
          {incomeMode === 'ASSETS' ? (
            <Typography.Paragraph style={{ marginTop: 8 }}>
              方案金额：{formatMoney(planAmount)}
            </Typography.Paragraph>
          ) : null}
        </div>

        <div hidden={step !== 1}>
          <Alert
            type="info"
            style={{ marginBottom: 16 }}
            message={`方案金额 ${formatMoney(planAmount)}，已分配 ${formatMoney(allocated)}`}
            description={
              policyText ? `区收益分配政策（第 ${policy?.version} 版）：${policyText}。` : undefined
            }
          />
          <Form.List name="allocations">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <FieldGroup key={field.key} legend={`第 ${i + 1} 项分配`}>
                    <Form.Item
                      label="用途"
                      name={[field.name, 'channel']}
                      rules={[{ required: true, message: '请选择用途' }]}
                    >
                      <FormSelect options={options(distributionChannelLabels)} placeholder="请选择" />
                    </Form.Item>
                    <Form.Item
                      label="金额（元）"
                      name={[field.name, 'amount']}
                      rules={[moneyRule('请输入金额')]}
                    >
                      <DigitsInput inputMode="decimal" autoComplete="off" />
                    </Form.Item>
                    <Form.Item
                      label="说明"
                      name={[field.name, 'note']}
                      rules={[{ max: 500, message: '说明最多 500 个字' }]}
                    >
                      <Input />
                    </Form.Item>
                    {fields.length > 1 ? (
                      <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                        删除第 {i + 1} 项
                      </Button>
                    ) : null}
                  </FieldGroup>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                  添加分配项
                </Button>
              </>
            )}
          </Form.List>
        </div>

        <div hidden={step !== 2}>
          <Alert
            type="info"
            style={{ marginBottom: 16 }}
            message="直接发给农户的分配项（如公益性岗位工资、奖励补助）须列出受益农户及各户金额，各户合计等于该项金额；其他分配项可不列。"
          />
          {allocations.map((a, i) => (
            <FieldGroup
              key={i}
              legend={`第 ${i + 1} 项 ${a?.channel ? distributionChannelLabels[a.channel] : ''} 的受益农户`}
            >
              <Form.List name={['allocations', i, 'beneficiaries']}>
                {(rows, { add, remove }) => (
                  <>
                    {rows.map((row, j) => (
                      <Space key={row.key} wrap align="start">
                        <Form.Item
                          label={`第 ${j + 1} 户`}
                          name={[row.name, 'householdId']}
                          rules={[{ required: true, message: '请选择农户' }]}
                        >
                          <HouseholdSelect villageCode={village} eligibleOn={planDate?.format(DAY)} />
                        </Form.Item>
                        <Form.Item
                          label={`第 ${j + 1} 户金额（元）`}
                          name={[row.name, 'amount']}
                          rules={[moneyRule('请输入金额')]}
                        >
                          <DigitsInput inputMode="decimal" autoComplete="off" style={{ width: 140 }} />
                        </Form.Item>
                        <Button
                          aria-label={`删除第 ${j + 1} 户`}
                          icon={<DeleteOutlined />}
                          style={{ marginTop: 30 }}
                          onClick={() => remove(row.name)}
                        />
                      </Space>
                    ))}
                    <Typography.Paragraph>
                      各户合计 {formatMoney(sumYuan((a?.beneficiaries ?? []).map((b) => b?.amount)))}
                      ，该项金额 {formatMoney(a?.amount && isMoneyInput(a.amount) ? a.amount : '0')}
                    </Typography.Paragraph>
                    <Button icon={<PlusOutlined />} onClick={() => add({})}>
                      添加受益农户
                    </Button>
                  </>
                )}
              </Form.List>
            </FieldGroup>
          ))}
        </div>

        <div hidden={step !== 3}>
          <DecisionEvidenceFields />
          {findings ? <PlanFindings findings={findings} onGoTo={setStep} /> : null}
        </div>
        {formError ? (
          <div role="alert" className="form-error">
            {formError}
          </div>
        ) : null}
        <Space wrap style={{ marginTop: 16 }}>
          {step > 0 ? <Button onClick={() => setStep(step - 1)}>上一步</Button> : null}
          {step < 3 ? (
            <Button type="primary" onClick={next}>
              下一步
            </Button>
          ) : (
            <>
              <Button onClick={() => void finish(false)} loading={busy}>
                保存草稿
              </Button>
              <Button type="primary" onClick={() => void finish(true)} loading={busy}>
                提交备案
              </Button>
            </>
          )}
        </Space>
      </Form>
    </PageContainer>
  );
}
