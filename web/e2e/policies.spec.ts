import { expect, expectAccessible, test, useConsoleApp, WIDTHS } from './support/fixtures';
import { chooseOption, openFromMenu } from './support/ui';

useConsoleApp();

test.describe('政策设置', () => {
  test('a district supervisor saves a new version of the disposal policy and of the distribution policy', async ({
    page,
    app,
    signInAs,
  }) => {
    const district = await app.as('district');
    type Versions = {
      disposalPolicy: { version: number };
      distributionPolicy: { version: number; channelLimits: Array<{ channel: string }> };
    };
    const before = await district.gql<Versions>(
      '{ disposalPolicy { version } distributionPolicy { version channelLimits { channel } } }',
    );

    await signInAs('district');
    await page.goto('/');
    await openFromMenu(page, '政策设置');
    await expect(page).toHaveTitle('政策设置 - 扶贫项目资产管理系统');
    await expect(page.getByRole('cell', { name: `第 ${before.disposalPolicy.version} 版` })).toBeVisible();
    await expectAccessible(page);

    // Disposal: a wrong amount is refused on the field; then a new threshold and deadline.
    const formed = page.getByLabel('原值达到（元）即报区级审批');
    await formed.fill('八万');
    await page.getByRole('button', { name: '保存为新版本' }).first().click();
    await expect(page.getByText('请填写金额（元），最多两位小数')).toBeVisible();
    await formed.fill('80000');
    await page.getByLabel('乡镇审核期限（天）').fill('12');
    await page.getByLabel('修订说明').first().fill('区级审批起点调整为 8 万元');
    await page.getByRole('button', { name: '保存为新版本' }).first().click();
    const disposalVersion = before.disposalPolicy.version + 1;
    await expect(page.getByText(`处置政策已保存为第 ${disposalVersion} 版`)).toBeVisible();
    const newest = page.getByRole('row', { name: new RegExp(`^第 ${disposalVersion} 版`) });
    await expect(newest).toContainText('¥80,000.00');
    await expect(newest).toContainText('乡镇 12 天');
    await expect(newest).toContainText('区级审批起点调整为 8 万元');

    const { disposalPolicy } = await district.gql<{
      disposalPolicy: {
        version: number;
        districtFromFormedValue: string;
        townshipReviewDays: number;
        note: string;
      };
    }>('{ disposalPolicy { version districtFromFormedValue townshipReviewDays note } }');
    expect(disposalPolicy).toEqual({
      version: disposalVersion,
      districtFromFormedValue: '80000.00',
      townshipReviewDays: 12,
      note: '区级审批起点调整为 8 万元',
    });

    // Distribution: one more channel limit.
    await page.getByRole('tab', { name: '收益分配政策' }).click();
    const panel = page.getByRole('tabpanel', { name: '收益分配政策' });
    await panel.getByRole('button', { name: '添加比例限制' }).click();
    const n = before.distributionPolicy.channelLimits.length + 1;
    await chooseOption(page, `比例限制 ${n}：用途`, '奖励补助', panel);
    await panel.getByLabel('不超过（%）').last().fill('120');
    await panel.getByRole('button', { name: '保存为新版本' }).click();
    await expect(panel.getByText('请填写 0 到 100 之间的百分数，最多两位小数')).toBeVisible();
    await panel.getByLabel('不超过（%）').last().fill('20');
    await panel.getByRole('button', { name: '保存为新版本' }).click();
    const distributionVersion = before.distributionPolicy.version + 1;
    await expect(page.getByText(`收益分配政策已保存为第 ${distributionVersion} 版`)).toBeVisible();
    await expect(panel.getByRole('row', { name: new RegExp(`^第 ${distributionVersion} 版`) })).toContainText(
      '奖励补助 不超过 20.00%',
    );
    await expectAccessible(page);

    const { distributionPolicy } = await district.gql<{
      distributionPolicy: {
        version: number;
        channelLimits: Array<{ channel: string; maxPercent: string | null }>;
      };
    }>('{ distributionPolicy { version channelLimits { channel maxPercent } } }');
    expect(distributionPolicy.version).toBe(distributionVersion);
    expect(distributionPolicy.channelLimits).toContainEqual({
      channel: 'AWARDS_SUBSIDIES',
      maxPercent: '20.00',
    });
  });

  test('an admin saves a new version of the upkeep policy after confirming it', async ({
    page,
    app,
    signInAs,
  }) => {
    const admin = await app.as('admin');
    type Upkeep = {
      upkeepPolicy: {
        version: number;
        operatingInspectionDays: number;
        repairDays: number;
        note: string | null;
      };
    };
    const query = '{ upkeepPolicy { version operatingInspectionDays repairDays note } }';
    const before = (await admin.gql<Upkeep>(query)).upkeepPolicy;

    await signInAs('admin');
    await page.goto('/policies');
    await page.getByRole('tab', { name: '管护政策' }).click();
    const panel = page.getByRole('tabpanel', { name: '管护政策' });
    await expect(panel.getByRole('cell', { name: `第 ${before.version} 版` })).toBeVisible();
    await expectAccessible(page);

    // Left empty: refused beside the field, nothing saved (the box itself keeps numbers within 1–365).
    await panel.getByLabel('损坏维修期限（天）').fill('');
    await panel.getByRole('button', { name: '保存为新版本' }).click();
    await expect(panel.getByText('维修期限须在 1 至 365 天之间')).toBeVisible();

    await panel.getByLabel('经营性资产巡查周期（天）').fill('60');
    await panel.getByLabel('损坏维修期限（天）').fill('15');
    await panel.getByLabel('修订说明').fill('经营性资产每两个月巡查一次');
    await panel.getByRole('button', { name: '保存为新版本' }).click();
    const confirm = page.getByRole('dialog', { name: '保存管护政策' });
    await expect(confirm).toContainText(`第 ${before.version + 1} 版`);
    await expectAccessible(page);
    // Cancelling saves nothing.
    await confirm.getByRole('button', { name: '取消' }).click();
    await expect(confirm).toBeHidden();
    expect((await admin.gql<Upkeep>(query)).upkeepPolicy.version).toBe(before.version);

    await panel.getByRole('button', { name: '保存为新版本' }).click();
    await confirm.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText(`管护政策已保存为第 ${before.version + 1} 版`)).toBeVisible();
    const newest = panel.getByRole('row', { name: new RegExp(`^第 ${before.version + 1} 版`) });
    await expect(newest).toContainText('经营性 60 天');
    await expect(newest).toContainText('15 天');
    await expectAccessible(page);

    expect((await admin.gql<Upkeep>(query)).upkeepPolicy).toEqual({
      version: before.version + 1,
      operatingInspectionDays: 60,
      repairDays: 15,
      note: '经营性资产每两个月巡查一次',
    });
  });

  test('an admin saves a new version of the ownership policy; a district supervisor reads it without changing it', async ({
    page,
    app,
    signInAs,
  }) => {
    type Ownership = {
      ownershipPolicy: { version: number; publicityBackdateMaxDays: number; note: string | null };
    };
    const query = '{ ownershipPolicy { version publicityBackdateMaxDays note } }';
    const admin = await app.as('admin');
    const before = (await admin.gql<Ownership>(query)).ownershipPolicy;
    const next = before.version + 1;

    await signInAs('admin');
    await page.goto('/policies');
    await page.getByRole('tab', { name: '确权政策' }).click();
    const panel = page.getByRole('tabpanel', { name: '确权政策' });
    await expect(panel).toContainText(`现行第 ${before.version} 版`);
    await expect(panel).toContainText(`最多提前 ${before.publicityBackdateMaxDays} 天`);
    await expect(panel.getByRole('cell', { name: `第 ${before.version} 版` })).toBeVisible();
    await expectAccessible(page);

    // Left empty: refused beside the field, nothing saved.
    const days = panel.getByLabel('公示最多可提前的天数');
    await days.fill('');
    await panel.getByRole('button', { name: '保存为新版本' }).click();
    await expect(panel.getByText('请填写 0 到 90 天')).toBeVisible();

    await days.fill('7');
    await panel.getByLabel('修订说明').fill('补录公示最多提前一周');
    await panel.getByRole('button', { name: '保存为新版本' }).click();
    const confirm = page.getByRole('dialog', { name: '保存确权政策' });
    await expect(confirm).toContainText(`第 ${next} 版`);
    await confirm.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText(`确权政策已保存为第 ${next} 版`)).toBeVisible();
    await expect(panel).toContainText(`现行第 ${next} 版`);
    const newest = panel.getByRole('row', { name: new RegExp(`^第 ${next} 版`) });
    await expect(newest).toContainText('最多提前 7 天');
    await expect(newest).toContainText('补录公示最多提前一周');
    await expectAccessible(page);
    expect((await admin.gql<Ownership>(query)).ownershipPolicy).toEqual({
      version: next,
      publicityBackdateMaxDays: 7,
      note: '补录公示最多提前一周',
    });

    // The district supervisor reads the version in force and the history, and may not change it (nor may the API).
    await signInAs('district');
    await page.goto('/policies');
    await page.getByRole('tab', { name: '确权政策' }).click();
    await expect(panel).toContainText(`现行第 ${next} 版`);
    await expect(panel.getByRole('row', { name: new RegExp(`^第 ${before.version} 版`) })).toBeVisible();
    await expect(panel).toContainText('确权政策由系统管理员修订');
    await expect(panel.getByRole('button', { name: '保存为新版本' })).toHaveCount(0);
    await expect(panel.getByLabel('公示最多可提前的天数')).toHaveCount(0);
    const refused = await app.gql(
      'mutation { setOwnershipPolicy(input: { publicityBackdateMaxDays: 60 }) { version } }',
      {},
      (await app.login('district')).accessToken,
    );
    expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');

    // On a phone: the history scrolls inside its table, the page does not scroll sideways.
    await page.setViewportSize(WIDTHS.phone);
    await expect(panel).toContainText(`现行第 ${next} 版`);
    await expect(panel.getByRole('row', { name: new RegExp(`^第 ${next} 版`) })).toBeAttached();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(WIDTHS.phone.width);
    await expectAccessible(page);
  });

  test('a township officer has no policy settings', async ({ page, signInAs }) => {
    await signInAs('longju');
    await page.goto('/policies');
    await expect(page.getByText('无权访问')).toBeVisible();
  });
});
