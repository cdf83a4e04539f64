/** Pure rules of the evidence files feature (names, headers, which region a file may serve). */

export const MAX_NAME_LENGTH = 255;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REGION_CODE = /^\d{6}(\d{3}){0,2}$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function isRegionCode(value: string): boolean {
  return REGION_CODE.test(value);
}

/**
 * The name an uploaded file is stored under: Unicode NFC, without any directory part (some browsers
 * send `C:\\fakepath\\…`), control characters or bidirectional overrides (`‮fdp.exe` tricks), trimmed.
 * May be empty (the caller then names the file after its type). Length is counted in characters, as
 * PostgreSQL counts varchar(255).
 */
export function cleanFileName(raw: string | undefined): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.replace(/^.*[\\/]/s, '');
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  return name.trim();
}

/** A file name made by {@link exportFileName}: the only kind `FilesService.storeGenerated` accepts. */
export type ExportFileName = string & { readonly __exportFileName: unique symbol };

// Control characters, zero-width and bidirectional formatting characters.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const PATH_CHARACTERS = /[\\/:*?"<>|]/g;
const MAX_PART_LENGTH = 60;

/**
 * The name of a file the server writes (every export and template), built from parts such as
 * `['资产台账', regionCode, stamp]`: each part loses control, zero-width and bidirectional characters
 * (no `‮xslx.exe` tricks), has path characters (`/ \ : * ? " < > |`) replaced by `_`, no leading dots, runs
 * of spaces made one, at most 60 characters; empty parts are dropped and the rest joined with `-`.
 */
export function exportFileName(parts: ReadonlyArray<string | number>, extension: string): ExportFileName {
  if (!/^[a-z0-9]{1,8}$/.test(extension)) throw new Error(`not a file name extension: ${extension}`);
  const clean = parts
    .map((part) =>
      [
        ...String(part)
          .normalize('NFC')
          .replace(INVISIBLE, '')
          .replace(PATH_CHARACTERS, '_')
          .replace(/\s+/g, ' ')
          .trim()
          .replace(/^\.+/, ''),
      ]
        .slice(0, MAX_PART_LENGTH)
        .join('')
        .trim(),
    )
    .filter((part) => part !== '');
  return `${clean.join('-') || 'export'}.${extension}` as ExportFileName;
}

export function nameLength(name: string): number {
  return [...name].length;
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback `filename` and the exact name in
 * `filename*` (RFC 6266 / RFC 5987, UTF-8, percent-encoded), which every current browser prefers.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * May a file stored for `fileRegion` serve as evidence for a record of `recordRegion`? Yes when the two
 * lie on one line of the hierarchy (the same region, an ancestor, or a descendant):
 * - a village record may cite a file uploaded for its township or the district (a township approval,
 *   a district notice);
 * - a township record may cite a file uploaded by one of its villages (the village's minutes behind a
 *   township decision), and a district record any file of the district.
 * A file of a sibling region (another village, another township) never may: evidence stays in its branch.
 * Whether the caller may read the file is checked separately (RegionScopeService.canRead).
 */
export function fileServesRegion(fileRegion: string, recordRegion: string): boolean {
  return recordRegion.startsWith(fileRegion) || fileRegion.startsWith(recordRegion);
}

/** Where the bytes of a SHA-256 live below the files directory: `sha256/ab/abcdef…`. */
export function contentRelativePath(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
  return `sha256/${sha256.slice(0, 2)}/${sha256}`;
}
