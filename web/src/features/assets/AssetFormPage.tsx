import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageLoading } from '@web/app/PageLoading';
import { graphql } from '@web/gql';
import type { AssetChangesInput, RegisterAssetInput } from '@web/gql/graphql';
import { errorFieldProblems, errorMessage, errorReason } from '@web/shared/api/errors';
import { useSession } from '@web/shared/auth/session';
import { FormSelect } from '@web/shared/components/FormSelect';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { showFieldProblems } from '@web/shared/components/field-problems';
import type { SearchOption } from '@web/shared/components/server-search';
import { fenOfYuan, formatMoney, isMoneyInput, yuanOfFen } from '@web/shared/format/money';
import { todayLocalDate } from '@web/shared/format/dates';
import {
  assetClassLabels,
  assetFormLabels,
  assetStatusLabels,
  fundSourceLabels,
  operatingModeLabels,
  options,
} from '@web/shared/labels/enums';
import { assetChanges, fenOf, registrationInput, type AssetFormValues } from './asset-form-values';
import { DigitsInput } from '@web/shared/components/DigitsInput';
import { ProjectSelect, projectOptionLabel } from '@web/shared/projects/ProjectSelect';
import { FundSourceFields, moneyRules } from '@web/shared/projects/FundSourceFields';
import { ProjectForm } from '@web/shared/projects/ProjectForm';
import { mayRegisterProject } from '@web/shared/projects/project-roles';
import type { FundSource } from '@web/gql/enums';

const AssetFormOptions = graphql(`
  query AssetFormOptions($region: String!) {
    assetCategories {
      code
      name
    }
    regions(parentCode: $region) {
      code
      name
    }
    region(code: $region) {
      code
      name
      level
    }
  }
`);

const AssetForEdit = graphql(`
  query AssetForEdit($id: ID!) {
    asset(id: $id) {
      id
      version
      code
      name
      class
      form
      status
      categoryCode
      projectId
      project {
        id
        code
        name
      }
      locationCode
      quantity
      unit
      investedAmount
      formedValue
      completionDate
      acceptanceDate
      handoverDate
      managementEntity
      managementResponsible
      operator
      operatingMode
      contractStart
      contractEnd
      contractAnnualAmount
      contractTerms
      investee
      equityAgreementNo
      equityMaturityDate
      householdHeadName
      householdRegistryNo
      constructionContent
      constructionScale
      beneficiaryHouseholds
      beneficiaryPeople
      beneficiaryPoorHouseholds
      beneficiaryPoorPeople
      beneficiaryMonitoredHouseholds
      beneficiaryMonitoredPeople
      remarks
      fundSources {
        source
        amount
      }
    }
  }
`);

const AssetFormProject = graphql(`
  query AssetFormProject($id: ID!) {
    project(id: $id) {
      id
      investmentUse {
        source
        invested
        remaining
      }
    }
  }
`);

const RegisterAsset = graphql(`
  mutation RegisterAsset($input: RegisterAssetInput!) {
    registerAsset(input: $input) {
      id
      code
    }
  }
`);

const UpdateAsset = graphql(`
  mutation UpdateAsset($id: ID!, $expectedVersion: Int!, $changes: AssetChangesInput!) {
    updateAsset(id: $id, expectedVersion: $expectedVersion, changes: $changes) {
      id
      code
      version
    }
  }
`);

const DATE_FIELDS = [
  'completionDate',
  'acceptanceDate',
  'handoverDate',
  'contractStart',
  'contractEnd',
  'equityMaturityDate',
] as const;
type DateField = (typeof DATE_FIELDS)[number];
/** The form's own values: dates as dayjs for the date pickers. */
type FormState = Omit<AssetFormValues, DateField> & Partial<Record<DateField, Dayjs | null>>;

const toForm = (v: AssetFormValues): FormState => {
  const out: Record<string, unknown> = { ...v };
  for (const f of DATE_FIELDS) out[f] = v[f] ? dayjs(v[f]) : null;
  return out as FormState;
};
const fromForm = (s: FormState): AssetFormValues => {
  const out: Record<string, unknown> = { ...s, fundSources: s.fundSources ?? [] };
  for (const f of DATE_FIELDS) out[f] = s[f] ? s[f].format('YYYY-MM-DD') : null;
  return out as unknown as AssetFormValues;
};

