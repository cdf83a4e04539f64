import { App, Form, Modal } from 'antd';
import { FormSelect } from '@web/shared/components/FormSelect';
import { useEffect } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import type { Role } from '@web/gql/enums';
import { errorMessage } from '@web/shared/api/errors';
import { options, roleLabels } from '@web/shared/labels/enums';
import { RegionSelect } from '@web/shared/regions/RegionSelect';
import { ROLE_LEVEL } from './role-levels';
import type { UserRow } from './UsersPage';

const UpdateUserRole = graphql(`
  mutation UpdateUserRole($userId: ID!, $role: Role!, $regionCode: String) {
    updateUserRole(userId: $userId, role: $role, regionCode: $regionCode) {
      id
      role
      regionCode
    }
  }
`);

interface RoleForm {
  role: Role;
  regionCode: string;
}

export function RoleModal({ user, onClose }: { user?: UserRow; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleForm>();
  const role = Form.useWatch('role', form);
  const [{ fetching }, update] = useMutation(UpdateUserRole);

  useEffect(() => {
    if (user) form.setFieldsValue({ role: user.role, regionCode: user.regionCode });
  }, [user, form]);

  const submit = async () => {
    if (!user) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the fields say what is wrong
    const result = await update({ userId: user.id, role: values.role, regionCode: values.regionCode });
    if (result.error) {
      void message.error(errorMessage(result.error));
      return;
    }
    void message.success(`已将 ${user.username} 调整为${roleLabels[values.role]}`);
    onClose();
  };

  return (
    <Modal
      title={user ? `调整角色：${user.displayName}` : '调整角色'}
      open={Boolean(user)}
      okText="保存"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={onClose}
      forceRender
    >
      <Form<RoleForm> name="changeRole" form={form} layout="vertical">
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <FormSelect
            options={options(roleLabels)}
            onChange={(next: Role) => {
              if (user && ROLE_LEVEL[next] !== ROLE_LEVEL[user.role])
                form.setFieldValue('regionCode', undefined);
            }}
          />
        </Form.Item>
        <Form.Item label="所属区域" name="regionCode" rules={[{ required: true, message: '请选择所属区域' }]}>
          <RegionSelect level={role ? ROLE_LEVEL[role] : undefined} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
