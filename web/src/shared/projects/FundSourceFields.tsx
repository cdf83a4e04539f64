import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Row } from 'antd';
import type { FormRule } from 'antd';
import { useEffect, type ComponentProps, type ReactNode } from 'react';
import type { FundSource } from '@web/gql/enums';
import { FormSelect } from '@web/shared/components/FormSelect';
import { DigitsInput } from '@web/shared/components/DigitsInput';
import { fenOfYuan, isMoneyInput } from '@web/shared/format/money';
import { fundSourceLabels, options } from '@web/shared/labels/enums';

/** One row of 资金来源 as a form holds it. */
export interface FundSourceRow {
  source?: FundSource;
  amount?: string;
}

/** The rules of an amount in yuan: at most two decimals (the API's Money), above zero when `positive`. */
export const moneyRules = (label: string, required: boolean, positive = false): FormRule[] => [
  ...(required ? [{ required: true, message: `请输入${label}` }] : []),
  {
    validator: async (_: unknown, value?: string | null) => {
      if (!value) return;
      if (!isMoneyInput(value)) throw new Error(`${label}须为元，最多两位小数，如 12000 或 12000.50`);
      if (positive && fenOfYuan(value) === 0n) throw new Error(`${label}须大于 0`);
    },
  },
];

/** At most this many fund sources (the API's limit; there are twelve sources and each comes once). */
export const MAX_FUND_SOURCES = 12;

/**
 * 资金来源 rows: a source and its amount in yuan each (more than zero, at most two decimals), each
 * source at most once, added and removed; the API's rules for a project's and an asset's fund sources.
 * `rules` check the rows together (their sum); `hint` says something under a row's amount, given its source
 * (what the project has left of it). The rows are a group named 资金来源 whose id is `id` (the form's name,
 * `_`, the list's name: what Ant Design calls the list's field id, so that the form scrolls to it) and
 * whose description is the list's own message, the API's too. A message on the list is checked again as
 * soon as the rows change (or `recheckOn`, a value its rules read, such as the invested amount), so that
 * it does not stay once the rows are put right.
 */
export function FundSourceFields({
  id,
  name = 'fundSources',
  rules,
  hint,
  recheckOn,
}: {
  id: string;
  name?: string;
  rules?: ComponentProps<typeof Form.List>['rules'];
  hint?: (source: FundSource) => ReactNode;
  recheckOn?: unknown;
}) {
  const form = Form.useFormInstance();
  const rows = Form.useWatch(name, form) as FundSourceRow[] | undefined;
  useEffect(() => {
    if (form.getFieldError(name).length > 0) form.validateFields([name]).catch(() => undefined);
  }, [form, name, rows, recheckOn]);
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, rows?: FundSourceRow[]) => {
            if ((rows ?? []).length > MAX_FUND_SOURCES)
              throw new Error(`资金来源最多 ${MAX_FUND_SOURCES} 项`);
          },
        },
        ...(rules ?? []),
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div
          id={id}
          role="group"
          aria-label="资金来源"
          aria-describedby={errors.length > 0 ? `${id}_help` : undefined}
        >
          {fields.map((field, i) => (
            <Row gutter={16} key={field.key} align="top">
              <Col xs={24} md={12} xl={8}>
                <Form.Item
                  label={`资金来源 ${i + 1}`}
                  name={[field.name, 'source']}
                  rules={[
                    { required: true, message: '请选择资金来源' },
                    ({ getFieldValue }) => ({
                      validator: async (_, source?: FundSource) => {
                        const rows = (getFieldValue(name) ?? []) as FundSourceRow[];
                        const first = rows.findIndex((r) => r?.source === source);
                        if (source && first !== -1 && first < field.name)
                          throw new Error(
                            `${fundSourceLabels[source]}已在资金来源 ${first + 1} 填写，每种来源只填一次`,
                          );
                      },
                    }),
                  ]}
                >
                  <FormSelect options={options(fundSourceLabels)} placeholder="请选择" />
                </Form.Item>
              </Col>
              <Col xs={18} md={9} xl={6}>
                <Form.Item
                  label={`金额 ${i + 1}（元）`}
                  name={[field.name, 'amount']}
                  rules={moneyRules('金额', true, true)}
                  extra={
                    hint ? (
                      <Form.Item noStyle dependencies={[[name, field.name, 'source']]}>
                        {({ getFieldValue }) => {
                          const source = getFieldValue([name, field.name, 'source']) as
                            FundSource | undefined;
                          return source ? hint(source) : null;
                        }}
                      </Form.Item>
                    ) : undefined
                  }
                >
                  <DigitsInput inputMode="decimal" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={6} md={3} xl={2}>
                <Form.Item label=" " colon={false}>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={`删除资金来源 ${i + 1}`}
                    onClick={() => remove(field.name)}
                  />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <div className="form-list-errors">
            <Form.ErrorList fieldId={id} errors={errors} />
          </div>
          <Button
            icon={<PlusOutlined />}
            disabled={fields.length >= MAX_FUND_SOURCES}
            onClick={() => add({})}
          >
            添加资金来源
          </Button>
        </div>
      )}
    </Form.List>
  );
}
