import type { Page } from '@playwright/test';
import type { ConsoleApp } from './support/console-app';
import { expect, expectAccessible, test, useConsoleApp } from './support/fixtures';
import { choose } from './support/forms';

// The last test moves the app's clock a day on, to the end of a publicity: this file has its app to itself.
test.use({ movableClock: true });
useConsoleApp();

const VILLAGE = '500101151201'; // 梧桐村, 龙驹镇
const PHONE = { width: 390, height: 844 };

/** A day as the API counts it (China Standard Time), `days` from today. */
const chinaDay = (days: number, from = Date.now()): string =>
  new Date(from + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** A day as the console writes it: 2026年3月1日. */
const written = (day: string): string => {
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

/** A 1×1 PNG: the photo of a posted notice, or of a villager's paper. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface Proposal {
  id: string;
  assetId: string;
  code: string;
}

/**
 * A new ownership proposal of an asset of 梧桐村 (one with no proposal in publicity), proposed by its
 * clerk, whose publicity starts `startDays` from today: a past start is a notice already posted, with
 * its photo. The publicity lasts 10 days (PUBLICITY_MIN_DAYS).
 */
async function proposal(app: ConsoleApp, startDays: number): Promise<Proposal> {
  const clerk = await app.as('wutong');
  const { assets } = await clerk.gql<{
    assets: {
      edges: Array<{
        node: { id: string; code: string; class: string; ownershipProposals: Array<{ status: string }> };
      }>;
    };
  }>(
    `{ assets(filter: { regionCode: "${VILLAGE}", status: [IN_USE] }, first: 50) { edges { node {
      id code class ownershipProposals { status } } } } }`,
  );
  const candidates = assets.edges
    .map((e) => e.node)
    .filter((a) => a.class !== 'HOUSEHOLD' && !a.ownershipProposals.some((p) => p.status === 'PUBLICITY'));
  const notice = startDays < 0 ? [await clerk.upload(PNG, '公示张贴照片.png', 'image/png')] : undefined;
  const { accessToken } = await app.login('wutong');
  for (const asset of candidates) {
    const res = await app.gql<{ proposeOwnership: { id: string } }>(
      'mutation($input: ProposeOwnershipInput!) { proposeOwnership(input: $input) { id } }',
      {
        input: {
          assetId: asset.id,
          owners: [
            {
              ownerType: 'VILLAGE_COLLECTIVE',
              ownerRef: VILLAGE,
              name: '梧桐村股份经济合作联合社',
              sharePercent: '100',
            },
          ],
          managementEntity: '梧桐村股份经济合作联合社',
          publicityStart: chinaDay(startDays),
          noticeEvidenceFileIds: notice,
        },
      },
      accessToken,
    );
    // An asset under a disposal, say, takes no proposal: the next one does.
    if (res.data) return { id: res.data.proposeOwnership.id, assetId: asset.id, code: asset.code };
  }
  throw new Error('no asset of 梧桐村 takes a new ownership proposal');
}

interface ObjectionState {
  ownershipProposal: {
    status: string;
    certificateNo: string | null;
    objections: Array<{
      objector: string;
      content: string;
      raisedOn: string;
      status: string;
      resolution: string | null;
      evidence: Array<{ fileId: string }>;
    }>;
  };
}
const PROPOSAL_STATE = `query($id: ID!) { ownershipProposal(id: $id) { status certificateNo
  objections { objector content raisedOn status resolution evidence { fileId } } } }`;

const RECORD = `mutation($input: RecordObjectionInput!) { recordObjection(input: $input) { id objections { id } } }`;
const RESOLVE = `mutation($id: ID!, $resolution: String!) { resolveObjection(objectionId: $id, resolution: $resolution) { id } }`;

async function openOwnershipTab(page: Page, assetId: string) {
  await page.goto(`/assets/${assetId}?tab=ownership`);
  await expect(page.getByRole('tab', { name: '权属', selected: true })).toBeVisible();
  return page.getByRole('tabpanel');
}

test.describe('公示异议', () => {
  test('on a phone a village clerk records a villager’s objection with a photo during the publicity; the tab lists it, 待处理', async ({
    page,
    app,
    signInAs,
  }) => {
    const p = await proposal(app, -2);
    await page.setViewportSize(PHONE);
    await signInAs('wutong');
    const tab = await openOwnershipTab(page, p.assetId);
    const section = tab.getByRole('region', { name: /^公示异议/ });
    await expect(section.getByText('公示期间未收到异议')).toBeVisible();
    await section.getByRole('button', { name: '登记异议' }).click();

    const dialog = page.getByRole('dialog', { name: '登记异议' });
    await expect(dialog).toBeVisible();
    // Nothing filled in: the fields say what is missing, nothing is recorded.
    await dialog.getByRole('button', { name: '登记异议' }).click();
    await expect(dialog.getByText('请填写异议人')).toBeVisible();
    await expect(dialog.getByText('请填写异议内容')).toBeVisible();
    await dialog.getByLabel('异议人').fill('村民 李某');
    await dialog.getByLabel('异议内容').fill('大棚用地有一部分是我家的承包地，合同编号 WT-2019-031');
    await choose(page, '证明材料', '拍照', { name: '承包合同.png', mimeType: 'image/png', buffer: PNG });
    await expect(dialog.getByText('上传完成')).toBeVisible();
    await expectAccessible(page);
    // The dialog's buttons are on the phone's screen, and the page does not scroll sideways.
    await expect(dialog.getByRole('button', { name: '登记异议' })).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await dialog.getByRole('button', { name: '登记异议' }).click();
    await expect(page.getByText('已登记异议：村民 李某')).toBeVisible();
    await expect(dialog).toBeHidden();

    // The tab lists it, open, with its photo to download.
    const item = section.getByRole('listitem', { name: '异议：村民 李某' });
    await expect(item).toContainText('大棚用地有一部分是我家的承包地');
    await expect(item).toContainText('待处理');
    await expect(item).toContainText(written(chinaDay(0)));
    await expect(item.getByText('承包合同.png')).toBeVisible();
    const download = page.waitForEvent('download');
    await item.getByRole('button', { name: '下载' }).click();
    expect((await download).suggestedFilename()).toBe('承包合同.png');
    // A clerk records objections; settling them is the township's.
    await expect(item.getByRole('button', { name: /^处理异议/ })).toHaveCount(0);
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    const clerk = await app.as('wutong');
    const { ownershipProposal } = await clerk.gql<ObjectionState>(PROPOSAL_STATE, { id: p.id });
    expect(ownershipProposal.objections).toHaveLength(1);
    expect(ownershipProposal.objections[0]).toMatchObject({
      objector: '村民 李某',
      content: '大棚用地有一部分是我家的承包地，合同编号 WT-2019-031',
      raisedOn: chinaDay(0),
      status: 'OPEN',
      resolution: null,
    });
    const [file] = ownershipProposal.objections[0].evidence;
    const { evidenceFile } = await clerk.gql<{ evidenceFile: { name: string; size: number } }>(
      'query($id: ID!) { evidenceFile(id: $id) { name size } }',
      { id: file.fileId },
    );
    expect(evidenceFile).toEqual({ name: '承包合同.png', size: PNG.length });
  });

  test('outside the publicity there is no 登记异议, and the tab says why', async ({
    page,
    app,
    signInAs,
  }) => {
    const later = await proposal(app, 3);
    const over = await proposal(app, -12);
    await signInAs('wutong');
    let tab = await openOwnershipTab(page, later.assetId);
    await expect(
      tab.getByText(`公示尚未开始（${written(chinaDay(3))} 起），开始后才能登记异议`),
    ).toBeVisible();
    await expect(tab.getByRole('button', { name: '登记异议' })).toHaveCount(0);
    tab = await openOwnershipTab(page, over.assetId);
    await expect(tab.getByText('公示期已结束，不能再登记异议')).toBeVisible();
    await expect(tab.getByRole('button', { name: '登记异议' })).toHaveCount(0);
    await expectAccessible(page);
  });

  test('an auditor sees the objections but neither records nor settles one; the API refuses both', async ({
    page,
    app,
    signInAs,
  }) => {
    const p = await proposal(app, -1);
    const clerk = await app.as('wutong');
    const { recordObjection } = await clerk.gql<{ recordObjection: { objections: Array<{ id: string }> } }>(
      RECORD,
      { input: { proposalId: p.id, objector: '村民 赵某', content: '管护主体应为村民小组' } },
    );
    const objectionId = recordObjection.objections[0].id;

    await signInAs('auditor');
    const tab = await openOwnershipTab(page, p.assetId);
    const item = tab.getByRole('listitem', { name: '异议：村民 赵某' });
    await expect(item).toContainText('管护主体应为村民小组');
    await expect(item).toContainText('待处理');
    await expect(tab.getByRole('button', { name: '登记异议' })).toHaveCount(0);
    await expect(tab.getByRole('button', { name: /^处理异议/ })).toHaveCount(0);
    await expectAccessible(page);

    const { accessToken } = await app.login('auditor');
    const record = await app.gql(
      RECORD,
      { input: { proposalId: p.id, objector: '审计员', content: '不应由审计员登记' } },
      accessToken,
    );
    expect(record.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const resolve = await app.gql(RESOLVE, { id: objectionId, resolution: '不应由审计员处理' }, accessToken);
    expect(resolve.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const { ownershipProposal } = await clerk.gql<ObjectionState>(PROPOSAL_STATE, { id: p.id });
    expect(ownershipProposal.objections.map((o) => [o.objector, o.status])).toEqual([['村民 赵某', 'OPEN']]);
  });

  // Moves the app's clock: keep it last in this file.
  test('once the publicity is over, a township officer settles the objections (on the asset, then in the 确认权属 dialog) and confirms', async ({
    page,
    app,
    signInAs,
  }) => {
    // A publicity in its last day, with two objections raised during it.
    const p = await proposal(app, -9);
    const clerk = await app.as('wutong');
    const photo = await clerk.upload(PNG, '现场照片.png', 'image/png');
    for (const [objector, content, files] of [
      ['村民 王某', '大棚北侧 30 平方米是我家的自留地', [photo]],
      ['村民 陈某', '管护责任人应为村民小组长'],
    ] as const) {
      await clerk.gql(RECORD, {
        input: { proposalId: p.id, objector, content, evidenceFileIds: files ? [...files] : undefined },
      });
    }

    // The next day the publicity has ended (the app's clock and the browser's move on together).
    await app.moveClock(1);
    await page.clock.setFixedTime(new Date(Date.now() + 86_400_000));
    // On a phone, as an officer in a village office would.
    await page.setViewportSize(PHONE);
    await signInAs('longju');
    const tab = await openOwnershipTab(page, p.assetId);
    await expect(tab.getByText('公示期已结束，不能再登记异议')).toBeVisible();
    await expect(tab.getByText('2 条异议待处理，处理后才能确认权属')).toBeVisible();
    await expect(tab.getByRole('link', { name: '去确认权属' })).toHaveCount(0);
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // The first is settled on the asset's tab.
    await tab.getByRole('button', { name: '处理异议：村民 王某' }).click();
    let resolve = page.getByRole('dialog', { name: '处理异议' });
    await expect(resolve).toContainText('大棚北侧 30 平方米是我家的自留地');
    await resolve.getByRole('button', { name: '保存处理结果' }).click();
    await expect(resolve.getByText('请写明处理结果')).toBeVisible();
    await resolve.getByLabel('处理结果').fill('经现场测量，大棚未占用自留地，异议不成立，已告知本人');
    await resolve.getByRole('button', { name: '保存处理结果' }).click();
    await expect(page.getByText('异议已处理：村民 王某')).toBeVisible();
    const first = tab.getByRole('listitem', { name: '异议：村民 王某' });
    await expect(first).toContainText('已处理');
    await expect(first).toContainText('经现场测量，大棚未占用自留地，异议不成立，已告知本人');
    await expect(first.getByRole('button', { name: /^处理异议/ })).toHaveCount(0);
    await expect(tab.getByText('1 条异议待处理，处理后才能确认权属')).toBeVisible();
    await expect(tab.getByRole('button', { name: '处理异议：村民 陈某' })).toBeVisible();

    // The second is still open: the 确认权属 dialog says so and offers to settle it there.
    await page.goto('/review?tab=ownership');
    const row = page.getByRole('row', { name: new RegExp(p.code) });
    await row.getByRole('button', { name: '确认权属' }).click();
    const dialog = page.getByRole('dialog', { name: '确认权属' });
    await expect(dialog.getByText('公示期间有 1 条异议尚未处理，处理完毕后才能确认权属')).toBeVisible();
    await expect(dialog.getByRole('button', { name: '确认权属' })).toBeDisabled();
    await expect(dialog.getByRole('listitem', { name: '异议：村民 王某' })).toContainText('已处理');
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await dialog.getByRole('button', { name: '处理异议：村民 陈某' }).click();
    resolve = page.getByRole('dialog', { name: '处理异议' });
    await resolve.getByLabel('处理结果').fill('经村民代表会议讨论，管护责任人维持村股份经济合作联合社');
    await resolve.getByRole('button', { name: '保存处理结果' }).click();
    await expect(page.getByText('异议已处理：村民 陈某')).toBeVisible();
    await expect(dialog.getByRole('listitem', { name: '异议：村民 陈某' })).toContainText('已处理');
    await expect(dialog.getByText(/条异议尚未处理/)).toHaveCount(0);

    // None is open: the ownership is confirmed (the button within reach on the phone).
    await dialog.getByLabel('确权证书编号').fill(`LJ-QQ-2026-${p.code}`);
    await expect(dialog.getByRole('button', { name: '确认权属' })).toBeEnabled();
    await dialog.getByRole('button', { name: '确认权属' }).scrollIntoViewIfNeeded();
    await expect(dialog.getByRole('button', { name: '确认权属' })).toBeInViewport({ ratio: 1 });
    await dialog.getByRole('button', { name: '确认权属' }).click();
    await expect(page.getByText(/^已确认权属：/)).toBeVisible();

    const officer = await app.as('longju');
    const { ownershipProposal } = await officer.gql<ObjectionState>(PROPOSAL_STATE, { id: p.id });
    expect(ownershipProposal.status).toBe('CONFIRMED');
    expect(ownershipProposal.certificateNo).toBe(`LJ-QQ-2026-${p.code}`);
    expect(ownershipProposal.objections.map((o) => [o.objector, o.status, o.resolution])).toEqual([
      ['村民 王某', 'RESOLVED', '经现场测量，大棚未占用自留地，异议不成立，已告知本人'],
      ['村民 陈某', 'RESOLVED', '经村民代表会议讨论，管护责任人维持村股份经济合作联合社'],
    ]);
  });
});
