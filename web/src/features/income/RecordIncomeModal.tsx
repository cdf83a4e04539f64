import { App, Checkbox, Col, DatePicker, Form, Input, Modal, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import type { IncomeKind } from '@web/gql/enums';
import { errorFields, errorMessage, errorReason } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { AssetSelect, type AssetOption } from '@web/shared/assets/AssetSelect';
import { FormSelect } from '@web/shared/components/FormSelect';
import { todayLocalDate } from '@web/shared/format/dates';
import { formatMoney, isMoneyInput } from '@web/shared/format/money';
import { incomeKindLabels, options } from '@web/shared/labels/enums';
import { DigitsInput } from '@web/shared/components/DigitsInput';

const RecordIncome = graphql(`
  mutation RecordIncome($input: RecordIncomeInput!) {
    recordIncome(input: $input) {
      id
      amount
      kind
    }
  }
`);

interface RecordForm {
  assetId: string;
  kind: IncomeKind;
  amount: string;
  receivedOn: Dayjs;
  periodFrom: Dayjs;
  periodTo: Dayjs;
  supplement: boolean;
  note?: string;
}

const OPERATING = { class: ['OPERATING' as const] };
const DAY = 'YYYY-MM-DD';

/**
 * The asset the page already knows (its id is the field's value): shown as read-only text, which keeps
 * its contrast, unlike a disabled select.
 */
function FixedAsset({ id, label }: { id?: string; label: string }) {
  return <Input id={id} readOnly value={label} />;
}

/**
 * 登记收益. Mount it only while it is open: each instance carries one idempotency key, sent with every
 * attempt (a double click, a retry after a lost answer), so the API records the income once.
 */
export function RecordIncomeModal({
  asset,
  onClose,
}: {
  /** The asset the income is for, when the page already knows it. */
  asset?: AssetOption;
  onClose: (recorded: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordForm>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [{ fetching }, record] = useMutation(RecordIncome);
  const [formError, setFormError] = useState<string>();
  const inFlight = useRef(false);
  const today = dayjs(todayLocalDate());

  const submit = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const values = await form.validateFields().catch(() => undefined);
      if (!values) return;
      setFormError(undefined);
      const result = await record({
        input: {
          assetId: values.assetId,
          kind: values.kind,
          amount: values.amount.trim(),
          receivedOn: values.receivedOn.format(DAY),
          periodFrom: values.periodFrom.format(DAY),
          periodTo: values.periodTo.format(DAY),
          supplement: Boolean(values.supplement),
          note: values.note?.trim() || undefined,
          idempotencyKey,
        },
      });
      if (result.data) {
        const r = result.data.recordIncome;
        void message.success(`已登记${incomeKindLabels[r.kind]} ${formatMoney(r.amount)}`);
        onClose(true);
        return;
      }
      const text = errorMessage(result.error);
      if (errorReason(result.error) === 'INCOME_PERIOD_OVERLAP') {
        form.setFields([{ name: 'periodFrom', errors: [text ?? ''] }]);
        return;
      }
      const fields = errorFields(result.error).filter((f) => f in form.getFieldsValue(true));
      if (fields.length > 0)
        form.setFields(
          fields.map((name) => ({ name: name as keyof RecordForm, errors: [text ?? '填写有误'] })),
        );
      else setFormError(text);
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <Modal
      title="登记收益"
      open
      okText="保存"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<RecordForm>
        name="recordIncome"
        form={form}
        layout="vertical"
        initialValues={{ assetId: asset?.value, receivedOn: today, supplement: false }}
      >
        <Form.Item label="资产" name="assetId" rules={[{ required: true, message: '请选择资产' }]}>
          {asset ? <FixedAsset label={asset.label} /> : <AssetSelect filter={OPERATING} />}
        </Form.Item>
        <Form.Item label="收益类型" name="kind" rules={[{ required: true, message: '请选择收益类型' }]}>
          <FormSelect options={options(incomeKindLabels)} placeholder="请选择" />
        </Form.Item>
        <Form.Item
          label="金额（元）"
          name="amount"
          rules={[
            { required: true, message: '请输入金额' },
            {
              validator: async (_, value?: string) => {
                if (!value) return;
                if (!isMoneyInput(value)) throw new Error('金额须为数字，最多两位小数，如 1200 或 1200.50');
                if (/^0*(\.0*)?$/.test(value.trim())) throw new Error('金额须大于 0');
              },
            },
          ]}
        >
          <DigitsInput inputMode="decimal" autoComplete="off" placeholder="如 12000.00" />
        </Form.Item>
        <Form.Item
          label="到账日期"
          name="receivedOn"
          rules={[
            { required: true, message: '请选择到账日期' },
            {
              validator: async (_, value?: Dayjs) => {
                if (value && value.isAfter(today, 'day')) throw new Error('到账日期不能晚于今天');
              },
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} inputReadOnly={false} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              label="所属期间起"
              name="periodFrom"
              rules={[{ required: true, message: '请选择所属期间的起始日期' }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label="所属期间止"
              name="periodTo"
              dependencies={['periodFrom']}
              rules={[
                { required: true, message: '请选择所属期间的截止日期' },
                ({ getFieldValue }) => ({
                  validator: async (_, value?: Dayjs) => {
                    const from = getFieldValue('periodFrom') as Dayjs | undefined;
                    if (value && from && value.isBefore(from, 'day'))
                      throw new Error('截止日期不能早于起始日期');
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="supplement" valuePropName="checked" extra="与已登记的同类收益期间重叠时勾选">
          <Checkbox>补充收益</Checkbox>
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
