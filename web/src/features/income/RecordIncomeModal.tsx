import { App, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { IncomeKind } from '@web/gql/enums';
import type { RecordIncomeAssetQuery } from '@web/gql/graphql';
import { errorFieldProblems, errorMessage, errorReason } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { AssetSelect, type AssetOption } from '@web/shared/assets/AssetSelect';
import { FormSelect } from '@web/shared/components/FormSelect';
import { EvidenceUpload } from '@web/shared/files/EvidenceUpload';
import { formatDateShort, todayLocalDate } from '@web/shared/format/dates';
import { formatMoney, isMoneyInput } from '@web/shared/format/money';
import { incomeKindLabels, options } from '@web/shared/labels/enums';
import { contractKindLabels } from '@web/shared/labels/contracts';
import { incomeKindsUnder } from '@web/shared/contracts/contract-income';
import { DigitsInput } from '@web/shared/components/DigitsInput';

const RecordIncome = graphql(`
  mutation RecordIncome($input: RecordIncomeInput!) {
    recordIncome(input: $input) {
      id
      amount
      kind
    }
  }
`);

/** Where the asset is (its receipts belong to that village) and the contracts it is let under. */
const RecordIncomeAsset = graphql(`
  query RecordIncomeAsset($id: ID!) {
    asset(id: $id) {
      id
      locationCode
      contracts {
        id
        code
        kind
        inForce
        startDate
        endDate
        terminatedOn
        operator {
          id
          name
        }
      }
    }
  }
`);

type Contract = RecordIncomeAssetQuery['asset']['contracts'][number];

interface RecordForm {
  assetId: string;
  kind: IncomeKind;
  amount: string;
  receivedOn: Dayjs;
  periodFrom: Dayjs;
  periodTo: Dayjs;
  /** A contract's id, or NO_CONTRACT. */
  contractId?: string;
  supplement: boolean;
  note?: string;
  evidenceFileIds?: string[];
}

const FIELDS = new Set<string>([
  'assetId',
  'kind',
  'amount',
  'receivedOn',
  'periodFrom',
  'periodTo',
  'contractId',
  'supplement',
  'note',
  'evidenceFileIds',
]);
const OPERATING = { class: ['OPERATING' as const] };
const DAY = 'YYYY-MM-DD';
/** The kinds of income paid under a contract (the API refuses a contract for the others). */
const CONTRACT_KINDS = new Set<IncomeKind>(['RENT', 'DIVIDEND']);
const NO_CONTRACT = 'NONE';

const lastDayInForce = (c: Contract): string => c.terminatedOn ?? c.endDate;

/**
 * The asset's contracts in force on the first day of an income's period, or today while that day is not
 * chosen yet; an income is recorded under one of them that pays its kind (the API's rule).
 */
function contractsInForce(contracts: readonly Contract[], periodFrom: string | undefined): Contract[] {
  return contracts.filter((c) =>
    periodFrom ? c.startDate <= periodFrom && periodFrom <= lastDayInForce(c) : c.inForce,
  );
}

/** Why no contract is offered for the income (none registered, none in force, none paying its kind). */
function noContractReason(
  contracts: readonly Contract[],
  inForce: readonly Contract[],
  kind: IncomeKind,
  periodFrom: string | undefined,
): string {
  if (contracts.length === 0) return '该资产尚未登记合同';
  const when = periodFrom ? '在所属期间起始日' : '今天';
  if (inForce.length === 0) return `该资产${when}没有有效的合同`;
  const paid = inForce
    .map(
      (c) =>
        `${c.code}（${contractKindLabels[c.kind]}）项下为${incomeKindsUnder(c.kind)
          .map((k) => incomeKindLabels[k])
          .join('或')}`,
    )
    .join('；');
  return `该资产${when}有效的合同不收${incomeKindLabels[kind]}：${paid}。请核对收益类型`;
}

/**
 * The asset the page already knows (its id is the field's value): shown as read-only text, which keeps
 * its contrast, unlike a disabled select.
 */
function FixedAsset({ id, label }: { id?: string; label: string }) {
  return <Input id={id} readOnly value={label} />;
}

/**
 * 登记收益. Mount it only while it is open: each instance carries one idempotency key, sent with every
 * attempt (a double click, a retry after a lost answer), so the API records the income once.
 * Rent and dividends name the contract they are paid under (对应合同: the asset's contracts in force on
 * the first day of the period; the only one is chosen for the clerk), so the contract's 已收 and 欠收
 * count them; any income may carry its receipts (收款凭证), uploaded to the asset's village.
 */
export function RecordIncomeModal({
  asset,
  onClose,
}: {
  /** The asset the income is for, when the page already knows it. */
  asset?: AssetOption;
  onClose: (recorded: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordForm>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [{ fetching }, record] = useMutation(RecordIncome);
  const [formError, setFormError] = useState<string>();
  const [uploading, setUploading] = useState(false);
  const onUploading = useCallback(
    (busy: boolean) => {
      setUploading(busy);
      if (!busy) form.setFields([{ name: 'evidenceFileIds', errors: [] }]);
    },
    [form],
  );
  const inFlight = useRef(false);
  const today = dayjs(todayLocalDate());

  const assetId = Form.useWatch('assetId', form);
  const kind = Form.useWatch('kind', form);
  const periodFrom = Form.useWatch('periodFrom', form)?.format(DAY);
  const [{ data: assetData }] = useQuery({
    query: RecordIncomeAsset,
    variables: { id: assetId ?? '' },
    pause: !assetId,
  });
  // The chosen asset's, not the one chosen before (still shown while the new one is read).
  const chosen = assetData?.asset.id === assetId ? assetData?.asset : undefined;
  const contractApplies = Boolean(chosen && kind && CONTRACT_KINDS.has(kind));
  const inForce = useMemo(() => contractsInForce(chosen?.contracts ?? [], periodFrom), [chosen, periodFrom]);
  const offered = useMemo(
    () => (kind ? inForce.filter((c) => incomeKindsUnder(c.kind).includes(kind)) : []),
    [inForce, kind],
  );
  // The village the receipts are uploaded to: the chosen asset's, kept while another one is read (a
  // new asset of the same village keeps the receipts already uploaded; of another, they are dropped).
  const [village, setVillage] = useState<string>();
  useEffect(() => {
    if (chosen) setVillage(chosen.locationCode);
  }, [chosen]);
  // The clerk's own choice of contract (or of 不对应合同) stays while it is still allowed.
  const contractChosen = useRef(false);
  const offeredKey = offered.map((c) => c.id).join(',');
  useEffect(() => {
    if (!contractApplies) return;
    const current = form.getFieldValue('contractId') as string | undefined;
    const allowed = current === NO_CONTRACT || offered.some((c) => c.id === current);
    if (contractChosen.current && allowed) return;
    contractChosen.current = false;
    // The only contract in force; none in force: 不对应合同; several: the clerk chooses.
    const initial = offered.length === 1 ? offered[0].id : offered.length === 0 ? NO_CONTRACT : undefined;
    if (current !== initial) form.setFieldValue('contractId', initial);
    // offeredKey stands for offered.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [contractApplies, offeredKey, form]);

  const submit = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const values = await form.validateFields().catch(() => undefined);
      if (!values) return;
      if (uploading) {
        form.setFields([{ name: 'evidenceFileIds', errors: ['收款凭证正在上传，请上传完成后再保存'] }]);
        return;
      }
      setFormError(undefined);
      const contractId =
        CONTRACT_KINDS.has(values.kind) && values.contractId && values.contractId !== NO_CONTRACT
          ? values.contractId
          : undefined;
      const result = await record({
        input: {
          assetId: values.assetId,
          kind: values.kind,
          amount: values.amount.trim(),
          receivedOn: values.receivedOn.format(DAY),
          periodFrom: values.periodFrom.format(DAY),
          periodTo: values.periodTo.format(DAY),
          contractId,
          supplement: Boolean(values.supplement),
          note: values.note?.trim() || undefined,
          evidenceFileIds: values.evidenceFileIds?.length ? values.evidenceFileIds : undefined,
          idempotencyKey,
        },
      });
      if (result.data) {
        const r = result.data.recordIncome;
        void message.success(`已登记${incomeKindLabels[r.kind]} ${formatMoney(r.amount)}`);
        onClose(true);
        return;
      }
      const text = errorMessage(result.error);
      const reason = errorReason(result.error);
      if (reason === 'INCOME_PERIOD_OVERLAP') {
        form.setFields([{ name: 'periodFrom', errors: [text ?? ''] }]);
        return;
      }
      if (reason === 'CONTRACT_NOT_FOUND') {
        form.setFields([{ name: 'contractId', errors: ['找不到所选合同，请重新选择'] }]);
        return;
      }
      // Each field the API named, with its sentence (合同 HT-1 不涉及该资产) where it has one.
      const problems = errorFieldProblems(result.error).filter((p) => FIELDS.has(p.name));
      if (problems.length > 0)
        form.setFields(problems.map((p) => ({ name: p.name as keyof RecordForm, errors: [p.message] })));
      else setFormError(text);
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <Modal
      title="登记收益"
      open
      okText="保存"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<RecordForm>
        name="recordIncome"
        form={form}
        layout="vertical"
        initialValues={{ assetId: asset?.value, receivedOn: today, supplement: false }}
        onValuesChange={(changed: Partial<RecordForm>) => {
          if ('contractId' in changed) contractChosen.current = true;
          if ('assetId' in changed) contractChosen.current = false;
        }}
      >
        <Form.Item label="资产" name="assetId" rules={[{ required: true, message: '请选择资产' }]}>
          {asset ? <FixedAsset label={asset.label} /> : <AssetSelect filter={OPERATING} />}
        </Form.Item>
        <Form.Item label="收益类型" name="kind" rules={[{ required: true, message: '请选择收益类型' }]}>
          <FormSelect options={options(incomeKindLabels)} placeholder="请选择" />
        </Form.Item>
        <Form.Item
          label="金额（元）"
          name="amount"
          rules={[
            { required: true, message: '请输入金额' },
            {
              validator: async (_, value?: string) => {
                if (!value) return;
                if (!isMoneyInput(value)) throw new Error('金额须为数字，最多两位小数，如 1200 或 1200.50');
                if (/^0*(\.0*)?$/.test(value.trim())) throw new Error('金额须大于 0');
              },
            },
          ]}
        >
          <DigitsInput inputMode="decimal" autoComplete="off" placeholder="如 12000.00" />
        </Form.Item>
        <Form.Item
          label="到账日期"
          name="receivedOn"
          rules={[
            { required: true, message: '请选择到账日期' },
            {
              validator: async (_, value?: Dayjs) => {
                if (value && value.isAfter(today, 'day')) throw new Error('到账日期不能晚于今天');
              },
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} inputReadOnly={false} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              label="所属期间起"
              name="periodFrom"
              rules={[{ required: true, message: '请选择所属期间的起始日期' }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label="所属期间止"
              name="periodTo"
              dependencies={['periodFrom']}
              rules={[
                { required: true, message: '请选择所属期间的截止日期' },
                ({ getFieldValue }) => ({
                  validator: async (_, value?: Dayjs) => {
                    const from = getFieldValue('periodFrom') as Dayjs | undefined;
                    if (value && from && value.isBefore(from, 'day'))
                      throw new Error('截止日期不能早于起始日期');
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {contractApplies ? (
          <Form.Item
            label="对应合同"
            name="contractId"
            extra={
              offered.length === 0
                ? noContractReason(chosen?.contracts ?? [], inForce, kind!, periodFrom)
                : `${periodFrom ? '所属期间起始日' : '今天'}有效、收取${incomeKindLabels[kind!]}的合同；记入合同的收益计入其已收`
            }
            rules={[{ required: true, message: '请选择对应合同；不属于任何合同的，选“不对应合同”' }]}
          >
            <FormSelect
              placeholder="请选择"
              options={[
                ...offered.map((c) => ({
                  value: c.id,
                  label: `${c.code} ${c.operator.name}`,
                  term: `${formatDateShort(c.startDate)} 至 ${formatDateShort(lastDayInForce(c))}`,
                })),
                { value: NO_CONTRACT, label: '不对应合同' },
              ]}
              // The whole name and the term, wrapped on a phone rather than cut off.
              optionRender={(o) => {
                const term = (o.data as { term?: string }).term;
                return (
                  <div style={{ whiteSpace: 'normal' }}>
                    <div>{o.label}</div>
                    {term ? <Typography.Text type="secondary">{term}</Typography.Text> : null}
                  </div>
                );
              }}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="supplement" valuePropName="checked" extra="与已登记的同类收益期间重叠时勾选">
          <Checkbox>补充收益</Checkbox>
        </Form.Item>
        <Form.Item label="备注" name="note" rules={[{ max: 500, message: '备注最多 500 个字' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {village ? (
          <Form.Item label="收款凭证" name="evidenceFileIds" extra="可选：收据、转账记录的照片或扫描件">
            <EvidenceUpload
              key={village}
              label="收款凭证"
              regionCode={village}
              onUploadingChange={onUploading}
            />
          </Form.Item>
        ) : null}
        {formError ? (
          <div role="alert" className="form-error">
            {formError}
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}
