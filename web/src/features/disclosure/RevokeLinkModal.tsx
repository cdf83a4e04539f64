import { Descriptions } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '@web/gql';
import { DateRange } from '@web/shared/components/DateRange';
import { ReasonModal } from '@web/shared/components/ReasonModal';
import { formatDateTime } from '@web/shared/format/dates';

const RevokeDisclosureLink = graphql(`
  mutation RevokeDisclosureLink($id: ID!, $reason: String!) {
    revokeDisclosureLink(id: $id, reason: $reason) {
      id
      revokedAt
      revokedByName
      revokeReason
    }
  }
`);

export interface RevocableLink {
  id: string;
  villageName: string;
  year: number;
  createdAt: string;
  publicityStart: string;
  publicityEnd: string;
}

/** 撤销: the link's page then says 已撤销 to whoever opens it; the reason goes on the ledger. */
export function RevokeLinkModal({
  link,
  onClose,
}: {
  link: RevocableLink;
  onClose: (revoked: boolean) => void;
}) {
  const [, revoke] = useMutation(RevokeDisclosureLink);
  return (
    <ReasonModal
      title="撤销公示链接"
      okText="确认撤销"
      danger
      formName="revokeDisclosureLink"
      reason={{
        name: 'reason',
        label: '撤销原因',
        extra: '撤销后，村民打开该链接只会看到“公示链接已撤销”；撤销记入审计账本，不能恢复',
        requiredMessage: '请填写撤销原因',
        max: 500,
        maxMessage: '撤销原因最多 500 个字',
      }}
      successMessage={`已撤销 ${link.villageName} ${link.year} 年度公示链接`}
      send={(reason) => revoke({ id: link.id, reason })}
      onClose={onClose}
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="村">{link.villageName}</Descriptions.Item>
        <Descriptions.Item label="年度">{`${link.year} 年`}</Descriptions.Item>
        <Descriptions.Item label="发布时间">{formatDateTime(link.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="公示期">
          <DateRange from={link.publicityStart} to={link.publicityEnd} />
        </Descriptions.Item>
      </Descriptions>
    </ReasonModal>
  );
}
