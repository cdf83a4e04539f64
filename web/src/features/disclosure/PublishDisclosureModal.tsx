import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Form, InputNumber, Modal } from 'antd';
import { useRef, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import type { PublishDisclosureMutation } from '@web/gql/graphql';
import { errorFieldProblems, errorMessage } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { useSession } from '@web/shared/auth/session';
import { FormSelect } from '@web/shared/components/FormSelect';
import { openPrintable } from '@web/shared/print/open-printable';
import { todayLocalDate } from '@web/shared/format/dates';
import { RegionSelect } from '@web/shared/regions/RegionSelect';
import { useRegionNames } from '@web/shared/regions/useRegionNames';

const PublishDisclosure = graphql(`
  mutation PublishDisclosure(
    $villageCode: String!
    $year: Int!
    $publicityDays: Int
    $idempotencyKey: String
  ) {
    createDisclosureLink(
      villageCode: $villageCode
      year: $year
      publicityDays: $publicityDays
      idempotencyKey: $idempotencyKey
    ) {
      id
      villageCode
      villageName
      year
      url
      createdAt
      createdByName
      publicityStart
      publicityEnd
      expiresAt
    }
  }
`);

export type PublishedLink = PublishDisclosureMutation['createDisclosureLink'];

interface PublishForm {
  villageCode: string;
  year: number;
  publicityDays: number;
}

const FIELDS = new Set<string>(['villageCode', 'year', 'publicityDays']);

/** The years a disclosure can be of: this year and the four before (the API refuses a later one). */
export function disclosureYears(): number[] {
  const thisYear = Number(todayLocalDate().slice(0, 4));
  return [0, 1, 2, 3, 4].map((n) => thisYear - n);
}

/**
 * 发布年度公示: a village of the user's scope (a clerk's own village) and a year; the 公示期 starts
 * today. The API signs a ledger checkpoint and returns the public link, which the page then shows.
 * 预览 opens the draft of the page (预览稿) before anything is published. Every attempt of the dialog
 * carries its one idempotency key, so a retry after a lost answer publishes once.
 */
export function PublishDisclosureModal({
  onClose,
}: {
  onClose: (published: PublishedLink | undefined) => void;
}) {
  const { user } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<PublishForm>();
  const [{ fetching }, publish] = useMutation(PublishDisclosure);
  const [formError, setFormError] = useState<string>();
  const inFlight = useRef(false);
  // One key for the dialog's life: a retry after a lost answer returns the link already published.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const isClerk = user?.role === 'VILLAGE_CLERK';
  const regionName = useRegionNames();
  /** The village chosen, or a clerk's own. */
  const villageOf = (values: Partial<PublishForm>): string =>
    (isClerk ? user?.regionCode : values.villageCode) ?? '';

  const submit = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const values = await form.validateFields().catch(() => undefined);
      if (!values) return;
      setFormError(undefined);
      const result = await publish({
        villageCode: villageOf(values),
        year: values.year,
        publicityDays: values.publicityDays,
        idempotencyKey,
      });
      if (result.data) {
        const link = result.data.createDisclosureLink;
        void message.success(`已发布 ${link.villageName} ${link.year} 年度公示`);
        onClose(link);
        return;
      }
      const problems = errorFieldProblems(result.error).filter((p) => FIELDS.has(p.name));
      if (problems.length > 0)
        form.setFields(problems.map((p) => ({ name: p.name as keyof PublishForm, errors: [p.message] })));
      else setFormError(errorMessage(result.error));
    } finally {
      inFlight.current = false;
    }
  };

  const preview = async () => {
    const values = await form
      .validateFields(isClerk ? ['year'] : ['villageCode', 'year'])
      .catch(() => undefined);
    if (!values) return;
    setFormError(undefined);
    try {
      await openPrintable(
        `/disclosure/preview?village=${encodeURIComponent(villageOf(values))}&year=${values.year}`,
      );
    } catch {
      setFormError('无法打开预览，请稍后重试');
    }
  };

  return (
    <Modal
      title="发布年度公示"
      open
      okText="发布"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(undefined)}
      destroyOnHidden
    >
      <Form<PublishForm>
        name="publishDisclosure"
        form={form}
        layout="vertical"
        initialValues={{
          year: disclosureYears()[0],
          publicityDays: 10,
        }}
      >
        {isClerk ? (
          // A clerk publishes for the own village only: said, not chosen.
          <Form.Item label="村">
            <span id="publishDisclosure_village">{regionName(user?.regionCode)}</span>
          </Form.Item>
        ) : (
          <Form.Item label="村" name="villageCode" rules={[{ required: true, message: '请选择村' }]}>
            <RegionSelect level="VILLAGE" placeholder="请选择村" />
          </Form.Item>
        )}
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请选择年度' }]}>
          <FormSelect<number> options={disclosureYears().map((y) => ({ value: y, label: `${y} 年` }))} />
        </Form.Item>
        <Form.Item
          label="公示天数"
          name="publicityDays"
          extra="公示期自今天起计算，一般不少于 10 天"
          rules={[{ required: true, message: '请填写公示天数' }]}
        >
          <InputNumber min={1} max={366} precision={0} addonAfter="天" style={{ width: '100%' }} />
        </Form.Item>
        <p>
          发布后生成公开链接（村民无需登录即可查看，链接 90
          天内有效），内容包括本村资产、当年收益、收益分配和资产处置情况，并记入审计账本。
        </p>
        <Button icon={<EyeOutlined />} onClick={() => void preview()}>
          预览公示内容
        </Button>
        {formError ? (
          <div role="alert" className="form-error" style={{ marginTop: 16 }}>
            {formError}
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}
