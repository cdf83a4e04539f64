import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormSelect } from '@web/shared/components/FormSelect';
import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { RegionsPageQuery } from '@web/gql/graphql';
import { errorMessage } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { uploadFile } from '@web/shared/files/upload-file';
import { formatDate } from '@web/shared/format/dates';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { DigitsInput } from '@web/shared/components/DigitsInput';

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
      retiredOn
      mergedInto
    }
  }
`);

const ImportVillages = graphql(`
  mutation ImportVillages($fileId: ID!, $key: String) {
    importVillages(fileId: $fileId, idempotencyKey: $key) {
      imported
      unchanged
      codes
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

const RenameRegion = graphql(`
  mutation RenameRegion($code: String!, $name: String!) {
    renameRegion(code: $code, name: $name) {
      code
      name
    }
  }
`);

const RetireVillage = graphql(`
  mutation RetireVillage($code: String!, $mergedInto: String, $retiredOn: LocalDate) {
    retireVillage(code: $code, mergedInto: $mergedInto, retiredOn: $retiredOn) {
      code
      name
      retiredOn
      mergedInto
    }
  }
`);

type Township = RegionsPageQuery['townships'][number];
type Village = RegionsPageQuery['villages'][number];

/**
 * 区域管理 (ADMIN): the district's townships and their villages; add a township or a village, rename a
 * village (the former name stays on the ledger) or retire it (撤销), merged into another (合并) if so.
 */
export default function RegionsPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: RegionsPageQueryDoc });
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [renaming, setRenaming] = useState<Village>();
  const [retiring, setRetiring] = useState<Village>();
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const villagesOf = useMemo(() => {
    const map = new Map<string, Village[]>();
    for (const v of data?.villages ?? [])
      map.set(v.parentCode ?? '', [...(map.get(v.parentCode ?? '') ?? []), v]);
    return map;
  }, [data]);
  const nameOf = (code: string) => data?.villages.find((v) => v.code === code)?.name ?? code;

  return (
    <PageContainer
      title="区域管理"
      extra={
        <Space wrap>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            导入村（社区）名单
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            新增区域
          </Button>
        </Space>
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
          scroll={{ x: 'max-content' }}
          footer={() => `共 ${data?.townships.length ?? 0} 个乡镇（街道）`}
          expandable={{
            rowExpandable: (t) => (villagesOf.get(t.code)?.length ?? 0) > 0,
            expandedRowRender: (t) => (
              <Table<Village>
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={villagesOf.get(t.code) ?? []}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: '村（社区）', className: 'nowrap', dataIndex: 'name' },
                  { title: '区划代码', className: 'nowrap', dataIndex: 'code' },
                  {
                    title: '状态',
                    key: 'status',
                    render: (_, v) =>
                      v.retiredOn
                        ? `已于 ${formatDate(v.retiredOn)} 撤销${v.mergedInto ? `，并入 ${nameOf(v.mergedInto)}` : ''}`
                        : '在用',
                  },
                  {
                    title: '操作',
                    key: 'actions',
                    render: (_, v) =>
                      v.retiredOn ? null : (
                        <Space wrap size={0}>
                          <Button type="link" onClick={() => setRenaming(v)} aria-label={`重命名 ${v.name}`}>
                            重命名
                          </Button>
                          <Button
                            type="link"
                            danger
                            onClick={() => setRetiring(v)}
                            aria-label={`撤销 ${v.name}`}
                          >
                            撤销
                          </Button>
                        </Space>
                      ),
                  },
                ]}
              />
            ),
          }}
          columns={[
            { title: '乡镇（街道）', className: 'nowrap', dataIndex: 'name' },
            { title: '区划代码', className: 'nowrap', dataIndex: 'code' },
            {
              title: '村（社区）数',
              className: 'nowrap',
              key: 'villages',
              render: (_, t) => villagesOf.get(t.code)?.length ?? 0,
            },
          ]}
        />
      </Card>
      <ImportVillagesModal
        open={importing}
        onClose={(done) => {
          setImporting(false);
          if (done) refetch({ requestPolicy: 'network-only' });
        }}
      />
      {renaming ? (
        <RenameVillageModal
          village={renaming}
          onClose={(done) => {
            setRenaming(undefined);
            if (done) reload();
          }}
        />
      ) : null}
      {retiring ? (
        <RetireVillageModal
          village={retiring}
          others={(data?.villages ?? []).filter((v) => !v.retiredOn && v.code !== retiring.code)}
          onClose={(done) => {
            setRetiring(undefined);
            if (done) reload();
          }}
        />
      ) : null}
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

