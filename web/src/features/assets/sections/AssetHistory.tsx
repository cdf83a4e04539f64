import { EntityHistory } from '@web/shared/ledger/EntityHistory';

/** Every ledger entry of the asset, oldest first, each checked by the browser itself. */
export function AssetHistory({ assetId }: { assetId: string }) {
  return <EntityHistory entityType="Asset" entityId={assetId} />;
}
