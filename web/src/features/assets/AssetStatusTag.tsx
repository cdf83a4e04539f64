import { Tag } from 'antd';
import type { AssetStatus } from '@web/gql/enums';
import { assetStatusLabels } from '@web/shared/labels/enums';

const COLORS: Record<AssetStatus, string> = {
  IN_USE: 'green',
  IDLE: 'orange',
  UNDER_CONSTRUCTION: 'blue',
  SUSPENDED: 'default',
  DISPOSED: 'default',
};

export function AssetStatusTag({ status }: { status: AssetStatus }) {
  return <Tag color={COLORS[status]}>{assetStatusLabels[status]}</Tag>;
}
