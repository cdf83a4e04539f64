import { App, Form, Input, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useRef, useState } from 'react';
import type { CombinedError } from 'urql';
import { errorFieldProblems, errorMessage, errorReason } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { showFieldProblems } from '@web/shared/components/field-problems';

/** The required reason of a dialog: its field, label, hint, and how long it may be. */
export interface ReasonField {
  /** The form field, and the name under which the API reports a problem with it. */
  name: string;
  label: string;
  extra?: string;
  requiredMessage: string;
  max: number;
  maxMessage: string;
  rows?: number;
}

/**
 * A dialog that does one thing to one record with a required reason (撤销, 冲销, 退出监测, 处理异议): the
 * title, what it acts on (`children`), any other fields (`fields`, above the reason), the reason, and
 * `okText` that calls `send` once at a time with the trimmed reason. What the API refuses is said in the
 * dialog: a sentence of `reasons` for a reason it knows, else, with `fieldProblemsMessage`, the API's
 * problems under their fields (and that sentence once every one is placed), else `errorMessage`. On
 * success it says `successMessage` and closes with `onClose(true)`. Mount it only while it is open: it
 * keeps one idempotency key for its life, given to `send` for a mutation that takes one.
 */
export function ReasonModal<V extends object>({
  title,
  okText,
  danger = false,
  formName,
  reason,
  children,
  fields,
  initialValues,
  reasons,
  fieldProblemsMessage,
  successMessage,
  send,
  onClose,
}: {
  title: string;
  okText: string;
  danger?: boolean;
  formName: string;
  reason: ReasonField;
  children?: ReactNode;
  fields?: ReactNode;
  initialValues?: Partial<V>;
  reasons?: Record<string, string>;
  fieldProblemsMessage?: string;
  successMessage: string;
  send: (
    reason: string,
    values: V,
    idempotencyKey: string,
  ) => Promise<{ data?: unknown; error?: CombinedError }>;
  onClose: (done: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [sending, setSending] = useState(false);
  const inFlight = useRef(false);
  // One key for the dialog's life: a retry after a lost answer is the same request.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [formError, setFormError] = useState<string>();

  const refusal = (error: CombinedError | undefined): string | undefined => {
    const known = reasons?.[errorReason(error) ?? ''];
    if (known) return known;
    if (fieldProblemsMessage === undefined) return errorMessage(error);
    const problems = errorFieldProblems(error);
    const unshown = showFieldProblems(form, formName, problems);
    return problems.length > 0 && unshown.length === 0 ? fieldProblemsMessage : errorMessage(error);
  };

  const submit = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const values = await form.validateFields().catch(() => undefined);
      if (!values) return; // the fields say what is wrong
      setFormError(undefined);
      setSending(true);
      const text = String((values as Record<string, unknown>)[reason.name]).trim();
      const result = await send(text, values, idempotencyKey).finally(() => setSending(false));
      if (result.data && !result.error) {
        void message.success(successMessage);
        onClose(true);
      } else setFormError(refusal(result.error));
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <Modal
      title={title}
      open
      okText={okText}
      okButtonProps={danger ? { danger: true } : undefined}
      cancelText="取消"
      confirmLoading={sending}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      {children}
      <Form<V> name={formName} form={form} layout="vertical" initialValues={initialValues}>
        {fields}
        <Form.Item
          label={reason.label}
          name={reason.name}
          extra={reason.extra}
          rules={[
            { required: true, whitespace: true, message: reason.requiredMessage },
            { max: reason.max, message: reason.maxMessage },
          ]}
        >
          <Input.TextArea rows={reason.rows ?? 3} />
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
