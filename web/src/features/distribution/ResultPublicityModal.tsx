import { App, DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import { errorMessage } from '@web/shared/api/errors';
import { formatDate, todayLocalDate } from '@web/shared/format/dates';
import { EvidenceUpload } from '@web/shared/files/EvidenceUpload';

const RecordResultPublicityDoc = graphql(`
  mutation RecordResultPublicity($input: RecordResultPublicityInput!) {
    recordResultPublicity(input: $input) {
      id
      resultPublicity {
        publishedOn
      }
    }
  }
`);

interface PublicityValues {
  publishedOn: Dayjs;
  evidenceFileIds?: string[];
}

/** 结果公开: the day the result of a completed plan was published, and a photo or scan of it. */
export function ResultPublicityModal({
  planId,
  completedOn,
  onClose,
}: {
  planId: string;
  completedOn?: string | null;
  onClose: (done: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PublicityValues>();
  const [{ fetching }, record] = useMutation(RecordResultPublicityDoc);
  const [formError, setFormError] = useState<string>();
  const inFlight = useRef(false);
  const today = dayjs(todayLocalDate());

  const submit = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const v = await form.validateFields().catch(() => undefined);
      if (!v) return;
      setFormError(undefined);
      const result = await record({
        input: {
          planId,
          publishedOn: v.publishedOn.format('YYYY-MM-DD'),
          evidenceFileIds: v.evidenceFileIds ?? [],
        },
      });
      if (result.data) {
        void message.success('已登记结果公开');
        onClose(true);
        return;
      }
      setFormError(errorMessage(result.error));
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <Modal
      title="登记结果公开"
      open
      okText="保存"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<PublicityValues>
        name="resultPublicity"
        form={form}
        layout="vertical"
        initialValues={{ publishedOn: today }}
      >
        <Form.Item
          label="公开日期"
          name="publishedOn"
          extra={completedOn ? `不早于最后一笔发放的日期（${formatDate(completedOn)}）` : undefined}
          rules={[
            { required: true, message: '请选择公开日期' },
            {
              validator: async (_, value?: Dayjs) => {
                if (!value) return;
                if (value.isAfter(today, 'day')) throw new Error('公开日期不能晚于今天');
                if (completedOn && value.isBefore(dayjs(completedOn), 'day'))
                  throw new Error('公开日期不能早于最后一笔发放的日期');
              },
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="公开的照片或扫描件"
          name="evidenceFileIds"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少上传一个附件' }]}
        >
          <EvidenceUpload label="公开的照片或扫描件" />
        </Form.Item>
        {formError ? (
          <div role="alert" className="form-error">
            {formError}
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}
