import { App, Col, DatePicker, Form, Input, Modal, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import type { HouseholdStatusKind, MonitoringCategory } from '@web/gql/enums';
import { errorFields, errorMessage, errorReason } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { useSession } from '@web/shared/auth/session';
import { FormSelect } from '@web/shared/components/FormSelect';
import { todayLocalDate } from '@web/shared/format/dates';
import { householdStatusLabels, monitoringCategoryLabels, options } from '@web/shared/labels/enums';
import { RegionSelect } from '@web/shared/regions/RegionSelect';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { idNumberProblem, phoneProblem, registryNoProblem } from './household-form-rules';
import { DigitsInput } from '@web/shared/components/DigitsInput';

const RegisterHousehold = graphql(`
  mutation RegisterHousehold($input: RegisterHouseholdInput!) {
    registerHousehold(input: $input) {
      id
      registryNo
      headName
    }
  }
`);

const UpdateHousehold = graphql(`
  mutation UpdateHousehold($id: ID!, $expectedVersion: Int!, $changes: HouseholdChangesInput!) {
    updateHousehold(id: $id, expectedVersion: $expectedVersion, changes: $changes) {
      id
      registryNo
      headName
      version
    }
  }
`);

/** A household as the list read it, to edit. */
export interface EditableHousehold {
  id: string;
  version: number;
  registryNo: string;
  headName: string;
  villageCode: string;
  membersCount: number;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
}

interface HouseholdForm {
  registryNo: string;
  headName: string;
  villageCode: string;
  membersCount: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  status: HouseholdStatusKind;
  monitoringCategory?: MonitoringCategory;
  startedOn: Dayjs;
}

/**
 * The village of a household that cannot be chosen here (the clerk's own, or the household's when it is
 * edited): shown as read-only text, which keeps its contrast, unlike a disabled select.
 */
function FixedVillage({ id, value }: { id?: string; value?: string }) {
  const name = useRegionNames();
  return <Input id={id} readOnly value={value ? `${name(value)}（${value}）` : ''} />;
}

/** The API's reasons this form can meet, in the words of the form. */
const REASONS: Record<string, { field?: keyof HouseholdForm; message: string }> = {
  HOUSEHOLD_DUPLICATE_REGISTRY_NO: { field: 'registryNo', message: '该户籍编号已登记' },
  HOUSEHOLD_NOT_FOUND: { message: '找不到该农户，可能已被删除或不在您的管辖范围内' },
};

const trimmed = (value: string | undefined): string | undefined => value?.trim() || undefined;

/**
 * 登记农户 (no household) or 编辑农户 (a household). Mount it only while it is open: a registration
 * carries one idempotency key for the life of the form, sent with every attempt (a double click, a retry
 * after a lost answer), so the API registers the household once. An edit sends only the fields that
 * changed, with the version it read.
 */
export function HouseholdFormModal({
  household,
  onClose,
}: {
  household?: EditableHousehold;
  onClose: (saved: boolean) => void;
}) {
  const { message } = App.useApp();
  const { user } = useSession();
  const [form] = Form.useForm<HouseholdForm>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [{ fetching: registering }, register] = useMutation(RegisterHousehold);
  const [{ fetching: updating }, update] = useMutation(UpdateHousehold);
  const [formError, setFormError] = useState<string>();
  const inFlight = useRef(false);
  const status = Form.useWatch('status', form);
  const today = todayLocalDate();
  const isClerk = user?.role === 'VILLAGE_CLERK';
  const title = household ? '编辑农户' : '登记农户';

  const showError = (error: Parameters<typeof errorMessage>[0]) => {
    const known = REASONS[errorReason(error) ?? ''];
    if (known?.field) {
      form.setFields([{ name: known.field, errors: [known.message] }]);
      return;
    }
    const text = known?.message ?? errorMessage(error);
    const fields = errorFields(error).filter((f) => f in form.getFieldsValue(true));
    if (fields.length > 0)
      form.setFields(
        fields.map((name) => ({ name: name as keyof HouseholdForm, errors: [text ?? '填写有误'] })),
      );
    else setFormError(text);
  };

  const submit = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const values = await form.validateFields().catch(() => undefined);
      if (!values) return;
      setFormError(undefined);
      if (!household) {
        const result = await register({
          input: {
            registryNo: values.registryNo.trim(),
            headName: values.headName.trim(),
            villageCode: values.villageCode,
            membersCount: Number(values.membersCount),
            idNumber: trimmed(values.idNumber)?.toUpperCase(),
            phone: trimmed(values.phone),
            address: trimmed(values.address),
            status: values.status,
            monitoringCategory: values.status === 'MONITORED' ? values.monitoringCategory : undefined,
            startedOn: values.startedOn.format('YYYY-MM-DD'),
            idempotencyKey,
          },
        });
        if (result.data) {
          const h = result.data.registerHousehold;
          void message.success(`已登记农户 ${h.registryNo} ${h.headName}`);
          onClose(true);
          return;
        }
        showError(result.error);
        return;
      }
      const changes: Record<string, string | number | null> = {};
      if (values.headName.trim() !== household.headName) changes.headName = values.headName.trim();
      if (Number(values.membersCount) !== household.membersCount)
        changes.membersCount = Number(values.membersCount);
      for (const key of ['idNumber', 'phone', 'address'] as const) {
        let next = trimmed(values[key]) ?? null;
        if (key === 'idNumber' && next) next = next.toUpperCase();
        if (next !== household[key]) changes[key] = next;
      }
      if (Object.keys(changes).length === 0) {
        onClose(false);
        return;
      }
      const result = await update({ id: household.id, expectedVersion: household.version, changes });
      if (result.data) {
        const h = result.data.updateHousehold;
        void message.success(`已保存农户 ${h.registryNo} ${h.headName}`);
        onClose(true);
        return;
      }
      showError(result.error);
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <Modal
      title={title}
      open
      okText="保存"
      cancelText="取消"
      confirmLoading={registering || updating}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<HouseholdForm>
        name={household ? 'editHousehold' : 'registerHousehold'}
        form={form}
        layout="vertical"
        initialValues={
          household
            ? {
                registryNo: household.registryNo,
                headName: household.headName,
                villageCode: household.villageCode,
                membersCount: String(household.membersCount),
                idNumber: household.idNumber ?? undefined,
                phone: household.phone ?? undefined,
                address: household.address ?? undefined,
              }
            : { villageCode: isClerk ? user?.regionCode : undefined, startedOn: dayjs(today) }
        }
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              label="户籍编号"
              name="registryNo"
              rules={[
                { required: true, message: '请输入户籍编号' },
                {
                  validator: async (_, value?: string) => {
                    const problem = value ? registryNoProblem(value) : null;
                    if (problem) throw new Error(problem);
                  },
                },
              ]}
            >
              <Input disabled={Boolean(household)} autoComplete="off" placeholder="如 500101151201-H001" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label="户主姓名"
              name="headName"
              rules={[
                { required: true, whitespace: true, message: '请输入户主姓名' },
                { max: 100, message: '户主姓名最多 100 个字' },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              label="所在村"
              name="villageCode"
              rules={[{ required: true, message: '请选择所在村' }]}
            >
              {isClerk || household ? (
                <FixedVillage />
              ) : (
                <RegionSelect level="VILLAGE" placeholder="请选择" />
              )}
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label="家庭人口"
              name="membersCount"
              rules={[
                { required: true, message: '请输入家庭人口' },
                {
                  validator: async (_, value?: string) => {
                    if (!value) return;
                    const n = Number(value.trim());
                    if (!/^\d+$/.test(value.trim()) || n < 1 || n > 30)
                      throw new Error('家庭人口须为 1 到 30 之间的整数');
                  },
                },
              ]}
            >
              <DigitsInput inputMode="numeric" autoComplete="off" suffix="人" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="身份证号"
          name="idNumber"
          extra="户主的 18 位公民身份号码"
          rules={[
            {
              validator: async (_, value?: string) => {
                const problem = value?.trim() ? idNumberProblem(value, today) : null;
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <DigitsInput autoComplete="off" maxLength={18} />
        </Form.Item>
        <Form.Item
          label="联系电话"
          name="phone"
          rules={[
            {
              validator: async (_, value?: string) => {
                const problem = value?.trim() ? phoneProblem(value) : null;
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <DigitsInput inputMode="tel" autoComplete="off" maxLength={20} />
        </Form.Item>
        <Form.Item label="住址" name="address" rules={[{ max: 200, message: '住址最多 200 个字' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        {household ? null : (
          <>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item label="户类型" name="status" rules={[{ required: true, message: '请选择户类型' }]}>
                  <FormSelect options={options(householdStatusLabels)} placeholder="请选择" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  label="认定日期"
                  name="startedOn"
                  rules={[
                    { required: true, message: '请选择认定日期' },
                    {
                      validator: async (_, value?: Dayjs) => {
                        if (value && value.format('YYYY-MM-DD') > today)
                          throw new Error('认定日期不能晚于今天');
                      },
                    },
                  ]}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            {status === 'MONITORED' ? (
              <Form.Item
                label="监测类别"
                name="monitoringCategory"
                rules={[{ required: true, message: '监测户须选择监测类别' }]}
              >
                <FormSelect options={options(monitoringCategoryLabels)} placeholder="请选择" />
              </Form.Item>
            ) : null}
          </>
        )}
        {formError ? (
          <div role="alert" className="form-error">
            {formError}
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}
