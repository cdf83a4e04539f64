import { App, Button, DatePicker, Descriptions, Form, Modal, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { HouseholdStatusKind, MonitoringCategory } from '@web/gql/enums';
import { errorFieldProblems, errorMessage, errorReason } from '@web/shared/api/errors';
import { FormSelect } from '@web/shared/components/FormSelect';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';
import { showFieldProblems } from '@web/shared/components/field-problems';
import { ReasonModal } from '@web/shared/components/ReasonModal';
import { formatDateShort, todayLocalDate } from '@web/shared/format/dates';
import { householdStatusLabels, monitoringCategoryLabels, options } from '@web/shared/labels/enums';
import { statusChangeProblem, statusEndProblem, statusName, type StatusPeriod } from './household-form-rules';

const ChangeHouseholdStatus = graphql(`
  mutation ChangeHouseholdStatus(
    $householdId: ID!
    $status: HouseholdStatusKind!
    $monitoringCategory: MonitoringCategory
    $startedOn: LocalDate!
  ) {
    changeHouseholdStatus(
      householdId: $householdId
      status: $status
      monitoringCategory: $monitoringCategory
      startedOn: $startedOn
    ) {
      id
      version
      currentStatus {
        id
        status
        monitoringCategory
        startedOn
      }
    }
  }
`);

const HouseholdStatusesDoc = graphql(`
  query HouseholdStatuses($id: ID!) {
    household(id: $id) {
      id
      registryNo
      headName
      statusHistory {
        id
        status
        monitoringCategory
        startedOn
        endedOn
        endReason
      }
    }
  }
`);

const EndHouseholdStatus = graphql(`
  mutation EndHouseholdStatus($householdId: ID!, $endedOn: LocalDate!, $reason: String!) {
    endHouseholdStatus(householdId: $householdId, endedOn: $endedOn, reason: $reason) {
      id
      version
      currentStatus {
        id
      }
    }
  }
`);

/** One status period as the list reads it (statusHistory). */
export interface HouseholdStatusPeriod extends StatusPeriod {
  id: string;
  endReason?: string | null;
}

/** A household whose status is shown or changed: who it is and its status history, oldest first. */
export interface HouseholdStatuses {
  id: string;
  registryNo: string;
  headName: string;
  statusHistory: HouseholdStatusPeriod[];
}

/** The API's reasons these forms meet, in their words. */
const REASONS: Record<string, string> = {
  HOUSEHOLD_NOT_FOUND: '找不到该农户，可能已被删除或不在您的管辖范围内',
  HOUSEHOLD_NO_OPEN_STATUS: '该农户已退出监测，没有可终止的户类型；如需重新纳入，请使用“变更状态”',
};

/** The status of a period as a tag: 监测户 in orange, 脱贫户 in blue. */
export function HouseholdStatusTag({ status }: { status: HouseholdStatusKind }) {
  return (
    <StatusTag tone={status === 'MONITORED' ? 'warning' : 'info'}>{householdStatusLabels[status]}</StatusTag>
  );
}

/** The household a form is about, and its current status (or that it has left the monitoring system). */
function HouseholdSummary({ household }: { household: HouseholdStatuses }) {
  const current = household.statusHistory.find((s) => !s.endedOn);
  const last = household.statusHistory[household.statusHistory.length - 1];
  return (
    <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
      <Descriptions.Item label="农户">
        {household.registryNo} {household.headName}
      </Descriptions.Item>
      <Descriptions.Item label="当前户类型">
        {current
          ? `${statusName(current)}，自 ${formatDateShort(current.startedOn)} 起`
          : last?.endedOn
            ? `已于 ${formatDateShort(last.endedOn)} 退出监测`
            : '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}

/**
 * 户类型记录: every status period of a household, oldest first (户类型, 监测类别, 起始日期, 终止日期, 退出原因),
 * for everyone who reads the household; the table scrolls inside its region on a phone. With `canChange`
 * (those who may), 变更状态 and 退出监测 (while a status is open) replace it by their form, and it comes
 * back, read again, once the form is closed.
 */
export function HouseholdStatusDialog({
  household: who,
  canChange,
  onChanged,
  onClose,
}: {
  household: { id: string; registryNo: string; headName: string };
  canChange: boolean;
  onChanged: () => void;
  onClose: () => void;
}) {
  const [mode, setMode] = useState<'history' | 'change' | 'end'>('history');
  const [{ data, fetching, error }, refetch] = useQuery({
    query: HouseholdStatusesDoc,
    variables: { id: who.id },
    requestPolicy: 'network-only',
  });
  const household: HouseholdStatuses = data?.household ?? { ...who, statusHistory: [] };
  const current = household.statusHistory.find((s) => !s.endedOn);
  const back = (changed: boolean) => {
    setMode('history');
    // Read again either way: a refusal may have come from a change made meanwhile by someone else.
    refetch({ requestPolicy: 'network-only' });
    if (changed) onChanged();
  };

  if (mode === 'change') return <ChangeHouseholdStatusModal household={household} onClose={back} />;
  if (mode === 'end') return <EndHouseholdStatusModal household={household} onClose={back} />;
  return (
    <Modal
      title={`${who.registryNo} ${who.headName} 的户类型记录`}
      open
      onCancel={onClose}
      footer={
        <Space wrap style={{ justifyContent: 'flex-end' }}>
          {canChange && data ? (
            <>
              <Button type="primary" onClick={() => setMode('change')}>
                变更状态
              </Button>
              {current ? (
                <Button danger onClick={() => setMode('end')}>
                  退出监测
                </Button>
              ) : null}
            </>
          ) : null}
          <Button onClick={onClose}>关闭</Button>
        </Space>
      }
      width={760}
      destroyOnHidden
    >
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      <div role="region" aria-label="户类型记录" tabIndex={0} style={{ overflowX: 'auto' }}>
        <Table<HouseholdStatusPeriod>
          rowKey="id"
          size="small"
          pagination={false}
          loading={fetching}
          dataSource={household.statusHistory}
          locale={{ emptyText: '暂无户类型记录' }}
          columns={[
            { title: '户类型', key: 'status', render: (_, s) => <HouseholdStatusTag status={s.status} /> },
            {
              title: '监测类别',
              key: 'category',
              render: (_, s) => (s.monitoringCategory ? monitoringCategoryLabels[s.monitoringCategory] : '—'),
            },
            {
              title: '起始日期',
              key: 'startedOn',
              render: (_, s) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateShort(s.startedOn)}</span>,
            },
            {
              title: '终止日期',
              key: 'endedOn',
              render: (_, s) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {s.endedOn ? formatDateShort(s.endedOn) : '至今'}
                </span>
              ),
            },
            {
              title: '退出原因',
              key: 'endReason',
              render: (_, s) => <span style={{ overflowWrap: 'anywhere' }}>{s.endReason ?? ''}</span>,
            },
          ]}
        />
      </div>
    </Modal>
  );
}

interface ChangeForm {
  status: HouseholdStatusKind;
  monitoringCategory?: MonitoringCategory;
  startedOn: Dayjs;
}

/**
 * 变更状态: a new status (and its 监测类别 for a 监测户) from 起始日期; the current status ends the day
 * before, and a household that left the monitoring system re-enters it. The dates are checked as the API
 * checks them before anything is sent; the API stays the judge, its problems shown under their fields.
 */
export function ChangeHouseholdStatusModal({
  household,
  onClose,
}: {
  household: HouseholdStatuses;
  onClose: (changed: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeForm>();
  const [{ fetching }, change] = useMutation(ChangeHouseholdStatus);
  const [formError, setFormError] = useState<string>();
  const inFlight = useRef(false);
  const status = Form.useWatch('status', form);
  const today = todayLocalDate();

  const submit = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const values = await form.validateFields().catch(() => undefined);
      if (!values) return;
      setFormError(undefined);
      const draft: StatusPeriod = {
        status: values.status,
        monitoringCategory: values.status === 'MONITORED' ? (values.monitoringCategory ?? null) : null,
        startedOn: values.startedOn.format('YYYY-MM-DD'),
      };
      const problem = statusChangeProblem(draft, household.statusHistory, today);
      if (problem) {
        form.setFields([{ name: problem.field, errors: [problem.message] }]);
        return;
      }
      const result = await change({
        householdId: household.id,
        status: draft.status,
        monitoringCategory: draft.monitoringCategory ?? undefined,
        startedOn: draft.startedOn,
      });
      if (result.data) {
        void message.success(
          `已将农户 ${household.registryNo} ${household.headName} 变更为${statusName(draft)}`,
        );
        onClose(true);
        return;
      }
      const known = REASONS[errorReason(result.error) ?? ''];
      if (known) return setFormError(known);
      const problems = errorFieldProblems(result.error);
      const unshown = showFieldProblems(form, 'changeHouseholdStatus', problems);
      setFormError(
        problems.length > 0 && unshown.length === 0
          ? '未能变更：请按标出的栏目修改'
          : errorMessage(result.error),
      );
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <Modal
      title="变更状态"
      open
      okText="保存"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <HouseholdSummary household={household} />
      <Form<ChangeForm>
        name="changeHouseholdStatus"
        form={form}
        layout="vertical"
        initialValues={{ startedOn: dayjs(today) }}
      >
        <Form.Item label="新户类型" name="status" rules={[{ required: true, message: '请选择新户类型' }]}>
          <FormSelect options={options(householdStatusLabels)} placeholder="请选择" />
        </Form.Item>
        {status === 'MONITORED' ? (
          <Form.Item
            label="监测类别"
            name="monitoringCategory"
            rules={[{ required: true, message: '监测户须选择监测类别' }]}
          >
            <FormSelect options={options(monitoringCategoryLabels)} placeholder="请选择" />
          </Form.Item>
        ) : null}
        <Form.Item
          label="起始日期"
          name="startedOn"
          extra="新户类型自该日起生效，原户类型截至前一日"
          dependencies={['status', 'monitoringCategory']}
          rules={[
            { required: true, message: '请选择起始日期' },
            ({ getFieldValue }) => ({
              validator: async (_, value?: Dayjs) => {
                const kind = getFieldValue('status') as HouseholdStatusKind | undefined;
                if (!value || !kind) return;
                const category = getFieldValue('monitoringCategory') as MonitoringCategory | undefined;
                const problem = statusChangeProblem(
                  {
                    status: kind,
                    monitoringCategory: kind === 'MONITORED' ? (category ?? null) : null,
                    startedOn: value.format('YYYY-MM-DD'),
                  },
                  household.statusHistory,
                  today,
                );
                if (problem?.field === 'startedOn') throw new Error(problem.message);
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {formError ? (
          <div role="alert" className="form-error">
            {formError}
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}

interface EndForm {
  endedOn: Dayjs;
  reason: string;
}

/**
 * 退出监测: the current status ends on 终止日期 (the last day in the monitoring system), with the reason.
 * The household stays eligible for income distribution until the end of that month.
 */
export function EndHouseholdStatusModal({
  household,
  onClose,
}: {
  household: HouseholdStatuses;
  onClose: (ended: boolean) => void;
}) {
  const [, end] = useMutation(EndHouseholdStatus);
  const today = todayLocalDate();
  const current = household.statusHistory.find((s) => !s.endedOn);

  return (
    <ReasonModal<EndForm>
      title="退出监测"
      okText="确认退出"
      danger
      formName="endHouseholdStatus"
      initialValues={{ endedOn: dayjs(today) }}
      fields={
        <Form.Item
          label="终止日期"
          name="endedOn"
          extra="在监测系统中的最后一天；当月仍可参与收益分配"
          rules={[
            { required: true, message: '请选择终止日期' },
            {
              validator: async (_, value?: Dayjs) => {
                const problem =
                  value && current ? statusEndProblem(value.format('YYYY-MM-DD'), current, today) : null;
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      }
      reason={{
        name: 'reason',
        label: '退出原因',
        extra: '如：风险消除、自然消亡',
        requiredMessage: '请填写退出原因',
        max: 500,
        maxMessage: '退出原因最多 500 个字',
      }}
      reasons={REASONS}
      fieldProblemsMessage="未能退出监测：请按标出的栏目修改"
      successMessage={`农户 ${household.registryNo} ${household.headName} 已退出监测`}
      send={(reason, values) =>
        end({ householdId: household.id, endedOn: values.endedOn.format('YYYY-MM-DD'), reason })
      }
      onClose={onClose}
    >
      <HouseholdSummary household={household} />
    </ReasonModal>
  );
}
