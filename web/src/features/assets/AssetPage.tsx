import { DownloadOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Result, Space } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { AssetPageQuery } from '@web/gql/graphql';
import { errorReason } from '@web/shared/api/errors';
import { coOwnerWord, inUserRegion } from '@web/shared/assets/AssetLink';
import { useSession } from '@web/shared/auth/session';
import { DateRange } from '@web/shared/components/DateRange';
import { PageContainer } from '@web/shared/components/PageContainer';
import { QueryError } from '@web/shared/components/QueryError';
import { formatDate } from '@web/shared/format/dates';
import { formatMoney } from '@web/shared/format/money';
import { formatQuantity } from '@web/shared/format/quantity';
import { openPrintable } from '@web/shared/print/open-printable';
import {
  assetClassLabels,
  assetFormLabels,
  label,
  operatingModeLabels,
  projectTypeLabels,
} from '@web/shared/labels/enums';
import { WrapTabs } from '@web/shared/components/WrapTabs';
import { MoneyTrail } from '@web/shared/distribution/MoneyTrail';
import { PageLoading } from '@web/app/PageLoading';
import { AssetStatusTag } from './AssetStatusTag';
import { WRITERS } from './asset-roles';
import { AssetDisposals } from './sections/AssetDisposals';
import { AssetEvidence } from './sections/AssetEvidence';
import { AssetFundSources } from './sections/AssetFundSources';
import { AssetHistory } from './sections/AssetHistory';
import { AssetIncome } from './sections/AssetIncome';
import { AssetContracts } from './sections/AssetContracts';
import { AssetOwnership } from './sections/AssetOwnership';
import { AssetUpkeep } from './sections/AssetUpkeep';
import { downloadBlob, saveBlob, TransferError } from '@web/shared/api/transfer';

const AssetPageQueryDoc = graphql(`
  query AssetPage($id: ID!) {
    asset(id: $id) {
      id
      code
      name
      class
      form
      status
      statusSince
      quantity
      unit
      investedAmount
      formedValue
      completionDate
      acceptanceDate
      handoverDate
      managementEntity
      managementResponsible
      operator
      operatingMode
      contractStart
      contractEnd
      contractAnnualAmount
      contractTerms
      investee
      equityAgreementNo
      equityMaturityDate
      householdHeadName
      householdRegistryNo
      constructionContent
      constructionScale
      beneficiaryHouseholds
      beneficiaryPeople
      beneficiaryPoorHouseholds
      beneficiaryPoorPeople
      beneficiaryMonitoredHouseholds
      beneficiaryMonitoredPeople
      remarks
      locationCode
      category {
        name
      }
      location {
        name
        ancestors {
          code
          name
        }
      }
      project {
        code
        name
        year
        type
        implementingUnit
      }
      fundSources {
        source
        amount
      }
      owners {
        ownerName
        ownerType
        ownerRef
        sharePercent
        certificateNo
        managementEntity
        validFrom
      }
      ownershipHistory {
        ownerName
        ownerType
        sharePercent
        certificateNo
        validFrom
        validTo
      }
      ownershipProposals {
        id
        status
        publicityStart
        publicityEnd
        backdated
        certificateNo
        managementEntity
        rejectReason
        owners {
          name
          ownerType
          sharePercent
        }
        objections {
          id
          objector
          content
          status
          raisedOn
          resolution
          evidence {
            fileId
          }
        }
      }
      incomeBalance {
        received
        planned
        paid
        undistributed
      }
      incomeBalanceByVillage {
        villageCode
        villageName
        distributable
        planned
        paid
        undistributed
      }
    }
  }
`);

export type AssetDetail = AssetPageQuery['asset'];

/**
 * 资产详情: an asset's record, fund sources, ownership, income, its money trail (资金流向), disposal,
 * evidence and ledger history.
 */
