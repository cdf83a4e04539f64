import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import type { ContractKind, PaymentSchedule } from '@web/gql/enums';
import { errorMessage } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { AssetSelect } from '@web/shared/assets/AssetSelect';
import { useSession } from '@web/shared/auth/session';
import { FormSelect } from '@web/shared/components/FormSelect';
import { EvidenceUpload } from '@web/shared/files/EvidenceUpload';
import { isMoneyInput } from '@web/shared/format/money';
import { contractKindLabels, paymentScheduleLabels } from '@web/shared/labels/contracts';
import { options } from '@web/shared/labels/enums';
import { fieldProblems } from './form-errors';
import { OperatorSelect } from './OperatorSelect';
import { DigitsInput } from '@web/shared/components/DigitsInput';

/** What a contract may let: operating assets (the filter of the asset choice; a stable object). */
const OPERATING = { class: ['OPERATING' as const] };

const SignContract = graphql(`
  mutation SignContract($input: SignContractInput!) {
    signContract(input: $input) {
      id
      code
    }
  }
`);

interface SignForm {
  code: string;
  kind: ContractKind;
  ownerName: string;
  operatorId: string;
  assetIds: string[];
  startDate: Dayjs;
  endDate: Dayjs;
  amount: string;
  schedule: PaymentSchedule;
  guaranteedMinimum?: string;
  equityPrincipal?: string;
  equityMaturityDate?: Dayjs;
  evidenceFileIds?: string[];
  note?: string;
}

const DAY = 'YYYY-MM-DD';

const money = (required: string | null) => ({
  validator: async (_: unknown, value?: string) => {
    if (!value?.trim()) {
      if (required) throw new Error(required);
      return;
    }
    if (!isMoneyInput(value.trim())) throw new Error('金额须为数字，最多两位小数，如 1200 或 1200.50');
  },
});

/**
 * 登记合同: a village clerk records a contract signed with an operator for operating assets of the village.
 * One idempotency key per opened dialog, so a double click or a retry records the contract once.
 */
export function SignContractModal({ onClose }: { onClose: (contractId?: string) => void }) {
  const { user } = useSession();
  const [form] = Form.useForm<SignForm>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [{ fetching }, sign] = useMutation(SignContract);
  const [formError, setFormError] = useState<string>();
  const inFlight = useRef(false);
  const kind = Form.useWatch('kind', form);

  const submit = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const values = await form.validateFields().catch(() => undefined);
      if (!values) return;
      setFormError(undefined);
      const equity = values.kind === 'EQUITY';
      const result = await sign({
        input: {
          code: values.code.trim(),
          kind: values.kind,
          ownerName: values.ownerName.trim(),
          operatorId: values.operatorId,
          assetIds: values.assetIds,
          startDate: values.startDate.format(DAY),
          endDate: values.endDate.format(DAY),
          amount: values.amount.trim(),
          schedule: values.schedule,
          guaranteedMinimum: values.guaranteedMinimum?.trim() || undefined,
          equityPrincipal: equity ? values.equityPrincipal?.trim() : undefined,
          equityMaturityDate: equity ? values.equityMaturityDate?.format(DAY) : undefined,
          evidenceFileIds: values.evidenceFileIds?.length ? values.evidenceFileIds : undefined,
          note: values.note?.trim() || undefined,
          idempotencyKey,
        },
      });
      if (result.data) {
        onClose(result.data.signContract.id);
        return;
      }
      const problems = fieldProblems(result.error).filter((p) => p.name in form.getFieldsValue(true));
      if (problems.length > 0) {
        form.setFields(problems.map((p) => ({ name: p.name as keyof SignForm, errors: [p.message] })));
      } else setFormError(errorMessage(result.error));
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <Modal
      title="登记合同"
      open
      okText="保存"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose()}
      destroyOnHidden
    >
      <Form<SignForm>
        name="signContract"
        form={form}
        layout="vertical"
        initialValues={{ schedule: 'ANNUAL' }}
      >
        <Form.Item
          label="合同编号"
          name="code"
          rules={[
            { required: true, whitespace: true, message: '请输入合同编号' },
            { max: 50, message: '合同编号最多 50 个字符' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="合同类型" name="kind" rules={[{ required: true, message: '请选择合同类型' }]}>
          <FormSelect options={options(contractKindLabels)} placeholder="请选择" />
        </Form.Item>
        <Form.Item
          label="甲方（发包方）"
          name="ownerName"
          extra="一般为村股份经济合作社"
          rules={[
            { required: true, whitespace: true, message: '请输入甲方名称' },
            { max: 200, message: '最多 200 个字' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="经营主体" name="operatorId" rules={[{ required: true, message: '请选择经营主体' }]}>
          <OperatorSelect />
        </Form.Item>
        <Form.Item
          label="资产"
          name="assetIds"
          extra="本村的经营性资产，可选多项"
          rules={[{ required: true, message: '请至少选择一项资产' }]}
        >
          <AssetSelect<string[]> mode="multiple" filter={OPERATING} />
        </Form.Item>
        <Form.Item label="起始日期" name="startDate" rules={[{ required: true, message: '请选择起始日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="终止日期"
          name="endDate"
          dependencies={['startDate']}
          rules={[
            { required: true, message: '请选择终止日期' },
            ({ getFieldValue }) => ({
              validator: async (_, value?: Dayjs) => {
                const start = getFieldValue('startDate') as Dayjs | undefined;
                if (value && start && !value.isAfter(start, 'day')) throw new Error('终止日期须晚于起始日期');
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="每期金额（元）"
          name="amount"
          extra="一次性支付时填全部金额"
          rules={[money('请输入每期金额')]}
        >
          <DigitsInput inputMode="decimal" autoComplete="off" />
        </Form.Item>
        <Form.Item label="支付周期" name="schedule" rules={[{ required: true, message: '请选择支付周期' }]}>
          <FormSelect options={options(paymentScheduleLabels)} />
        </Form.Item>
        <Form.Item
          label="保底收益（元/年）"
          name="guaranteedMinimum"
          extra="没有保底则不填"
          rules={[money(null)]}
        >
          <DigitsInput inputMode="decimal" autoComplete="off" />
        </Form.Item>
        {kind === 'EQUITY' ? (
          <>
            <Form.Item
              label="入股本金（元）"
              name="equityPrincipal"
              rules={[money('入股合同须填写入股本金')]}
            >
              <DigitsInput inputMode="decimal" autoComplete="off" />
            </Form.Item>
            <Form.Item
              label="本金到期日"
              name="equityMaturityDate"
              rules={[{ required: true, message: '入股合同须填写本金到期日' }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item label="证明材料" name="evidenceFileIds" extra="签订的合同、村民会议决议等">
          <EvidenceUpload label="证明材料" regionCode={user?.regionCode} />
        </Form.Item>
        <Form.Item label="备注" name="note" rules={[{ max: 500, message: '最多 500 个字' }]}>
          <Input.TextArea rows={2} />
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