/** 重命名: the new name, then a confirmation; the former name stays on the ledger (REGION_RENAMED). */
function RenameVillageModal({ village, onClose }: { village: Village; onClose: (done: boolean) => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const [{ fetching }, rename] = useMutation(RenameRegion);

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    const name = values.name.trim();
    modal.confirm({
      title: '确认重命名',
      content: `将「${village.name}」更名为「${name}」？原名称保留在台账记录中。`,
      okText: '确认重命名',
      cancelText: '取消',
      onOk: async () => {
        const result = await rename({ code: village.code, name });
        if (result.error) {
          form.setFields([{ name: 'name', errors: [errorMessage(result.error) ?? '重命名失败，请重试'] }]);
          return;
        }
        void message.success(`已更名为 ${result.data?.renameRegion.name}`);
        onClose(true);
      },
    });
  };

  return (
    <Modal
      title={`重命名 ${village.name}`}
      open
      okText="保存"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<{ name: string }>
        name="renameRegion"
        form={form}
        layout="vertical"
        initialValues={{ name: village.name }}
      >
        <Form.Item
          label="新名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入新名称' },
            { max: 100, message: '名称最多 100 个字' },
            {
              validator: async (_, value?: string) => {
                if (value?.trim() === village.name) throw new Error('新名称与原名称相同');
              },
            },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RetireForm {
  mergedInto?: string;
  retiredOn?: Dayjs;
}

/** 撤销: optionally merged into another village, then a confirmation; it stays readable with its history. */
function RetireVillageModal({
  village,
  others,
  onClose,
}: {
  village: Village;
  others: Village[];
  onClose: (done: boolean) => void;
}) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<RetireForm>();
  const [{ fetching }, retire] = useMutation(RetireVillage);
  const [formError, setFormError] = useState<string>();

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    const into = others.find((o) => o.code === values.mergedInto);
    modal.confirm({
      title: '确认撤销',
      content: `撤销「${village.name}」${into ? `并入「${into.name}」` : ''}？撤销后不能再登记新资产，已有记录仍可查阅。`,
      okText: '确认撤销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        setFormError(undefined);
        const result = await retire({
          code: village.code,
          mergedInto: values.mergedInto || null,
          retiredOn: values.retiredOn?.format('YYYY-MM-DD') ?? null,
        });
        if (result.error) {
          setFormError(errorMessage(result.error));
          return;
        }
        void message.success(`已撤销 ${village.name}`);
        onClose(true);
      },
    });
  };

  return (
    <Modal
      title={`撤销 ${village.name}`}
      open
      okText="撤销"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<RetireForm> name="retireVillage" form={form} layout="vertical">
        <Form.Item label="并入村（社区）" name="mergedInto" extra="合并时选择并入的村；单纯撤销则不选">
          <FormSelect
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="不合并"
            options={others.map((o) => ({ value: o.code, label: `${o.name}（${o.code}）` }))}
          />
        </Form.Item>
        <Form.Item label="撤销日期" name="retiredOn" extra="不填为今天；不能晚于今天">
          <DatePicker style={{ width: '100%' }} />
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
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the fields say what is wrong
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
          <DigitsInput inputMode="numeric" />
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

interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

/** Imports villages and communities from a CSV of NBS codes and names: all or nothing, problems by row. */
function ImportVillagesModal({ open, onClose }: { open: boolean; onClose: (done: boolean) => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const [, importVillages] = useMutation(ImportVillages);

  const submit = async () => {
    if (!file) {
      void message.error('请选择 CSV 文件');
      return;
    }
    setBusy(true);
    setProblems([]);
    try {
      const fileId = (await uploadFile(file, undefined, () => undefined)).id;
      const result = await importVillages({ fileId, key });
      if (result.error) {
        const details = result.error.graphQLErrors[0]?.extensions?.details as
          { problems?: ImportProblem[] } | undefined;
        setProblems(details?.problems ?? []);
        setKey(newIdempotencyKey());
        void message.error(errorMessage(result.error));
        return;
      }
      const r = result.data!.importVillages;
      void message.success(`已导入 ${r.imported} 个村（社区），${r.unchanged} 行已登记未变`);
      setFile(null);
      setKey(newIdempotencyKey());
      onClose(true);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="导入村（社区）名单"
      open={open}
      okText="导入"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => {
        setProblems([]);
        onClose(false);
      }}
      width={720}
      destroyOnHidden
    >
      <p>
        CSV 文件（UTF-8 或 GBK 编码，可带 BOM；Excel、WPS 另存的 CSV
        均可），表头含“统计用区划代码”（或“代码”）和“名称”两列，代码为国家统计局 12
        位统计用区划代码。任何一行有误，全部不导入。
      </p>
      <input
        type="file"
        aria-label="村（社区）名单文件"
        accept=".csv,text/csv"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      {problems.length > 0 ? (
        <Table<ImportProblem>
          style={{ marginTop: 12 }}
          rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
          size="small"
          pagination={false}
          scroll={{ y: 240 }}
          dataSource={problems}
          columns={[
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '列', dataIndex: 'column', width: 80 },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      ) : null}
    </Modal>
  );
}
