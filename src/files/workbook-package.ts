/**
 * Is a ZIP an Excel workbook? An .xlsx is an Office Open XML package: a ZIP whose `[Content_Types].xml`
 * declares a part of the spreadsheet main type (`…spreadsheetml.sheet.main+xml`, usually
 * `/xl/workbook.xml`), and that part is in the ZIP. Read from the ZIP's central directory (at its end)
 * and that one small entry, never by unpacking the whole file: a ZIP bomb costs nothing here.
 */
import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_CENTRAL_DIRECTORY = 16 * 1024 * 1024;
/** `[Content_Types].xml`, the workbook part and its relationships are read whole: a few KB usually. */
const MAX_CONTENT_TYPES = 1024 * 1024;
const WORKBOOK_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

type Reader = (offset: number, length: number) => Promise<Buffer>;

/** What keeps the file at `path` from being a workbook, in words, or null when it is one. */
export async function workbookProblem(path: string): Promise<string | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const read: Reader = async (offset, length) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    };
    return await packageProblem(size, read);
  } finally {
    await handle.close();
  }
}

async function packageProblem(size: number, read: Reader): Promise<string | null> {
  const entries = await centralDirectory(size, read);
  if (typeof entries === 'string') return entries;
  const byName = new Map(entries.map((e) => [e.name, e]));
  const types = byName.get('[Content_Types].xml');
  if (!types) return 'it is a ZIP without [Content_Types].xml, not an Office document';
  const xml = await entryText(types, read);
  if (xml === null) return 'its [Content_Types].xml cannot be read';
  const parts = [...xml.matchAll(/<Override\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => attribute(tag, 'ContentType') === WORKBOOK_TYPE)
    .map((tag) => attribute(tag, 'PartName')?.replace(/^\//, ''));
  if (parts.length === 0) return 'it is an Office document but not an Excel workbook';
  const part = parts.find((p) => p !== undefined && byName.has(p));
  if (part === undefined) return 'its workbook part is missing';
  return sheetsProblem(part, byName, read);
}

/**
 * The workbook part lists its sheets (`<sheet name=… r:id=…>`), and its relationships part
 * (`xl/_rels/workbook.xml.rels` beside `xl/workbook.xml`) points each one at a part in the ZIP; targets
 * are relative to the workbook part or absolute from the package root (openpyxl writes them so).
 */
async function sheetsProblem(part: string, byName: Map<string, Entry>, read: Reader): Promise<string | null> {
  const workbook = await entryText(byName.get(part)!, read);
  if (workbook === null) return 'its workbook part cannot be read';
  const sheets = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => m[0]);
  if (sheets.length === 0) return 'its workbook lists no sheets';
  const dir = part.includes('/') ? part.slice(0, part.lastIndexOf('/')) : '';
  const file = part.slice(dir.length === 0 ? 0 : dir.length + 1);
  const relsEntry = byName.get(`${dir === '' ? '' : `${dir}/`}_rels/${file}.rels`);
  const rels = relsEntry ? await entryText(relsEntry, read) : null;
  if (rels === null) return "its workbook's relationships are missing";
  const targets = new Map(
    [...rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => [
      attribute(m[0], 'Id'),
      attribute(m[0], 'Target'),
    ]),
  );
  for (const sheet of sheets) {
    const id = /\s(?:\w+:)?id\s*=\s*"([^"]*)"/.exec(sheet)?.[1];
    const target = id === undefined ? undefined : targets.get(id);
    if (target === undefined || !byName.has(resolvePartName(dir, target))) {
      return `its sheet "${attribute(sheet, 'name') ?? '?'}" points at no part of the file`;
    }
  }
  return null;
}

/** The ZIP entry name of a relationship target, relative to `dir` or absolute from the package root. */
export function resolvePartName(dir: string, target: string): string {
  const segments = target.startsWith('/') || dir === '' ? [] : dir.split('/');
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1];
}

async function centralDirectory(size: number, read: Reader): Promise<Entry[] | string> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await read(size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) return 'it is not a complete ZIP (no central directory)';
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locatorAt = at - 20;
    if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR)
      return 'its ZIP64 directory is missing';
    const zip64 = await read(Number(tail.readBigUInt64LE(locatorAt + 8)), 56);
    if (zip64.length < 56 || zip64.readUInt32LE(0) !== ZIP64_EOCD) return 'its ZIP64 directory is damaged';
    count = Number(zip64.readBigUInt64LE(32));
    cdSize = Number(zip64.readBigUInt64LE(40));
    cdOffset = Number(zip64.readBigUInt64LE(48));
  }
  if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size) return 'its ZIP directory is damaged';
  const cd = await read(cdOffset, cdSize);
  const entries: Entry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) return 'its ZIP directory is damaged';
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    entries.push({
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      localOffset: cd.readUInt32LE(p + 42),
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function entryText(entry: Entry, read: Reader): Promise<string | null> {
  if (entry.compressedSize > MAX_CONTENT_TYPES) return null;
  const local = await read(entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) return null;
  const dataAt = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const data = await read(dataAt, entry.compressedSize);
  try {
    if (entry.method === 0) return data.toString('utf8');
    if (entry.method === 8)
      return inflateRawSync(data, { maxOutputLength: MAX_CONTENT_TYPES }).toString('utf8');
  } catch {
    return null;
  }
  return null;
}
