import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Modal, Switch, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { CategoriesPageQuery } from '@web/gql/graphql';
import { errorMessage } from '@web/shared/api/errors';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';

const CategoriesPageQueryDoc = graphql(`
  query CategoriesPage {
    assetCategories(includeInactive: true) {
      code
      name
      description
      sortOrder
      active
      version
    }
  }
`);

const CreateCategory = graphql(`
  mutation CreateCategory($input: CreateCategoryInput!) {
    createAssetCategory(input: $input) {
      code
      name
    }
  }
`);

const UpdateCategory = graphql(`
  mutation UpdateCategory($code: String!, $expectedVersion: Int!, $changes: CategoryChangesInput!) {
    updateAssetCategory(code: $code, expectedVersion: $expectedVersion, changes: $changes) {
      code
      name
      description
      sortOrder
      active
      version
    }
  }
`);

type Category = CategoriesPageQuery['assetCategories'][number];

interface CategoryForm {
  code: string;
  name: string;
  description?: string;
  sortOrder?: number;
  active?: boolean;
}

/** 资产分类 (ADMIN): the configurable list of asset categories. */
export default function CategoriesPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: CategoriesPageQueryDoc });
  const [editing, setEditing] = useState<Category | 'new'>();
  return (
    <PageContainer
      title="资产分类"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增分类
        </Button>
      }
    >
      {error ? <QueryError error={error} /> : null}
      <Card size="small">
        <Table<Category>
          rowKey="code"
          size="middle"
          loading={fetching}
          scroll={{ x: 720 }}
          pagination={false}
          dataSource={data?.assetCategories ?? []}
          columns={[
            { title: '排序', dataIndex: 'sortOrder', width: 70 },
            { title: '名称', dataIndex: 'name' },
            { title: '代码', dataIndex: 'code' },
            { title: '说明', key: 'description', render: (_, c) => c.description ?? '' },
            {
              title: '状态',
              key: 'active',
              render: (_, c) =>
                c.active ? (
                  <StatusTag tone="success">启用</StatusTag>
                ) : (
                  <StatusTag tone="neutral">停用</StatusTag>
                ),
            },
            {
              title: '操作',
              key: 'edit',
              render: (_, c) => (
                <Button type="link" size="small" onClick={() => setEditing(c)} aria-label={`编辑 ${c.name}`}>
                  编辑
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <CategoryModal
        category={editing}
        onClose={(changed) => {
          setEditing(undefined);
          if (changed) refetch({ requestPolicy: 'network-only' });
        }}
      />
    </PageContainer>
  );
}

function CategoryModal({
  category,
  onClose,
}: {
  category?: Category | 'new';
  onClose: (changed: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryForm>();
  const [{ fetching: creating }, create] = useMutation(CreateCategory);
  const [{ fetching: updating }, update] = useMutation(UpdateCategory);
  const isNew = category === 'new';

  useEffect(() => {
    if (category && category !== 'new')
      form.setFieldsValue({ ...category, description: category.description ?? '' });
    else form.resetFields();
  }, [category, form]);

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the fields say what is wrong
    const result = isNew
      ? await create({
          input: {
            code: values.code.trim(),
            name: values.name.trim(),
            description: values.description?.trim() || undefined,
            sortOrder: values.sortOrder ?? undefined,
          },
        })
      : category
        ? await update({
            code: category.code,
            expectedVersion: category.version,
            changes: {
              name: values.name.trim(),
              description: values.description?.trim() ?? '',
              sortOrder: values.sortOrder ?? undefined,
              active: values.active,
            },
          })
        : undefined;
    if (!result) return;
    if (result.error) {
      void message.error(errorMessage(result.error));
      return;
    }
    void message.success(isNew ? `已新增分类 ${values.name}` : `已保存分类 ${values.name}`);
    onClose(true);
  };

  return (
    <Modal
      title={isNew ? '新增分类' : '编辑分类'}
      open={Boolean(category)}
      okText="保存"
      cancelText="取消"
      confirmLoading={creating || updating}
      onOk={submit}
      onCancel={() => onClose(false)}
      forceRender
    >
      <Form<CategoryForm> name="category" form={form} layout="vertical">
        <Form.Item
          label="代码"
          name="code"
          extra="大写字母、数字和下划线，如 COLD_STORAGE"
          rules={[
            { required: true, message: '请输入代码' },
            {
              pattern: /^[A-Z][A-Z0-9_]{1,31}$/,
              message: '代码须为 2–32 位大写字母开头的大写字母、数字或下划线',
            },
          ]}
        >
          <Input disabled={!isNew} />
        </Form.Item>
        <Form.Item
          label="名称"
          name="name"
          rules={[
            { required: true, message: '请输入名称' },
            { max: 100, message: '名称最多 100 个字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="说明" name="description" rules={[{ max: 500, message: '说明最多 500 个字' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item label="排序" name="sortOrder">
          <InputNumber min={0} max={10000} precision={0} />
        </Form.Item>
        {!isNew ? (
          <Form.Item label="启用" name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
