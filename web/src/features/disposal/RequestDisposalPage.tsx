import { Alert, App, Breadcrumb, Button, Card, Col, Form, Input, Row, Space } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageLoading } from '@web/app/PageLoading';
import { graphql } from '@web/gql';
import type { DisposalMethod, DisposalReason } from '@web/gql/enums';
import { errorMessage } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { useSession } from '@web/shared/auth/session';
import { DigitsInput } from '@web/shared/components/DigitsInput';
import { FormSelect } from '@web/shared/components/FormSelect';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { EvidenceUpload } from '@web/shared/files/EvidenceUpload';
import { useUploadsInFlight } from '@web/shared/files/useUploadsInFlight';
import { formatMoney, isMoneyInput } from '@web/shared/format/money';
import { disposalMethodLabels, disposalReasonLabels, options } from '@web/shared/labels/enums';
import { mayRequestDisposal, requesterActions } from './requester-rules';

const RequestDisposalContext = graphql(`
  query RequestDisposalContext($id: ID!, $requestId: ID!, $editing: Boolean!) {
    asset(id: $id) {
      id
      code
      name
      status
      locationCode
      formedValue
      owners {
        ownerType
        ownerRef
      }
    }
    disposalRequest(id: $requestId) @include(if: $editing) {
      id
      assetId
      status
      version
      requestedBy
      method
      reasonCode
      reasonText
      appraisedValue
      evidence {
        appraisal {
          fileId
        }
        resolution {
          fileId
        }
        other {
          fileId
        }
      }
      reviews {
        step
        comment
      }
    }
  }
`);

const RequestDisposal = graphql(`
  mutation RequestDisposal($input: RequestDisposalInput!) {
    requestDisposal(input: $input) {
      id
      status
    }
  }
`);

const UpdateDisposalRequest = graphql(`
  mutation UpdateDisposalRequest($id: ID!, $expectedVersion: Int!, $changes: DisposalChangesInput!) {
    updateDisposalRequest(id: $id, expectedVersion: $expectedVersion, changes: $changes) {
      id
      version
    }
  }
`);

const ResubmitDisposalAfterChange = graphql(`
  mutation ResubmitDisposalAfterChange($requestId: ID!) {
    resubmitDisposal(requestId: $requestId) {
      id
      status
    }
  }
`);

interface DisposalForm {
  method: DisposalMethod;
  reasonCode: DisposalReason;
  reasonText: string;
  appraisedValue: string;
  appraisalFileIds?: string[];
  resolutionFileIds?: string[];
  otherFileIds?: string[];
}

/**
 * 申请处置 (`/assets/:id/disposal/new`): the owner applies to dispose of an asset, with the method, the
 * reason, the appraised value, the appraisal (评估报告) and the owner's democratic resolution (民主决议);
 * the township reviews it next. `/assets/:id/disposal/:requestId/edit`: the requester changes a request
 * the township returned and sends it back (修改后重新提交); files chosen replace that kind of file, the
 * others stay as they were.
 */
