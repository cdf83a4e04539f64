import type { AssetStatus } from '@web/gql/enums';
import { StatusTag, type Tone } from '@web/shared/components/StatusTag';
import { assetStatusLabels } from '@web/shared/labels/enums';

const TONES: Record<AssetStatus, Tone> = {
  IN_USE: 'success',
  IDLE: 'warning',
  UNDER_CONSTRUCTION: 'info',
  SUSPENDED: 'neutral',
  DISPOSED: 'neutral',
};

export function AssetStatusTag({ status }: { status: AssetStatus }) {
  return <StatusTag tone={TONES[status]}>{assetStatusLabels[status]}</StatusTag>;
}
