/**
 * Phase 1 of a household import, without the database: reads every row, then checks every row against
 * the rules and the reference data the service loaded for it (villages, registry numbers already
 * registered). Every problem is collected with its row (as Excel numbers it) and column (the header).
 */
import { normaliseHeader } from '@/spreadsheet/cells';
import { ProblemCollector } from '@/spreadsheet/problems';
import type { SheetRows } from '@/spreadsheet/workbook';
import { RegionLevel } from '@/regions/region-level.enum';
import { HouseholdDraft } from '../households.service';
import { statusProblems } from '../household-rules';
import { HouseholdImportProblem } from './household-import.entity';
import {
  HOUSEHOLD_SHEET,
  householdColumn,
  HouseholdColumnKey,
  HouseholdRowValues,
  INSTRUCTIONS_SHEET,
  matchHeaders,
  MAX_HOUSEHOLD_IMPORT_ROWS,
  parseHouseholdRow,
} from './household-template';

/** Problems of a file, in the order found; counts them beyond what is kept. */
export class HouseholdImportProblems extends ProblemCollector<HouseholdImportProblem> {
  add(row: number, column: string, message: string): void {
    this.push({ row, column, message });
  }
}

export interface ParsedHouseholdRow {
  row: number;
  values: HouseholdRowValues;
  /** Columns whose cell could not be read (rules about them would only repeat the problem). */
  unreadable: Set<HouseholdColumnKey>;
}

const H = (key: HouseholdColumnKey): string => householdColumn(key).header;

/** Finds the 农户 sheet (or the one data sheet, or the CSV's) and parses every row. */
export function parseHouseholdFile(
  sheets: readonly SheetRows[],
  problems: HouseholdImportProblems,
  today: string,
): ParsedHouseholdRow[] {
  const sheet =
    sheets.find((s) => normaliseHeader(s.name) === HOUSEHOLD_SHEET) ??
    sheets.find((s) => normaliseHeader(s.name) !== INSTRUCTIONS_SHEET);
  if (!sheet) {
    problems.add(0, '', `the file has no "${HOUSEHOLD_SHEET}" worksheet`);
    return [];
  }
  const header = matchHeaders(sheet.rows[0]?.cells ?? []);
  for (const p of header.problems) problems.add(1, p.column, p.message);
  if (sheet.truncated) {
    problems.add(0, '', `more than ${MAX_HOUSEHOLD_IMPORT_ROWS} data rows: split the file`);
  }
  if (sheet.rows.length <= 1) problems.add(0, '', 'the file has no household rows');
  const out: ParsedHouseholdRow[] = [];
  for (const row of sheet.rows.slice(1)) {
    const unreadable = new Set<HouseholdColumnKey>();
    const values = parseHouseholdRow(
      (key) => {
        const position = header.positions.get(key);
        return position === undefined ? null : (row.cells[position] ?? null);
      },
      (key, message) => {
        unreadable.add(key);
        // A missing column is reported once, on the header row.
        if (header.positions.has(key)) problems.add(row.number, H(key), message);
      },
      today,
    );
    out.push({ row: row.number, values, unreadable });
  }
  return out;
}

export interface VillageRef {
  code: string;
  name: string;
  level: RegionLevel;
}

/** What the rows refer to, loaded by the service in a few queries. */
export interface HouseholdImportReferences {
  today: string;
  userRegion: string;
  canWrite: (regionCode: string) => boolean;
  /** Every region a row names by code, and every village in the user's scope (names are looked up there). */
  regions: Map<string, VillageRef>;
  villagesInScope: VillageRef[];
  /** Registry numbers of the file that are registered already. */
  existingRegistryNos: Set<string>;
}

/** What the service must load for a parsed file. */
export function referencesOf(rows: readonly ParsedHouseholdRow[]): {
  registryNos: string[];
  regionCodes: string[];
} {
  const registryNos = new Set<string>();
  const regionCodes = new Set<string>();
  for (const { values } of rows) {
    if (values.registryNo) registryNos.add(values.registryNo);
    if (values.village && /^\d+$/.test(values.village)) regionCodes.add(values.village);
  }
  return { registryNos: [...registryNos], regionCodes: [...regionCodes] };
}

