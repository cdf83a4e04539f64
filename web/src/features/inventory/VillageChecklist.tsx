import { App, Button, Form, Input, Modal, Radio, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { AssetStatus, InventoryFinding } from '@web/gql/enums';
import { errorMessage } from '@web/shared/api/errors';
import { FormSelect } from '@web/shared/components/FormSelect';
import { assetStatusLabels, inventoryFindingLabels, options } from '@web/shared/labels/enums';
import { checklistWording } from './checklist-wording';

const ChecklistDoc = graphql(`
  query InventoryChecklist($inventoryId: ID!, $regionCode: String!, $locatedAt: String) {
    todo: inventoryItems(
      inventoryId: $inventoryId
      filter: { regionCode: $regionCode, locatedAt: $locatedAt, confirmed: false }
      first: 200
    ) {
      totalCount
      edges {
        node {
          id
          assetCode
          assetName
          assetStatus
          mayConfirm
        }
      }
    }
    all: inventoryItems(
      inventoryId: $inventoryId
      filter: { regionCode: $regionCode, locatedAt: $locatedAt }
      first: 1
    ) {
      totalCount
    }
  }
`);

const ConfirmItemDoc = graphql(`
  mutation ConfirmInventoryItem(
    $itemId: ID!
    $finding: InventoryFinding!
    $note: String
    $observedStatus: AssetStatus
  ) {
    confirmInventoryItem(itemId: $itemId, finding: $finding, note: $note, observedStatus: $observedStatus) {
      id
      confirmed
      finding
    }
  }
`);

const ConfirmAllPresentDoc = graphql(`
  mutation ConfirmInventoryItemsPresent($items: [ConfirmInventoryItemInput!]!) {
    confirmInventoryItems(items: $items) {
      id
    }
  }
`);

interface Item {
  id: string;
  assetCode: string;
  assetName: string;
  assetStatus: AssetStatus;
  mayConfirm: boolean;
}
interface ConfirmForm {
  finding: InventoryFinding;
  note?: string;
  observedStatus?: AssetStatus;
}

/**
 * 清查清单 of a village clerk's village (or, with `locatedAt`, of the assets located at the township
 * itself, which its officer confirms; or, for the township officer, of one of its villages, `name`): the
 * items still to confirm, each confirmed with what was found on the spot (a note unless 账实相符, the
 * status found for 状态不符), or all the rest as 账实相符. Only the items the API says the user confirms
 * (`mayConfirm`) offer it: a village with its own clerk is only shown to its township.
 */
export function VillageChecklist({
  inventoryId,
  regionCode,
  locatedAt,
  name,
}: {
  inventoryId: string;
  regionCode: string;
  locatedAt?: string;
  name?: string;
}) {
  const scope = name ?? (locatedAt ? '乡镇本级' : '本村');
  const { message } = App.useApp();
  const [{ data, fetching }, refetch] = useQuery({
    query: ChecklistDoc,
    variables: { inventoryId, regionCode, locatedAt: locatedAt ?? null },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [item, setItem] = useState<Item>();
  const [allOpen, setAllOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [{ fetching: sending }, confirm] = useMutation(ConfirmItemDoc);
  const [{ fetching: sendingAll }, confirmAll] = useMutation(ConfirmAllPresentDoc);
  const [form] = Form.useForm<ConfirmForm>();
  const finding = Form.useWatch('finding', form);

  const todo = (data?.todo.edges ?? []).map((e) => e.node);
  const mine = todo.filter((i) => i.mayConfirm);
  const total = data?.all.totalCount ?? 0;
  const wording = checklistWording({
    scope,
    pending: data?.todo.totalCount ?? 0,
    listed: todo.length,
    mine: mine.length,
  });

  const send = async (v: ConfirmForm) => {
    if (!item) return;
    setError(undefined);
    const result = await confirm({
      itemId: item.id,
      finding: v.finding,
      note: v.note?.trim() || null,
      observedStatus: v.finding === 'STATUS_DIFFERS' ? v.observedStatus : null,
    });
    if (result.error) return setError(errorMessage(result.error));
    void message.success(`${item.assetCode} 已确认：${inventoryFindingLabels[v.finding]}`);
    setItem(undefined);
    reload();
  };
  const sendAll = async () => {
    setError(undefined);
    const result = await confirmAll({
      items: mine.map((i) => ({ itemId: i.id, finding: 'PRESENT' as const })),
    });
    if (result.error) return setError(errorMessage(result.error));
    void message.success(`已确认 ${mine.length} 项为账实相符`);
    setAllOpen(false);
    reload();
  };

  return (
    <section aria-label={`${scope}清查清单`}>
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {scope}清查清单
        </Typography.Title>
        <Typography.Text>
          应查 {total} 项，已确认 {total - (data?.todo.totalCount ?? 0)} 项，待确认{' '}
          {data?.todo.totalCount ?? 0} 项
        </Typography.Text>
        <Table<Item>
          rowKey="id"
          size="small"
          caption="待确认的资产"
          loading={fetching && !data}
          pagination={false}
          scroll={{ x: 420 }}
          locale={{ emptyText: `${scope}资产已全部确认` }}
          dataSource={todo}
          columns={[
            { title: '资产', key: 'asset', render: (_, i) => `${i.assetCode} ${i.assetName}` },
            { title: '账面状态', key: 'status', render: (_, i) => assetStatusLabels[i.assetStatus] },
            {
              title: '操作',
              key: 'action',
              render: (_, i) =>
                i.mayConfirm ? (
                  <Button
                    size="small"
                    aria-label={`确认 ${i.assetCode}`}
                    onClick={() => {
                      setError(undefined);
                      form.resetFields();
                      setItem(i);
                    }}
                  >
                    确认
                  </Button>
                ) : (
                  <Typography.Text type="secondary">由村会计确认</Typography.Text>
                ),
            },
          ]}
        />
        {wording.more ? <Typography.Text type="secondary">{wording.more}</Typography.Text> : null}
        {todo.length > 0 && mine.length === 0 ? (
          <Typography.Text type="secondary">本村有村会计，由其清点确认；这里只能查看进度。</Typography.Text>
        ) : null}
        {mine.length > 0 ? <Button onClick={() => setAllOpen(true)}>{wording.button}</Button> : null}
        <Modal
          title={item ? `确认 ${item.assetCode} ${item.assetName}` : '确认'}
          open={Boolean(item)}
          onCancel={() => setItem(undefined)}
          okText="确认"
          cancelText="取消"
          confirmLoading={sending}
          onOk={() => form.submit()}
          forceRender
        >
          <Form<ConfirmForm>
            form={form}
            name="inventoryItem"
            layout="vertical"
            initialValues={{ finding: 'PRESENT' }}
            onFinish={(v) => void send(v)}
          >
            {/* Always set (账实相符 at first): no required rule, whose aria-required a radio group cannot carry. */}
            <Form.Item name="finding" label="清查结果">
              <Radio.Group options={options(inventoryFindingLabels)} />
            </Form.Item>
            {finding === 'STATUS_DIFFERS' ? (
              <Form.Item
                name="observedStatus"
                label="实际状态"
                rules={[{ required: true, message: '请选择实际状态' }]}
              >
                <FormSelect
                  options={options(assetStatusLabels).filter((o) => o.value !== item?.assetStatus)}
                />
              </Form.Item>
            ) : null}
            <Form.Item
              name="note"
              label="说明"
              rules={[
                {
                  required: finding !== undefined && finding !== 'PRESENT',
                  whitespace: true,
                  message: '请填写说明',
                },
                { max: 2000, message: '最多 2000 个字' },
              ]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          </Form>
          {error && item ? (
            <div role="alert" className="form-error">
              {error}
            </div>
          ) : null}
        </Modal>
        <Modal
          title={wording.title}
          open={allOpen}
          onCancel={() => setAllOpen(false)}
          okText="确认"
          cancelText="取消"
          confirmLoading={sendingAll}
          onOk={() => void sendAll()}
        >
          <Typography.Paragraph>{wording.confirm}</Typography.Paragraph>
          {error && allOpen ? (
            <div role="alert" className="form-error">
              {error}
            </div>
          ) : null}
        </Modal>
      </Space>
    </section>
  );
}
