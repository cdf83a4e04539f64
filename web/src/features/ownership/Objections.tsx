import { App, Button, Descriptions, Form, Input, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import type { ObjectionStatus } from '@web/gql/enums';
import { errorFieldProblems, errorMessage, errorReason } from '@web/shared/api/errors';
import { showFieldProblems } from '@web/shared/components/field-problems';
import { ReasonModal } from '@web/shared/components/ReasonModal';
import { StatusTag } from '@web/shared/components/StatusTag';
import { EvidenceFileRow } from '@web/shared/files/EvidenceFileRow';
import { EvidenceUpload } from '@web/shared/files/EvidenceUpload';
import { useUploadsInFlight } from '@web/shared/files/useUploadsInFlight';
import { formatDate } from '@web/shared/format/dates';
import { objectionStatusLabels } from '@web/shared/labels/enums';

const RecordObjectionDoc = graphql(`
  mutation RecordObjection($input: RecordObjectionInput!) {
    recordObjection(input: $input) {
      id
      version
      objections {
        id
        status
      }
    }
  }
`);

const ResolveObjectionDoc = graphql(`
  mutation ResolveObjection($objectionId: ID!, $resolution: String!) {
    resolveObjection(objectionId: $objectionId, resolution: $resolution) {
      id
      version
      objections {
        id
        status
        resolution
      }
    }
  }
`);

/** An objection as the lists below show it (the fields the asset page and the confirm dialog read). */
export interface ObjectionItem {
  id: string;
  objector: string;
  content: string;
  raisedOn: string;
  status: ObjectionStatus;
  resolution?: string | null;
  evidence: Array<{ fileId: string }>;
}

/**
 * The objections raised during a proposal's publicity: who objected, what, on which day, the files they
 * brought (each downloadable), whether it is settled (待处理 / 已处理) and how; 处理异议 on an open one
 * when `onResolve` is given (the township of the asset or the district).
 */
export function ObjectionList({
  objections,
  onResolve,
  label = '异议',
}: {
  objections: ObjectionItem[];
  onResolve?: (objection: ObjectionItem) => void;
  label?: string;
}) {
  if (objections.length === 0) {
    return <Typography.Text type="secondary">公示期间未收到异议</Typography.Text>;
  }
  return (
    <List
      size="small"
      bordered
      aria-label={label}
      style={{ width: '100%' }}
      dataSource={objections}
      renderItem={(o) => (
        <List.Item aria-label={`异议：${o.objector}`}>
          <div style={{ width: '100%', minWidth: 0 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label="异议人">{o.objector}</Descriptions.Item>
              <Descriptions.Item label="登记日期">{formatDate(o.raisedOn)}</Descriptions.Item>
              <Descriptions.Item label="状态">
                <StatusTag tone={o.status === 'OPEN' ? 'warning' : 'success'}>
                  {objectionStatusLabels[o.status]}
                </StatusTag>
              </Descriptions.Item>
              <Descriptions.Item label="异议内容" span={{ xs: 1, md: 2 }}>
                <span style={{ overflowWrap: 'anywhere' }}>{o.content}</span>
              </Descriptions.Item>
              {o.resolution ? (
                <Descriptions.Item label="处理结果" span={{ xs: 1, md: 2 }}>
                  <span style={{ overflowWrap: 'anywhere' }}>{o.resolution}</span>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            {o.evidence.length > 0 ? (
              <List
                size="small"
                aria-label={`${o.objector}的证明材料`}
                dataSource={o.evidence}
                renderItem={(f) => <EvidenceFileRow fileId={f.fileId} source="证明材料" />}
              />
            ) : (
              <Typography.Text type="secondary">未附证明材料</Typography.Text>
            )}
            {onResolve && o.status === 'OPEN' ? (
              <div style={{ marginTop: 8 }}>
                <Button
                  size="small"
                  type="primary"
                  aria-label={`处理异议：${o.objector}`}
                  onClick={() => onResolve(o)}
                >
                  处理异议
                </Button>
              </div>
            ) : null}
          </div>
        </List.Item>
      )}
    />
  );
}

interface RecordForm {
  objector: string;
  content: string;
  evidenceFileIds?: string[];
}

/**
 * 登记异议: a villager's (a household's, a unit's) objection to a proposal in publicity, with the files
 * they brought, stored in the asset's village. The API's problems show under their fields. Mount it only
 * while it is open: it carries one idempotency key, sent with every attempt.
 */
export function RecordObjectionModal({
  proposalId,
  regionCode,
  onClose,
}: {
  proposalId: string;
  regionCode: string;
  onClose: (done: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordForm>();
  const [{ fetching }, record] = useMutation(RecordObjectionDoc);
  // One key for the form's life: a retry after a lost answer records the objection once.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [formError, setFormError] = useState<string>();
  const { uploading, onUploadingChange } = useUploadsInFlight();
  const submit = async () => {
    if (fetching) return;
    if (uploading) return setFormError('证明材料正在上传，请上传完成后再登记');
    let v: RecordForm;
    try {
      v = await form.validateFields();
    } catch {
      return; // the fields say what is missing
    }
    setFormError(undefined);
    const result = await record({
      input: {
        proposalId,
        objector: v.objector.trim(),
        content: v.content.trim(),
        evidenceFileIds: v.evidenceFileIds?.length ? v.evidenceFileIds : undefined,
        idempotencyKey,
      },
    });
    if (result.error) {
      if (errorReason(result.error) === 'OWNERSHIP_NOT_IN_PUBLICITY') {
        return setFormError('该确权申请已不在公示期内，不能再登记异议');
      }
      const problems = errorFieldProblems(result.error);
      const unshown = showFieldProblems(form, 'recordObjection', problems);
      setFormError(
        problems.length > 0 && unshown.length === 0
          ? '未能登记：请按标出的栏目修改'
          : errorMessage(result.error),
      );
      return;
    }
    void message.success(`已登记异议：${v.objector.trim()}`);
    onClose(true);
  };
  return (
    <Modal
      title="登记异议"
      open
      okText="登记异议"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        公示期间村民、农户或单位对确权方案提出的异议，登记后须由乡镇（或区）处理，处理完毕前不能确认权属。
      </Typography.Paragraph>
      <Form<RecordForm> name="recordObjection" form={form} layout="vertical">
        <Form.Item
          label="异议人"
          name="objector"
          extra="提出异议的村民、农户或单位"
          rules={[
            { required: true, whitespace: true, message: '请填写异议人' },
            { max: 100, message: '异议人不超过 100 字' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="异议内容"
          name="content"
          rules={[
            { required: true, whitespace: true, message: '请填写异议内容' },
            { max: 2000, message: '异议内容不超过 2000 字' },
          ]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item label="证明材料" name="evidenceFileIds" extra="可选：异议书、承包合同、照片等">
          <EvidenceUpload label="证明材料" regionCode={regionCode} onUploadingChange={onUploadingChange} />
        </Form.Item>
      </Form>
      {formError ? (
        <div role="alert" className="form-error">
          {formError}
        </div>
      ) : null}
    </Modal>
  );
}

/** 处理异议: how the township (or the district) settled an objection; it is then 已处理 for good. */
export function ResolveObjectionModal({
  objection,
  onClose,
}: {
  objection: ObjectionItem;
  onClose: (done: boolean) => void;
}) {
  const [, resolve] = useMutation(ResolveObjectionDoc);
  return (
    <ReasonModal
      title="处理异议"
      okText="保存处理结果"
      formName="resolveObjection"
      reason={{
        name: 'resolution',
        label: '处理结果',
        extra: '写明核实情况和处理意见，例如：经村民代表会议复核，异议不成立',
        requiredMessage: '请写明处理结果',
        max: 2000,
        maxMessage: '处理结果不超过 2000 字',
        rows: 4,
      }}
      fieldProblemsMessage="未能保存：请按标出的栏目修改"
      successMessage={`异议已处理：${objection.objector}`}
      send={(resolution) => resolve({ objectionId: objection.id, resolution })}
      onClose={onClose}
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="异议人">{objection.objector}</Descriptions.Item>
        <Descriptions.Item label="登记日期">{formatDate(objection.raisedOn)}</Descriptions.Item>
        <Descriptions.Item label="异议内容">
          <span style={{ overflowWrap: 'anywhere' }}>{objection.content}</span>
        </Descriptions.Item>
      </Descriptions>
    </ReasonModal>
  );
}
