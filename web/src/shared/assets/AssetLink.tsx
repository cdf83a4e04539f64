import { Space, Tag } from 'antd';
import { Link } from 'react-router';
import { useSession } from '@web/shared/auth/session';

/**
 * Whether an asset at `locationCode` is in the user's region: it is registered, kept and changed there,
 * and the corrections of its records are the user's. (A village, and its township, also read an asset it
 * co-owns elsewhere and that asset's records, but change neither.)
 */
export function inUserRegion(locationCode: string, user: { regionCode: string } | null | undefined): boolean {
  return user !== null && user !== undefined && locationCode.startsWith(user.regionCode);
}

/**
 * An asset named on a record (an income record, a plan's income): a link to the asset's page; for an
 * asset one of the user's villages co-owns elsewhere, also where it is (位于X村，本村共有), whose page
 * the co-owner reads but whose records are kept there.
 */
export function AssetLink({
  id,
  label,
  locationCode,
  locationName,
}: {
  id: string;
  label: string;
  locationCode: string;
  locationName: string;
}) {
  const { user } = useSession();
  const link = <Link to={`/assets/${id}`}>{label}</Link>;
  if (inUserRegion(locationCode, user)) return link;
  return (
    <Space size={4} wrap>
      {link}
      <CoOwnedTag locationName={locationName} />
    </Space>
  );
}

/** 位于X村，本村共有 (辖区内的村共有, for a township's officer): an asset the user's region co-owns elsewhere. */
export function CoOwnedTag({ locationName }: { locationName: string }) {
  const { user } = useSession();
  return <Tag>{`位于${locationName}，${coOwnerWord(user)}共有`}</Tag>;
}

/** Who co-owns, as the user says it: 本村 for a village's clerk, 辖区内的村 for a township's officer. */
export function coOwnerWord(user: { role: string } | null | undefined): string {
  return user?.role === 'VILLAGE_CLERK' ? '本村' : '辖区内的村';
}
