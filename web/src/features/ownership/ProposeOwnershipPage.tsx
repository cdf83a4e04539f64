import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Col, DatePicker, Form, Input, Row, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageLoading } from '@web/app/PageLoading';
import { graphql } from '@web/gql';
import type { OwnerType } from '@web/gql/enums';
import { errorMessage } from '@web/shared/api/errors';
import { useSession } from '@web/shared/auth/session';
import { FormSelect } from '@web/shared/components/FormSelect';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { EvidenceUpload } from '@web/shared/files/EvidenceUpload';
import { useUploadsInFlight } from '@web/shared/files/useUploadsInFlight';
import { todayLocalDate } from '@web/shared/format/dates';
import { options, ownerTypeLabels } from '@web/shared/labels/enums';
import { percentOf, shareBasisPoints } from './share-rules';
import { DigitsInput } from '@web/shared/components/DigitsInput';

const ProposeOwnershipContext = graphql(`
  query ProposeOwnershipContext($id: ID!, $region: String!) {
    asset(id: $id) {
      id
      code
      name
      locationCode
      managementEntity
      managementResponsible
      owners {
        ownerType
        ownerRef
        ownerName
        sharePercent
      }
    }
    region(code: $region) {
      code
      name
    }
  }
`);

const ProposeOwnership = graphql(`
  mutation ProposeOwnership($input: ProposeOwnershipInput!) {
    proposeOwnership(input: $input) {
      id
      publicityEnd
    }
  }
`);

interface OwnerRow {
  ownerType: OwnerType;
  ownerRef: string;
  name: string;
  sharePercent: string;
}
interface ProposalForm {
  owners: OwnerRow[];
  managementEntity: string;
  managementResponsible?: string;
  publicityStart: Dayjs;
  evidenceFileIds?: string[];
  noticeEvidenceFileIds?: string[];
}

const REF_HINTS: Record<OwnerType, string> = {
  VILLAGE_COLLECTIVE: '村的 12 位区划代码',
  TOWNSHIP: '乡镇的 9 位区划代码',
  DISTRICT_DEPARTMENT: '部门代码',
  HOUSEHOLD: '农户的户编号',
};

