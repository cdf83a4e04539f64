import { Form, Modal } from 'antd';
import { useRef, useState } from 'react';
import { DecisionEvidenceFields } from './DecisionEvidenceFields';
import { PlanFindings } from './PlanFindings';
import { type DecisionValues, type PlanFinding, useSubmitPlan } from './submit-plan';

/** 提交备案 of a saved draft: the 四议两公开 dates and files, and the policy check's findings if it fails. */
export function SubmitPlanModal({ planId, onClose }: { planId: string; onClose: (done: boolean) => void }) {
  const [form] = Form.useForm<DecisionValues>();
  const [submitting, submit] = useSubmitPlan();
  const [findings, setFindings] = useState<PlanFinding[]>();
  const [formError, setFormError] = useState<string>();
  const inFlight = useRef(false);

  const run = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const v = await form.validateFields().catch(() => undefined);
      if (!v) return;
      setFindings(undefined);
      setFormError(undefined);
      const outcome = await submit(planId, form.getFieldsValue(true) as DecisionValues);
      if (outcome.ok) onClose(true);
      else if (outcome.findings) setFindings(outcome.findings);
      else setFormError(outcome.message);
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <Modal
      title="提交备案"
      open
      okText="提交"
      cancelText="取消"
      confirmLoading={submitting}
      onOk={run}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form<DecisionValues> name="submitPlan" form={form} layout="vertical">
        <DecisionEvidenceFields />
        {findings ? <PlanFindings findings={findings} /> : null}
        {formError ? (
          <div role="alert" className="form-error">
            {formError}
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}
