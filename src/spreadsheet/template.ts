/**
 * The template machinery every spreadsheet import shares: a template's columns (Chinese header, the
 * field each maps to, how its cells are read and written), matching a sheet's header row with them, and
 * reading one row's cells with each problem reported by column.
 */
import { CellProblem, cellText, normaliseHeader, parseText, PlainCell } from './cells';

/** How a column's cells are read and written. */
export type ColumnKind = 'text' | 'code' | 'money' | 'date' | 'quantity' | 'enum' | 'integer';

export interface TemplateColumn<K extends string> {
  key: K;
  header: string;
  required: boolean;
  kind: ColumnKind;
  /** Column width in characters. */
  width: number;
  /** For enumerations: the Chinese names offered in the drop-down list. */
  list?: readonly string[];
  /** What to write, for the 说明 sheet and docs/api.md. */
  note: string;
  /**
   * Written by the export, ignored by the import (序号, names and figures the system derives): a file
   * exported, edited and imported again keeps working.
   */
  exportOnly?: boolean;
}

export function columnByKey<K extends string>(
  columns: ReadonlyArray<TemplateColumn<K>>,
  key: K,
): TemplateColumn<K> {
  return columns.find((c) => c.key === key)!;
}

// ---------------------------------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------------------------------

export interface HeaderProblem {
  column: string;
  message: string;
}

/**
 * Matches a sheet's header row with the template's columns. Headers are compared after normalising
 * full-width brackets, spaces and a trailing `*`; empty header cells are ignored. Returns the
 * (0-based) position of each recognised column, and a problem for each unknown, repeated or missing
 * required column.
 */
export function matchHeaders<K extends string>(
  headerRow: readonly PlainCell[],
  columns: ReadonlyArray<TemplateColumn<K>>,
): { positions: Map<K, number>; problems: HeaderProblem[] } {
  const positions = new Map<K, number>();
  const problems: HeaderProblem[] = [];
  const known = new Map(columns.map((c) => [normaliseHeader(c.header), c]));
  headerRow.forEach((cell, index) => {
    let text: string | null;
    try {
      text = cellText(cell);
    } catch {
      text = '#ERROR';
    }
    if (text === null) return;
    const column = known.get(normaliseHeader(text));
    if (!column) {
      problems.push({
        column: text,
        message: `unknown column "${text}": the template's columns are ${columns.map((c) => c.header).join(', ')}`,
      });
    } else if (positions.has(column.key)) {
      problems.push({ column: column.header, message: 'this column appears twice' });
    } else {
      positions.set(column.key, index);
    }
  });
  for (const column of columns) {
    if (column.required && !column.exportOnly && !positions.has(column.key)) {
      problems.push({ column: column.header, message: 'this required column is missing' });
    }
  }
  return { positions, problems };
}

// ---------------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------------

/** Reports a problem of one cell of the row being parsed, by column key. */
export type ReportProblem<K extends string> = (key: K, message: string) => void;

/** A cell getter for one row: the cell under a column, or null if the column is absent. */
export type RowCells<K extends string> = (key: K) => PlainCell;

const CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

/** Reads the cells of one row by column: `read` with any parser, `text` and `code` for those kinds. */
export function rowReader<K extends string>(
  columns: ReadonlyArray<TemplateColumn<K>>,
  cells: RowCells<K>,
  report: ReportProblem<K>,
) {
  /** Reads one column with `parse`; a CellProblem is reported and the value becomes null. */
  function read<T>(key: K, parse: (cell: PlainCell) => T | null): T | null {
    const column = columnByKey(columns, key);
    let value: T | null;
    try {
      value = parse(cells(key));
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      report(key, error.message);
      return null;
    }
    if (column.required && (value === null || value === '')) report(key, 'is required');
    return value;
  }
  const text = (key: K, max: number): string | null => read(key, (c) => parseText(c, max));
  const code = (key: K): string | null =>
    read(key, (c) => {
      const value = cellText(c);
      if (value !== null && !CODE.test(value)) {
        throw new CellProblem(
          `"${value.slice(0, 70)}" is not a code: 1–64 letters, digits, ".", "_", "/" or "-"`,
        );
      }
      return value;
    });
  return { read, text, code };
}
