import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';
import { FormSelect } from '@web/shared/components/FormSelect';

const StartInventoryDoc = graphql(`
  mutation StartInventory($regionCode: String!, $year: Int!) {
    startInventory(regionCode: $regionCode, year: $year) {
      id
      year
      status
    }
  }
`);

const CloseInventoryDoc = graphql(`
  mutation CloseInventory($inventoryId: ID!, $note: String) {
    closeInventory(inventoryId: $inventoryId, note: $note) {
      id
      status
      closingNote
    }
  }
`);

const SignOffInventoryDoc = graphql(`
  mutation SignOffInventory($inventoryId: ID!, $regionCode: String!, $note: String) {
    signOffInventory(inventoryId: $inventoryId, regionCode: $regionCode, note: $note) {
      id
      townships {
        townshipCode
        signOff {
          signedAt
        }
      }
    }
  }
`);

/** A dialog with a form, a Chinese message for what the API refuses, and a button that sends it. */
function ActionDialog<T extends object>({
  title,
  open,
  onClose,
  okText,
  sending,
  error,
  onSend,
  children,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  okText: string;
  sending: boolean;
  error: string | undefined;
  onSend: (values: T) => void;
  children: React.ReactNode;
}) {
  const [form] = Form.useForm<T>();
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      okText={okText}
      cancelText="取消"
      confirmLoading={sending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<T> form={form} name={title} layout="vertical" onFinish={onSend} preserve={false}>
        {children}
      </Form>
      {error ? (
        <div role="alert" className="form-error">
          {error}
        </div>
      ) : null}
    </Modal>
  );
}

/** 发起清查 (district supervisor): the district or one township, for the year chosen on the page. */
export function StartInventoryButton({
  year,
  regions,
  onDone,
}: {
  year: number;
  regions: Array<{ code: string; name: string }>;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [{ fetching }, start] = useMutation(StartInventoryDoc);
  const send = async (v: { regionCode: string }) => {
    setError(undefined);
    const result = await start({ regionCode: v.regionCode, year });
    if (result.error) return setError(errorMessage(result.error));
    void message.success(`已发起 ${year} 年清查`);
    setOpen(false);
    onDone();
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        发起清查
      </Button>
      <ActionDialog<{ regionCode: string }>
        title="发起清查"
        open={open}
        onClose={() => setOpen(false)}
        okText="开始清查"
        sending={fetching}
        error={error}
        onSend={(v) => void send(v)}
      >
        <Typography.Paragraph>
          清查年度：{year} 年。开始后，所选区域内未处置的每项资产列入清查清单，由村级经办逐项确认、乡镇签认。
        </Typography.Paragraph>
        <Form.Item name="regionCode" label="清查范围" rules={[{ required: true, message: '请选择清查范围' }]}>
          <FormSelect
            showSearch
            optionFilterProp="label"
            options={regions.map((r) => ({ value: r.code, label: r.name }))}
          />
        </Form.Item>
      </ActionDialog>
    </>
  );
}

/** 结束清查 (district supervisor), once every township has signed off; with the district's conclusion. */
export function CloseInventoryButton({ inventoryId, onDone }: { inventoryId: string; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [{ fetching }, close] = useMutation(CloseInventoryDoc);
  const send = async (v: { note?: string }) => {
    setError(undefined);
    const result = await close({ inventoryId, note: v.note?.trim() || null });
    if (result.error) return setError(errorMessage(result.error));
    void message.success('清查已结束');
    setOpen(false);
    onDone();
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>结束清查</Button>
      <ActionDialog<{ note?: string }>
        title="结束清查"
        open={open}
        onClose={() => setOpen(false)}
        okText="结束清查"
        sending={fetching}
        error={error}
        onSend={(v) => void send(v)}
      >
        <Typography.Paragraph>各乡镇全部签认后才能结束；结束后清查结果不能再修改。</Typography.Paragraph>
        <Form.Item name="note" label="清查结论" rules={[{ max: 2000, message: '最多 2000 个字' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </ActionDialog>
    </>
  );
}

/** 签认 (township officer): the township's part, once every item of it is confirmed. */
export function SignOffButton({
  inventoryId,
  township,
  onDone,
}: {
  inventoryId: string;
  township: {
    code: string;
    name: string;
    total: number;
    present: number;
    missing: number;
    damaged: number;
    statusDiffers: number;
  };
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [{ fetching }, signOff] = useMutation(SignOffInventoryDoc);
  const send = async (v: { note?: string }) => {
    setError(undefined);
    const result = await signOff({ inventoryId, regionCode: township.code, note: v.note?.trim() || null });
    if (result.error) return setError(errorMessage(result.error));
    void message.success(`${township.name}已签认`);
    setOpen(false);
    onDone();
  };
  const t = township;
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)}>
        签认
      </Button>
      <ActionDialog<{ note?: string }>
        title={`${t.name}签认`}
        open={open}
        onClose={() => setOpen(false)}
        okText="签认"
        sending={fetching}
        error={error}
        onSend={(v) => void send(v)}
      >
        <Typography.Paragraph>
          应查 {t.total} 项：账实相符 {t.present} 项，盘亏 {t.missing} 项，损毁 {t.damaged} 项，状态不符{' '}
          {t.statusDiffers} 项。签认后本乡镇的清查结果不能再修改。
        </Typography.Paragraph>
        <Form.Item name="note" label="签认意见" rules={[{ max: 2000, message: '最多 2000 个字' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </ActionDialog>
    </>
  );
}
