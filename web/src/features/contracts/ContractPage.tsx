import {
  App,
  Breadcrumb,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Space,
  Table,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { PaymentSchedule } from '@web/gql/enums';
import type { ContractDetailQuery } from '@web/gql/graphql';
import { DateRange } from '@web/shared/components/DateRange';
import { errorMessage } from '@web/shared/api/errors';
import { useSession } from '@web/shared/auth/session';
import { FormSelect } from '@web/shared/components/FormSelect';
import { KeyboardScroll } from '@web/shared/components/KeyboardScroll';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';
import { formatDate, formatDateTime, todayLocalDate } from '@web/shared/format/dates';
import { fenOfYuan, formatMoney, isMoneyInput, isPositiveMoney, yuanOfFen } from '@web/shared/format/money';
import {
  contractChangeLabels,
  contractKindLabels,
  operatorKindLabels,
  paymentScheduleLabels,
} from '@web/shared/labels/contracts';
import { options } from '@web/shared/labels/enums';
import { ContractStatus } from '@web/shared/contracts/ContractStatus';
import { EvidenceFileRow } from '@web/shared/files/EvidenceFileRow';
import { fieldProblems } from './form-errors';
import { PrincipalReturnModal } from './PrincipalReturnModal';
import { DigitsInput } from '@web/shared/components/DigitsInput';

const ContractDetail = graphql(`
  query ContractDetail($id: ID!) {
    contract(id: $id) {
      id
      code
      kind
      status
      inForce
      regionCode
      ownerName
      startDate
      endDate
      terminatedOn
      terminationReason
      amount
      schedule
      guaranteedMinimum
      equityPrincipal
      equityMaturityDate
      principalReturnedOn
      principalReturnedAmount
      note
      version
      operator {
        id
        kind
        name
        uscc
        contactPerson
        contactPhone
      }
      assets {
        id
        code
        name
      }
      payments {
        asOf
        dueToDate
        received
        outstanding
        receivedAhead
        overpaid
        overdueSince
        overdueDays
        installments {
          periodFrom
          periodTo
          dueOn
          amount
          received
          due
        }
      }
      versions {
        versionNo
        change
        effectiveFrom
        endDate
        amount
        schedule
        principalReturned
        note
        createdAt
        evidence {
          fileId
        }
      }
    }
  }
`);

const RenewContract = graphql(`
  mutation RenewContract($id: ID!, $v: Int, $input: RenewContractInput!) {
    renewContract(id: $id, expectedVersion: $v, input: $input) {
      id
      version
    }
  }
`);
const AmendContract = graphql(`
  mutation AmendContract($id: ID!, $v: Int, $input: AmendContractInput!) {
    amendContract(id: $id, expectedVersion: $v, input: $input) {
      id
      version
    }
  }
`);
const TerminateContract = graphql(`
  mutation TerminateContract($id: ID!, $v: Int, $input: TerminateContractInput!) {
    terminateContract(id: $id, expectedVersion: $v, input: $input) {
      id
      version
    }
  }
`);

type Detail = NonNullable<ContractDetailQuery['contract']>;
type Change = 'renew' | 'amend' | 'terminate';
const TITLES: Record<Change, string> = { renew: '续签合同', amend: '变更合同', terminate: '提前终止合同' };
const DAY = 'YYYY-MM-DD';

/**
 * 合同详情: the terms, the schedule with what fell due and what was received (oldest period first),
 * the history of versions; the village clerk renews, amends or terminates it, and records the return of
 * an equity stake's principal (登记本金收回, once, also after an early termination).
 */
export default function ContractPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ContractDetail, variables: { id } });
  const [changing, setChanging] = useState<Change>();
  const [returning, setReturning] = useState(false);
  const c = data?.contract;
  const clerk = user?.role === 'VILLAGE_CLERK' && c?.regionCode === user.regionCode;
  const canWrite = clerk && c?.status === 'ACTIVE';
  const canReturnPrincipal = clerk && c?.kind === 'EQUITY' && !c.principalReturnedOn;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <PageContainer
      title={c ? `合同 ${c.code}` : '合同详情'}
      extra={
        canWrite || canReturnPrincipal ? (
          <Space wrap>
            {canReturnPrincipal ? <Button onClick={() => setReturning(true)}>登记本金收回</Button> : null}
            {canWrite ? (
              <>
                <Button onClick={() => setChanging('renew')}>续签</Button>
                <Button onClick={() => setChanging('amend')}>变更</Button>
                <Button danger onClick={() => setChanging('terminate')}>
                  提前终止
                </Button>
              </>
            ) : null}
          </Space>
        ) : undefined
      }
    >
      <Breadcrumb
        aria-label="当前位置"
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to="/contracts">经营合同</Link> }, { title: c?.code ?? '合同详情' }]}
      />
      {error ? <QueryError error={error} retry={reload} /> : null}
      {fetching && !c ? <Card loading /> : null}
      {c ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Terms contract={c} />
          <Payments contract={c} />
          <History contract={c} />
        </Space>
      ) : null}
      {returning && c ? (
        <PrincipalReturnModal
          contract={c}
          onClose={(done) => {
            setReturning(false);
            if (done) reload();
          }}
        />
      ) : null}
      {changing && c ? (
        <ChangeModal
          change={changing}
          contract={c}
          onClose={(done) => {
            setChanging(undefined);
            if (done) reload();
          }}
        />
      ) : null}
    </PageContainer>
  );
}

