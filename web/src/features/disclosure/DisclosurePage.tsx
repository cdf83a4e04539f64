import { CopyOutlined, ExportOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Card, Form, Select, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { DisclosureLinksQuery } from '@web/gql/graphql';
import { useSession } from '@web/shared/auth/session';
import { DateRange } from '@web/shared/components/DateRange';
import { PageContainer } from '@web/shared/components/PageContainer';
import { Pager, useCursorPages } from '@web/shared/components/Pager';
import { QueryError } from '@web/shared/components/QueryError';
import { StatusTag } from '@web/shared/components/StatusTag';
import { formatDateShort, formatDateTime } from '@web/shared/format/dates';
import { RegionSelect } from '@web/shared/regions/RegionSelect';
import { DISCLOSURE_PUBLISHERS } from './disclosure-roles';
import { linkServes, linkStatus } from './disclosure-link';
import { disclosureYears, PublishDisclosureModal } from './PublishDisclosureModal';
import { RevokeLinkModal, type RevocableLink } from './RevokeLinkModal';
import { ShareLinkModal, useCopyLink, type SharedLink } from './ShareLinkModal';

const DisclosureLinksDoc = graphql(`
  query DisclosureLinks($regionCode: String, $year: Int, $first: Int, $after: String) {
    disclosureLinks(regionCode: $regionCode, year: $year, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          villageCode
          villageName
          year
          url
          createdAt
          createdByName
          publicityStart
          publicityEnd
          expiresAt
          revokedAt
          revokedByName
          revokeReason
        }
      }
    }
  }
`);

type Row = DisclosureLinksQuery['disclosureLinks']['edges'][number]['node'];
const PAGE_SIZE = 20;

/**
 * 年度公示: the yearly disclosures published in the user's region, newest first: year, village, when and
 * by whom, the 公示期 and where the link stands. Each live link opens (打开, the public page in a new
 * tab), copies (复制链接, for the village's WeChat group) and shows its QR code (二维码); the village's
 * clerk, its township's officer and the district publish (发布年度公示) and revoke (撤销, with the
 * reason). Auditors read.
 */
export default function DisclosurePage() {
  const { user } = useSession();
  const copy = useCopyLink();
  const [regionCode, setRegionCode] = useState<string>();
  const [year, setYear] = useState<number>();
  const [publishing, setPublishing] = useState(false);
  const [sharing, setSharing] = useState<{ link: SharedLink; published?: boolean }>();
  const [revoking, setRevoking] = useState<RevocableLink>();
  const canPublish = Boolean(user && DISCLOSURE_PUBLISHERS.includes(user.role));
  const manyVillages = user?.role !== 'VILLAGE_CLERK';

  const pages = useCursorPages();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: DisclosureLinksDoc,
    variables: { regionCode, year, first: PAGE_SIZE, after: pages.after },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const columns: TableProps<Row>['columns'] = [
    { title: '年度', key: 'year', className: 'nowrap', render: (_, r) => `${r.year} 年` },
    ...(manyVillages
      ? [{ title: '村', key: 'village', className: 'nowrap', render: (_: unknown, r: Row) => r.villageName }]
      : []),
    {
      title: '发布',
      key: 'published',
      render: (_, r) => (
        <>
          <span className="nowrap">{formatDateTime(r.createdAt)}</span>
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {r.createdByName}
          </Typography.Text>
        </>
      ),
    },
    {
      title: '公示期',
      key: 'publicity',
      render: (_, r) => <DateRange from={r.publicityStart} to={r.publicityEnd} short />,
    },
    {
      title: '链接状态',
      key: 'status',
      render: (_, r) => {
        const status = linkStatus(r);
        return (
          <>
            <StatusTag tone={status.tone}>{status.label}</StatusTag>
            {r.revokedAt ? (
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {`${formatDateTime(r.revokedAt)} ${r.revokedByName ?? ''} 撤销：${r.revokeReason ?? ''}`}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {`有效至 ${formatDateShort(r.expiresAt)}`}
              </Typography.Text>
            )}
          </>
        );
      },
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, r) => {
        if (!linkServes(r)) return null;
        const name = `${r.villageName} ${r.year} 年度公示`;
        return (
          <Space size={4} wrap>
            <Button
              size="small"
              icon={<ExportOutlined />}
              href={r.url}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={`打开 ${name}`}
            >
              打开
            </Button>
            <Button
              size="small"
              icon={<CopyOutlined />}
              aria-label={`复制链接 ${name}`}
              onClick={() => void copy(r.url)}
            >
              复制链接
            </Button>
            <Button
              size="small"
              icon={<QrcodeOutlined />}
              aria-label={`二维码 ${name}`}
              onClick={() => setSharing({ link: r })}
            >
              二维码
            </Button>
            {canPublish ? (
              <Button
                size="small"
                danger
                aria-label={`撤销 ${name}`}
                onClick={() =>
                  setRevoking({
                    id: r.id,
                    villageName: r.villageName,
                    year: r.year,
                    createdAt: r.createdAt,
                    publicityStart: r.publicityStart,
                    publicityEnd: r.publicityEnd,
                  })
                }
              >
                撤销
              </Button>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <PageContainer
      title="年度公示"
      extra={
        canPublish ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPublishing(true)}>
            发布年度公示
          </Button>
        ) : undefined
      }
    >
      <Typography.Paragraph type="secondary">
        每个村每年向村民公开资产、收益、收益分配和处置情况。发布后生成公开链接，村民无需登录即可查看；可复制链接发到村民微信群，或打印二维码张贴。
      </Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" className="filter-form" name="disclosureFilter">
          {manyVillages ? (
            <Form.Item label="村" htmlFor="disclosureVillageFilter">
              <RegionSelect
                id="disclosureVillageFilter"
                level="VILLAGE"
                allowClear
                placeholder="全部"
                style={{ minWidth: 200 }}
                value={regionCode}
                onChange={(v) => {
                  pages.reset();
                  setRegionCode(v || undefined);
                }}
              />
            </Form.Item>
          ) : null}
          <Form.Item label="年度" htmlFor="disclosureYearFilter">
            <Select<number>
              id="disclosureYearFilter"
              allowClear
              placeholder="全部"
              style={{ width: 120 }}
              options={disclosureYears().map((y) => ({ value: y, label: `${y} 年` }))}
              value={year}
              onChange={(v) => {
                pages.reset();
                setYear(v ?? undefined);
              }}
            />
          </Form.Item>
        </Form>
      </Card>
      {error ? <QueryError error={error} retry={reload} /> : null}
      <Card size="small">
        <Table<Row>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.disclosureLinks.edges.map((e) => e.node) ?? []}
          loading={fetching}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: '暂未发布年度公示' }}
        />
        <Pager
          total={data?.disclosureLinks.totalCount ?? 0}
          pageSize={PAGE_SIZE}
          pages={pages}
          pageInfo={data?.disclosureLinks.pageInfo}
          busy={fetching}
        />
      </Card>
      {publishing ? (
        <PublishDisclosureModal
          onClose={(published) => {
            setPublishing(false);
            if (published) {
              // The newest first: back to the first page, where the new link is.
              if (pages.page > 1) pages.reset();
              else reload();
              setSharing({ link: published, published: true });
            }
          }}
        />
      ) : null}
      {sharing ? (
        <ShareLinkModal
          link={sharing.link}
          published={sharing.published}
          onClose={() => setSharing(undefined)}
        />
      ) : null}
      {revoking ? (
        <RevokeLinkModal
          link={revoking}
          onClose={(revoked) => {
            setRevoking(undefined);
            if (revoked) reload();
          }}
        />
      ) : null}
    </PageContainer>
  );
}
