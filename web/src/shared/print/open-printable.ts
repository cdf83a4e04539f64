import { fetchBlob } from '@web/shared/api/client';

/**
 * Opens a printable page of the API (`/print/…`, A4 HTML) in a new tab. Those routes need the bearer
 * token, which a plain link cannot carry: the page is fetched with the session's headers and shown from
 * a blob: URL, revoked a minute later. The tab is opened on the click itself (a window opened after an
 * await is what pop-up blockers stop) and cut off from the console (no `opener`); the page it shows
 * carries no script and, as a blob of the console, is held to the console's Content-Security-Policy.
 * Rejects (and closes the empty tab) if the API refuses.
 */
export async function openPrintable(path: string): Promise<void> {
  const tab = window.open('', '_blank');
  if (tab) tab.opener = null;
  try {
    const html = await fetchBlob(path);
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    if (tab) tab.location.replace(url);
    else window.location.assign(url);
  } catch (error) {
    tab?.close();
    throw error;
  }
}
