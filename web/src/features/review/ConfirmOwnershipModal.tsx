import { Alert, App, Button, Descriptions, Form, Input, List, Modal, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import { errorFields, errorMessage } from '@web/shared/api/errors';
import { EvidenceFileRow } from '@web/shared/files/EvidenceFileRow';
import { DateRange } from '@web/shared/components/DateRange';
import { ownerTypeLabels } from '@web/shared/labels/enums';
import { useRegionNames } from '@web/shared/regions/useRegionNames';
import { ObjectionList, ResolveObjectionModal, type ObjectionItem } from '../ownership/Objections';

const ProposalDoc = graphql(`
  query ConfirmOwnershipProposal($id: ID!) {
    ownershipProposal(id: $id) {
      id
      status
      managementEntity
      managementResponsible
      publicityStart
      publicityEnd
      backdated
      evidence {
        fileId
      }
      noticeEvidence {
        fileId
      }
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
        raisedOn
        resolution
        evidence {
          fileId
        }
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

const RejectDoc = graphql(`
  mutation RejectOwnership($id: ID!, $reason: String!) {
    rejectOwnership(proposalId: $id, reason: $reason) {
      id
      status
      rejectReason
    }
  }
`);

interface Item {
  entityId: string;
  assetCode?: string | null;
  title: string;
  regionCode: string;
}

/**
 * An ownership proposal whose publicity has ended, as the township (or the district) decides it: the
 * owners, the evidence and, for a back-dated publicity, the photo of the posted notice; confirmed with
 * the certificate number (确权证书编号), or not confirmed (不予确权) with the reason. Objections raised
 * during the publicity are listed with their files; an open one blocks 确认权属 until it is settled here
 * (处理异议).
 */
export function ConfirmOwnershipModal({ item, onClose }: { item?: Item; onClose: (done: boolean) => void }) {
  const { message } = App.useApp();
  const regionName = useRegionNames();
  const [form] = Form.useForm<{ certificateNo: string }>();
  const [rejectForm] = Form.useForm<{ reason: string }>();
  const [rejecting, setRejecting] = useState(false);
  const [{ fetching: sendingReject }, reject] = useMutation(RejectDoc);
  const [resolving, setResolving] = useState<ObjectionItem>();
  const [{ data }, refetch] = useQuery({
    query: ProposalDoc,
    variables: { id: item?.entityId ?? '' },
    pause: !item,
    requestPolicy: 'network-only',
  });
  const [{ fetching }, confirm] = useMutation(ConfirmDoc);
  useEffect(() => {
    if (item) {
      form.resetFields();
      rejectForm.resetFields();
      setRejecting(false);
      setResolving(undefined);
    }
  }, [item, form, rejectForm]);
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

  const doReject = async () => {
    if (!item) return;
    const values = await rejectForm.validateFields().catch(() => undefined);
    if (!values) return; // the field says what is wrong
    const result = await reject({ id: item.entityId, reason: values.reason.trim() });
    if (result.error) {
      void message.error(errorMessage(result.error));
      return;
    }
    void message.success(`已不予确权：${item.assetCode ?? ''} ${item.title}`);
    onClose(true);
  };

  const openObjections = p?.objections.filter((o) => o.status === 'OPEN').length ?? 0;

  return (
    <Modal
      title="确认权属"
      open={Boolean(item)}
      onCancel={() => onClose(false)}
      width={640}
      forceRender
      footer={
        <Space wrap style={{ justifyContent: 'flex-end' }}>
          <Button onClick={() => onClose(false)}>取消</Button>
          {rejecting ? (
            <Button danger type="primary" loading={sendingReject} onClick={doReject}>
              确认不予确权
            </Button>
          ) : (
            <Button danger onClick={() => setRejecting(true)} disabled={!p}>
              不予确权
            </Button>
          )}
          <Button
            type="primary"
            loading={fetching}
            onClick={submit}
            disabled={!p || rejecting || openObjections > 0}
          >
            确认权属
          </Button>
        </Space>
      }
    >
      {item ? (
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="资产">{`${item.assetCode ?? ''} ${item.title}`}</Descriptions.Item>
          <Descriptions.Item label="所在村">{regionName(item.regionCode)}</Descriptions.Item>
          {p ? (
            <>
              <Descriptions.Item label="公示期">
                <DateRange from={p.publicityStart} to={p.publicityEnd} />
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
      {p && openObjections > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`公示期间有 ${openObjections} 条异议尚未处理，处理完毕后才能确认权属`}
          description="请逐条点“处理异议”写明处理结果；也可不予确权。"
        />
      ) : null}
      {p && p.objections.length > 0 ? (
        <>
          <Typography.Title level={5}>公示异议</Typography.Title>
          <div style={{ marginBottom: 12 }}>
            <ObjectionList objections={p.objections} label="公示异议" onResolve={setResolving} />
          </div>
        </>
      ) : null}
      {p?.backdated ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message="补录公示：公示起始日期早于登记日期，请核对公示照片后再确认"
        />
      ) : null}
      {p ? (
        <>
          <Typography.Title level={5}>证明材料</Typography.Title>
          <List
            size="small"
            style={{ marginBottom: 12 }}
            locale={{ emptyText: '未附证明材料' }}
            dataSource={[
              ...p.evidence.map((f) => ({ fileId: f.fileId, source: '证明材料' })),
              ...p.noticeEvidence.map((f) => ({ fileId: f.fileId, source: '公示照片' })),
            ]}
            renderItem={(f) => <EvidenceFileRow fileId={f.fileId} source={f.source} />}
          />
        </>
      ) : null}
      {rejecting ? (
        <Form name="rejectOwnership" form={rejectForm} layout="vertical">
          <Form.Item
            name="reason"
            label="不予确权的理由"
            rules={[
              { required: true, whitespace: true, message: '请写明不予确权的理由' },
              { max: 500, message: '理由不超过 500 字' },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      ) : null}
      <Form name="confirmOwnership" form={form} layout="vertical" hidden={rejecting}>
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
      {resolving ? (
        <ResolveObjectionModal
          objection={resolving}
          onClose={(done) => {
            setResolving(undefined);
            if (done) refetch({ requestPolicy: 'network-only' });
          }}
        />
      ) : null}
    </Modal>
  );
}
