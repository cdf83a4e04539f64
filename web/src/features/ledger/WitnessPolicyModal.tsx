import { App, Checkbox, Form, InputNumber, Modal, Typography } from 'antd';
import type { CheckboxGroupProps } from 'antd/es/checkbox';
import { useEffect, useRef } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import { errorFieldProblems, errorMessage } from '@web/shared/api/errors';
import { showFieldProblems } from '@web/shared/components/field-problems';

const SetWitnessPolicy = graphql(`
  mutation SetWitnessPolicy($input: SetWitnessPolicyInput!) {
    setWitnessPolicy(input: $input) {
      version
      quorum
    }
  }
`);

interface PolicyForm {
  witnessIds: string[];
  quorum: number;
}

export interface PolicyWitness {
  id: string;
  name: string;
  status: string;
}

/**
 * 修改见证策略 (ADMIN, DISTRICT_SUPERVISOR): which active witnesses count and how many of them must cosign
 * a checkpoint (k of n). Saving makes a new version, on the ledger.
 */
export function WitnessPolicyModal({
  open,
  witnesses,
  current,
  onClose,
  onSaved,
}: {
  open: boolean;
  witnesses: PolicyWitness[];
  current?: { version: number; quorum: number; witnessIds: string[] };
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PolicyForm>();
  const chosen = Form.useWatch('witnessIds', form) ?? [];
  const [{ fetching }, save] = useMutation(SetWitnessPolicy);
  const active = witnesses.filter((w) => w.status === 'ACTIVE');

  // Filled from the policy in force each time it opens, and left alone while it is open.
  const wasOpen = useRef(false);
  useEffect(() => {
    const opening = open && !wasOpen.current;
    wasOpen.current = open;
    if (!opening) return;
    const activeIds = new Set(witnesses.filter((w) => w.status === 'ACTIVE').map((w) => w.id));
    form.resetFields();
    form.setFieldsValue({
      witnessIds: (current?.witnessIds ?? []).filter((id) => activeIds.has(id)),
      quorum: current?.quorum,
    });
  }, [open, current, witnesses, form]);

  /** The API names witnesses by id: say their names. */
  const named = (text: string) => witnesses.reduce((t, w) => t.split(w.id).join(w.name), text);

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the fields say what is wrong
    const result = await save({ input: { witnessIds: values.witnessIds, quorum: values.quorum } });
    if (result.error) {
      const problems = errorFieldProblems(result.error).map((p) => ({ ...p, message: named(p.message) }));
      const left = showFieldProblems(form, 'witnessPolicy', problems);
      if (problems.length === 0 || left.length > 0)
        void message.error(named(errorMessage(result.error) ?? ''));
      return;
    }
    void message.success(`见证策略已保存为第 ${result.data?.setWitnessPolicy.version} 版`);
    onSaved();
    onClose();
  };

  return (
    <Modal
      title="修改见证策略"
      open={open}
      okText="保存为新版本"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={onClose}
      forceRender
    >
      <Typography.Paragraph>
        保存为第 {(current?.version ?? 0) + 1} 版后，检查点须有所选见证人中至少规定人数的联署才算有效见证。
        只能选择已启用的见证人。
      </Typography.Paragraph>
      <Form<PolicyForm> name="witnessPolicy" form={form} layout="vertical">
        <Form.Item
          label="计入策略的见证人"
          name="witnessIds"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个见证人' }]}
        >
          <WitnessChecks style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {active.map((w) => (
              <Checkbox key={w.id} value={w.id} style={{ wordBreak: 'break-all' }}>
                {w.name}
              </Checkbox>
            ))}
          </WitnessChecks>
        </Form.Item>
        <Form.Item
          label="至少联署的见证人数"
          name="quorum"
          dependencies={['witnessIds']}
          extra={chosen.length > 0 ? `所选 ${chosen.length} 个见证人中至少几个联署` : undefined}
          rules={[
            { required: true, message: '请填写至少联署的见证人数' },
            ({ getFieldValue }) => ({
              validator: (_, v?: number) => {
                const n = Math.max((getFieldValue('witnessIds') as string[] | undefined)?.length ?? 0, 1);
                return v == null || (Number.isInteger(v) && v >= 1 && v <= n)
                  ? Promise.resolve()
                  : Promise.reject(new Error(`至少联署的见证人数须在 1 到 ${n} 之间`));
              },
            }),
          ]}
        >
          <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Checkbox.Group for a required field: Form.Item hands it `aria-required`, which the group's <div> may not
 * carry (axe: aria-allowed-attr); the label already marks the field required.
 */
function WitnessChecks(props: CheckboxGroupProps<string> & { 'aria-required'?: boolean | 'true' | 'false' }) {
  const { 'aria-required': _required, ...rest } = props;
  return <Checkbox.Group {...rest} />;
}
