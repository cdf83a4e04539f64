import { App, Button, Descriptions, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { IndustryDepartment, RepairPayer, UpkeepCondition, UpkeepFundingSource } from '@web/gql/graphql';
import { errorMessage } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { useSession } from '@web/shared/auth/session';
import { EvidenceUpload } from '@web/shared/files/EvidenceUpload';
import { FormSelect } from '@web/shared/components/FormSelect';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';
import { formatDate, todayLocalDate } from '@web/shared/format/dates';
import { formatMoney, isMoneyInput } from '@web/shared/format/money';
import {
  industryDepartmentLabels,
  repairPayerLabels,
  upkeepConditionLabels,
  upkeepDutySourceLabels,
  upkeepFundingSourceLabels,
} from '@web/shared/labels/enums';
import { DigitsInput } from '@web/shared/components/DigitsInput';

const AssetUpkeepQuery = graphql(`
  query AssetUpkeep($assetId: ID!) {
    assetUpkeep(assetId: $assetId) {
      assetId
      responsibleBody
      responsiblePerson
      responsibilitySource
      currentCondition
      lastInspectedOn
      inspectionDueOn
      inspectionOverdue
      repairCostTotal
      duty {
        body
        person
        phone
        department
        fundingSource
        note
        version
      }
      inspections {
        id
        inspectedOn
        inspector
        condition
        notes
        photos {
          fileId
        }
      }
      repairs {
        id
        repairedOn
        description
        cost
        paidBy
        payerNote
        planId
        inspectionId
      }
    }
  }
`);

/** The upkeep allocations a repair may be paid from; only the village that keeps the asset reads them. */
const UpkeepAllocationsQuery = graphql(`
  query UpkeepAllocations($assetId: ID!) {
    upkeepAllocations(assetId: $assetId) {
      allocationId
      planTitle
      amount
      remaining
    }
  }
`);

const SetDutyDoc = graphql(`
  mutation SetUpkeepDuty($input: SetUpkeepDutyInput!) {
    setUpkeepDuty(input: $input) {
      assetId
      version
    }
  }
`);

const InspectDoc = graphql(`
  mutation RecordUpkeepInspection($input: RecordInspectionInput!) {
    recordUpkeepInspection(input: $input) {
      id
    }
  }
`);

const RepairDoc = graphql(`
  mutation RecordUpkeepRepair($input: RecordRepairInput!) {
    recordUpkeepRepair(input: $input) {
      id
    }
  }
`);

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

/**
 * 管护: the asset's upkeep duty, inspections (巡查) and repairs; the village where it is records them
 * (`keeps`), a co-owner elsewhere reads them.
 */
export function AssetUpkeep({
  assetId,
  disposed,
  keeps,
}: {
  assetId: string;
  disposed: boolean;
  keeps: boolean;
}) {
  const { user } = useSession();
  const [{ data, error }, refetch] = useQuery({ query: AssetUpkeepQuery, variables: { assetId } });
  const [open, setOpen] = useState<'duty' | 'inspection' | 'repair' | null>(null);
  const canRecord =
    keeps && !disposed && (user?.role === 'VILLAGE_CLERK' || user?.role === 'TOWNSHIP_OFFICER');
  const [allocations, refetchAllocations] = useQuery({
    query: UpkeepAllocationsQuery,
    variables: { assetId },
    pause: !canRecord,
  });
  if (error) return <QueryError error={error} />;
  const u = data?.assetUpkeep;
  if (!u) return null;
  const close = (done: boolean) => {
    setOpen(null);
    if (done) {
      refetch({ requestPolicy: 'network-only' });
      if (canRecord) refetchAllocations({ requestPolicy: 'network-only' });
    }
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {canRecord ? (
        <Space wrap>
          <Button onClick={() => setOpen('duty')}>登记管护责任</Button>
          <Button onClick={() => setOpen('inspection')}>登记巡查</Button>
          <Button onClick={() => setOpen('repair')}>登记维修</Button>
        </Space>
      ) : null}
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, xl: 3 }} title="管护责任">
        <Descriptions.Item label="管护主体">{u.responsibleBody ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="管护责任人">{u.responsiblePerson ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{u.duty?.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="行业主管部门">
          {u.duty ? industryDepartmentLabels[u.duty.department] : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="管护经费来源">
          {u.duty ? upkeepFundingSourceLabels[u.duty.fundingSource] : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="信息来源">
          {upkeepDutySourceLabels[u.responsibilitySource]}
        </Descriptions.Item>
        <Descriptions.Item label="当前状况">
          {u.currentCondition ? upkeepConditionLabels[u.currentCondition] : '尚未巡查'}
        </Descriptions.Item>
        <Descriptions.Item label="最近巡查">{formatDate(u.lastInspectedOn)}</Descriptions.Item>
        <Descriptions.Item label="下次巡查期限">
          {formatDate(u.inspectionDueOn)}
          {u.inspectionOverdue ? <StatusTag tone="danger">已超期</StatusTag> : null}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        巡查记录
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 600 }}
        locale={{ emptyText: <Typography.Text>暂无巡查记录</Typography.Text> }}
        dataSource={u.inspections}
        columns={[
          { title: '巡查日期', key: 'on', render: (_, i) => formatDate(i.inspectedOn) },
          { title: '巡查人', dataIndex: 'inspector' },
          {
            title: '状况',
            key: 'condition',
            render: (_, i) => (
              <StatusTag
                tone={i.condition === 'GOOD' ? 'success' : i.condition === 'FAIR' ? 'info' : 'danger'}
              >
                {upkeepConditionLabels[i.condition]}
              </StatusTag>
            ),
          },
          { title: '照片', key: 'photos', render: (_, i) => `${i.photos.length} 张` },
          { title: '情况说明', key: 'notes', render: (_, i) => i.notes ?? '—' },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        维修记录（合计 <span className="money">{formatMoney(u.repairCostTotal)}</span>）
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 600 }}
        locale={{ emptyText: <Typography.Text>暂无维修记录</Typography.Text> }}
        dataSource={u.repairs}
        columns={[
          { title: '维修日期', key: 'on', render: (_, r) => formatDate(r.repairedOn) },
          { title: '维修内容', dataIndex: 'description' },
          {
            title: '费用',
            key: 'cost',
            align: 'right',
            render: (_, r) => <span className="money">{formatMoney(r.cost)}</span>,
          },
          {
            title: '支付方',
            key: 'paidBy',
            render: (_, r) => `${repairPayerLabels[r.paidBy]}${r.payerNote ? `（${r.payerNote}）` : ''}`,
          },
        ]}
      />
      <DutyModal open={open === 'duty'} assetId={assetId} duty={u.duty ?? null} onClose={close} />
      <InspectionModal open={open === 'inspection'} assetId={assetId} onClose={close} />
      <RepairModal
        open={open === 'repair'}
        assetId={assetId}
        inspections={u.inspections.filter((i) => i.condition === 'DAMAGED' || i.condition === 'FAIR')}
        allocations={allocations.data?.upkeepAllocations ?? []}
        onClose={close}
      />
    </Space>
  );
}

interface DutyForm {
  body: string;
  person: string;
  phone?: string;
  department: IndustryDepartment;
  fundingSource: UpkeepFundingSource;
  note?: string;
}

function DutyModal({
  open,
  assetId,
  duty,
  onClose,
}: {
  open: boolean;
  assetId: string;
  duty: {
    body: string;
    person: string;
    phone?: string | null;
    department: IndustryDepartment;
    fundingSource: UpkeepFundingSource;
    note?: string | null;
    version: number;
  } | null;
  onClose: (done: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DutyForm>();
  const [{ fetching }, save] = useMutation(SetDutyDoc);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return; // the fields say what is wrong
    const result = await save({
      input: {
        assetId,
        body: v.body,
        person: v.person,
        phone: v.phone || null,
        department: v.department,
        fundingSource: v.fundingSource,
        note: v.note || null,
        ...(duty ? { expectedVersion: duty.version } : {}),
      },
    });
    if (result.error) {
      void message.error(errorMessage(result.error));
      return;
    }
    void message.success('已登记管护责任');
    onClose(true);
  };
  return (
    <Modal
      title="登记管护责任"
      open={open}
      okText="保存"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<DutyForm>
        name="upkeepDuty"
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          duty
            ? { ...duty, phone: undefined, note: duty.note ?? undefined }
            : { department: 'AGRICULTURE_RURAL', fundingSource: 'VILLAGE_COLLECTIVE' }
        }
      >
        <Form.Item
          label="管护主体"
          name="body"
          rules={[{ required: true, message: '请填写管护主体' }, { max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          label="管护责任人"
          name="person"
          rules={[{ required: true, message: '请填写管护责任人' }, { max: 100 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          label="联系电话"
          name="phone"
          rules={[{ pattern: /^[0-9+][0-9 -]{5,28}[0-9]$/, message: '电话号码格式不正确' }]}
        >
          <DigitsInput inputMode="tel" />
        </Form.Item>
        <Form.Item
          label="行业主管部门"
          name="department"
          rules={[{ required: true, message: '请选择行业主管部门' }]}
        >
          <FormSelect<IndustryDepartment> options={options(industryDepartmentLabels)} />
        </Form.Item>
        <Form.Item
          label="管护经费来源"
          name="fundingSource"
          rules={[{ required: true, message: '请选择管护经费来源' }]}
        >
          <FormSelect<UpkeepFundingSource> options={options(upkeepFundingSourceLabels)} />
        </Form.Item>
        <Form.Item label="备注" name="note" rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface InspectionForm {
  inspectedOn: string;
  inspector: string;
  condition: UpkeepCondition;
  notes?: string;
  photoFileIds?: string[];
}

function InspectionModal({
  open,
  assetId,
  onClose,
}: {
  open: boolean;
  assetId: string;
  onClose: (done: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<InspectionForm>();
  const [key] = useState(newIdempotencyKey);
  const [{ fetching }, record] = useMutation(InspectDoc);
  const condition = Form.useWatch('condition', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return; // the fields say what is wrong
    const result = await record({
      input: {
        assetId,
        inspectedOn: v.inspectedOn,
        inspector: v.inspector,
        condition: v.condition,
        notes: v.notes || null,
        // Uploaded when chosen (with their progress), so saving sends their ids only.
        photoFileIds: v.photoFileIds ?? [],
        idempotencyKey: key,
      },
    });
    if (result.error) {
      void message.error(errorMessage(result.error));
      return;
    }
    void message.success('已登记巡查');
    onClose(true);
  };
  const today = todayLocalDate();
  return (
    <Modal
      title="登记巡查"
      open={open}
      okText="保存"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<InspectionForm>
        name="upkeepInspection"
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ inspectedOn: today, condition: 'GOOD' }}
      >
        <Form.Item
          label="巡查日期"
          name="inspectedOn"
          rules={[
            { required: true, message: '请填写巡查日期' },
            {
              validator: (_, value: string) =>
                !value || value <= today
                  ? Promise.resolve()
                  : Promise.reject(new Error('巡查日期不能晚于今天')),
            },
          ]}
        >
          <Input type="date" max={today} />
        </Form.Item>
        <Form.Item
          label="巡查人"
          name="inspector"
          rules={[{ required: true, message: '请填写巡查人' }, { max: 100 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="资产状况" name="condition" rules={[{ required: true, message: '请选择资产状况' }]}>
          <FormSelect<UpkeepCondition> options={options(upkeepConditionLabels)} />
        </Form.Item>
        <Form.Item
          label="情况说明"
          name="notes"
          rules={[
            { max: 2000 },
            {
              required: condition === 'DAMAGED' || condition === 'LOST',
              message: '发现损坏或灭失时须说明情况',
            },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item label="现场照片" name="photoFileIds" extra="可选：用手机拍照，或选择照片、PDF 文件">
          <EvidenceUpload label="现场照片" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RepairForm {
  repairedOn: string;
  description: string;
  cost: string;
  paidBy: RepairPayer;
  allocationId?: string;
  inspectionId?: string;
  payerNote?: string;
}

function RepairModal({
  open,
  assetId,
  inspections,
  allocations,
  onClose,
}: {
  open: boolean;
  assetId: string;
  inspections: Array<{ id: string; inspectedOn: string; condition: UpkeepCondition }>;
  allocations: Array<{ allocationId: string; planTitle: string; remaining: string }>;
  onClose: (done: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RepairForm>();
  const [key] = useState(newIdempotencyKey);
  const [{ fetching }, record] = useMutation(RepairDoc);
  const paidBy = Form.useWatch('paidBy', form);
  const today = todayLocalDate();
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return; // the fields say what is wrong
    const result = await record({
      input: {
        assetId,
        repairedOn: v.repairedOn,
        description: v.description,
        cost: v.cost.replace(/,/g, ''),
        paidBy: v.paidBy,
        allocationId: v.paidBy === 'UPKEEP_ALLOCATION' ? (v.allocationId ?? null) : null,
        inspectionId: v.inspectionId ?? null,
        payerNote: v.payerNote || null,
        idempotencyKey: key,
      },
    });
    if (result.error) {
      void message.error(errorMessage(result.error));
      return;
    }
    void message.success('已登记维修');
    onClose(true);
  };
  return (
    <Modal
      title="登记维修"
      open={open}
      okText="保存"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<RepairForm>
        name="upkeepRepair"
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ repairedOn: today, paidBy: 'VILLAGE_FUNDS', inspectionId: inspections[0]?.id }}
      >
        <Form.Item label="维修日期" name="repairedOn" rules={[{ required: true, message: '请填写维修日期' }]}>
          <Input type="date" max={today} />
        </Form.Item>
        <Form.Item
          label="维修内容"
          name="description"
          rules={[{ required: true, message: '请填写维修内容' }, { max: 1000 }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          label="维修费用（元）"
          name="cost"
          rules={[
            { required: true, message: '请填写维修费用' },
            {
              validator: (_, value: string) =>
                !value || isMoneyInput(value)
                  ? Promise.resolve()
                  : Promise.reject(new Error('请填写金额，如 860.00')),
            },
          ]}
        >
          <DigitsInput inputMode="decimal" />
        </Form.Item>
        {inspections.length > 0 ? (
          <Form.Item label="对应的巡查记录" name="inspectionId">
            <FormSelect
              allowClear
              options={inspections.map((i) => ({
                value: i.id,
                label: `${formatDate(i.inspectedOn)} ${upkeepConditionLabels[i.condition]}`,
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item label="支付方" name="paidBy" rules={[{ required: true, message: '请选择支付方' }]}>
          <FormSelect<RepairPayer> options={options(repairPayerLabels)} />
        </Form.Item>
        {paidBy === 'UPKEEP_ALLOCATION' ? (
          <Form.Item
            label="资产管护分配项"
            name="allocationId"
            extra={allocations.length === 0 ? '本村没有已备案的资产管护分配' : undefined}
            rules={[{ required: true, message: '请选择资产管护分配项' }]}
          >
            <FormSelect
              options={allocations.map((a) => ({
                value: a.allocationId,
                label: `${a.planTitle}（剩余 ${formatMoney(a.remaining)}）`,
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label="付款方说明"
          name="payerNote"
          rules={[{ max: 200 }, { required: paidBy === 'OTHER', message: '请写明由谁支付' }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
