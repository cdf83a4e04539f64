import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';
import { DigitsInput } from '@web/shared/components/DigitsInput';
import { EvidenceUpload } from '@web/shared/files/EvidenceUpload';
import { useUploadsInFlight } from '@web/shared/files/useUploadsInFlight';
import { formatDate, todayLocalDate } from '@web/shared/format/dates';
import { formatMoney, isMoneyInput, isPositiveMoney } from '@web/shared/format/money';
import { fieldProblems } from './form-errors';

const RecordPrincipalReturn = graphql(`
  mutation RecordPrincipalReturn($id: ID!, $v: Int, $input: ReturnPrincipalInput!) {
    recordPrincipalReturn(id: $id, expectedVersion: $v, input: $input) {
      id
      version
      principalReturnedOn
      principalReturnedAmount
    }
  }
`);

interface ReturnForm {
  returnedOn?: Dayjs;
  amount?: string;
  evidenceFileIds?: string[];
  note?: string;
}

/**
 * 登记本金收回: the principal of an equity stake (入股) came back to the village — the day, the amount in
 * yuan, the receipt or resolution, a note. Recorded once, on the version of the contract read.
 */
export function PrincipalReturnModal({
  contract: c,
  onClose,
}: {
  contract: {
    id: string;
    version: number;
    regionCode: string;
    startDate: string;
    equityPrincipal?: string | null;
    equityMaturityDate?: string | null;
  };
  onClose: (done: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ReturnForm>();
  const [{ fetching }, record] = useMutation(RecordPrincipalReturn);
  const [formError, setFormError] = useState<string>();
  const { uploading, onUploadingChange } = useUploadsInFlight();
  const inFlight = useRef(false);
  const today = dayjs(todayLocalDate());

  const submit = async () => {
    if (inFlight.current) return;
    if (uploading) return setFormError('凭证正在上传，请上传完成后再保存');
    inFlight.current = true;
    try {
      const v = await form.validateFields().catch(() => undefined);
      if (!v) return;
      setFormError(undefined);
      const result = await record({
        id: c.id,
        v: c.version,
        input: {
          returnedOn: v.returnedOn!.format('YYYY-MM-DD'),
          amount: v.amount!.replace(/,/g, '').trim(),
          evidenceFileIds: v.evidenceFileIds?.length ? v.evidenceFileIds : undefined,
          note: v.note?.trim() || undefined,
        },
      });
      if (result.data) {
        void message.success('已登记本金收回');
        onClose(true);
        return;
      }
      const problems = fieldProblems(result.error).filter((p) => p.name in form.getFieldsValue(true));
      if (problems.length > 0) {
        form.setFields(problems.map((p) => ({ name: p.name as keyof ReturnForm, errors: [p.message] })));
      } else setFormError(errorMessage(result.error));
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <Modal
      title="登记本金收回"
      open
      okText="保存"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Typography.Paragraph>
        入股本金 <span className="money">{formatMoney(c.equityPrincipal)}</span>
        {c.equityMaturityDate ? `，${formatDate(c.equityMaturityDate)} 到期` : ''}
        。本金收回只登记一次，登记后不能修改。
      </Typography.Paragraph>
      <Form<ReturnForm>
        name="principalReturn"
        form={form}
        layout="vertical"
        initialValues={{ returnedOn: today, amount: c.equityPrincipal ?? undefined, evidenceFileIds: [] }}
      >
        <Form.Item
          label="收回日期"
          name="returnedOn"
          extra={`本金到账的日期，在 ${formatDate(c.startDate)} 至今天之间`}
          rules={[
            { required: true, message: '请选择收回日期' },
            {
              validator: async (_, value?: Dayjs) => {
                if (value && value.isAfter(today, 'day')) throw new Error('收回日期不能晚于今天');
              },
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="收回金额（元）"
          name="amount"
          rules={[
            { required: true, message: '请填写收回金额' },
            {
              validator: async (_, value?: string) => {
                const text = value?.replace(/,/g, '').trim();
                if (!text) return;
                if (!isMoneyInput(text) || !isPositiveMoney(text))
                  throw new Error('金额须大于零，最多两位小数，如 200000 或 200000.50');
              },
            },
          ]}
        >
          <DigitsInput inputMode="decimal" autoComplete="off" />
        </Form.Item>
        <Form.Item label="凭证" name="evidenceFileIds" extra="可选：收款凭证、决议、协议等">
          <EvidenceUpload label="凭证" regionCode={c.regionCode} onUploadingChange={onUploadingChange} />
        </Form.Item>
        <Form.Item label="说明" name="note" rules={[{ max: 500, message: '最多 500 个字' }]}>
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
