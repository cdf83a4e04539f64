import { Space, Tag } from 'antd';
import { Link } from 'react-router';
import { useSession } from '@web/shared/auth/session';

/**
 * Whether an asset at `locationCode` is in the user's region: its page, and the corrections of its
 * records, are the user's to open. (A village also reads records of an asset it co-owns elsewhere.)
 */
export function inUserRegion(locationCode: string, user: { regionCode: string } | null | undefined): boolean {
  return user !== null && user !== undefined && locationCode.startsWith(user.regionCode);
}

/**
 * An asset named on a record (an income record, a plan's income): a link to the asset's page when the
 * asset is in the user's region; else, for an asset one of the user's villages co-owns elsewhere, its name
 * and where it is (位于X村，本村共有), without a link: its page belongs to the village where it is.
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
  if (inUserRegion(locationCode, user)) return <Link to={`/assets/${id}`}>{label}</Link>;
  const owner = user?.role === 'VILLAGE_CLERK' ? '本村' : '辖区内的村';
  return (
    <Space size={4} wrap>
      {label}
      <Tag>{`位于${locationName}，${owner}共有`}</Tag>
    </Space>
  );
}
