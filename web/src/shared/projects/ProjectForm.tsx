import { Button, Card, Col, DatePicker, Form, Input, Row, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { FundSource, ProjectType } from '@web/gql/enums';
import type { ProjectChangesInput, RegisterProjectInput } from '@web/gql/graphql';
import { errorFieldProblems, errorMessage, errorReason } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { useSession } from '@web/shared/auth/session';
import { DigitsInput } from '@web/shared/components/DigitsInput';
import { FormSelect } from '@web/shared/components/FormSelect';
import { showFieldProblems } from '@web/shared/components/field-problems';
import { todayLocalDate } from '@web/shared/format/dates';
import { fenOfYuan, formatMoney, yuanOfFen } from '@web/shared/format/money';
import { options, projectTypeLabels } from '@web/shared/labels/enums';
import { FundSourceFields, type FundSourceRow } from './FundSourceFields';
import { projectChanges, projectInput, type ProjectValues } from './project-form-values';

const RegisterProject = graphql(`
  mutation RegisterProject($input: RegisterProjectInput!) {
    registerProject(input: $input) {
      id
      code
      name
      version
    }
  }
`);

const UpdateProject = graphql(`
  mutation UpdateProject($id: ID!, $expectedVersion: Int!, $changes: ProjectChangesInput!) {
    updateProject(id: $id, expectedVersion: $expectedVersion, changes: $changes) {
      id
      code
      name
      version
    }
  }
`);

const ProjectFormRegions = graphql(`
  query ProjectFormRegions {
    regions {
      code
      name
      parentCode
      retiredOn
    }
  }
`);

/** The project an edit starts from, as `project(id)` read it. */
export type EditedProject = ProjectValues & {
  id: string;
  version: number;
  /** What the project's assets use of each fund source (yuan): an edit may not go below it. */
  used: Map<FundSource, string>;
};

/** What the API answered for the project saved. */
export interface SavedProject {
  id: string;
  code: string;
  name: string;
}

interface FormState {
  code?: string;
  name?: string;
  year?: string;
  type?: ProjectType;
  implementingUnit?: string;
  regionCode?: string;
  completionDate?: Dayjs | null;
  acceptanceDate?: Dayjs | null;
  fundSources?: FundSourceRow[];
}

/** The API's rule for a project code: 1–64 letters, digits, . _ / -, the first a letter or digit. */
const CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

const toValues = (s: FormState): ProjectValues => ({
  code: s.code ?? '',
  name: s.name ?? '',
  year: Number(s.year),
  type: s.type!,
  implementingUnit: s.implementingUnit ?? '',
  regionCode: s.regionCode!,
  completionDate: s.completionDate ? s.completionDate.format('YYYY-MM-DD') : null,
  acceptanceDate: s.acceptanceDate ? s.acceptanceDate.format('YYYY-MM-DD') : null,
  fundSources: (s.fundSources ?? []).map((r) => ({ source: r.source!, amount: (r.amount ?? '').trim() })),
});

const toForm = (p: ProjectValues): FormState => ({
  ...p,
  year: String(p.year),
  completionDate: p.completionDate ? dayjs(p.completionDate) : null,
  acceptanceDate: p.acceptanceDate ? dayjs(p.acceptanceDate) : null,
});

/**
 * 登记项目 (registerProject) or, given `project`, 编辑项目 (updateProject with the version it read): code,
 * name, year, type, implementing unit, where the project was carried out (the user's region or one below
 * it), dates, and the fund sources whose sum is its investment. Each rule of the API is checked before
 * sending, with a Chinese message under the field; what the API still refuses is said under the field it
 * names, in the API's own words. Used by the 项目 pages and, in a drawer, by the asset form.
 */
export function ProjectForm({
  formName = 'project',
  project,
  defaultRegion,
  onSaved,
  onCancel,
}: {
  formName?: string;
  project?: EditedProject;
  defaultRegion?: string;
  onSaved: (saved: SavedProject) => void;
  onCancel: () => void;
}) {
  const { user } = useSession();
  const [form] = Form.useForm<FormState>();
  const [formError, setFormError] = useState<string>();
  const inFlight = useRef(false);
  // One key for the form's life: a retry after a lost answer registers the project once.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [{ fetching: registering }, register] = useMutation(RegisterProject);
  const [{ fetching: updating }, update] = useMutation(UpdateProject);
  const [{ data: regionData }] = useQuery({ query: ProjectFormRegions, requestPolicy: 'cache-first' });

  // Where the project may be: the user's region or one below it (not a retired village).
  const regions = useMemo(() => {
    const all = regionData?.regions ?? [];
    const names = new Map(all.map((r) => [r.code, r.name]));
    const own = user?.regionCode ?? '';
    return all
      .filter((r) => r.code.startsWith(own) && (!r.retiredOn || r.code === project?.regionCode))
      .map((r) => ({
        value: r.code,
        // A village two levels below (a district's) is named with its township: 龙驹镇 梧桐村.
        label:
          r.parentCode && r.parentCode !== own && r.code !== own
            ? `${names.get(r.parentCode) ?? ''} ${r.name}`.trim()
            : r.name,
      }));
  }, [regionData, user, project?.regionCode]);

  const thisYear = Number(todayLocalDate().slice(0, 4));
  const today = dayjs(todayLocalDate());
  const notFuture = (label: string) => ({
    validator: async (_: unknown, v?: Dayjs | null) => {
      if (v && v.isAfter(today, 'day')) throw new Error(`${label}不能晚于今天`);
    },
  });
  const keptDate = (label: string, was: string | null | undefined) => ({
    validator: async (_: unknown, v?: Dayjs | null) => {
      if (was && !v) throw new Error(`已登记的${label}不能清空，可改为其他日期`);
    },
  });

  const submit = async (state: FormState) => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      setFormError(undefined);
      const values = toValues(state);
      let saved: SavedProject | undefined;
      let error;
      if (project) {
        const changes = projectChanges(project, values);
        if (Object.keys(changes).length === 0) {
          onSaved(project);
          return;
        }
        const result = await update({
          id: project.id,
          expectedVersion: project.version,
          changes: changes as ProjectChangesInput,
        });
        saved = result.data?.updateProject;
        error = result.error;
      } else {
        const result = await register({
          input: { ...(projectInput(values) as unknown as RegisterProjectInput), idempotencyKey },
        });
        saved = result.data?.registerProject;
        error = result.error;
      }
      if (saved) {
        onSaved(saved);
        return;
      }
      // For a code already taken, the console's sentence (该项目编号已被使用) says more than the field's 已存在.
      const taken = errorReason(error) === 'PROJECT_DUPLICATE_CODE';
      const problems = errorFieldProblems(error).map((p) =>
        taken && p.name === 'code' ? { ...p, message: errorMessage(error) ?? p.message } : p,
      );
      const unshown = showFieldProblems(form, formName, problems);
      if (problems.length === 0 || unshown.length > 0) setFormError(errorMessage(error));
    } finally {
      inFlight.current = false;
    }
  };

  const col = { xs: 24, md: 12 };
  return (
    <Form<FormState>
      name={formName}
      form={form}
      layout="vertical"
      scrollToFirstError
      initialValues={
        project
          ? toForm(project)
          : {
              regionCode: defaultRegion ?? (user?.role === 'VILLAGE_CLERK' ? user.regionCode : undefined),
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
                label="项目编号"
                name="code"
                extra="全区唯一，如 WZXM-2025-001"
                rules={[
                  { required: true, whitespace: true, message: '请输入项目编号' },
                  {
                    validator: async (_, v?: string) => {
                      if (v?.trim() && !CODE.test(v.trim()))
                        throw new Error('项目编号须为 1–64 位字母、数字或 . _ / -，以字母或数字开头');
                    },
                  },
                ]}
              >
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                label="项目名称"
                name="name"
                rules={[
                  { required: true, whitespace: true, message: '请输入项目名称' },
                  { max: 200, message: '项目名称最多 200 个字' },
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                label="项目年度"
                name="year"
                rules={[
                  { required: true, message: '请输入项目年度' },
                  {
                    validator: async (_, v?: string) => {
                      if (!v) return;
                      const year = /^\d{4}$/.test(v.trim()) ? Number(v) : NaN;
                      if (!(year >= 2000 && year <= thisYear))
                        throw new Error(`项目年度须为 2000 至 ${thisYear} 年之间的年份`);
                    },
                  },
                ]}
              >
                <DigitsInput
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={4}
                  placeholder={`如 ${thisYear}`}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label="项目类型" name="type" rules={[{ required: true, message: '请选择项目类型' }]}>
                <FormSelect options={options(projectTypeLabels)} placeholder="请选择" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                label="实施单位"
                name="implementingUnit"
                rules={[
                  { required: true, whitespace: true, message: '请输入实施单位' },
                  { max: 200, message: '实施单位最多 200 个字' },
                ]}
              >
                <Input placeholder="如 龙驹镇人民政府" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                label="所在区域"
                name="regionCode"
                extra="项目实施的村、乡镇或区"
                rules={[{ required: true, message: '请选择所在区域' }]}
              >
                <FormSelect showSearch optionFilterProp="label" options={regions} placeholder="请选择" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="建成日期"
                name="completionDate"
                dependencies={['year']}
                rules={[
                  notFuture('建成日期'),
                  keptDate('建成日期', project?.completionDate),
                  ({ getFieldValue }) => ({
                    validator: async (_, v?: Dayjs | null) => {
                      const year = Number(getFieldValue('year'));
                      if (v && year >= 2000 && v.year() < year)
                        throw new Error(`建成日期不能早于项目年度 ${year} 年`);
                    },
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="验收日期"
                name="acceptanceDate"
                dependencies={['completionDate']}
                rules={[
                  notFuture('验收日期'),
                  keptDate('验收日期', project?.acceptanceDate),
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
          </Row>
        </Card>
        <Card size="small" title="资金来源">
          <FundSourceFields
            id={`${formName}_fundSources`}
            hint={
              project
                ? (source) =>
                    `该项目的资产已用 ${formatMoney(project.used.get(source) ?? '0.00')}，不能低于此数`
                : undefined
            }
            rules={[
              {
                validator: async (_, rows?: FundSourceRow[]) => {
                  if ((rows ?? []).length === 0) throw new Error('请至少填写一项资金来源');
                },
              },
            ]}
          />
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) => {
              const rows = (getFieldValue('fundSources') ?? []) as FundSourceRow[];
              const total = rows.reduce((sum, r) => sum + (fenOfYuan(r?.amount) ?? 0n), 0n);
              return (
                <Typography.Paragraph style={{ margin: '12px 0 0' }}>
                  项目总投资（各资金来源合计）：<span className="money">{formatMoney(yuanOfFen(total))}</span>
                </Typography.Paragraph>
              );
            }}
          </Form.Item>
        </Card>
        {formError ? (
          <div role="alert" className="form-error">
            {formError}
          </div>
        ) : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={registering || updating}>
            {project ? '保存' : '登记'}
          </Button>
          <Button onClick={onCancel}>取消</Button>
        </Space>
      </Space>
    </Form>
  );
}
