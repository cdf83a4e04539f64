import type { DistributionPlanStatus } from '@web/gql/enums';
import { StatusTag, type Tone } from '@web/shared/components/StatusTag';
import { planStatusLabels } from '@web/shared/labels/enums';

const TONES: Record<DistributionPlanStatus, Tone> = {
  DRAFT: 'neutral',
  SUBMITTED: 'warning',
  FILED: 'info',
  COMPLETED: 'success',
};

export function PlanStatusTag({ status }: { status: DistributionPlanStatus }) {
  return <StatusTag tone={TONES[status]}>{planStatusLabels[status]}</StatusTag>;
}
