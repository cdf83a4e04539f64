import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Picks `option` in the Ant Design select labelled `field` (its form label), as a person does. A
 * searchable select (long lists render only what is in view): type the option and press Enter once the
 * list offers it. Otherwise open the list from the keyboard and click the option; Ant Design renders that list outside
 * the form, as a pop-up whose options carry their text as a title: the one place a class name is used.
 */
export async function chooseOption(
  page: Page,
  field: string,
  option: string,
  scope: Locator = page.locator('body'),
): Promise<void> {
  const box = scope.getByLabel(field, { exact: true });
  if ((await box.getAttribute('readonly')) === null) {
    await box.click();
    await box.fill(option);
    await expect(page.getByRole('option', { name: option, exact: true })).toBeAttached();
    await box.press('Enter');
    return;
  }
  // Keyboard: focus the field, arrow down opens its list (a chosen value can cover the field itself).
  const popup = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  // What the select shows once the option is chosen (its selection carries the option's text as a title).
  const chosen = box
    .locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]')
    .getByTitle(option, { exact: true });
  for (let attempt = 1; ; attempt++) {
    // A list closed a moment ago stays on screen while it fades out: wait until it has gone, or the
    // click may land on its option (the field before's) and choose nothing here.
    await expect(popup).toHaveCount(0);
    await box.focus();
    await box.press('ArrowDown');
    await popup.getByTitle(option, { exact: true }).click();
    // A list opened while its drawer or dialog still slides in can take the click as one outside it
    // (seen on a busy machine): open it again, as a person would.
    try {
      await expect(chosen).toBeVisible({ timeout: 3000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      if ((await box.getAttribute('aria-expanded')) === 'true') await box.press('Escape');
    }
  }
}

/** Opens the user menu in the header and picks an entry (修改密码, 退出登录). */
export async function userMenu(page: Page, entry: string): Promise<void> {
  await page.getByRole('button', { name: /^当前用户/ }).click();
  await page.getByRole('menuitem', { name: entry }).click();
}

/** Opens a page from the side menu (on a phone, from the menu button first). */
export async function openFromMenu(page: Page, label: string): Promise<void> {
  const toggle = page.getByRole('button', { name: '打开菜单' });
  const menu = page.getByRole('navigation', { name: '主菜单' });
  // The layout first: before it is drawn neither the button nor the menu is there.
  await expect(toggle.or(menu)).toBeVisible();
  if (await toggle.isVisible()) await toggle.click();
  // The item named exactly `label` (its icon's name comes first): 收益 is not 收益报表 nor 收益分配.
  const exact = new RegExp(`^(\\S+ )?${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await menu.getByRole('menuitem', { name: exact }).click();
}

/**
 * The first answer to the GraphQL mutation `operation` is lost on the way back: the server has done the
 * work, the browser sees a broken connection (what a retry with the same idempotency key is for).
 * Returns how many answers have been lost so far (1 once it has happened).
 */
export async function loseFirstAnswer(page: Page, operation: string): Promise<() => number> {
  let lost = 0;
  await page.route('**/graphql', async (route) => {
    if (lost === 0 && (route.request().postData() ?? '').includes(`mutation ${operation}`)) {
      lost++;
      await route.fetch();
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });
  return () => lost;
}

/**
 * Every answer to the GraphQL operation `operationName` reaches the page as `change(data)` of the real
 * answer (a response altered in transit, to show the screen checks what it is given). Other operations
 * pass untouched. Returns how many answers have been altered so far.
 */
export async function tamperWith(
  page: Page,
  operationName: string,
  change: (data: Record<string, unknown>) => void,
): Promise<() => number> {
  let tampered = 0;
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName?: string } | null;
    if (body?.operationName !== operationName) return route.fallback();
    const response = await route.fetch();
    const json = (await response.json()) as { data: Record<string, unknown> };
    change(json.data);
    tampered++;
    await route.fulfill({ response, json });
  });
  return () => tampered;
}

/**
 * Every amount (`.money`) in `scope` reads on one line and stays inside its cell: neither cut in two by
 * a narrow column nor spilling over the next one.
 */
export async function expectAmountsReadable(scope: Locator): Promise<void> {
  const amounts = scope.locator('.money');
  expect(await amounts.count()).toBeGreaterThan(0);
  const unreadable = await amounts.evaluateAll((spans) =>
    spans
      .filter((span) => {
        const cell = span.closest('td, th') ?? span.parentElement!;
        const box = span.getBoundingClientRect();
        const within = cell.getBoundingClientRect();
        // One line: its boxes (one per text node it holds) share a top.
        const lines = new Set(Array.from(span.getClientRects(), (r) => Math.round(r.top))).size;
        return lines !== 1 || box.left < within.left || box.right > within.right;
      })
      .map((span) => span.textContent),
  );
  expect(unreadable, 'amounts cut in two or spilling out of their cells').toEqual([]);
}

/** Each of `cells` reads on one line: its text is not broken over lines (a narrow column's 第 / 1 / 版). */
export async function expectOnOneLine(cells: Locator): Promise<void> {
  expect(await cells.count()).toBeGreaterThan(0);
  const broken = await cells.evaluateAll((elements) =>
    elements
      .filter((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
        return tops.size > 1;
      })
      .map((element) => element.textContent),
  );
  expect(broken, 'texts broken over lines').toEqual([]);
}

/**
 * Each phrase matching `pattern` in the text of `scope` reads on one line (账本序号 84, not 账本序 / 号 84),
 * however the page splits it into text nodes.
 */
export async function expectPhrasesOnOneLine(scope: Locator, pattern: RegExp): Promise<void> {
  const { found, broken } = await scope.evaluateAll((elements, source) => {
    const result = { found: 0, broken: [] as string[] };
    for (const element of elements) {
      const nodes: Array<{ node: Text; start: number }> = [];
      let text = '';
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n as Text, start: text.length });
        text += n.textContent ?? '';
      }
      // The text node and offset of a position in `text` (an end may sit at a node's end).
      const at = (offset: number, end: boolean): [Text, number] => {
        const hit = nodes.find(({ node, start }) =>
          end
            ? offset > start && offset <= start + node.length
            : offset >= start && offset < start + node.length,
        )!;
        return [hit.node, offset - hit.start];
      };
      for (const match of text.matchAll(new RegExp(source, 'g'))) {
        result.found++;
        const range = document.createRange();
        range.setStart(...at(match.index, false));
        range.setEnd(...at(match.index + match[0].length, true));
        const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
        if (tops.size > 1) result.broken.push(match[0]);
      }
    }
    return result;
  }, pattern.source);
  expect(found).toBeGreaterThan(0);
  expect(broken, 'phrases broken over lines').toEqual([]);
}

/** Each of `elements` stays inside its table cell (a fixed column's number not running over the next one). */
export async function expectInsideCells(elements: Locator): Promise<void> {
  expect(await elements.count()).toBeGreaterThan(0);
  const outside = await elements.evaluateAll((found) =>
    found
      .filter((element) => {
        const box = element.getBoundingClientRect();
        const cell = element.closest('td, th')!.getBoundingClientRect();
        return box.left < cell.left || box.right > cell.right;
      })
      .map((element) => element.textContent),
  );
  expect(outside, 'running out of their cells').toEqual([]);
}

/**
 * Each of `elements` (free text: a name, a list of assets) wraps, if it must, at no fewer than `chars`
 * characters a line: a column squeezed by its row's short values does not break it down to a few
 * characters a line (万州区梧 / 桐蔬菜专 / …).
 */
export async function expectWrapsAtLeast(elements: Locator, chars: number): Promise<void> {
  expect(await elements.count()).toBeGreaterThan(0);
  const squeezed = await elements.evaluateAll(
    (found, least) =>
      found
        .filter((element) => {
          // The lines of its text (the boxes of its text nodes, not of the elements holding them).
          const tops = new Set<number>();
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(n);
            for (const r of Array.from(range.getClientRects())) if (r.width > 0) tops.add(Math.round(r.top));
          }
          return tops.size > Math.ceil((element.textContent ?? '').trim().length / least);
        })
        .map((element) => element.textContent),
    chars,
  );
  expect(squeezed, `free text wrapped at fewer than ${chars} characters a line`).toEqual([]);
}

/**
 * Every chart (an ECharts canvas under `scope`) is drawn and draws nothing on its outer two pixels: a label
 * there is cut off by the chart's edge (the value axis's name 项 once was, at the top).
 */
export async function expectChartsWithinEdges(scope: Page | Locator): Promise<void> {
  const canvases = scope.locator('[role="img"] canvas');
  await expect(canvases.first()).toBeVisible();
  await expect(async () => {
    const charts = await canvases.evaluateAll((elements) =>
      elements.map((element) => {
        const canvas = element as HTMLCanvasElement;
        const ctx = canvas.getContext('2d')!;
        const { width: w, height: h } = canvas;
        const drawn = (x: number, y: number, cw: number, ch: number) => {
          const data = ctx.getImageData(x, y, cw, ch).data;
          let n = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
          return n;
        };
        return {
          label: (canvas.closest('[role="img"]')?.getAttribute('aria-label') ?? '').slice(0, 20),
          inside: drawn(2, 2, w - 4, h - 4),
          edges: {
            top: drawn(0, 0, w, 2),
            bottom: drawn(0, h - 2, w, 2),
            left: drawn(0, 0, 2, h),
            right: drawn(w - 2, 0, 2, h),
          },
        };
      }),
    );
    for (const c of charts) {
      expect(c.inside, `${c.label}: the chart is drawn`).toBeGreaterThan(0);
      expect(c.edges, `${c.label}: nothing on the chart's edges`).toEqual({
        top: 0,
        bottom: 0,
        left: 0,
        right: 0,
      });
    }
  }).toPass({ timeout: 20_000 });
}
