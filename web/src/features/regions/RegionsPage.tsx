import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Table } from 'antd';
import { FormSelect } from '@web/shared/components/FormSelect';
import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { RegionsPageQuery } from '@web/gql/graphql';
import { errorMessage } from '@web/shared/api/errors';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';

const RegionsPageQueryDoc = graphql(`
  query RegionsPage {
    district: regions(level: DISTRICT) {
      code
      name
    }
    townships: regions(level: TOWNSHIP) {
      code
      name
    }
    villages: regions(level: VILLAGE) {
      code
      name
      parentCode
    }
  }
`);

const CreateRegion = graphql(`
  mutation CreateRegion($code: String!, $name: String!, $parentCode: String!) {
    createRegion(code: $code, name: $name, parentCode: $parentCode) {
      code
      name
      level
    }
  }
`);

type Township = RegionsPageQuery['townships'][number];
type Village = RegionsPageQuery['villages'][number];

/** 区域管理 (ADMIN): the district's townships and their villages; add a township or a village. */
export default function RegionsPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: RegionsPageQueryDoc });
  const [adding, setAdding] = useState(false);
  const villagesOf = useMemo(() => {
    const map = new Map<string, Village[]>();
    for (const v of data?.villages ?? [])
      map.set(v.parentCode ?? '', [...(map.get(v.parentCode ?? '') ?? []), v]);
    return map;
  }, [data]);

  return (
    <PageContainer
      title="区域管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          新增区域
        </Button>
      }
    >
      {error ? <QueryError error={error} /> : null}
      <Card size="small">
        <Table<Township>
          rowKey="code"
          size="middle"
          loading={fetching}
          dataSource={data?.townships ?? []}
          pagination={false}
          footer={() => `共 ${data?.townships.length ?? 0} 个乡镇（街道）`}
          expandable={{
            rowExpandable: (t) => (villagesOf.get(t.code)?.length ?? 0) > 0,
            expandedRowRender: (t) => (
              <Table<Village>
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={villagesOf.get(t.code) ?? []}
                columns={[
                  { title: '村（社区）', dataIndex: 'name' },
                  { title: '区划代码', dataIndex: 'code' },
                ]}
              />
            ),
          }}
          columns={[
            { title: '乡镇（街道）', dataIndex: 'name' },
            { title: '区划代码', dataIndex: 'code' },
            { title: '村（社区）数', key: 'villages', render: (_, t) => villagesOf.get(t.code)?.length ?? 0 },
          ]}
        />
      </Card>
      <AddRegionModal
        parents={[...(data?.district ?? []), ...(data?.townships ?? [])]}
        open={adding}
        onClose={(added) => {
          setAdding(false);
          if (added) refetch({ requestPolicy: 'network-only' });
        }}
      />
    </PageContainer>
  );
}

interface AddForm {
  parentCode: string;
  code: string;
  name: string;
}

function AddRegionModal({
  parents,
  open,
  onClose,
}: {
  parents: Array<{ code: string; name: string }>;
  open: boolean;
  onClose: (added: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<AddForm>();
  const [{ fetching }, create] = useMutation(CreateRegion);
  const parent = Form.useWatch('parentCode', form);

  const submit = async () => {
    const values = await form.validateFields();
    const result = await create(values);
    if (result.error) {
      void message.error(errorMessage(result.error));
      return;
    }
    void message.success(`已新增 ${result.data?.createRegion.name}`);
    onClose(true);
  };

  return (
    <Modal
      title="新增区域"
      open={open}
      okText="新增"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<AddForm> name="addRegion" form={form} layout="vertical" preserve={false}>
        <Form.Item
          label="上级区域"
          name="parentCode"
          extra="新增村（社区）选所属乡镇；新增乡镇选万州区"
          rules={[{ required: true, message: '请选择上级区域' }]}
        >
          <FormSelect
            showSearch
            optionFilterProp="label"
            placeholder="选择上级区域"
            options={parents.map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` }))}
          />
        </Form.Item>
        <Form.Item
          label="区划代码"
          name="code"
          extra={parent ? `以 ${parent} 开头，乡镇 9 位、村 12 位` : '乡镇 9 位、村 12 位'}
          rules={[
            { required: true, message: '请输入区划代码' },
            {
              validator: (_, value: string) =>
                !value ||
                (/^\d{9}(\d{3})?$/.test(value) &&
                  (!parent || (value.startsWith(parent) && value.length === parent.length + 3)))
                  ? Promise.resolve()
                  : Promise.reject(new Error('区划代码须以上级代码开头，乡镇 9 位、村 12 位')),
            },
          ]}
        >
          <Input inputMode="numeric" />
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
      </Form>
    </Modal>
  );
}
