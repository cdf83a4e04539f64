import { Caller } from './test-app';

let counter = 0;
const unique = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export interface ProjectRef {
  id: string;
  code: string;
  version: number;
}

export interface AssetRef {
  id: string;
  code: string;
  name: string;
  version: number;
}

/** Registers a project as `caller` (defaults: an industry project in village 梧桐村). */
export async function makeProject(
  caller: Caller,
  overrides: Record<string, unknown> = {},
): Promise<ProjectRef> {
  const res = await caller.gql<{ registerProject: ProjectRef }>(
    'mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id code version } }',
    {
      input: {
        code: unique('P'),
        name: '测试项目',
        year: 2021,
        type: 'INDUSTRY',
        implementingUnit: '龙驹镇人民政府',
        regionCode: '500101151201',
        completionDate: '2021-10-01',
        acceptanceDate: '2021-11-01',
        // Room for many assets of assetInput() (investment adds up, per fund source).
        fundSources: [
          { source: 'LINKAGE_FUND', amount: '30000000.00' },
          { source: 'DISTRICT_FISCAL', amount: '10000000.00' },
          { source: 'CENTRAL_FISCAL', amount: '10000000.00' },
          { source: 'SOCIAL_DONATION', amount: '1000000.00' },
          { source: 'BOND', amount: '1000000.00' },
        ],
        ...overrides,
      },
    },
  );
  if (!res.data) throw new Error(`makeProject: ${JSON.stringify(res.errors)}`);
  return res.data.registerProject;
}

/** A complete, valid asset input (an operating greenhouse in 梧桐村) with `overrides`. */
export function assetInput(
  projectId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    code: unique('A'),
    name: '蔬菜大棚',
    class: 'OPERATING',
    form: 'FIXED',
    categoryCode: 'FARM_INFRASTRUCTURE',
    projectId,
    locationCode: '500101151201',
    quantity: '12',
    unit: '个',
    investedAmount: '240000.00',
    formedValue: '236000.00',
    fundSources: [
      { source: 'LINKAGE_FUND', amount: '200000.00' },
      { source: 'DISTRICT_FISCAL', amount: '40000.00' },
    ],
    completionDate: '2021-10-01',
    acceptanceDate: '2021-11-01',
    handoverDate: '2021-12-01',
    status: 'IN_USE',
    managementEntity: '梧桐村股份经济合作联合社',
    operator: '万州区梧桐蔬菜专业合作社',
    operatingMode: 'LEASED',
    contractStart: '2022-01-01',
    contractEnd: '2026-12-31',
    contractTerms: '年租金 24000 元，每年 12 月支付',
    contractAnnualAmount: '24000.00',
    ...overrides,
  };
}

export async function makeAsset(
  caller: Caller,
  projectId: string,
  overrides: Record<string, unknown> = {},
): Promise<AssetRef> {
  const res = await caller.gql<{ registerAsset: AssetRef }>(
    'mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { id code name version } }',
    { input: assetInput(projectId, overrides) },
  );
  if (!res.data) throw new Error(`makeAsset: ${JSON.stringify(res.errors)}`);
  return res.data.registerAsset;
}

/** A scan of an ownership notice posted on the village board: a back-dated publicity needs one. */
export function noticeScan(caller: Caller): Promise<string> {
  return caller.upload(Buffer.from('%PDF-1.4\n% 确权公示张贴照片\n%%EOF\n'), '公示照片.pdf');
}

/** A date `days` before today in China (publicity started then). */
export function daysAgo(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

/** Registers a household in a village (the caller must be allowed to). */
export async function makeHousehold(
  caller: Caller,
  villageCode: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; registryNo: string }> {
  const res = await caller.gql<{ registerHousehold: { id: string; registryNo: string } }>(
    'mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id registryNo } }',
    {
      input: {
        registryNo: unique(`${villageCode}-T`),
        headName: '测试户主',
        villageCode,
        membersCount: 3,
        status: 'POVERTY_ALLEVIATED',
        startedOn: '2020-06-01',
        ...overrides,
      },
    },
  );
  if (!res.data) throw new Error(`makeHousehold: ${JSON.stringify(res.errors)}`);
  return res.data.registerHousehold;
}

/** A village collective's share of an asset: its village code, its percentage and (optionally) its name. */
export type VillageShare = [villageCode: string, sharePercent: string, name?: string];

/**
 * An operating asset in `villageCode` owned 100% by that village (confirmed), ready to earn income; with
 * `owners`, owned by those village collectives in those shares instead (a co-owned asset).
 */
export async function makeOwnedOperatingAsset(
  clerk: Caller,
  officer: Caller,
  villageCode: string,
  overrides: Record<string, unknown> = {},
  owners: VillageShare[] = [[villageCode, '100', '村集体经济组织']],
): Promise<AssetRef> {
  const project = await makeProject(officer, { regionCode: villageCode.slice(0, 9) });
  const asset = await makeAsset(clerk, project.id, { locationCode: villageCode, ...overrides });
  await confirmVillageOwners(clerk, officer, asset, owners);
  return asset;
}

/** Proposes `owners` of the asset (publicity started 20 days ago) as `clerk` and confirms them as `officer`. */
export async function confirmVillageOwners(
  clerk: Caller,
  officer: Caller,
  asset: AssetRef,
  owners: VillageShare[],
  certificateNo = `CERT-${asset.code}`,
): Promise<void> {
  const proposal = await clerk.gql<{ proposeOwnership: { id: string } }>(
    'mutation($input: ProposeOwnershipInput!) { proposeOwnership(input: $input) { id } }',
    {
      input: {
        assetId: asset.id,
        owners: owners.map(([village, sharePercent, name]) => ({
          ownerType: 'VILLAGE_COLLECTIVE',
          ownerRef: village,
          name: name ?? `${village} 村集体经济组织`,
          sharePercent,
        })),
        managementEntity: '村股份经济合作联合社',
        publicityStart: daysAgo(20),
        noticeEvidenceFileIds: [await noticeScan(clerk)],
      },
    },
  );
  if (!proposal.data) throw new Error(`propose: ${JSON.stringify(proposal.errors)}`);
  const confirmed = await officer.gql(
    'mutation($id: ID!, $no: String!) { confirmOwnership(proposalId: $id, certificateNo: $no) { id } }',
    { id: proposal.data.proposeOwnership.id, no: certificateNo },
  );
  if (confirmed.errors) throw new Error(`confirm: ${JSON.stringify(confirmed.errors)}`);
}