function Terms({ contract: c }: { contract: Detail }) {
  return (
    <Card size="small" title="合同条款">
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label="合同类型">{contractKindLabels[c.kind]}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <ContractStatus contract={c} />
        </Descriptions.Item>
        <Descriptions.Item label="甲方">{c.ownerName}</Descriptions.Item>
        <Descriptions.Item label="经营主体（乙方）">
          {c.operator.name}（{operatorKindLabels[c.operator.kind]}）
        </Descriptions.Item>
        <Descriptions.Item label="统一社会信用代码">{c.operator.uscc ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="联系人">
          {[c.operator.contactPerson, c.operator.contactPhone].filter(Boolean).join(' ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label="资产">
          {c.assets.map((a, i) => (
            <span key={a.id}>
              {i > 0 ? '、' : ''}
              <Link to={`/assets/${a.id}`}>
                {a.code} {a.name}
              </Link>
            </span>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="合同期限">
          <DateRange from={c.startDate} to={c.endDate} />
        </Descriptions.Item>
        {c.terminatedOn ? (
          <Descriptions.Item label="提前终止">
            {formatDate(c.terminatedOn)}（{c.terminationReason}）
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={c.kind === 'EQUITY' ? '每期分红' : '每期租金'}>
          <span className="money">{formatMoney(c.amount)}</span>（{paymentScheduleLabels[c.schedule]}）
        </Descriptions.Item>
        {c.guaranteedMinimum ? (
          <Descriptions.Item label="保底收益（每年）">
            <span className="money">{formatMoney(c.guaranteedMinimum)}</span>
          </Descriptions.Item>
        ) : null}
        {c.kind === 'EQUITY' ? (
          <>
            <Descriptions.Item label="入股本金">
              <span className="money">{formatMoney(c.equityPrincipal)}</span>
            </Descriptions.Item>
            <Descriptions.Item label="本金到期日">{formatDate(c.equityMaturityDate)}</Descriptions.Item>
            <Descriptions.Item label="本金收回">
              <PrincipalReturned contract={c} />
            </Descriptions.Item>
          </>
        ) : null}
        {c.note ? <Descriptions.Item label="备注">{c.note}</Descriptions.Item> : null}
      </Descriptions>
    </Card>
  );
}

/** The recorded return of an equity principal: the day, the amount against the principal, its note and evidence. */
function PrincipalReturned({ contract: c }: { contract: Detail }) {
  if (!c.principalReturnedOn) {
    const due = c.equityMaturityDate && c.equityMaturityDate < todayLocalDate();
    return due ? <StatusTag tone="danger">已到期，尚未收回</StatusTag> : <>尚未收回</>;
  }
  const entry = c.versions.find((v) => v.change === 'PRINCIPAL_RETURNED');
  const short =
    c.equityPrincipal && c.principalReturnedAmount
      ? (fenOfYuan(c.equityPrincipal) ?? 0n) - (fenOfYuan(c.principalReturnedAmount) ?? 0n)
      : 0n;
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <span>
        {formatDate(c.principalReturnedOn)} 收回{' '}
        <span className="money">{formatMoney(c.principalReturnedAmount)}</span>
        {short > 0n ? (
          <>
            （少于入股本金 <span className="money">{formatMoney(yuanOfFen(short))}</span>）
          </>
        ) : null}
      </span>
      {entry?.note ? <span>{entry.note}</span> : null}
      {entry && entry.evidence.length > 0 ? (
        <List
          size="small"
          dataSource={entry.evidence}
          renderItem={(e) => <EvidenceFileRow key={e.fileId} fileId={e.fileId} source="本金收回凭证" />}
        />
      ) : null}
    </Space>
  );
}

function Payments({ contract: c }: { contract: Detail }) {
  const p = c.payments;
  return (
    <Card size="small" title="应收与实收">
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2, xl: 4 }}>
        <Descriptions.Item label={`截至 ${formatDate(p.asOf)} 应收`}>
          <span className="money">{formatMoney(p.dueToDate)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="已收">
          <span className="money">{formatMoney(p.received)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="欠收">
          <span className="money">{formatMoney(p.outstanding)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="逾期">
          {p.overdueSince ? `自 ${formatDate(p.overdueSince)} 起，${p.overdueDays} 天` : '无'}
        </Descriptions.Item>
        {isPositiveMoney(p.receivedAhead) ? (
          <Descriptions.Item label="预收（已收多于到期应收）">
            <span className="money">{formatMoney(p.receivedAhead)}</span>
          </Descriptions.Item>
        ) : null}
        {isPositiveMoney(p.overpaid) ? (
          <Descriptions.Item label="多收（超过合同期全部应收）">
            <Space size={8} wrap>
              <span className="money">{formatMoney(p.overpaid)}</span>
              <StatusTag tone="danger">须核实退还</StatusTag>
            </Space>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <KeyboardScroll label="应收款项明细">
        <Table
          style={{ marginTop: 12 }}
          rowKey="dueOn"
          size="small"
          scroll={{ x: 640 }}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          dataSource={p.installments}
          locale={{ emptyText: '无应收款项' }}
          columns={[
            {
              title: '所属期间',
              key: 'period',
              render: (_, x) => <DateRange from={x.periodFrom} to={x.periodTo} />,
            },
            { title: '应付日期', key: 'dueOn', render: (_, x) => formatDate(x.dueOn) },
            {
              title: '应收',
              key: 'amount',
              align: 'right',
              render: (_, x) => <span className="money">{formatMoney(x.amount)}</span>,
            },
            {
              title: '已收',
              key: 'received',
              align: 'right',
              render: (_, x) => <span className="money">{formatMoney(x.received)}</span>,
            },
            {
              title: '状态',
              key: 'state',
              render: (_, x) =>
                !x.due
                  ? '未到期'
                  : x.received === x.amount
                    ? '已收齐'
                    : x.received === '0.00'
                      ? '未收'
                      : '部分收取',
            },
          ]}
        />
      </KeyboardScroll>
    </Card>
  );
}

function History({ contract: c }: { contract: Detail }) {
  return (
    <Card size="small" title="合同变更记录">
      <KeyboardScroll label="合同变更记录">
        <Table
          rowKey="versionNo"
          size="small"
          // As wide as its cells, scrolling on a phone: 640 px shared out broke 第 1 版 and 签订 a character a line.
          scroll={{ x: 'max-content' }}
          tableLayout="auto"
          pagination={false}
          dataSource={c.versions}
          columns={[
            { title: '版本', key: 'v', className: 'nowrap', render: (_, v) => `第 ${v.versionNo} 版` },
            {
              title: '事项',
              key: 'change',
              className: 'nowrap',
              render: (_, v) => contractChangeLabels[v.change],
            },
            {
              title: '生效日期',
              key: 'from',
              className: 'nowrap',
              render: (_, v) => formatDate(v.effectiveFrom),
            },
            { title: '终止日期', key: 'end', className: 'nowrap', render: (_, v) => formatDate(v.endDate) },
            {
              title: '每期金额',
              key: 'amount',
              align: 'right',
              render: (_, v) => (
                <span className="money">
                  {formatMoney(v.amount)}（{paymentScheduleLabels[v.schedule]}）
                </span>
              ),
            },
            ...(c.kind === 'EQUITY'
              ? [
                  {
                    title: '收回本金',
                    key: 'principalReturned',
                    align: 'right' as const,
                    render: (_: unknown, v: Detail['versions'][number]) =>
                      v.principalReturned ? (
                        <span className="money">{formatMoney(v.principalReturned)}</span>
                      ) : (
                        ''
                      ),
                  },
                ]
              : []),
            {
              title: '说明',
              key: 'note',
              render: (_, v) => <div className="cell-text">{v.note ?? ''}</div>,
            },
            {
              title: '登记时间',
              key: 'at',
              className: 'nowrap',
              render: (_, v) => formatDateTime(v.createdAt),
            },
          ]}
        />
      </KeyboardScroll>
    </Card>
  );
}

interface ChangeForm {
  endDate?: Dayjs;
  effectiveFrom?: Dayjs;
  terminatedOn?: Dayjs;
  amount?: string;
  schedule?: PaymentSchedule;
  note?: string;
  reason?: string;
}

function ChangeModal({
  change,
  contract: c,
  onClose,
}: {
  change: Change;
  contract: Detail;
  onClose: (done: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeForm>();
  const [renewState, renew] = useMutation(RenewContract);
  const [amendState, amend] = useMutation(AmendContract);
  const [terminateState, terminate] = useMutation(TerminateContract);
  const [formError, setFormError] = useState<string>();
  const inFlight = useRef(false);
  const busy = renewState.fetching || amendState.fetching || terminateState.fetching;

  const submit = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const values = await form.validateFields().catch(() => undefined);
      if (!values) return;
      setFormError(undefined);
      const amount = values.amount?.trim() || undefined;
      const vars = { id: c.id, v: c.version };
      const result =
        change === 'renew'
          ? await renew({
              ...vars,
              input: {
                endDate: values.endDate!.format(DAY),
                amount,
                schedule: values.schedule,
                note: values.note?.trim() || undefined,
              },
            })
          : change === 'amend'
            ? await amend({
                ...vars,
                input: {
                  effectiveFrom: values.effectiveFrom!.format(DAY),
                  amount,
                  schedule: values.schedule,
                  note: values.note!.trim(),
                },
              })
            : await terminate({
                ...vars,
                input: { terminatedOn: values.terminatedOn!.format(DAY), reason: values.reason!.trim() },
              });
      if (result.data) {
        void message.success(`已${TITLES[change].replace('合同', '')}`);
        onClose(true);
        return;
      }
      const problems = fieldProblems(result.error).filter((p) => p.name in form.getFieldsValue(true));
      if (problems.length > 0) {
        form.setFields(problems.map((p) => ({ name: p.name as keyof ChangeForm, errors: [p.message] })));
      } else setFormError(errorMessage(result.error));
    } finally {
      inFlight.current = false;
    }
  };

  const moneyRule = {
    validator: async (_: unknown, value?: string) => {
      if (value && !isMoneyInput(value)) throw new Error('金额须为数字，最多两位小数，如 1200 或 1200.50');
    },
  };
  return (
    <Modal
      title={TITLES[change]}
      open
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<ChangeForm> name={`${change}Contract`} form={form} layout="vertical">
        {change === 'renew' ? (
          <Form.Item
            label="续签后的终止日期"
            name="endDate"
            extra={`现终止日期 ${formatDate(c.endDate)}`}
            rules={[{ required: true, message: '请选择续签后的终止日期' }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        {change === 'amend' ? (
          <Form.Item
            label="生效日期"
            name="effectiveFrom"
            rules={[{ required: true, message: '请选择生效日期' }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        {change === 'terminate' ? (
          <>
            <Form.Item
              label="终止日期"
              name="terminatedOn"
              extra="合同有效的最后一天，须早于合同终止日期"
              rules={[{ required: true, message: '请选择终止日期' }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              label="终止原因"
              name="reason"
              rules={[
                { required: true, message: '请填写终止原因' },
                { max: 500, message: '最多 500 个字' },
              ]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item label="每期金额（元）" name="amount" extra="不填则不变" rules={[moneyRule]}>
              <DigitsInput inputMode="decimal" autoComplete="off" placeholder={c.amount} />
            </Form.Item>
            <Form.Item label="支付周期" name="schedule" extra="不填则不变">
              <FormSelect
                options={options(paymentScheduleLabels)}
                placeholder={paymentScheduleLabels[c.schedule]}
              />
            </Form.Item>
            <Form.Item
              label={change === 'amend' ? '变更内容' : '说明'}
              name="note"
              rules={[
                { required: change === 'amend', message: '请填写变更内容' },
                { max: 500, message: '最多 500 个字' },
              ]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {formError ? (
          <div role="alert" className="form-error">
            {formError}
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}
