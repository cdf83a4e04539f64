import { App, Form, Input, Modal } from 'antd';
import { FormSelect } from '@web/shared/components/FormSelect';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import type { Role } from '@web/gql/enums';
import { errorFields, errorMessage } from '@web/shared/api/errors';
import { newPasswordRules } from '@web/shared/auth/password-rules';
import { options, roleLabels } from '@web/shared/labels/enums';
import { RegionSelect } from '@web/shared/regions/RegionSelect';
import { ROLE_LEVEL } from './role-levels';

const CreateUser = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      username
    }
  }
`);

interface CreateForm {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  password: string;
}

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: (created: boolean) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const role = Form.useWatch('role', form);
  const [{ fetching }, create] = useMutation(CreateUser);

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the fields say what is wrong
    const result = await create({ input: { ...values, username: values.username.trim() } });
    if (result.data) {
      void message.success(`已创建用户 ${result.data.createUser.username}`);
      form.resetFields();
      onClose(true);
      return;
    }
    const fields = errorFields(result.error);
    const text = errorMessage(result.error);
    if (fields.length > 0)
      form.setFields(
        fields.map((name) => ({ name: name as keyof CreateForm, errors: [text ?? '填写有误'] })),
      );
    else void message.error(text);
  };

  return (
    <Modal
      title="新建用户"
      open={open}
      okText="创建"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<CreateForm> name="createUser" form={form} layout="vertical" preserve={false}>
        <Form.Item
          label="用户名"
          name="username"
          extra="3–64 位字母、数字、点、横线或下划线"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[A-Za-z0-9._-]{3,64}$/, message: '用户名须为 3–64 位字母、数字、点、横线或下划线' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="姓名"
          name="displayName"
          rules={[
            { required: true, message: '请输入姓名' },
            { max: 100, message: '姓名最多 100 个字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <FormSelect
            options={options(roleLabels)}
            onChange={() => form.setFieldValue('regionCode', undefined)}
          />
        </Form.Item>
        <Form.Item
          label="所属区域"
          name="regionCode"
          extra={role ? undefined : '先选择角色'}
          rules={[{ required: true, message: '请选择所属区域' }]}
        >
          <RegionSelect level={role ? ROLE_LEVEL[role] : undefined} disabled={!role} />
        </Form.Item>
        <Form.Item label="初始密码" name="password" rules={newPasswordRules}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
