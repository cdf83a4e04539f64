/**
 * The spreadsheet and archive libraries, loaded on first use rather than at boot: a process that serves
 * lists and proofs and never reads or writes a workbook or an archive does without them. Loaded alone in
 * a bare `node`, ExcelJS (with the JSZip it brings) adds about 29 MiB of RSS and archiver 13 MiB; in the
 * booted app, whose other modules share much of what they load, the idle RSS went from 163 to 159 MiB.
 * Modules import only their types (`import type`) and call these for the values.
 */
import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import type archiver from 'archiver';

/* eslint-disable @typescript-eslint/no-require-imports -- loading on first use is the point */
export const excelJs = (): typeof ExcelJS => require('exceljs') as typeof ExcelJS;
export const jsZip = (): typeof JSZip => require('jszip') as typeof JSZip;
export const archiverOf = (): typeof archiver => require('archiver') as typeof archiver;
/* eslint-enable @typescript-eslint/no-require-imports */
