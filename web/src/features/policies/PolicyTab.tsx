import { App, Button, Form, Input, InputNumber, Space, Table, Typography, type TableColumnsType } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useEffect, useState } from 'react';
import type { CombinedError } from 'urql';
import { errorMessage } from '@web/shared/api/errors';
import { formatDateTime } from '@web/shared/format/dates';

/** What every version of a policy has: its number, when it took effect, and why it was revised. */
export interface PolicyVersion {
  version: number;
  createdAt: string;
  note?: string | null;
}

/** 修订说明: the optional note of a new version, where a policy's form places it. */
export function RevisionNoteField({ style }: { style?: CSSProperties }) {
  return (
    <Form.Item
      name="note"
      label="修订说明"
      rules={[{ max: 500, message: '修订说明不超过 500 字' }]}
      style={style}
    >
      <Input.TextArea rows={2} />
    </Form.Item>
  );
}

/** A required whole number from `min` to `max` (days, files), with one message for any other value. */
export function WholeNumberField({
  name,
  label,
  extra,
  min,
  max,
  message,
}: {
  name: string;
  label: string;
  extra?: string;
  min: number;
  max: number;
  message: string;
}) {
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={[{ required: true, type: 'integer', min, max, message }]}
    >
      <InputNumber min={min} max={max} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );
}

/**
 * One policy's tab: the version in force (`inForce`, where the policy shows it apart), the form for a new
 * version (its `fields`, filled from the version in force by `formValues`; 保存为新版本 after the
 * `confirm` question, if it has one) or, for one who may not edit it, `readOnlyNote`; then 历史版本,
 * newest first: 版本, 生效时间, the policy's own `columns` and 说明. `save` sends the new version and
 * answers with its number; `name` says which policy was saved.
 */
export function PolicyTab<P extends PolicyVersion, F extends { note?: string }>({
  name,
  versions,
  formName,
  formValues,
  fields,
  confirm,
  save,
  onSaved,
  inForce,
  editable = true,
  readOnlyNote,
  columns,
  scrollX,
}: {
  name: string;
  versions: P[];
  formName: string;
  /** The form's values from the version in force (a stable function: the form is refilled when it changes). */
  formValues: (current: P) => Omit<F, 'note'>;
  fields: ReactNode;
  confirm?: { title: string; content: (nextVersion: number) => string };
  save: (values: F) => Promise<{ error?: CombinedError; version?: number }>;
  onSaved: () => void;
  inForce?: ReactNode;
  editable?: boolean;
  readOnlyNote?: string;
  columns: TableColumnsType<P>;
  scrollX: number;
}) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<F>();
  const [saving, setSaving] = useState(false);
  const current = versions[0];
  useEffect(() => {
    if (current)
      form.setFieldsValue({ ...formValues(current), note: undefined } as Parameters<
        typeof form.setFieldsValue
      >[0]);
  }, [current, form, formValues]);

  const send = async (v: F) => {
    setSaving(true);
    const result = await save(v).finally(() => setSaving(false));
    if (result.error) {
      void message.error(errorMessage(result.error));
      return;
    }
    void message.success(`${name}已保存为第 ${result.version} 版`);
    onSaved();
  };

  const submit = (v: F) =>
    confirm
      ? modal.confirm({
          title: confirm.title,
          content: confirm.content((current?.version ?? 0) + 1),
          okText: '保存',
          cancelText: '取消',
          onOk: () => send(v),
        })
      : void send(v);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {inForce}
      {editable ? (
        <Form<F> name={formName} form={form} layout="vertical" onFinish={submit}>
          {fields}
          <Button type="primary" htmlType="submit" loading={saving}>
            保存为新版本
          </Button>
        </Form>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {readOnlyNote}
        </Typography.Paragraph>
      )}
      <Table<P>
        rowKey="version"
        size="small"
        caption="历史版本"
        pagination={false}
        scroll={{ x: scrollX }}
        dataSource={versions}
        columns={[
          { title: '版本', className: 'nowrap', key: 'version', render: (_, p) => `第 ${p.version} 版` },
          {
            title: '生效时间',
            className: 'nowrap',
            key: 'createdAt',
            render: (_, p) => formatDateTime(p.createdAt),
          },
          ...columns,
          { title: '说明', key: 'note', render: (_, p) => <div className="cell-text">{p.note ?? '—'}</div> },
        ]}
      />
    </Space>
  );
}
