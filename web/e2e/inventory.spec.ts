import { expect, expectAccessible, test, useConsoleApp } from './support/fixtures';
import { openFromMenu } from './support/ui';

useConsoleApp();

test.describe('年度清查', () => {
  test('a township officer follows the annual inventory of its villages as a village confirms its items', async ({
    page,
    app,
    signInAs,
  }) => {
    // The district opens this year's inventory of 龙驹镇; 梧桐村 confirms all of its items (through the API).
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const district = await app.as('district');
    const { startInventory } = await district.gql<{ startInventory: { id: string } }>(
      'mutation($y: Int!) { startInventory(regionCode: "500101151", year: $y) { id } }',
      { y: year },
    );
    const clerk = await app.as('wutong');
    const items = await clerk.gql<{
      inventoryItems: { totalCount: number; edges: Array<{ node: { id: string } }> };
    }>(
      'query($id: ID!) { inventoryItems(inventoryId: $id, first: 200) { totalCount edges { node { id } } } }',
      { id: startInventory.id },
    );
    expect(items.inventoryItems.totalCount).toBeGreaterThan(0);
    await clerk.gql(
      'mutation($items: [ConfirmInventoryItemInput!]!) { confirmInventoryItems(items: $items) { id } }',
      {
        items: items.inventoryItems.edges.map((e) => ({ itemId: e.node.id, finding: 'PRESENT' })),
      },
    );
    const officer = await app.as('longju');
    const { inventory } = await officer.gql<{
      inventory: { progress: { total: number; confirmed: number; remaining: number; present: number } };
    }>('query($id: ID!) { inventory(id: $id) { progress { total confirmed remaining present } } }', {
      id: startInventory.id,
    });
    expect(inventory.progress.confirmed).toBe(items.inventoryItems.totalCount);

    await signInAs('longju');
    await page.goto('/');
    await openFromMenu(page, '年度清查');
    await expect(page).toHaveTitle('年度清查 - 扶贫项目资产管理系统');
    await expect(page.getByText(`${year} 年 龙驹镇资产清查`)).toBeVisible();
    const p = inventory.progress;
    await expect(
      page.getByText(`清查进度：已确认 ${p.confirmed} / ${p.total} 项，待确认 ${p.remaining} 项`),
    ).toBeVisible();
    const wutong = page.getByRole('row', { name: /^梧桐村/ });
    await expect(wutong).toContainText(
      `已确认 ${items.inventoryItems.totalCount} / ${items.inventoryItems.totalCount} 项`,
    );
    await expect(wutong).toContainText('已完成');
    await expect(page.getByRole('row', { name: /^玉合村/ })).toContainText(/已确认 0 \/ \d+ 项/);
    await expect(page.getByRole('row', { name: /^龙驹镇/ })).toContainText('未签认');
    await expectAccessible(page);
  });
});