export default function AssetPage() {
  const { id = '' } = useParams();
  // The open tab is in the address (?tab=disposal): a form of one of the tabs returns there, and a
  // reload or a shared link opens the same tab.
  const [search, setSearch] = useSearchParams();
  const [{ data, error, fetching }, refetch] = useQuery({ query: AssetPageQueryDoc, variables: { id } });
  const asset = data?.asset;
  const { user } = useSession();
  const navigate = useNavigate();
  // Kept in the user's region (registered, kept up and changed there), or read as a co-owner elsewhere.
  const keeps = asset ? inUserRegion(asset.locationCode, user) : false;
  const canEdit =
    keeps &&
    Boolean(user && (WRITERS as readonly string[]).includes(user.role)) &&
    asset?.status !== 'DISPOSED';

  if (
    error &&
    ['ASSET_NOT_FOUND', 'NOT_FOUND', 'OUT_OF_SCOPE', 'VALIDATION_FAILED'].includes(errorReason(error) ?? '')
  ) {
    return (
      <PageContainer title="资产不存在">
        <Result
          status="404"
          title="找不到该资产"
          subTitle="该资产不存在，或不在您的管辖范围内。"
          extra={<Link to="/assets">返回资产台账</Link>}
        />
      </PageContainer>
    );
  }
  return (
    <PageContainer
      title={asset ? `${asset.name}` : '资产详情'}
      extra={
        asset && canEdit ? (
          <Button icon={<EditOutlined />} onClick={() => void navigate(`/assets/${asset.id}/edit`)}>
            编辑
          </Button>
        ) : undefined
      }
    >
      <Breadcrumb
        aria-label="当前位置"
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to="/assets">资产台账</Link> }, { title: asset?.code ?? '资产详情' }]}
      />
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {fetching && !asset ? <PageLoading /> : null}
      {asset ? (
        <Card
          size="small"
          extra={
            <Space wrap>
              <PrintCardButton assetId={asset.id} />
              {keeps ? <DossierButton assetId={asset.id} code={asset.code} /> : null}
            </Space>
          }
        >
          {keeps ? null : <CoOwnedNotice place={asset.location.name} />}
          <WrapTabs
            activeKey={search.get('tab') ?? undefined}
            onChange={(key) => setSearch({ tab: key }, { replace: true })}
            items={[
              { key: 'basic', label: '基本信息', children: <BasicData asset={asset} /> },
              { key: 'funds', label: '资金来源', children: <AssetFundSources asset={asset} /> },
              {
                key: 'ownership',
                label: '权属',
                children: (
                  <AssetOwnership
                    asset={asset}
                    keeps={keeps}
                    onChanged={() => refetch({ requestPolicy: 'network-only' })}
                  />
                ),
              },
              // Keyed by the asset: its pages' cursors belong to one asset.
              { key: 'income', label: '收益', children: <AssetIncome key={asset.id} asset={asset} /> },
              // Where the asset is kept: the trail of a co-owned asset is read in its village.
              ...(keeps
                ? [
                    {
                      key: 'trail',
                      label: '资金流向',
                      children: <MoneyTrail key={asset.id} of={{ assetId: asset.id }} />,
                    },
                  ]
                : []),
              {
                key: 'upkeep',
                label: '管护',
                children: (
                  <AssetUpkeep assetId={asset.id} disposed={asset.status === 'DISPOSED'} keeps={keeps} />
                ),
              },
              { key: 'contracts', label: '合同', children: <AssetContracts asset={asset} keeps={keeps} /> },
              {
                key: 'disposal',
                label: '处置',
                children: (
                  <AssetDisposals
                    asset={asset}
                    keeps={keeps}
                    onChanged={() => refetch({ requestPolicy: 'network-only' })}
                  />
                ),
              },
              ...(keeps
                ? [{ key: 'evidence', label: '附件', children: <AssetEvidence asset={asset} /> }]
                : []),
              { key: 'history', label: '变更记录', children: <AssetHistory assetId={asset.id} /> },
            ]}
          />
        </Card>
      ) : null}
    </PageContainer>
  );
}

/**
 * An asset the user's village (or a village of the user's township) co-owns where it is not: read here,
 * registered, kept up and changed where it is, which also keeps its evidence files and dossier.
 */
function CoOwnedNotice({ place }: { place: string }) {
  const { user } = useSession();
  const owner = coOwnerWord(user);
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      message={`${owner}共有的资产，位于${place}`}
      description={`该资产由${place}登记、管护和经营，本页只供查看；附件和资产档案由${place}保管。`}
    />
  );
}

/** Opens the printable 资产卡片 (an A4 HTML page of the API, fetched with the session's token). */
function PrintCardButton({ assetId }: { assetId: string }) {
  const { message } = App.useApp();
  const open = () =>
    openPrintable(`/print/assets/${assetId}`).catch(() => {
      void message.error('无法打开资产卡片，请稍后重试');
    });
  return (
    <Button icon={<PrinterOutlined />} onClick={() => void open()}>
      打印资产卡片
    </Button>
  );
}