type Get = (name: string) => unknown;
const count = (get: Get, name: string): number | null => {
  const v = get(name);
  return typeof v === 'number' ? v : null;
};
/** "Of which" counts fit in their total, which they need; a household has at least one person. */
const ofWhich = (get: Get, total: string, poor: string, monitored: string, unit: string, word: string) => {
  const t = count(get, total);
  const p = count(get, poor);
  const m = count(get, monitored);
  if (p === null && m === null) return;
  if (t === null) throw new Error(`填写了其中脱贫或监测${word}，须填写受益${word}`);
  if ((p ?? 0) + (m ?? 0) > t) throw new Error(`其中脱贫与监测${word}之和超过受益${word} ${t} ${unit}`);
};
const BENEFICIARY_FIELDS: Array<{
  name: keyof AssetFormValues;
  label: string;
  dependencies: string[];
  check: (get: Get) => void;
}> = [
  {
    name: 'beneficiaryHouseholds',
    label: '受益户数',
    dependencies: ['beneficiaryPoorHouseholds', 'beneficiaryMonitoredHouseholds'],
    check: (get) =>
      ofWhich(
        get,
        'beneficiaryHouseholds',
        'beneficiaryPoorHouseholds',
        'beneficiaryMonitoredHouseholds',
        '户',
        '户数',
      ),
  },
  {
    name: 'beneficiaryPeople',
    label: '受益人数',
    dependencies: ['beneficiaryHouseholds', 'beneficiaryPoorPeople', 'beneficiaryMonitoredPeople'],
    check: (get) => {
      ofWhich(get, 'beneficiaryPeople', 'beneficiaryPoorPeople', 'beneficiaryMonitoredPeople', '人', '人数');
      const h = count(get, 'beneficiaryHouseholds');
      const p = count(get, 'beneficiaryPeople');
      if (h !== null && p !== null && h > p) throw new Error(`受益人数不能少于受益户数 ${h}`);
    },
  },
  { name: 'beneficiaryPoorHouseholds', label: '其中脱贫户数', dependencies: [], check: () => undefined },
  { name: 'beneficiaryPoorPeople', label: '其中脱贫人口数', dependencies: [], check: () => undefined },
  { name: 'beneficiaryMonitoredHouseholds', label: '其中监测户数', dependencies: [], check: () => undefined },
  { name: 'beneficiaryMonitoredPeople', label: '其中监测人口数', dependencies: [], check: () => undefined },
];

