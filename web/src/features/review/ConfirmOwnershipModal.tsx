import { App, Descriptions, Form, Input, Modal, Table } from 'antd';
import { useEffect } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import { errorFields, errorMessage } from '@web/shared/api/errors';
import { formatDate } from '@web/shared/format/dates';
import { objectionStatusLabels, ownerTypeLabels } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';

const ProposalDoc = graphql(`
  query ConfirmOwnershipProposal($id: ID!) {
    ownershipProposal(id: $id) {
      id
      status
      managementEntity
      managementResponsible
      publicityStart
      publicityEnd
      owners {
        ownerType
        ownerRef
        name
        sharePercent
      }
      objections {
        id
        objector
        content
        status
      }
    }
  }
`);

const ConfirmDoc = graphql(`
  mutation ConfirmOwnership($id: ID!, $certificateNo: String!) {
    confirmOwnership(proposalId: $id, certificateNo: $certificateNo) {
      id
      status
      certificateNo
    }
  }
`);

interface Item {
  entityId: string;
  assetCode?: string | null;
  title: string;
  regionCode: string;
}

/** Confirms an ownership proposal whose publicity has ended, with the certificate number (确权证书编号). */
export function ConfirmOwnershipModal({ item, onClose }: { item?: Item; onClose: (done: boolean) => void }) {
  const { message } = App.useApp();
  const regionName = useRegionNames();
  const [form] = Form.useForm<{ certificateNo: string }>();
  const [{ data }] = useQuery({
    query: ProposalDoc,
    variables: { id: item?.entityId ?? '' },
    pause: !item,
    requestPolicy: 'network-only',
  });
  const [{ fetching }, confirm] = useMutation(ConfirmDoc);
  useEffect(() => {
    if (item) form.resetFields();
  }, [item, form]);
  const p = item ? data?.ownershipProposal : undefined;

  const submit = async () => {
    if (!item) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the fields say what is wrong
    const result = await confirm({ id: item.entityId, certificateNo: values.certificateNo.trim() });
    if (result.error) {
      const fields = errorFields(result.error);
      const text = errorMessage(result.error);
      if (fields.includes('certificateNo') || text?.includes('证书编号')) {
        form.setFields([{ name: 'certificateNo', errors: [text ?? ''] }]);
      } else {
        void message.error(text);
      }
      return;
    }
    void message.success(`已确认权属：${item.assetCode ?? ''} ${item.title}`);
    onClose(true);
  };

  return (
    <Modal
      title="确认权属"
      open={Boolean(item)}
      okText="确认权属"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      width={640}
      forceRender
    >
      {item ? (
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="资产">{`${item.assetCode ?? ''} ${item.title}`}</Descriptions.Item>
          <Descriptions.Item label="所在村">{regionName(item.regionCode)}</Descriptions.Item>
          {p ? (
            <>
              <Descriptions.Item label="公示期">
                {formatDate(p.publicityStart)} 至 {formatDate(p.publicityEnd)}
              </Descriptions.Item>
              <Descriptions.Item label="管护主体">
                {p.managementEntity}
                {p.managementResponsible ? `（责任人 ${p.managementResponsible}）` : ''}
              </Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
      ) : null}
      {p ? (
        <Table
          rowKey="ownerRef"
          size="small"
          pagination={false}
          style={{ marginBottom: 12 }}
          dataSource={p.owners}
          columns={[
            { title: '所有权人', dataIndex: 'name', key: 'name' },
            { title: '类型', key: 'type', render: (_, o) => ownerTypeLabels[o.ownerType] },
            { title: '份额', key: 'share', align: 'right', render: (_, o) => `${o.sharePercent}%` },
          ]}
        />
      ) : null}
      {p && p.objections.length > 0 ? (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          style={{ marginBottom: 12 }}
          dataSource={p.objections}
          columns={[
            { title: '异议人', dataIndex: 'objector', key: 'objector' },
            { title: '异议内容', dataIndex: 'content', key: 'content' },
            { title: '状态', key: 'status', render: (_, o) => objectionStatusLabels[o.status] },
          ]}
        />
      ) : null}
      <Form name="confirmOwnership" form={form} layout="vertical">
        <Form.Item
          name="certificateNo"
          label="确权证书编号"
          rules={[
            { required: true, whitespace: true, message: '请填写确权证书编号' },
            { max: 64, message: '证书编号不超过 64 个字符' },
          ]}
        >
          <Input placeholder="例如 WZ-QQ-2026-0001" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
