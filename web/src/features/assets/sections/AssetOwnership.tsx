import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Empty, List, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '@web/shared/auth/session';
import { DateRange } from '@web/shared/components/DateRange';
import { formatDate, todayLocalDate } from '@web/shared/format/dates';
import { openPrintable } from '@web/shared/print/open-printable';
import { ownerTypeLabels, ownershipProposalStatusLabels } from '@web/shared/labels/enums';
import {
  ObjectionList,
  RecordObjectionModal,
  ResolveObjectionModal,
  type ObjectionItem,
} from '../../ownership/Objections';
import { mayRecordObjection, mayResolveObjection, publicityWindow } from '../../ownership/objection-rules';
import type { AssetDetail } from '../AssetPage';
import { WRITERS } from '../asset-roles';
import { StatusTag } from '@web/shared/components/StatusTag';

type Proposal = AssetDetail['ownershipProposals'][number];

/**
 * 权属: the current owners, every ownership proposal with its publicity and objections (登记异议 during
 * the publicity, 处理异议 for the township or the district), and the history of owners. `onChanged` is
 * called when an objection was recorded or settled.
 */
export function AssetOwnership({
  asset,
  keeps,
  onChanged,
}: {
  asset: AssetDetail;
  keeps: boolean;
  onChanged?: () => void;
}) {
  const { user } = useSession();
  const { message } = App.useApp();
  const [recording, setRecording] = useState<Proposal>();
  const [resolving, setResolving] = useState<ObjectionItem>();
  const records = keeps && mayRecordObjection(user, asset.locationCode);
  const resolves = keeps && mayResolveObjection(user, asset.locationCode);
  const print = (proposalId: string) =>
    openPrintable(`/print/ownership-proposals/${proposalId}`).catch(() => {
      void message.error('无法打开公示，请稍后重试');
    });
  // The publicity is over: the proposal waits for the township's (or the district's) decision.
  const today = todayLocalDate();
  const due = (p: { status: string; publicityEnd: string }) =>
    p.status === 'PUBLICITY' && p.publicityEnd <= today;
  const decides = user?.role === 'TOWNSHIP_OFFICER' || user?.role === 'DISTRICT_SUPERVISOR';
  const openObjections = (p: Proposal) => p.objections.filter((o) => o.status === 'OPEN').length;
  const canPropose =
    keeps &&
    Boolean(user && (WRITERS as readonly string[]).includes(user.role)) &&
    asset.status !== 'DISPOSED' &&
    !asset.ownershipProposals.some((p) => p.status === 'PUBLICITY');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {canPropose ? <Link to={`/assets/${asset.id}/ownership/new`}>申请确权</Link> : null}
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        现有权属
      </Typography.Title>
      {asset.owners.length === 0 ? (
        <Empty description="尚未确权" />
      ) : (
        <Table
          rowKey={(o) => `${o.ownerName}-${o.certificateNo}`}
          size="small"
          pagination={false}
          scroll={{ x: 600 }}
          dataSource={asset.owners}
          columns={[
            { title: '所有权人', dataIndex: 'ownerName' },
            {
              title: '类型',
              className: 'nowrap',
              key: 'type',
              render: (_, o) => ownerTypeLabels[o.ownerType],
            },
            { title: '份额', className: 'nowrap', key: 'share', render: (_, o) => `${o.sharePercent}%` },
            { title: '证书编号', dataIndex: 'certificateNo' },
            { title: '管护主体', dataIndex: 'managementEntity' },
            {
              title: '生效日期',
              className: 'nowrap',
              key: 'from',
              render: (_, o) => formatDate(o.validFrom),
            },
          ]}
        />
      )}
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        确权记录
      </Typography.Title>
      <List
        dataSource={asset.ownershipProposals}
        locale={{ emptyText: '暂无确权申请' }}
        renderItem={(p) => (
          <List.Item
            actions={[
              <Button
                key="print"
                size="small"
                icon={<PrinterOutlined />}
                aria-label={`打印公示（${formatDate(p.publicityStart)} 起）`}
                onClick={() => void print(p.id)}
              >
                打印公示
              </Button>,
            ]}
          >
            <div style={{ width: '100%', minWidth: 0 }}>
              <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ width: '100%' }}>
                <Descriptions.Item label="状态">
                  <StatusTag
                    tone={p.status === 'CONFIRMED' ? 'success' : p.status === 'REJECTED' ? 'danger' : 'info'}
                  >
                    {due(p) ? '公示期满，待确权' : ownershipProposalStatusLabels[p.status]}
                  </StatusTag>
                  {due(p) && decides && keeps ? (
                    openObjections(p) > 0 ? (
                      <Typography.Text type="warning" style={{ marginLeft: 8 }}>
                        {openObjections(p)} 条异议待处理，处理后才能确认权属
                      </Typography.Text>
                    ) : (
                      <Link to={`/review?tab=ownership&open=${p.id}`} style={{ marginLeft: 8 }}>
                        去确认权属
                      </Link>
                    )
                  ) : null}
                </Descriptions.Item>
                <Descriptions.Item label="公示期">
                  {/* One line of text (the field's content is a flex container): the tag may go to the
                      next line at the space before it, as the period may between its dates. */}
                  <span>
                    <DateRange from={p.publicityStart} to={p.publicityEnd} />
                    {p.backdated ? (
                      <>
                        {' '}
                        <StatusTag tone="warning">补录公示（已张贴，附照片）</StatusTag>
                      </>
                    ) : null}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label="拟确权给">
                  {p.owners
                    .map((o) => `${o.name}（${ownerTypeLabels[o.ownerType]} ${o.sharePercent}%）`)
                    .join('、')}
                </Descriptions.Item>
                <Descriptions.Item label="管护主体">{p.managementEntity}</Descriptions.Item>
                {p.certificateNo ? (
                  <Descriptions.Item label="证书编号">{p.certificateNo}</Descriptions.Item>
                ) : null}
                {p.rejectReason ? (
                  <Descriptions.Item label="未通过原因">{p.rejectReason}</Descriptions.Item>
                ) : null}
              </Descriptions>
              {p.status === 'PUBLICITY' || p.objections.length > 0 ? (
                <ProposalObjections
                  proposal={p}
                  today={today}
                  records={records}
                  onRecord={() => setRecording(p)}
                  onResolve={resolves && p.status === 'PUBLICITY' ? setResolving : undefined}
                />
              ) : null}
            </div>
          </List.Item>
        )}
      />
      {asset.ownershipHistory.length > 1 ? (
        <>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            权属变更历史
          </Typography.Title>
          <Table
            rowKey={(o) => `${o.ownerName}-${o.certificateNo}-${o.validFrom}`}
            size="small"
            pagination={false}
            dataSource={asset.ownershipHistory}
            columns={[
              { title: '所有权人', dataIndex: 'ownerName' },
              { title: '份额', className: 'nowrap', key: 'share', render: (_, o) => `${o.sharePercent}%` },
              { title: '起', className: 'nowrap', key: 'from', render: (_, o) => formatDate(o.validFrom) },
              {
                title: '止',
                className: 'nowrap',
                key: 'to',
                render: (_, o) => (o.validTo ? formatDate(o.validTo) : '至今'),
              },
            ]}
          />
        </>
      ) : null}
      {recording ? (
        <RecordObjectionModal
          proposalId={recording.id}
          regionCode={asset.locationCode}
          onClose={(done) => {
            setRecording(undefined);
            if (done) onChanged?.();
          }}
        />
      ) : null}
      {resolving ? (
        <ResolveObjectionModal
          objection={resolving}
          onClose={(done) => {
            setResolving(undefined);
            if (done) onChanged?.();
          }}
        />
      ) : null}
    </Space>
  );
}

