import type { ConsoleApp } from './console-app';

/** The date in China `days` days ago (2026-12-02). */
export const chinaDaysAgo = (days: number): string =>
  new Date(Date.now() + (8 - days * 24) * 3600_000).toISOString().slice(0, 10);

export interface CoOwnedAsset {
  id: string;
  code: string;
  name: string;
  /** How the console names it: `A-GY-… 梧桐玉合联建大棚`. */
  label: string;
}

/**
 * A greenhouse in 梧桐村 that 梧桐村 owns 60 % and 玉合村 40 %: registered (with a project of its own) by
 * 梧桐村's clerk, its ownership proposed and confirmed by 龙驹镇, and `income` yuan of rent recorded
 * today by 梧桐村, all through the API.
 */
export async function coOwnedGreenhouse(app: ConsoleApp, income: string): Promise<CoOwnedAsset> {
  const officer = await app.as('longju');
  const wutong = await app.as('wutong');
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.toUpperCase();
  const { registerProject } = await officer.gql<{ registerProject: { id: string } }>(
    'mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id } }',
    {
      input: {
        code: `P-GY-${unique}`,
        name: '梧桐玉合联建大棚项目',
        year: 2022,
        type: 'INDUSTRY',
        implementingUnit: '龙驹镇人民政府',
        regionCode: '500101151',
        completionDate: '2022-10-01',
        acceptanceDate: '2022-11-01',
        fundSources: [{ source: 'LINKAGE_FUND', amount: '200000.00' }],
      },
    },
  );
  const code = `A-GY-${unique}`;
  const name = '梧桐玉合联建大棚';
  const { registerAsset } = await wutong.gql<{ registerAsset: { id: string } }>(
    'mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }',
    {
      input: {
        code,
        name,
        class: 'OPERATING',
        form: 'FIXED',
        categoryCode: 'FARM_INFRASTRUCTURE',
        projectId: registerProject.id,
        locationCode: '500101151201',
        quantity: '1',
        unit: '座',
        investedAmount: '200000.00',
        formedValue: '200000.00',
        fundSources: [{ source: 'LINKAGE_FUND', amount: '200000.00' }],
        completionDate: '2022-10-01',
        acceptanceDate: '2022-11-01',
        handoverDate: '2022-12-01',
        status: 'IN_USE',
        managementEntity: '梧桐村股份经济合作社',
        operator: '龙驹镇蔬菜专业合作社',
        operatingMode: 'LEASED',
        contractStart: '2023-01-01',
        contractEnd: '2027-12-31',
        contractTerms: '年租金 10000 元',
        contractAnnualAmount: '10000.00',
      },
    },
  );
  const notice = await wutong.upload(Buffer.from('%PDF-1.4\n% 公示\n%%EOF\n'), '公示.pdf');
  const { proposeOwnership } = await wutong.gql<{ proposeOwnership: { id: string } }>(
    'mutation($input: ProposeOwnershipInput!) { proposeOwnership(input: $input) { id } }',
    {
      input: {
        assetId: registerAsset.id,
        owners: [
          {
            ownerType: 'VILLAGE_COLLECTIVE',
            ownerRef: '500101151201',
            name: '梧桐村集体经济组织',
            sharePercent: '60',
          },
          {
            ownerType: 'VILLAGE_COLLECTIVE',
            ownerRef: '500101151202',
            name: '玉合村集体经济组织',
            sharePercent: '40',
          },
        ],
        managementEntity: '梧桐村股份经济合作社',
        // The publicity is over, and not backdated past the policy's limit.
        publicityStart: chinaDaysAgo(20),
        noticeEvidenceFileIds: [notice],
      },
    },
  );
  await officer.gql(
    'mutation($id: ID!, $no: String!) { confirmOwnership(proposalId: $id, certificateNo: $no) { id } }',
    { id: proposeOwnership.id, no: `CERT-${code}` },
  );
  await wutong.gql('mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { id } }', {
    input: {
      assetId: registerAsset.id,
      amount: income,
      kind: 'RENT',
      // Received today: the first row of a list newest first.
      periodFrom: chinaDaysAgo(40),
      periodTo: chinaDaysAgo(10),
      receivedOn: chinaDaysAgo(0),
      idempotencyKey: `co-owned-${unique}`,
      supplement: false,
    },
  });
  return { id: registerAsset.id, code, name, label: `${code} ${name}` };
}