function resolveVillage(
  text: string,
  refs: HouseholdImportReferences,
): { code: string } | { problem: string } {
  if (/^\d+$/.test(text)) {
    const region = refs.regions.get(text);
    if (!region) return { problem: `no region has the code ${text}` };
    if (region.level !== RegionLevel.VILLAGE) return { problem: `${text} (${region.name}) is not a village` };
    if (!refs.canWrite(region.code)) {
      return { problem: `${text} (${region.name}) is outside your region ${refs.userRegion}` };
    }
    return { code: region.code };
  }
  const matches = refs.villagesInScope.filter((r) => r.name === text);
  if (matches.length === 1) {
    if (!refs.canWrite(matches[0].code)) {
      return { problem: `${text} (${matches[0].code}) is outside your region ${refs.userRegion}` };
    }
    return { code: matches[0].code };
  }
  if (matches.length > 1) {
    return {
      problem: `several villages are called ${text} (${matches.map((r) => r.code).join(', ')}): write the code`,
    };
  }
  return { problem: `no village in your region is called "${text.slice(0, 40)}"` };
}

/**
 * Checks every row (cells already parsed): registry numbers unique in the file and not registered,
 * the village exists, is a village and is in the caller's scope, the status rules. Returns the
 * households to insert (complete only when `problems` stays empty). Calls `progress` every `every` rows.
 */
export async function checkHouseholdRows(
  rows: readonly ParsedHouseholdRow[],
  refs: HouseholdImportReferences,
  problems: HouseholdImportProblems,
  progress: (checked: number) => Promise<void>,
  every = 500,
): Promise<HouseholdDraft[]> {
  const firstRowOf = new Map<string, number>();
  const villageCache = new Map<string, ReturnType<typeof resolveVillage>>();
  const drafts: HouseholdDraft[] = [];
  let checked = 0;
  for (const { row, values: v, unreadable } of rows) {
    const add = (key: HouseholdColumnKey, message: string): void => problems.add(row, H(key), message);

    if (v.registryNo) {
      const first = firstRowOf.get(v.registryNo);
      if (first !== undefined) add('registryNo', `registry number ${v.registryNo} is also on row ${first}`);
      else firstRowOf.set(v.registryNo, row);
      if (refs.existingRegistryNos.has(v.registryNo)) {
        add('registryNo', `household ${v.registryNo} is already registered`);
      }
    }

    let villageCode: string | null = null;
    if (v.village) {
      let resolved = villageCache.get(v.village);
      if (!resolved) {
        resolved = resolveVillage(v.village, refs);
        villageCache.set(v.village, resolved);
      }
      if ('code' in resolved) villageCode = resolved.code;
      else add('village', resolved.problem);
    }

    if (v.status && v.startedOn) {
      for (const p of statusProblems(
        {
          status: v.status,
          monitoringCategory: v.monitoringCategory,
          startedOn: v.startedOn,
          endedOn: v.endedOn,
        },
        refs.today,
      )) {
        if (!unreadable.has(p.key)) add(p.key, p.message);
      }
    } else {
      // Without the status or its date the rules cannot all run: check what can be checked.
      if (v.startedOn && v.startedOn > refs.today) add('startedOn', `${v.startedOn} is in the future`);
      if (v.endedOn && v.endedOn > refs.today) add('endedOn', `${v.endedOn} is in the future`);
    }

    if (
      v.registryNo &&
      v.headName &&
      villageCode &&
      v.membersCount !== null &&
      v.status &&
      v.startedOn &&
      unreadable.size === 0
    ) {
      drafts.push({
        registryNo: v.registryNo,
        headName: v.headName,
        villageCode,
        membersCount: v.membersCount,
        idNumber: v.idNumber,
        phone: v.phone,
        address: null,
        status: {
          status: v.status,
          monitoringCategory: v.monitoringCategory,
          startedOn: v.startedOn,
          endedOn: v.endedOn,
        },
      });
    }
    checked++;
    if (checked % every === 0) await progress(checked);
  }
  await progress(checked);
  return drafts;
}
