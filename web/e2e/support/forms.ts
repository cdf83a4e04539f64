import { expect, type Locator, type Page } from '@playwright/test';

/** Types a date (2026-11-30) into the Ant Design date picker labelled `field`, as a person can. */
export async function fillDate(scope: Locator, field: string, date: string): Promise<void> {
  const box = scope.getByLabel(field, { exact: true });
  await box.click();
  await box.fill(date);
  await box.press('Enter');
  await expect(box).toHaveValue(date);
}

/**
 * Picks the first option offered after typing `text` into the searchable select labelled `field` whose
 * options the server finds (an asset by its code). Ant Design renders the list outside the form, its
 * options carrying their text as a title: the one place a class name is used (as in chooseOption).
 */
export async function chooseFound(page: Page, scope: Locator, field: string, text: string): Promise<void> {
  const box = scope.getByLabel(field, { exact: true });
  await box.click();
  await box.fill(text);
  const popup = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await popup.getByTitle(text).first().click();
}

/**
 * Picks a file as a person does: the button (拍照 or 选择文件) of the evidence field labelled `field` opens
 * the phone's file (or camera) chooser. Returns once the upload ended (上传完成, or 上传失败 with why): a
 * form counts a file only once it is stored.
 */
export async function choose(
  page: Page,
  field: string,
  button: '拍照' | '选择文件',
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('group', { name: field, exact: true }).getByRole('button', { name: button }).click();
  await (await chooser).setFiles(file);
  await expect(
    page
      .getByRole('list', { name: field, exact: true })
      .getByRole('listitem')
      .filter({ hasText: file.name })
      .last(),
  ).toContainText(/上传完成|上传失败/);
}