export default function RequestDisposalPage() {
  const { id = '', requestId } = useParams();
  const editing = requestId !== undefined;
  const { user } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<DisposalForm>();
  const [formError, setFormError] = useState<string>();
  const [key] = useState(newIdempotencyKey);
  const { uploading, onUploadingChange } = useUploadsInFlight();
  const [{ data, error }] = useQuery({
    query: RequestDisposalContext,
    variables: { id, requestId: requestId ?? '', editing },
  });
  const [requested, request] = useMutation(RequestDisposal);
  const [updated, update] = useMutation(UpdateDisposalRequest);
  const [resubmitted, resubmit] = useMutation(ResubmitDisposalAfterChange);
  const title = editing ? '修改处置申请' : '申请处置';

  if (error) {
    return (
      <PageContainer title={title}>
        <QueryError error={error} />
      </PageContainer>
    );
  }
  const asset = data?.asset;
  if (!asset) return <PageLoading />;
  const existing = data.disposalRequest;
  const back = `/assets/${asset.id}?tab=disposal`;
  const refusal = editing
    ? !existing || existing.assetId !== asset.id || !requesterActions(user?.id, existing).change
      ? '该处置申请当前不能修改：只有申请人可以修改被退回的申请。'
      : undefined
    : !mayRequestDisposal(user, asset)
      ? asset.status === 'DISPOSED'
        ? '该资产已处置，不能再申请处置。'
        : '处置由资产的所有权人申请：所有权村的村会计（乡镇、区级所有的资产由乡镇、区级申请）。'
      : undefined;

  const files = (ids: string[] | undefined, kept: Array<{ fileId: string }> | undefined): string[] =>
    ids?.length ? ids : (kept ?? []).map((f) => f.fileId);

  const submit = async (values: DisposalForm) => {
    if (uploading) return setFormError('文件正在上传，请上传完成后再提交');
    setFormError(undefined);
    const appraisedValue = values.appraisedValue.replace(/,/g, '').trim();
    if (!existing) {
      const result = await request({
        input: {
          assetId: asset.id,
          method: values.method,
          reasonCode: values.reasonCode,
          reasonText: values.reasonText.trim(),
          appraisedValue,
          evidence: {
            appraisalFileIds: values.appraisalFileIds ?? [],
            resolutionFileIds: values.resolutionFileIds ?? [],
            otherFileIds: values.otherFileIds?.length ? values.otherFileIds : undefined,
          },
          idempotencyKey: key,
        },
      });
      if (result.error) return setFormError(errorMessage(result.error));
      void message.success('已提交处置申请，待乡镇审核');
      void navigate(back);
      return;
    }
    const newFiles = [values.appraisalFileIds, values.resolutionFileIds, values.otherFileIds].some(
      (f) => f?.length,
    );
    const changed = await update({
      id: existing.id,
      expectedVersion: existing.version,
      changes: {
        method: values.method,
        reasonCode: values.reasonCode,
        reasonText: values.reasonText.trim(),
        appraisedValue,
        evidence: newFiles
          ? {
              appraisalFileIds: files(values.appraisalFileIds, existing.evidence.appraisal),
              resolutionFileIds: files(values.resolutionFileIds, existing.evidence.resolution),
              otherFileIds: files(values.otherFileIds, existing.evidence.other),
            }
          : undefined,
      },
    });
    if (changed.error) return setFormError(errorMessage(changed.error));
    const sent = await resubmit({ requestId: existing.id });
    if (sent.error) {
      // The change is saved; the request waits on the asset's page to be sent again.
      void message.warning(`修改已保存，但未能重新提交：${errorMessage(sent.error)}`);
      void navigate(back);
      return;
    }
    void message.success('已修改并重新提交处置申请，待乡镇审核');
    void navigate(back);
  };

  const returnComment = existing?.reviews[existing.reviews.length - 1]?.comment;
  const keptNote = (kind: string, kept: ReadonlyArray<unknown> | undefined) =>
    editing ? `已有 ${kept?.length ?? 0} 个${kind}；选择新文件则替换原有的，不选则保留` : undefined;

  return (
    <PageContainer title={title}>
      <Breadcrumb
        aria-label="当前位置"
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/assets">资产台账</Link> },
          { title: <Link to={back}>{asset.code}</Link> },
          { title },
        ]}
      />
      {refusal ? (
        <Alert type="warning" showIcon message={refusal} action={<Link to={back}>返回资产</Link>} />
      ) : (
        <Form<DisposalForm>
          name="requestDisposal"
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={
            existing
              ? {
                  method: existing.method,
                  reasonCode: existing.reasonCode,
                  reasonText: existing.reasonText,
                  appraisedValue: existing.appraisedValue,
                }
              : undefined
          }
        >
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {returnComment ? (
              <Alert type="info" showIcon message="退回意见" description={returnComment} />
            ) : null}
            <Card
              size="small"
              title={`${asset.code} ${asset.name}（原值 ${formatMoney(asset.formedValue)}）`}
            >
              <Row gutter={16}>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item
                    label="处置方式"
                    name="method"
                    rules={[{ required: true, message: '请选择处置方式' }]}
                  >
                    <FormSelect<DisposalMethod>
                      options={options(disposalMethodLabels)}
                      placeholder="请选择"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item
                    label="处置原因"
                    name="reasonCode"
                    rules={[{ required: true, message: '请选择处置原因' }]}
                  >
                    <FormSelect<DisposalReason>
                      options={options(disposalReasonLabels)}
                      placeholder="请选择"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item
                    label="评估价值（元）"
                    name="appraisedValue"
                    extra="评估报告所载的价值；报废、报损无残值的填 0"
                    rules={[
                      { required: true, message: '请填写评估价值' },
                      {
                        validator: async (_, v?: string) => {
                          if (v && !isMoneyInput(v.replace(/,/g, '')))
                            throw new Error('请填写金额（元），最多两位小数，如 120000.00');
                        },
                      },
                    ]}
                  >
                    <DigitsInput inputMode="decimal" autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item
                    label="情况说明"
                    name="reasonText"
                    rules={[
                      { required: true, whitespace: true, message: '请说明处置的原因和经过' },
                      { max: 2000, message: '最多 2000 个字' },
                    ]}
                  >
                    <Input.TextArea rows={3} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card size="small" title="证明材料">
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item
                    label="评估报告"
                    name="appraisalFileIds"
                    extra={keptNote('评估报告', existing?.evidence.appraisal)}
                    rules={editing ? [] : [{ required: true, message: '请上传评估报告' }]}
                  >
                    <EvidenceUpload
                      label="评估报告"
                      regionCode={asset.locationCode}
                      onUploadingChange={onUploadingChange}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    label="民主决议"
                    name="resolutionFileIds"
                    extra={
                      keptNote('民主决议', existing?.evidence.resolution) ??
                      '村民代表会议（或所有权人）同意处置的决议'
                    }
                    rules={editing ? [] : [{ required: true, message: '请上传民主决议' }]}
                  >
                    <EvidenceUpload
                      label="民主决议"
                      regionCode={asset.locationCode}
                      onUploadingChange={onUploadingChange}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    label="其他材料"
                    name="otherFileIds"
                    extra={keptNote('其他材料', existing?.evidence.other) ?? '可选：照片、鉴定意见等'}
                  >
                    <EvidenceUpload
                      label="其他材料"
                      regionCode={asset.locationCode}
                      onUploadingChange={onUploadingChange}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            {formError ? (
              <div role="alert" className="form-error">
                {formError}
              </div>
            ) : null}
            <Space>
              <Button
                type="primary"
                htmlType="submit"
                loading={requested.fetching || updated.fetching || resubmitted.fetching}
              >
                {editing ? '保存并重新提交' : '提交申请'}
              </Button>
              <Button onClick={() => void navigate(back)}>取消</Button>
            </Space>
          </Space>
        </Form>
      )}
    </PageContainer>
  );
}