/** Downloads the asset dossier (资产档案): card, ledger records and evidence in one ZIP, with its progress. */
function DossierButton({ assetId, code }: { assetId: string; code: string }) {
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number>();
  const download = async () => {
    setProgress(0);
    try {
      saveBlob(await downloadBlob(`/assets/${assetId}/dossier`, setProgress), `资产档案-${code}.zip`);
    } catch (e) {
      void message.error(e instanceof TransferError ? e.message : '无法下载资产档案，请稍后重试');
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={progress !== undefined} onClick={() => void download()}>
      {progress ? `下载中 ${progress}%` : '下载档案'}
    </Button>
  );
}

const people = (n: number | null | undefined, unit: string): string =>
  n === null || n === undefined ? '—' : `${n} ${unit}`;

function BasicData({ asset }: { asset: AssetDetail }) {
  const place = [...asset.location.ancestors.slice(1).map((a) => a.name), asset.location.name].join(' ');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, xl: 3 }} title="资产信息">
        <Descriptions.Item label="资产编号">{asset.code}</Descriptions.Item>
        <Descriptions.Item label="资产名称">{asset.name}</Descriptions.Item>
        <Descriptions.Item label="资产类型">{assetClassLabels[asset.class]}</Descriptions.Item>
        <Descriptions.Item label="资产形态">{assetFormLabels[asset.form]}</Descriptions.Item>
        <Descriptions.Item label="资产分类">{asset.category.name}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <AssetStatusTag status={asset.status} />
          <span className="nowrap">（自 {formatDate(asset.statusSince)}）</span>
        </Descriptions.Item>
        <Descriptions.Item label="所在地">{place}</Descriptions.Item>
        <Descriptions.Item label="数量">
          {formatQuantity(asset.quantity)} {asset.unit}
        </Descriptions.Item>
        <Descriptions.Item label="投资额">
          <span className="money">{formatMoney(asset.investedAmount)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="原值">
          <span className="money">{formatMoney(asset.formedValue)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="建成日期">{formatDate(asset.completionDate)}</Descriptions.Item>
        <Descriptions.Item label="验收日期">{formatDate(asset.acceptanceDate)}</Descriptions.Item>
        <Descriptions.Item label="移交日期">{formatDate(asset.handoverDate)}</Descriptions.Item>
      </Descriptions>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, xl: 3 }} title="所属项目">
        <Descriptions.Item label="项目编号">{asset.project.code}</Descriptions.Item>
        <Descriptions.Item label="项目名称">{asset.project.name}</Descriptions.Item>
        <Descriptions.Item label="项目年度">{asset.project.year} 年</Descriptions.Item>
        <Descriptions.Item label="项目类型">{projectTypeLabels[asset.project.type]}</Descriptions.Item>
        <Descriptions.Item label="实施单位">{asset.project.implementingUnit}</Descriptions.Item>
      </Descriptions>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, xl: 3 }} title="建设内容与受益">
        <Descriptions.Item label="建设内容">{asset.constructionContent ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="建设规模">{asset.constructionScale ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="受益户数">{people(asset.beneficiaryHouseholds, '户')}</Descriptions.Item>
        <Descriptions.Item label="受益人数">{people(asset.beneficiaryPeople, '人')}</Descriptions.Item>
        <Descriptions.Item label="其中脱贫户">
          {people(asset.beneficiaryPoorHouseholds, '户')}，{people(asset.beneficiaryPoorPeople, '人')}
        </Descriptions.Item>
        <Descriptions.Item label="其中监测户">
          {people(asset.beneficiaryMonitoredHouseholds, '户')}，
          {people(asset.beneficiaryMonitoredPeople, '人')}
        </Descriptions.Item>
        <Descriptions.Item label="备注">{asset.remarks ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, xl: 3 }} title="管护与经营">
        <Descriptions.Item label="管护主体">{asset.managementEntity ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="管护责任人">{asset.managementResponsible ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="经营主体">{asset.operator ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="经营方式">
          {label(operatingModeLabels, asset.operatingMode)}
        </Descriptions.Item>
        <Descriptions.Item label="合同期限">
          {asset.contractStart ? <DateRange from={asset.contractStart} to={asset.contractEnd} /> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="约定年收益">
          <span className="money">{formatMoney(asset.contractAnnualAmount)}</span>
        </Descriptions.Item>
        {asset.contractTerms ? (
          <Descriptions.Item label="收益条款">{asset.contractTerms}</Descriptions.Item>
        ) : null}
        {asset.investee ? <Descriptions.Item label="入股企业">{asset.investee}</Descriptions.Item> : null}
        {asset.equityAgreementNo ? (
          <Descriptions.Item label="分红协议">
            {asset.equityAgreementNo}（<span className="nowrap">{formatDate(asset.equityMaturityDate)}</span>{' '}
            到期）
          </Descriptions.Item>
        ) : null}
        {asset.householdHeadName ? (
          <Descriptions.Item label="受益农户">
            {asset.householdHeadName}（{asset.householdRegistryNo}）
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Space>
  );
}