/** 登记资产 (/assets/new) and 编辑资产 (/assets/:id/edit): one form, Chinese messages under each field. */
export default function AssetFormPage() {
  const { id } = useParams();
  const editing = Boolean(id);
  const { user } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormState>();
  const [formError, setFormError] = useState<string>();
  const [{ data: opts }] = useQuery({
    query: AssetFormOptions,
    variables: { region: user?.regionCode ?? '' },
    pause: !user,
  });
  const [{ data: current, error: loadError }] = useQuery({
    query: AssetForEdit,
    variables: { id: id ?? '' },
    pause: !editing,
    requestPolicy: 'network-only',
  });
  const [{ fetching: registering }, register] = useMutation(RegisterAsset);
  const [{ fetching: updating }, update] = useMutation(UpdateAsset);
  const klass = Form.useWatch('class', form);
  const assetForm = Form.useWatch('form', form);
  const projectId = Form.useWatch('projectId', form);
  const investedAmount = Form.useWatch('investedAmount', form);
  const screens = Grid.useBreakpoint();
  // 登记项目 beside 所属项目: the project form in a drawer, the new project then chosen here.
  const [projectDrawer, setProjectDrawer] = useState(false);
  const [newProject, setNewProject] = useState<SearchOption>();
  const [{ data: chosen }] = useQuery({
    query: AssetFormProject,
    variables: { id: projectId ?? '' },
    pause: !projectId,
    requestPolicy: 'cache-and-network',
  });

  const before = useMemo<AssetFormValues | undefined>(() => {
    const a = current?.asset;
    if (!a) return undefined;
    const { id: _id, version: _v, project: _project, fundSources, ...rest } = a;
    return { ...rest, fundSources: fundSources.map((f) => ({ source: f.source, amount: f.amount })) };
  }, [current]);

  // What the chosen project has left of each fund source for this asset: what no asset of the project
  // uses yet, and, when editing under the same project, what this asset itself used as it was read.
  const available = useMemo(() => {
    const project = chosen?.project;
    if (!project || project.id !== projectId) return undefined;
    const own = new Map<FundSource, bigint>();
    if (before && before.projectId === project.id)
      for (const f of before.fundSources)
        own.set(f.source, (own.get(f.source) ?? 0n) + (fenOfYuan(f.amount) ?? 0n));
    // A source overrun before the rule held (a negative remainder) has nothing left.
    const left = (remaining: string) => (remaining.startsWith('-') ? 0n : (fenOfYuan(remaining) ?? 0n));
    return new Map(
      project.investmentUse
        .filter((u) => u.invested !== '0.00' || own.has(u.source))
        .map((u) => [u.source, yuanOfFen(left(u.remaining) + (own.get(u.source) ?? 0n))] as const),
    );
  }, [chosen, projectId, before]);

  // Where an asset may sit: a clerk's own village; an officer's township or one of its villages.
  const locations = useMemo(() => {
    if (!opts?.region) return [];
    const own = { value: opts.region.code, label: opts.region.name };
    return opts.region.level === 'VILLAGE'
      ? [own]
      : [own, ...opts.regions.map((r) => ({ value: r.code, label: r.name }))];
  }, [opts]);

  const submit = async (state: FormState) => {
    setFormError(undefined);
    const values = fromForm(state);
    const result =
      editing && before && current?.asset
        ? await update({
            id: current.asset.id,
            expectedVersion: current.asset.version,
            changes: assetChanges(before, values) as AssetChangesInput,
          })
        : await register({ input: registrationInput(values) as unknown as RegisterAssetInput });
    const saved =
      result.data && ('registerAsset' in result.data ? result.data.registerAsset : result.data.updateAsset);
    if (saved) {
      void message.success(editing ? `已保存资产 ${saved.code}` : `已登记资产 ${saved.code}`);
      void navigate(`/assets/${saved.id}`);
      return;
    }
    // The API's own sentence beside each field it names (超出项目 … 的投资：… beside 资金来源); for a code
    // already taken, the console's (该资产编号已被使用) says more than the field's 已存在.
    const taken = errorReason(result.error) === 'ASSET_DUPLICATE_CODE';
    const problems = errorFieldProblems(result.error).map((p) =>
      taken && p.name === 'code' ? { ...p, message: errorMessage(result.error) ?? p.message } : p,
    );
    const unshown = showFieldProblems(form, 'asset', problems);
    setFormError(
      problems.length > 0 && unshown.length === 0
        ? `未能${editing ? '保存' : '登记'}：请按标出的栏目修改`
        : errorMessage(result.error),
    );
  };

  if (editing && loadError) {
    return (
      <PageContainer title="编辑资产">
        {['ASSET_NOT_FOUND', 'NOT_FOUND', 'OUT_OF_SCOPE'].includes(errorReason(loadError) ?? '') ? (
          <Result status="404" title="找不到该资产" extra={<Link to="/assets">返回资产台账</Link>} />
        ) : (
          <QueryError error={loadError} />
        )}
      </PageContainer>
    );
  }
  if (editing && !before) return <PageLoading />;

  const today = dayjs(todayLocalDate());
  const notFuture = (label: string) => ({
    validator: async (_: unknown, v?: Dayjs | null) => {
      if (v && v.isAfter(today, 'day')) throw new Error(`${label}不能晚于今天`);
    },
  });
  const col = { xs: 24, md: 12, xl: 8 };
  const title = editing ? `编辑资产 ${before?.code ?? ''}` : '登记资产';

  return (
    <PageContainer title={title}>
      <Breadcrumb
        aria-label="当前位置"
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/assets">资产台账</Link> },
          ...(editing && id ? [{ title: <Link to={`/assets/${id}`}>{before?.code}</Link> }] : []),
          { title: editing ? '编辑' : '登记资产' },
        ]}
      />
      <Form<FormState>
        name="asset"
        form={form}
        layout="vertical"
        scrollToFirstError
        initialValues={
          before
            ? toForm(before)
            : {
                locationCode: user?.role === 'VILLAGE_CLERK' ? user.regionCode : undefined,
                quantity: '1',
                fundSources: [{}],
              }
        }
        onFinish={submit}
      >
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small" title="基本信息">
            <Row gutter={16}>
              <Col {...col}>
                <Form.Item
                  label="资产编号"
                  name="code"
                  extra={editing ? '资产编号登记后不可修改' : '全区唯一，如 WZ-151201-0100'}
                  rules={[
                    { required: true, message: '请输入资产编号' },
                    {
                      pattern: /^[A-Za-z0-9._/-]{1,64}$/,
                      message: '资产编号须为 1–64 位字母、数字或 . _ / -',
                    },
                  ]}
                >
                  <Input disabled={editing} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="资产名称"
                  name="name"
                  rules={[
                    { required: true, whitespace: true, message: '请输入资产名称' },
                    { max: 200, message: '资产名称最多 200 个字' },
                  ]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="资产类型"
                  name="class"
                  rules={[{ required: true, message: '请选择资产类型' }]}
                >
                  <FormSelect options={options(assetClassLabels)} placeholder="请选择" />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="资产形态"
                  name="form"
                  dependencies={['class']}
                  rules={[
                    { required: true, message: '请选择资产形态' },
                    ({ getFieldValue }) => ({
                      validator: async (_, v?: string) => {
                        if (v === 'EQUITY' && getFieldValue('class') !== 'OPERATING')
                          throw new Error('股权只能是经营性资产');
                      },
                    }),
                  ]}
                >
                  <FormSelect options={options(assetFormLabels)} placeholder="请选择" />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="资产分类"
                  name="categoryCode"
                  rules={[{ required: true, message: '请选择资产分类' }]}
                >
                  <FormSelect
                    showSearch
                    optionFilterProp="label"
                    placeholder="请选择"
                    options={(opts?.assetCategories ?? []).map((c) => ({ value: c.code, label: c.name }))}
                  />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="所属项目"
                  name="projectId"
                  rules={[{ required: true, message: '请选择所属项目' }]}
                  extra={
                    <>
                      {available ? (
                        <div>
                          {available.size === 0
                            ? '所选项目没有剩余可用的投资'
                            : `所选项目剩余可用：${[...available]
                                .map(
                                  ([source, amount]) => `${fundSourceLabels[source]} ${formatMoney(amount)}`,
                                )
                                .join('；')}`}
                        </div>
                      ) : null}
                      {mayRegisterProject(user) ? (
                        <div>
                          没有合适的项目？
                          <Button
                            type="link"
                            size="small"
                            style={{ padding: 0 }}
                            onClick={() => setProjectDrawer(true)}
                          >
                            登记项目
                          </Button>
                        </div>
                      ) : null}
                    </>
                  }
                >
                  <ProjectSelect
                    initial={
                      newProject ??
                      (current?.asset
                        ? {
                            value: current.asset.project.id,
                            label: projectOptionLabel(current.asset.project),
                          }
                        : undefined)
                    }
                  />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="所在地"
                  name="locationCode"
                  rules={[{ required: true, message: '请选择所在地' }]}
                >
                  <FormSelect options={locations} placeholder="请选择" />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="状态"
                  name="status"
                  extra="不填时：有建成日期为在用，否则为在建"
                  rules={[
                    {
                      validator: async (_, v?: string) => {
                        if (v === 'DISPOSED') throw new Error('资产只能经批准的处置申请变为已处置');
                      },
                    },
                  ]}
                >
                  <Select
                    allowClear
                    placeholder="请选择"
                    options={options(assetStatusLabels).filter((o) => o.value !== 'DISPOSED')}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6} xl={4}>
                <Form.Item
                  label="数量"
                  name="quantity"
                  rules={[
                    { required: true, message: '请输入数量' },
                    { pattern: /^\d{1,12}(\.\d{1,3})?$/, message: '数量须为数字，最多三位小数' },
                  ]}
                >
                  <DigitsInput inputMode="decimal" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6} xl={4}>
                <Form.Item
                  label="单位"
                  name="unit"
                  rules={[
                    { required: true, whitespace: true, message: '请输入单位' },
                    { max: 16, message: '单位最多 16 个字' },
                  ]}
                >
                  <Input placeholder="如 座、亩、个" />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="建成日期"
                  name="completionDate"
                  dependencies={['status']}
                  rules={[
                    notFuture('建成日期'),
                    ({ getFieldValue }) => ({
                      validator: async (_, v?: Dayjs | null) => {
                        const s = getFieldValue('status') as string | undefined;
                        if (!v && s && s !== 'UNDER_CONSTRUCTION')
                          throw new Error('非在建资产须填写建成日期');
                      },
                    }),
                  ]}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="验收日期"
                  name="acceptanceDate"
                  dependencies={['completionDate']}
                  rules={[
                    notFuture('验收日期'),
                    ({ getFieldValue }) => ({
                      validator: async (_, v?: Dayjs | null) => {
                        const done = getFieldValue('completionDate') as Dayjs | null;
                        if (v && done && v.isBefore(done, 'day')) throw new Error('验收日期不能早于建成日期');
                      },
                    }),
                  ]}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="移交日期"
                  name="handoverDate"
                  dependencies={['completionDate', 'acceptanceDate']}
                  rules={[
                    notFuture('移交日期'),
                    ({ getFieldValue }) => ({
                      validator: async (_, v?: Dayjs | null) => {
                        const after = (getFieldValue('acceptanceDate') ??
                          getFieldValue('completionDate')) as Dayjs | null;
                        if (v && after && v.isBefore(after, 'day'))
                          throw new Error('移交日期不能早于建成（验收）日期');
                      },
                    }),
                  ]}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card size="small" title="价值与资金来源">
            <Row gutter={16}>
              <Col {...col}>
                <Form.Item label="投资额（元）" name="investedAmount" rules={moneyRules('投资额', true)}>
                  <DigitsInput inputMode="decimal" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item label="原值（元）" name="formedValue" rules={moneyRules('原值', true)}>
                  <DigitsInput inputMode="decimal" autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
            <FundSourceFields
              id="asset_fundSources"
              recheckOn={investedAmount}
              rules={[
                {
                  validator: async (_, list?: Array<{ amount?: string }>) => {
                    const invested = form.getFieldValue('investedAmount') as string | undefined;
                    if (!invested || !isMoneyInput(invested)) return;
                    const rows = (list ?? []).filter((r) => r?.amount && isMoneyInput(r.amount));
                    const total = rows.reduce((sum, r) => sum + fenOf(r.amount ?? ''), 0n);
                    if (fenOf(invested) > 0n && total !== fenOf(invested))
                      throw new Error(
                        `各资金来源合计 ${formatMoney(yuanOfFen(total))}，须等于投资额 ${formatMoney(yuanOfFen(fenOf(invested)))}`,
                      );
                  },
                },
              ]}
              hint={(source) =>
                available
                  ? available.has(source)
                    ? `所选项目剩余可用 ${formatMoney(available.get(source))}`
                    : '所选项目没有这项资金来源'
                  : null
              }
            />
          </Card>

          <Card size="small" title="管护与经营">
            <Row gutter={16}>
              <Col {...col}>
                <Form.Item
                  label="管护主体"
                  name="managementEntity"
                  rules={[{ max: 200, message: '最多 200 个字' }]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="管护责任人"
                  name="managementResponsible"
                  rules={[{ max: 100, message: '最多 100 个字' }]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="经营主体"
                  name="operator"
                  dependencies={['operatingMode', 'contractStart', 'contractEnd', 'contractAnnualAmount']}
                  rules={[
                    { max: 200, message: '最多 200 个字' },
                    ({ getFieldValue }) => ({
                      validator: async (_, v?: string | null) => {
                        if (v?.trim()) return;
                        if (getFieldValue('operatingMode')) throw new Error('填写了经营方式，须填写经营主体');
                        if (
                          getFieldValue('contractStart') ||
                          getFieldValue('contractEnd') ||
                          getFieldValue('contractAnnualAmount')
                        )
                          throw new Error('填写了合同，须填写经营主体');
                      },
                    }),
                  ]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item label="经营方式" name="operatingMode">
                  <Select allowClear placeholder="请选择" options={options(operatingModeLabels)} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item label="合同开始" name="contractStart">
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="合同结束"
                  name="contractEnd"
                  dependencies={['contractStart']}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: async (_, v?: Dayjs | null) => {
                        const start = getFieldValue('contractStart') as Dayjs | null;
                        if (v && start && v.isBefore(start, 'day'))
                          throw new Error('合同结束不能早于合同开始');
                      },
                    }),
                  ]}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="约定年收益（元）"
                  name="contractAnnualAmount"
                  rules={moneyRules('约定年收益', false)}
                >
                  <DigitsInput inputMode="decimal" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} xl={16}>
                <Form.Item
                  label="收益条款"
                  name="contractTerms"
                  rules={[{ max: 1000, message: '最多 1000 个字' }]}
                >
                  <Input.TextArea rows={2} />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          {assetForm === 'EQUITY' ? (
            <Card size="small" title="股权">
              <Row gutter={16}>
                <Col {...col}>
                  <Form.Item
                    label="入股企业"
                    name="investee"
                    rules={[{ required: true, message: '股权须填写入股企业' }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col {...col}>
                  <Form.Item
                    label="分红协议编号"
                    name="equityAgreementNo"
                    rules={[{ required: true, message: '股权须填写分红协议编号' }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col {...col}>
                  <Form.Item label="协议到期日" name="equityMaturityDate">
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ) : null}
          {klass === 'HOUSEHOLD' ? (
            <Card size="small" title="受益农户">
              <Row gutter={16}>
                <Col {...col}>
                  <Form.Item
                    label="户主姓名"
                    name="householdHeadName"
                    rules={[{ required: true, message: '到户类资产须填写户主姓名' }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col {...col}>
                  <Form.Item
                    label="户编号"
                    name="householdRegistryNo"
                    rules={[{ required: true, message: '到户类资产须填写受益农户的户编号' }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ) : null}

          <Card size="small" title="建设内容与受益">
            <Row gutter={16}>
              <Col xs={24} xl={16}>
                <Form.Item
                  label="建设内容"
                  name="constructionContent"
                  rules={[{ max: 1000, message: '最多 1000 个字' }]}
                >
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item
                  label="建设规模"
                  name="constructionScale"
                  extra="如 硬化道路 3.2 公里"
                  rules={[{ max: 200, message: '最多 200 个字' }]}
                >
                  <Input />
                </Form.Item>
              </Col>
              {BENEFICIARY_FIELDS.map((f) => (
                <Col key={f.name} xs={12} md={8} xl={4}>
                  <Form.Item
                    label={f.label}
                    name={f.name}
                    dependencies={f.dependencies}
                    rules={[({ getFieldValue }) => ({ validator: async () => f.check(getFieldValue) })]}
                  >
                    <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
              <Col xs={24}>
                <Form.Item label="备注" name="remarks" rules={[{ max: 500, message: '最多 500 个字' }]}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          {formError ? (
            <div role="alert" className="form-error">
              {formError}
            </div>
          ) : null}
          <Space>
            <Button type="primary" htmlType="submit" loading={registering || updating}>
              {editing ? '保存' : '登记'}
            </Button>
            <Button onClick={() => void navigate(editing && id ? `/assets/${id}` : '/assets')}>取消</Button>
          </Space>
        </Space>
      </Form>
      <Drawer
        title="登记项目"
        open={projectDrawer}
        onClose={() => setProjectDrawer(false)}
        width={screens.md ? 720 : '100%'}
        destroyOnHidden
      >
        <ProjectForm
          formName="newProject"
          defaultRegion={(form.getFieldValue('locationCode') as string | undefined) ?? user?.regionCode}
          onSaved={(saved) => {
            setNewProject({ value: saved.id, label: projectOptionLabel(saved) });
            form.setFieldValue('projectId', saved.id);
            form.validateFields(['projectId']).catch(() => undefined);
            setProjectDrawer(false);
            void message.success(`已登记项目 ${saved.code}，并选为所属项目`);
          }}
          onCancel={() => setProjectDrawer(false)}
        />
      </Drawer>
    </PageContainer>
  );
}
