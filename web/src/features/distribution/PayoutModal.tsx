import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { todayLocalDate } from '@web/shared/format/dates';
import { formatMoney, isMoneyInput } from '@web/shared/format/money';
import { EvidenceUpload } from '@web/shared/files/EvidenceUpload';
import { withinLimit } from './plan-money';
import { DigitsInput } from '@web/shared/components/DigitsInput';

const RecordPayoutDoc = graphql(`
  mutation RecordPayout($input: RecordPayoutInput!) {
    recordPayout(input: $input) {
      id
      status
      version
    }
  }
`);

/** What a payout is for: an allocation, and the household when the allocation has beneficiaries. */
export interface PayoutTarget {
  planId: string;
  allocationId: string;
  householdId?: string;
  /** "张三（…） · 公益性岗位工资", or the allocation's channel. */
  what: string;
  /** What is left to pay, in yuan. */
  left: string;
}

interface PayoutValues {
  amount: string;
  paidOn: Dayjs;
  bankReference?: string;
  evidenceFileIds?: string[];
  note?: string;
}

/**
 * 发放: records money paid to a household (or out of an allocation without beneficiaries), at most what
 * is left of its share. Mount it only while open: each instance carries one idempotency key, sent with
 * every attempt, so a double click or a retry pays once.
 */
export function PayoutModal({ target, onClose }: { target: PayoutTarget; onClose: (paid: boolean) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PayoutValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [{ fetching }, record] = useMutation(RecordPayoutDoc);
  const [formError, setFormError] = useState<string>();
  const inFlight = useRef(false);
  const today = dayjs(todayLocalDate());

  const submit = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const v = await form.validateFields().catch(() => undefined);
      if (!v) return;
      setFormError(undefined);
      const result = await record({
        input: {
          planId: target.planId,
          allocationId: target.allocationId,
          householdId: target.householdId,
          amount: v.amount.trim(),
          paidOn: v.paidOn.format('YYYY-MM-DD'),
          bankReference: v.bankReference?.trim() || undefined,
          evidenceFileIds: v.evidenceFileIds?.length ? v.evidenceFileIds : undefined,
          note: v.note?.trim() || undefined,
          idempotencyKey,
        },
      });
      if (result.data) {
        void message.success(`已发放 ${formatMoney(v.amount.trim())}`);
        onClose(true);
        return;
      }
      setFormError(errorMessage(result.error));
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <Modal
      title="登记发放"
      open
      okText="保存"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <p>
        {target.what}：尚未发放 {formatMoney(target.left)}
      </p>
      <Form<PayoutValues>
        name="recordPayout"
        form={form}
        layout="vertical"
        initialValues={{ amount: target.left, paidOn: today }}
      >
        <Form.Item
          label="发放金额（元）"
          name="amount"
          rules={[
            { required: true, message: '请输入发放金额' },
            {
              validator: async (_, value?: string) => {
                if (!value) return;
                if (!isMoneyInput(value)) throw new Error('金额须为数字，最多两位小数');
                if (!withinLimit(value, target.left))
                  throw new Error(`金额须大于 0，且不超过尚未发放的 ${formatMoney(target.left)}`);
              },
            },
          ]}
        >
          <DigitsInput inputMode="decimal" autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="发放日期"
          name="paidOn"
          rules={[
            { required: true, message: '请选择发放日期' },
            {
              validator: async (_, value?: Dayjs) => {
                if (value && value.isAfter(today, 'day')) throw new Error('发放日期不能晚于今天');
              },
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="转账或一卡通凭证号"
          name="bankReference"
          rules={[{ max: 64, message: '凭证号最多 64 个字符' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="发放凭证" name="evidenceFileIds" extra="银行回单、签收单的照片或扫描件">
          <EvidenceUpload label="发放凭证" />
        </Form.Item>
        <Form.Item label="备注" name="note" rules={[{ max: 500, message: '备注最多 500 个字' }]}>
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
