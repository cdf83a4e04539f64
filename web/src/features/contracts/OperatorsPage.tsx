import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Table } from 'antd';
import { useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { OperatorKind } from '@web/gql/enums';
import type { OperatorListQuery } from '@web/gql/graphql';
import { errorMessage } from '@web/shared/api/errors';
import { newIdempotencyKey } from '@web/shared/api/idempotency-key';
import { useSession } from '@web/shared/auth/session';
import { FormSelect } from '@web/shared/components/FormSelect';
import { KeyboardScroll } from '@web/shared/components/KeyboardScroll';
import { PageContainer } from '@web/shared/components/PageContainer';
import { Pager, useCursorPages } from '@web/shared/components/Pager';
import { QueryError } from '@web/shared/components/QueryError';
import { operatorKindLabels } from '@web/shared/labels/contracts';
import { options } from '@web/shared/labels/enums';
import { fieldProblems } from './form-errors';
import { DigitsInput } from '@web/shared/components/DigitsInput';

const OperatorList = graphql(`
  query OperatorList($first: Int, $after: String) {
    operators(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          name
          uscc
          idNumber
          contactPerson
          contactPhone
        }
      }
    }
  }
`);

const RegisterOperator = graphql(`
  mutation RegisterOperator($input: RegisterOperatorInput!) {
    registerOperator(input: $input) {
      id
      name
    }
  }
`);

type Row = OperatorListQuery['operators']['edges'][number]['node'];
const PAGE_SIZE = 20;

/** 经营主体: the operators of the user's region; a village clerk registers one (登记经营主体). */
export default function OperatorsPage() {
  const { user } = useSession();
  const pages = useCursorPages();
  const [adding, setAdding] = useState(false);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: OperatorList,
    variables: { first: PAGE_SIZE, after: pages.after },
  });
  const canWrite = user?.role === 'VILLAGE_CLERK';
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <PageContainer
      title="经营主体"
      extra={
        canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记经营主体
          </Button>
        ) : undefined
      }
    >
      {error ? <QueryError error={error} retry={reload} /> : null}
      <Card size="small">
        <KeyboardScroll label="经营主体列表">
          <Table<Row>
            rowKey="id"
            size="middle"
            loading={fetching}
            pagination={false}
            scroll={{ x: 800 }}
            locale={{ emptyText: '暂无经营主体' }}
            dataSource={data?.operators.edges.map((e) => e.node) ?? []}
            columns={[
              { title: '名称', key: 'name', render: (_, r) => r.name },
              { title: '类型', key: 'kind', render: (_, r) => operatorKindLabels[r.kind] },
              {
                title: '统一社会信用代码 / 身份证号',
                key: 'code',
                render: (_, r) => r.uscc ?? r.idNumber ?? '—',
              },
              { title: '联系人', key: 'person', render: (_, r) => r.contactPerson ?? '—' },
              { title: '联系电话', key: 'phone', render: (_, r) => r.contactPhone ?? '—' },
            ]}
          />
        </KeyboardScroll>
        <Pager
          total={data?.operators.totalCount ?? 0}
          pageSize={PAGE_SIZE}
          pages={pages}
          pageInfo={data?.operators.pageInfo}
          busy={fetching}
        />
      </Card>
      {adding ? (
        <RegisterOperatorModal
          onClose={(added) => {
            setAdding(false);
            if (added) {
              pages.reset();
              reload();
            }
          }}
        />
      ) : null}
    </PageContainer>
  );
}

interface OperatorForm {
  kind: OperatorKind;
  name: string;
  uscc?: string;
  idNumber?: string;
  contactPerson?: string;
  contactPhone?: string;
}

/** 登记经营主体: one idempotency key per opened dialog, so a retry registers it once. */
function RegisterOperatorModal({ onClose }: { onClose: (added: boolean) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<OperatorForm>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [{ fetching }, register] = useMutation(RegisterOperator);
  const [formError, setFormError] = useState<string>();
  const inFlight = useRef(false);
  const kind = Form.useWatch('kind', form);

  const submit = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const values = await form.validateFields().catch(() => undefined);
      if (!values) return;
      setFormError(undefined);
      const result = await register({
        input: {
          kind: values.kind,
          name: values.name.trim(),
          uscc: values.uscc?.trim().toUpperCase() || undefined,
          idNumber: values.idNumber?.trim() || undefined,
          contactPerson: values.contactPerson?.trim() || undefined,
          contactPhone: values.contactPhone?.trim() || undefined,
          idempotencyKey,
        },
      });
      if (result.data) {
        void message.success(`已登记经营主体 ${result.data.registerOperator.name}`);
        onClose(true);
        return;
      }
      const problems = fieldProblems(result.error).filter((p) => p.name in form.getFieldsValue(true));
      if (problems.length > 0) {
        form.setFields(problems.map((p) => ({ name: p.name as keyof OperatorForm, errors: [p.message] })));
      } else setFormError(errorMessage(result.error));
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <Modal
      title="登记经营主体"
      open
      okText="保存"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<OperatorForm> name="registerOperator" form={form} layout="vertical">
        <Form.Item label="主体类型" name="kind" rules={[{ required: true, message: '请选择主体类型' }]}>
          <FormSelect options={options(operatorKindLabels)} placeholder="请选择" />
        </Form.Item>
        <Form.Item
          label="名称"
          name="name"
          rules={[
            { required: true, message: '请输入名称' },
            { max: 200, message: '名称最多 200 个字' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        {kind === 'INDIVIDUAL' ? (
          <Form.Item
            label="身份证号"
            name="idNumber"
            rules={[{ required: true, message: '个人经营者须填写身份证号码' }]}
          >
            <DigitsInput autoComplete="off" maxLength={18} />
          </Form.Item>
        ) : (
          <Form.Item
            label="统一社会信用代码"
            name="uscc"
            extra="18 位，系统会核对校验位"
            rules={[
              {
                required: kind === 'ENTERPRISE' || kind === 'COOPERATIVE',
                message: '企业和合作社须填写统一社会信用代码',
              },
            ]}
          >
            <Input autoComplete="off" maxLength={18} style={{ textTransform: 'uppercase' }} />
          </Form.Item>
        )}
        <Form.Item label="联系人" name="contactPerson" rules={[{ max: 50, message: '最多 50 个字' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="联系电话" name="contactPhone" rules={[{ max: 30, message: '最多 30 个字符' }]}>
          <DigitsInput autoComplete="off" inputMode="tel" />
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
