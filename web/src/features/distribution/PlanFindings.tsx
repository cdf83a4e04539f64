import { Alert, Button } from 'antd';
import type { PlanFinding } from './submit-plan';
import { DECISION_STEPS } from './DecisionEvidenceFields';

/** Where in the plan a finding's field is, in Chinese ("第 2 项分配", "村两委会议商议"). */
export function findingPlace(field: string): string {
  const decision = DECISION_STEPS.find(([name]) => field === `decisionEvidence.${name}`);
  if (decision) return decision[1];
  if (field === 'decisionEvidence.fileIds') return '决议及公开的附件';
  if (field === 'amount') return '方案金额';
  if (field === 'allocations') return '分配用途';
  if (field.startsWith('policy.')) return '分配政策';
  if (field.startsWith('income')) return '收益来源';
  const m = /^allocations\[(\d+)\](\.beneficiaries(?:\[(\d+)\])?)?/.exec(field);
  if (m) {
    const item = `第 ${Number(m[1]) + 1} 项分配`;
    if (m[3] !== undefined) return `${item}的第 ${Number(m[3]) + 1} 户`;
    return m[2] ? `${item}的受益农户` : item;
  }
  return '分配方案';
}

/** The wizard's step a finding belongs to (0 收益来源, 1 分配用途, 2 受益农户, 3 四议两公开). */
export function findingStep(field: string): number {
  if (field.startsWith('decisionEvidence')) return 3;
  if (field === 'amount' || field.startsWith('income')) return 0;
  if (/^allocations\[\d+\]\.beneficiaries/.test(field)) return 2;
  return 1;
}

/** The policy check's findings, inline in the form, each with a way back to the step to change. */
export function PlanFindings({
  findings,
  onGoTo,
}: {
  findings: PlanFinding[];
  onGoTo?: (step: number) => void;
}) {
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={`政策检查发现 ${findings.length} 个问题，方案尚未提交`}
      description={
        <ul aria-label="政策检查发现的问题" style={{ margin: 0, paddingInlineStart: 20 }}>
          {findings.map((f, i) => (
            <li key={i}>
              {findingPlace(f.field)}：{f.message}
              {onGoTo ? (
                <Button size="small" type="link" onClick={() => onGoTo(findingStep(f.field))}>
                  去修改
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      }
    />
  );
}
