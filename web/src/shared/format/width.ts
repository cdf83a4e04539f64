/**
 * Full-width ASCII (１２０，０００．５０, ０２３－５８０００００) as ASCII. A Chinese input method in its
 * full-width mode types digits, points and hyphens that look like the ASCII ones and that no amount,
 * telephone or ID number check accepts; the server reads imports the same way (`halfWidth`,
 * src/spreadsheet/cells.ts). The ideographic space becomes a space.
 */
export function halfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}