/** 申请确权: the owners and their shares, the management entity and the first day of the 公示. */
export default function ProposeOwnershipPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProposalForm>();
  const [formError, setFormError] = useState<string>();
  const { uploading, onUploadingChange } = useUploadsInFlight();
  const [{ data, error }] = useQuery({
    query: ProposeOwnershipContext,
    variables: { id, region: user?.regionCode ?? '' },
    pause: !user,
  });
  const [{ fetching }, propose] = useMutation(ProposeOwnership);
  const today = dayjs(todayLocalDate());

  if (error) {
    return (
      <PageContainer title="申请确权">
        <QueryError error={error} />
      </PageContainer>
    );
  }
  const asset = data?.asset;
  if (!asset) return <PageLoading />;

  const submit = async (values: ProposalForm) => {
    if (uploading) return setFormError('文件正在上传，请上传完成后再提交');
    setFormError(undefined);
    const result = await propose({
      input: {
        assetId: asset.id,
        owners: values.owners.map((o) => ({
          ownerType: o.ownerType,
          ownerRef: o.ownerRef.trim(),
          name: o.name.trim(),
          sharePercent: o.sharePercent.trim(),
        })),
        managementEntity: values.managementEntity.trim(),
        managementResponsible: values.managementResponsible?.trim() || undefined,
        publicityStart: values.publicityStart.format('YYYY-MM-DD'),
        evidenceFileIds: values.evidenceFileIds?.length ? values.evidenceFileIds : undefined,
        noticeEvidenceFileIds: values.noticeEvidenceFileIds?.length
          ? values.noticeEvidenceFileIds
          : undefined,
      },
    });
    if (result.data) {
      void message.success('已提交确权申请，公示开始');
      void navigate(`/assets/${asset.id}`);
      return;
    }
    setFormError(errorMessage(result.error));
  };

  const village = data.region && user?.role === 'VILLAGE_CLERK' ? data.region : undefined;
  // A change of owner starts from the owners as confirmed (their names as on the certificates); a first
  // confirmation from the clerk's village, in full.
  const current: OwnerRow[] = asset.owners.map((o) => ({
    ownerType: o.ownerType,
    ownerRef: o.ownerRef,
    name: o.ownerName,
    // "60.00" as a person types it: 60 ("60.50": 60.5).
    sharePercent: o.sharePercent.includes('.') ? o.sharePercent.replace(/\.?0+$/, '') : o.sharePercent,
  }));
  return (
    <PageContainer title="申请确权">
      <Breadcrumb
        aria-label="当前位置"
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/assets">资产台账</Link> },
          { title: <Link to={`/assets/${asset.id}`}>{asset.code}</Link> },
          { title: '申请确权' },
        ]}
      />
      <Form<ProposalForm>
        name="proposeOwnership"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          owners: current.length
            ? current
            : [
                village
                  ? {
                      ownerType: 'VILLAGE_COLLECTIVE',
                      ownerRef: village.code,
                      name: `${village.name}股份经济合作社`,
                      sharePercent: '100',
                    }
                  : { sharePercent: '100' },
              ],
          managementEntity: asset.managementEntity ?? '',
          managementResponsible: asset.managementResponsible ?? '',
          publicityStart: today,
        }}
      >
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small" title={`${asset.code} ${asset.name}：拟确权给`}>
            <Form.List
              name="owners"
              rules={[
                {
                  validator: async (_, owners?: Array<Partial<OwnerRow>>) => {
                    if (!owners || owners.length === 0) throw new Error('请至少添加一个所有权人');
                    const bps = owners.map((o) => shareBasisPoints(o?.sharePercent));
                    if (bps.some((b) => b === null)) return; // the field says what is wrong
                    const total = bps.reduce<number>((s, b) => s + (b ?? 0), 0);
                    if (total !== 10_000)
                      throw new Error(`各所有权人份额合计须为 100%，现为 ${percentOf(total)}%`);
                  },
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field, i) => (
                    <Row gutter={16} key={field.key}>
                      <Col xs={24} md={12} xl={5}>
                        <Form.Item
                          label={`所有权人 ${i + 1} 类型`}
                          name={[field.name, 'ownerType']}
                          rules={[{ required: true, message: '请选择所有权人类型' }]}
                        >
                          <FormSelect options={options(ownerTypeLabels)} placeholder="请选择" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={12} xl={5}>
                        <Form.Item
                          label={`所有权人 ${i + 1} 编码`}
                          name={[field.name, 'ownerRef']}
                          extra={
                            REF_HINTS[form.getFieldValue(['owners', field.name, 'ownerType']) as OwnerType] ??
                            undefined
                          }
                          rules={[{ required: true, whitespace: true, message: '请输入所有权人编码' }]}
                        >
                          <Input autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={12} xl={7}>
                        <Form.Item
                          label={`所有权人 ${i + 1} 名称`}
                          name={[field.name, 'name']}
                          extra="将登记在权属证书上"
                          rules={[
                            { required: true, whitespace: true, message: '请输入所有权人名称' },
                            { max: 200, message: '最多 200 个字' },
                          ]}
                        >
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={18} md={9} xl={5}>
                        <Form.Item
                          label={`所有权人 ${i + 1} 份额（%）`}
                          name={[field.name, 'sharePercent']}
                          rules={[
                            { required: true, message: '请输入份额' },
                            {
                              validator: async (_, v?: string) => {
                                if (v && shareBasisPoints(v) === null)
                                  throw new Error('份额须大于 0、不超过 100，最多两位小数');
                              },
                            },
                          ]}
                        >
                          <DigitsInput inputMode="decimal" autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={6} md={3} xl={2}>
                        <Form.Item label=" " colon={false}>
                          <Button
                            icon={<DeleteOutlined />}
                            aria-label={`删除所有权人 ${i + 1}`}
                            onClick={() => remove(field.name)}
                          />
                        </Form.Item>
                      </Col>
                    </Row>
                  ))}
                  <Form.ErrorList errors={errors} />
                  <Button icon={<PlusOutlined />} onClick={() => add({})}>
                    添加所有权人
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
          <Card size="small" title="管护与公示">
            <Row gutter={16}>
              <Col xs={24} md={12} xl={8}>
                <Form.Item
                  label="管护主体"
                  name="managementEntity"
                  rules={[
                    { required: true, whitespace: true, message: '请输入管护主体' },
                    { max: 200, message: '最多 200 个字' },
                  ]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} xl={8}>
                <Form.Item
                  label="管护责任人"
                  name="managementResponsible"
                  rules={[{ max: 100, message: '最多 100 个字' }]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} xl={8}>
                <Form.Item
                  label="公示开始日期"
                  name="publicityStart"
                  extra="公示期满且无未处理异议后，由乡镇确认确权"
                  rules={[
                    { required: true, message: '请选择公示开始日期' },
                    {
                      validator: async (_, v?: Dayjs) => {
                        if (v && v.isAfter(today.add(30, 'day'), 'day'))
                          throw new Error('公示须在 30 天内开始');
                      },
                    },
                  ]}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card size="small" title="证明材料">
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  label="证明材料（照片、扫描件）"
                  name="evidenceFileIds"
                  extra="可用手机拍照，或选择 PDF、JPG、PNG 文件"
                >
                  <EvidenceUpload
                    label="证明材料"
                    regionCode={asset.locationCode}
                    onUploadingChange={onUploadingChange}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label="已张贴的公示照片"
                  name="noticeEvidenceFileIds"
                  extra="公示开始日期早于今天（公示已经张贴）时必须上传"
                  dependencies={['publicityStart']}
                  rules={[
                    {
                      validator: async (_, v?: string[]) => {
                        const start = form.getFieldValue('publicityStart') as Dayjs | undefined;
                        if (start?.isBefore(today, 'day') && !v?.length)
                          throw new Error('公示开始日期早于今天，请上传已张贴公示的照片');
                      },
                    },
                  ]}
                >
                  <EvidenceUpload
                    label="已张贴的公示照片"
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
            <Button type="primary" htmlType="submit" loading={fetching}>
              提交并开始公示
            </Button>
            <Button onClick={() => void navigate(`/assets/${asset.id}`)}>取消</Button>
          </Space>
        </Space>
      </Form>
    </PageContainer>
  );
}
