/**
 * The spreadsheet and archive libraries, loaded on first use rather than at boot: ExcelJS (with the JSZip
 * it brings) is about 29 MiB of a process's RSS and archiver 13 MiB, measured in a bare `node`; a
 * process that serves lists and proofs and never reads or writes a workbook does without them.
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
