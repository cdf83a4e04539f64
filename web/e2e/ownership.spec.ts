import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { choose } from './support/forms';

useConsoleApp();

interface Candidate {
  id: string;
  code: string;
  owners: Array<{ ownerType: string; ownerRef: string; ownerName: string; sharePercent: string }>;
  ownershipProposals: Array<{
    status: string;
    managementEntity: string;
    owners: Array<{ name: string; sharePercent: string }>;
  }>;
}
const ASSETS = `{ assets(filter: { regionCode: "500101151201", status: [IN_USE] }, first: 50) { edges { node {
  id code owners { ownerType ownerRef ownerName sharePercent } ownershipProposals { status managementEntity owners { name sharePercent } } } } } }`;

test.describe('申请确权', () => {
  test('a clerk proposes the owners of an asset; shares must add up to 100; the 公示 starts', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const { assets } = await clerk.gql<{ assets: { edges: Array<{ node: Candidate }> } }>(ASSETS);
    const asset = assets.edges
      .map((e) => e.node)
      .find(
        (a) =>
          !a.ownershipProposals.some((p) => p.status === 'PUBLICITY') &&
          a.owners.length === 1 &&
          a.owners[0].ownerRef === '500101151201',
      );
    if (!asset) throw new Error('no asset of 梧桐村 owned by it alone without a proposal in publicity');
    const before = asset.ownershipProposals.length;

    await signInAs('wutong');
    await page.goto(`/assets/${asset.id}`);
    await page.getByRole('tab', { name: '权属' }).click();
    await page.getByRole('link', { name: '申请确权' }).click();
    await expect(page).toHaveTitle('申请确权 - 扶贫项目资产管理系统');
    // The owner as confirmed is proposed again, under the name on its certificate.
    await expect(page.getByLabel('所有权人 1 编码')).toHaveValue('500101151201');
    await expect(page.getByLabel('所有权人 1 名称')).toHaveValue(asset.owners[0].ownerName);
    await expect(page.getByLabel('所有权人 1 份额（%）')).toHaveValue('100');
    await expectAccessible(page);

    await page.getByLabel('所有权人 1 份额（%）').fill('60');
    await page.getByLabel('管护主体').fill('');
    await page.getByRole('button', { name: '提交并开始公示' }).click();
    await expect(page.getByText('各所有权人份额合计须为 100%，现为 60%')).toBeVisible();
    await expect(page.getByText('请输入管护主体')).toBeVisible();
    await page.getByLabel('所有权人 1 份额（%）').fill('100.5');
    await expect(page.getByText('份额须大于 0、不超过 100，最多两位小数')).toBeVisible();
    await page.getByLabel('所有权人 1 份额（%）').fill('100');
    await page.getByLabel('管护主体').fill('梧桐村村民委员会');
    await expectAccessible(page);
    await page.getByRole('button', { name: '提交并开始公示' }).click();

    // Back on the asset: the proposal is in publicity, and no second one can be started.
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('申请确权');
    await page.getByRole('tab', { name: '权属' }).click();
    await expect(page.getByRole('tabpanel')).toContainText('公示中');
    await expect(page.getByRole('tabpanel')).toContainText('梧桐村村民委员会');
    await expect(page.getByRole('link', { name: '申请确权' })).toHaveCount(0);

    const after = await clerk.gql<{ asset: Candidate }>(
      'query($id: ID!) { asset(id: $id) { id code ownershipProposals { status managementEntity owners { name sharePercent } } } }',
      { id: asset.id },
    );
    expect(after.asset.ownershipProposals).toHaveLength(before + 1);
    const open = after.asset.ownershipProposals.filter((p) => p.status === 'PUBLICITY');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      managementEntity: '梧桐村村民委员会',
      owners: [{ name: asset.owners[0].ownerName, sharePercent: '100.00' }],
    });
  });

  test('on a phone a clerk photographs the evidence and attaches a scan, with progress; the asset lists them', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    const { assets } = await clerk.gql<{ assets: { edges: Array<{ node: Candidate }> } }>(ASSETS);
    const asset = assets.edges
      .map((e) => e.node)
      .find((a) => !a.ownershipProposals.some((p) => p.status === 'PUBLICITY'));
    if (!asset) throw new Error('no asset of 梧桐村 without a proposal in publicity');

    await page.setViewportSize(WIDTHS.phone);
    await signInAs('wutong');
    await page.goto(`/assets/${asset.id}/ownership/new`);
    await expect(page.getByRole('heading', { level: 1, name: '申请确权' })).toBeVisible();
    const evidence = page.getByRole('group', { name: '证明材料', exact: true });
    await expect(evidence).toBeVisible();

    // A file of a type the register does not keep is refused, in Chinese.
    await choose(page, '证明材料', '选择文件', {
      name: '说明.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('不是证明材料'),
    });
    const materials = page.getByRole('list', { name: '证明材料', exact: true });
    await expect(materials.getByRole('alert')).toHaveText(
      '上传失败：只能上传 PDF、Word、JPG、PNG、HEIC 照片、CSV 或 XLSX 文件',
    );
    await materials.getByRole('button', { name: '移除 说明.txt' }).click();

    // A scan (a PDF of some size, so that its progress is worth showing) and a photo from the camera.
    await choose(page, '证明材料', '选择文件', {
      name: '村民代表会议决议.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([
        Buffer.from('%PDF-1.4\n'),
        Buffer.alloc(400 * 1024, 32),
        Buffer.from('\n%%EOF\n'),
      ]),
    });
    await choose(page, '已张贴的公示照片', '拍照', {
      name: 'IMG_0001.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    for (const name of ['村民代表会议决议.pdf', 'IMG_0001.png']) {
      await expect(page.getByRole('progressbar', { name: `${name} 上传进度` })).toHaveAttribute(
        'aria-valuenow',
        '100',
      );
      await expect(page.getByRole('listitem').filter({ hasText: name })).toContainText('上传完成');
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
    await page.getByRole('button', { name: '提交并开始公示' }).click();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('申请确权');

    // The asset lists both files; the API has them on the proposal, stored whole.
    await page.setViewportSize(WIDTHS.desktop);
    await page.getByRole('tab', { name: '附件' }).click();
    await expect(page.getByRole('tabpanel')).toContainText('村民代表会议决议.pdf');
    await expect(page.getByRole('tabpanel')).toContainText('IMG_0001.png');
    const { asset: after } = await clerk.gql<{
      asset: {
        ownershipProposals: Array<{
          status: string;
          evidence: Array<{ fileId: string }>;
          noticeEvidence: Array<{ fileId: string }>;
        }>;
      };
    }>(
      'query($id: ID!) { asset(id: $id) { ownershipProposals { status evidence { fileId } noticeEvidence { fileId } } } }',
      {
        id: asset.id,
      },
    );
    const open = after.ownershipProposals.find((p) => p.status === 'PUBLICITY')!;
    const files = await Promise.all(
      [...open.evidence, ...open.noticeEvidence].map(
        async (e) =>
          (
            await clerk.gql<{ evidenceFile: { name: string; size: number; mediaType: string } }>(
              'query($id: ID!) { evidenceFile(id: $id) { name size mediaType } }',
              { id: e.fileId },
            )
          ).evidenceFile,
      ),
    );
    expect(files.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'IMG_0001.png', size: PNG.length, mediaType: 'image/png' },
      { name: '村民代表会议决议.pdf', size: 400 * 1024 + 16, mediaType: 'application/pdf' },
    ]);
  });

  test('a clerk prints the 公示 notice of a proposal and the asset card; without the session they do not open', async ({
    page,
    app,
    signInAs,
  }) => {
    const clerk = await app.as('wutong');
    type WithProposals = {
      id: string;
      code: string;
      ownershipProposals: Array<{ id: string; status: string }>;
    };
    const { assets } = await clerk.gql<{ assets: { edges: Array<{ node: WithProposals }> } }>(
      `{ assets(filter: { regionCode: "500101151201" }, first: 50) { edges { node { id code ownershipProposals { id status } } } } }`,
    );
    const asset = assets.edges.map((e) => e.node).find((a) => a.ownershipProposals.length > 0);
    if (!asset) throw new Error('no asset of 梧桐村 with an ownership proposal');

    await signInAs('wutong');
    await page.goto(`/assets/${asset.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const card = page.waitForEvent('popup');
    await page.getByRole('button', { name: '打印资产卡片' }).click();
    const cardPage = await card;
    await expect(cardPage).toHaveTitle(`资产卡片 ${asset.code}`);
    await expect(cardPage.getByRole('heading', { level: 1 })).toHaveText('资产卡片');
    await expect(cardPage.locator('body')).toContainText(asset.code);
    await cardPage.close();

    await page.getByRole('tab', { name: '权属' }).click();
    await expect(page.getByRole('tabpanel').getByRole('button', { name: /^打印公示/ })).toHaveCount(
      asset.ownershipProposals.length,
    );
    await expectAccessible(page);
    const notice = page.waitForEvent('popup');
    await page
      .getByRole('tabpanel')
      .getByRole('button', { name: /^打印公示/ })
      .first()
      .click();
    const noticePage = await notice;
    await expect(noticePage).toHaveTitle(`资产确权公示 ${asset.code}`);
    await expect(noticePage.getByRole('heading', { level: 1 })).toHaveText('资产确权公示');
    // The notice is the proposal's, as the API knows it.
    expect(noticePage.url()).toMatch(/^blob:/);
    await expect(noticePage.locator('body')).toContainText(`申请编号：${asset.ownershipProposals[0].id}`);
    await noticePage.close();

    // The printable pages need the session: a plain request for them is refused.
    const anonymous = await page.request.get(`/print/ownership-proposals/${asset.ownershipProposals[0].id}`);
    expect(anonymous.status()).toBe(401);
  });

  test('an auditor cannot open the proposal form', async ({ page, app, signInAs }) => {
    const auditor = await app.as('auditor');
    const { assets } = await auditor.gql<{ assets: { edges: Array<{ node: Candidate }> } }>(ASSETS);
    await signInAs('auditor');
    await page.goto(`/assets/${assets.edges[0].node.id}`);
    await page.getByRole('tab', { name: '权属' }).click();
    await expect(page.getByRole('tabpanel')).toBeVisible();
    await expect(page.getByRole('link', { name: '申请确权' })).toHaveCount(0);
    await page.goto(`/assets/${assets.edges[0].node.id}/ownership/new`);
    await expect(page.getByText('无权访问')).toBeVisible();
  });
});

/** A 1×1 PNG, as a phone's camera would send a photo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