/**
 * A proposal's objections, and whether one may still be recorded: 登记异议 while the publicity runs,
 * else why not (not started yet, or over).
 */
function ProposalObjections({
  proposal: p,
  today,
  records,
  onRecord,
  onResolve,
}: {
  proposal: Proposal;
  today: string;
  records: boolean;
  onRecord: () => void;
  onResolve?: (objection: ObjectionItem) => void;
}) {
  const stage = p.status === 'PUBLICITY' ? publicityWindow(p, today) : undefined;
  return (
    <section aria-label="公示异议" style={{ marginTop: 8 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>公示异议</Typography.Text>
        {stage === 'open' && records ? (
          <Button size="small" onClick={onRecord}>
            登记异议
          </Button>
        ) : null}
        {stage === 'open' && !records ? (
          <Typography.Text type="secondary">公示期内，可向村或乡镇提出异议</Typography.Text>
        ) : null}
        {stage === 'not-started' ? (
          <Typography.Text type="secondary">
            公示尚未开始（{formatDate(p.publicityStart)} 起），开始后才能登记异议
          </Typography.Text>
        ) : null}
        {stage === 'ended' ? (
          <Typography.Text type="secondary">公示期已结束，不能再登记异议</Typography.Text>
        ) : null}
      </Space>
      <ObjectionList
        objections={p.objections}
        onResolve={onResolve}
        label={`公示异议（${formatDate(p.publicityStart)} 起）`}
      />
    </section>
  );
}
