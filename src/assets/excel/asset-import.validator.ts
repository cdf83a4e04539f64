/**
 * Phase 1 of an import, without the database: reads every row of both sheets, then checks every row
 * against the rules and the reference data the service loaded (in batches) for it. Every problem is
 * collected with its sheet, row (as Excel numbers it) and column (the Chinese header).
 */
import { AuthUser } from '@/common/auth';
import { ProblemList } from '@/common/errors';
import { Fen } from '@/common/scalars';
import { FUND_SOURCE_NAMES } from '@/projects/fund-source.enum';
import { FundSourceAmount, sortFundSources } from '@/projects/fund-sources';
import { describeOverruns, investmentOverruns, sumBySource } from '@/projects/investment-rules';
import { ProjectType } from '@/projects/project.entity';
import { RegionLevel } from '@/regions/region-level.enum';
import { AssetClass, AssetForm, AssetStatus, OperatingMode } from '../asset.enums';
import { AssetDraft, checkAssetRules } from '../asset-rules';
import {
  ASSET_COLUMNS,
  ASSET_SHEET,
  AssetColumnKey,
  assetColumnOfField,
  AssetRowValues,
  INSTRUCTIONS_SHEET,
  MAX_IMPORT_ROWS,
  parseAssetRow,
  parseProjectRow,
  PROJECT_COLUMNS,
  PROJECT_SHEET,
  PROJECT_TYPE_NAMES,
  ProjectColumnKey,
  ProjectRowValues,
} from './asset-template';
import { normaliseHeader, yuanText } from '@/spreadsheet/cells';
import { columnByKey, matchHeaders, ReportProblem, RowCells, TemplateColumn } from '@/spreadsheet/template';
import { ProblemCollector } from '@/spreadsheet/problems';
import { SheetRow, SheetSource } from '@/spreadsheet/workbook';
import { ImportProblem } from './asset-import.entity';

/** Problems of a file, in the order found; also counts them beyond what is kept. */
export class ImportProblems extends ProblemCollector<ImportProblem> {
  add(sheet: string, row: number, column: string, message: string): void {
    this.push({ sheet, row, column, message });
  }

  addFirst(sheet: string, row: number, column: string, message: string): void {
    this.pushFirst({ sheet, row, column, message });
  }
}

interface ParsedRow<V, K extends string> {
  row: number;
  values: V;
  /** Columns whose cell could not be read (rules about them would only repeat the problem). */
  unreadable: Set<K>;
}

/** The codes a file's rows refer to: what the service loads before the rows are checked. */
export interface FileReferences {
  assetCodes: string[];
  projectCodes: string[];
  regionCodes: string[];
}

/**
 * Both sheets found and read once: the 项目 sheet's rows parsed and kept (a file lists a few projects),
 * the 资产 sheet's rows counted and what they refer to collected. The asset rows themselves are not kept:
 * {@link ParsedFile.assets} parses them again from the file each time it is read.
 */
export interface ParsedFile {
  assetSheet: string;
  assetCount: number;
  /** The asset rows, parsed afresh from the file (their cell problems were reported on the first reading). */
  assets(): AsyncIterable<ParsedRow<AssetRowValues, AssetColumnKey>>;
  projects: Array<ParsedRow<ProjectRowValues, ProjectColumnKey>>;
  /**
   * What the rows refer to, given once: the file lets go of them then (100,000 asset codes are not kept
   * through the check and the write).
   */
  takeReferences(): FileReferences;
}

/**
 * A copy of a cell's text that does not hold on to the text it was cut from: a CSV cell is a slice of
 * a piece of the file's text, which a kept slice would keep alive for as long as the cell. (A JSON round
 * trip makes one flat string; slicing a concatenation made a flat string and a slice of it.)
 */
const detached = (text: string): string => JSON.parse(JSON.stringify(text)) as string;

/** The rows of a sheet after its header, parsed with the header's column positions. */
async function* parsedRows<V, K extends string>(
  rows: AsyncIterator<SheetRow>,
  sheet: string,
  columns: ReadonlyArray<TemplateColumn<K>>,
  positions: Map<K, number>,
  parse: (cells: RowCells<K>, report: ReportProblem<K>) => V,
  problems: ImportProblems | null,
): AsyncGenerator<ParsedRow<V, K>> {
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    const row = next.value;
    const unreadable = new Set<K>();
    const values = parse(
      (key) => {
        const position = positions.get(key);
        return position === undefined ? null : (row.cells[position] ?? null);
      },
      (key, message) => {
        unreadable.add(key);
        // A missing column is reported once, on the header row.
        if (!problems || !positions.has(key)) return;
        problems.add(sheet, row.number, columnByKey(columns, key).header, message);
      },
    );
    yield { row: row.number, values, unreadable };
  }
}

/**
 * Reads a sheet's header (its problems reported) and returns its column positions and the rest of its
 * rows, still to be read.
 */
async function openSheet<K extends string>(
  source: SheetSource,
  columns: ReadonlyArray<TemplateColumn<K>>,
  problems: ImportProblems | null,
): Promise<{ positions: Map<K, number>; rest: AsyncIterator<SheetRow> }> {
  const rows = source.rows()[Symbol.asyncIterator]();
  const header = await rows.next();
  const matched = matchHeaders(header.done ? [] : header.value.cells, columns);
  if (problems) for (const p of matched.problems) problems.add(source.name, 1, p.column, p.message);
  return { positions: matched.positions, rest: rows };
}

function reportTruncated(source: SheetSource, problems: ImportProblems): void {
  // First in the list: with many rows there may be more problems than the list keeps.
  if (source.truncated) {
    problems.addFirst(source.name, 0, '', `more than ${MAX_IMPORT_ROWS} data rows: split the file`);
  }
}

/**
 * Finds the sheets of the template in a workbook (or the one sheet of a CSV) and reads them once: every
 * cell parsed and its problems reported, the asset rows counted and their references collected.
 */
export async function parseFile(sheets: SheetSource[], problems: ImportProblems): Promise<ParsedFile> {
  const named = (name: string): SheetSource | undefined =>
    sheets.find((s) => normaliseHeader(s.name) === name);
  const assetSheet =
    named(ASSET_SHEET) ??
    sheets.find((s) => ![PROJECT_SHEET, INSTRUCTIONS_SHEET].includes(normaliseHeader(s.name)));
  const projects: ParsedFile['projects'] = [];
  const assetCodes = new Set<string>();
  const projectCodes = new Set<string>();
  const regionCodes = new Set<string>();
  const projectSheet = named(PROJECT_SHEET);
  const readProjects = async (): Promise<void> => {
    if (!projectSheet) return;
    const { positions, rest } = await openSheet(projectSheet, PROJECT_COLUMNS, problems);
    const sheet = projectSheet.name;
    for await (const row of parsedRows(rest, sheet, PROJECT_COLUMNS, positions, parseProjectRow, problems)) {
      projects.push(row);
      const { code, region } = row.values;
      if (code) projectCodes.add(detached(code));
      if (region && /^\d+$/.test(region)) regionCodes.add(detached(region));
    }
    reportTruncated(projectSheet, problems);
  };
  let taken = false;
  const takeReferences = (): FileReferences => {
    if (taken) throw new Error('the references of a file are given once');
    taken = true;
    const references = {
      assetCodes: [...assetCodes],
      projectCodes: [...projectCodes],
      regionCodes: [...regionCodes],
    };
    assetCodes.clear();
    projectCodes.clear();
    regionCodes.clear();
    return references;
  };
  if (!assetSheet) {
    problems.add('', 0, '', `the file has no "${ASSET_SHEET}" worksheet`);
    return {
      assetSheet: ASSET_SHEET,
      assetCount: 0,
      assets: async function* () {},
      projects,
      takeReferences,
    };
  }

  const { positions, rest } = await openSheet(assetSheet, ASSET_COLUMNS, problems);
  let assetCount = 0;
  const sheet = assetSheet.name;
  for await (const { values } of parsedRows(rest, sheet, ASSET_COLUMNS, positions, parseAssetRow, problems)) {
    assetCount++;
    if (values.code) assetCodes.add(detached(values.code));
    if (values.project) projectCodes.add(detached(values.project));
    if (values.location && /^\d+$/.test(values.location)) regionCodes.add(detached(values.location));
  }
  reportTruncated(assetSheet, problems);
  await readProjects();
  return {
    assetSheet: sheet,
    assetCount,
    assets: async function* () {
      const again = await openSheet(assetSheet, ASSET_COLUMNS, null);
      yield* parsedRows(again.rest, sheet, ASSET_COLUMNS, again.positions, parseAssetRow, null);
    },
    projects,
    takeReferences,
  };
}

// ---------------------------------------------------------------------------------------------------
// References
// ---------------------------------------------------------------------------------------------------

export interface RegionRef {
  code: string;
  name: string;
  level: RegionLevel;
  /** A retired (撤销) village takes no new assets. */
  retiredOn?: string | null;
  mergedInto?: string | null;
}

export interface ProjectRef {
  id: string;
  code: string;
  name: string;
  year: number;
  type: ProjectType;
  implementingUnit: string;
  regionCode: string;
  completionDate: string | null;
  acceptanceDate: string | null;
  fundSources: FundSourceAmount[];
}

/** What the rows refer to, loaded by the service in a few batched queries. */
export interface ImportReferences {
  user: AuthUser;
  today: string;
  canWrite: (regionCode: string) => boolean;
  /** May the user read (and so refer to) a project of this region? */
  canReadProject: (regionCode: string) => boolean;
  categories: Array<{ code: string; name: string; active: boolean }>;
  /** Every region a row names by code (in scope or not), and every region in the user's scope. */
  regions: Map<string, RegionRef>;
  /** Regions in the user's read scope and above it: where names are looked up. */
  namedRegions: RegionRef[];
  /** Registered projects with the codes the file uses. */
  projects: Map<string, ProjectRef>;
  /** What the assets of those projects already use, per fund source (by project code). */
  projectInvestmentUse: Map<string, FundSourceAmount[]>;
  /** Asset codes of the file that are already registered. */
  existingAssetCodes: Set<string>;
}

// ---------------------------------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------------------------------

/** An asset row ready for `AssetsService.insertMany`, but for the project id (known after phase 2's projects). */
export interface AssetToInsert {
  row: number;
  projectCode: string;
  values: {
    code: string;
    name: string;
    class: AssetClass;
    form: AssetForm;
    categoryCode: string;
    locationCode: string;
    quantity: string;
    unit: string;
    investedAmount: Fen;
    formedValue: Fen;
    completionDate: string | null;
    acceptanceDate: string | null;
    handoverDate: string | null;
    status: AssetStatus;
    statusSince: string;
    managementEntity: string | null;
    managementResponsible: string | null;
    operator: string | null;
    operatingMode: OperatingMode | null;
    contractStart: string | null;
    contractEnd: string | null;
    contractTerms: string | null;
    contractAnnualAmount: Fen | null;
    investee: string | null;
    equityAgreementNo: string | null;
    equityMaturityDate: string | null;
    householdRegistryNo: string | null;
    householdHeadName: string | null;
    constructionContent: string | null;
    constructionScale: string | null;
    beneficiaryHouseholds: number | null;
    beneficiaryPeople: number | null;
    beneficiaryPoorHouseholds: number | null;
    beneficiaryPoorPeople: number | null;
    beneficiaryMonitoredHouseholds: number | null;
    beneficiaryMonitoredPeople: number | null;
    remarks: string | null;
    createdBy: string;
    fundSources: FundSourceAmount[];
  };
}

/** A project of the 项目 sheet that is not registered yet: `ProjectsService.register` input. */
export interface ProjectToRegister {
  row: number;
  input: {
    code: string;
    name: string;
    year: number;
    type: ProjectType;
    implementingUnit: string;
    regionCode: string;
    completionDate?: string;
    acceptanceDate?: string;
    fundSources: FundSourceAmount[];
  };
}

export interface ImportPlan {
  projects: ProjectToRegister[];
  /** Codes of registered projects the assets use, with their ids. */
  projectIds: Map<string, string>;
  assetCount: number;
  /** What the file's assets add to each project's investment, summed by fund source (by project code). */
  investmentAdded: Map<string, FundSourceAmount[]>;
  /**
   * The assets to insert, in the file's order: the rows read from the file again and checked again against
   * the same references (nothing holds all of them at once). A reading that finds a problem now (it
   * cannot: the file and the references are the same) throws rather than yield a row it did not check.
   */
  assets(): AsyncIterable<AssetToInsert>;
}

/** Thrown by a second reading of a checked file that no longer checks (a defect, never the user's). */
export class FileReadDifferently extends Error {}

const AH = (key: AssetColumnKey): string => columnByKey(ASSET_COLUMNS, key).header;
const PH = (key: ProjectColumnKey): string => columnByKey(PROJECT_COLUMNS, key).header;

function sourcesText(sources: readonly FundSourceAmount[]): string {
  return (
    sortFundSources(sources)
      .map((s) => `${FUND_SOURCE_NAMES[s.source]}:${yuanText(s.amount)}`)
      .join(';') || '(none)'
  );
}

/**
 * Resolves region text to a region, or says why not: a code; a name unique in the user's scope; or a
 * village named within its township — "龙驹镇/梧桐村", "龙驹镇 梧桐村" or "龙驹镇梧桐村" — where several
 * townships have a village of that name. A retired (撤销) village takes no new assets.
 */
function resolveRegion(
  text: string,
  refs: ImportReferences,
  levels: readonly RegionLevel[],
  requireWrite = true,
): { region: RegionRef } | { problem: string } {
  const levelWords = levels.map((l) => l.toLowerCase()).join(' or ');
  const accept = (region: RegionRef, shown: string): { region: RegionRef } | { problem: string } => {
    if (requireWrite && !refs.canWrite(region.code)) {
      return { problem: `${shown} is outside your region ${refs.user.regionCode}` };
    }
    if (requireWrite && region.retiredOn) {
      return {
        problem: `${shown} was retired on ${region.retiredOn}${region.mergedInto ? ` (merged into ${region.mergedInto})` : ''}: it takes no new assets`,
      };
    }
    return { region };
  };
  if (/^\d+$/.test(text)) {
    const region = refs.regions.get(text);
    if (!region) return { problem: `no region has the code ${text}` };
    if (!levels.includes(region.level)) return { problem: `${text} (${region.name}) is not a ${levelWords}` };
    return accept(region, `${text} (${region.name})`);
  }
  const candidates = refs.namedRegions.filter((r) => levels.includes(r.level));
  let matches = candidates.filter((r) => r.name === text);
  if (matches.length === 0 && levels.includes(RegionLevel.VILLAGE)) {
    // A village named within its township.
    const townships = refs.namedRegions.filter((r) => r.level === RegionLevel.TOWNSHIP);
    const compact = text.replace(/[\s/／]+/g, '');
    matches = townships.flatMap((t) =>
      compact.startsWith(t.name) && compact.length > t.name.length
        ? candidates.filter(
            (v) =>
              v.level === RegionLevel.VILLAGE &&
              v.code.startsWith(t.code) &&
              v.name === compact.slice(t.name.length),
          )
        : [],
    );
  }
  if (matches.length > 1) {
    // Prefer the villages still in use over retired ones of the same name.
    const open = matches.filter((r) => !r.retiredOn);
    if (open.length === 1) matches = open;
  }
  if (matches.length === 1) return accept(matches[0], `${text} (${matches[0].code})`);
  if (matches.length > 1) {
    return {
      problem: `several regions are called ${text} (${matches.map((r) => r.code).join(', ')}): write the code, or the township and the village (龙驹镇/梧桐村)`,
    };
  }
  return { problem: `no ${levelWords} in your region is called "${text.slice(0, 40)}"` };
}

/**
 * Checks the projects of the 项目 sheet: a registered one must agree with the sheet (empty cells are
 * not compared), a new one must be complete and valid as `registerProject` would require.
 */
function checkProjects(
  file: ParsedFile,
  refs: ImportReferences,
  problems: ImportProblems,
): { toRegister: ProjectToRegister[]; defined: Set<string> } {
  const toRegister: ProjectToRegister[] = [];
  const defined = new Set<string>();
  const firstRow = new Map<string, number>();
  const thisYear = Number(refs.today.slice(0, 4));
  for (const { row, values: p, unreadable } of file.projects) {
    const add = (key: ProjectColumnKey, message: string): void =>
      problems.add(PROJECT_SHEET, row, PH(key), message);
    if (!p.code) continue; // reported by the parser
    defined.add(p.code);
    const first = firstRow.get(p.code);
    if (first !== undefined) {
      add('code', `project ${p.code} is already listed on row ${first}`);
      continue;
    }
    firstRow.set(p.code, row);

    const registered = refs.projects.get(p.code);
    let regionCode: string | null = null;
    if (p.region) {
      // A registered project only has to be readable; a new one is registered, in a region you may write.
      const levels = [RegionLevel.DISTRICT, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE];
      const resolved = resolveRegion(p.region, refs, levels, !registered);
      if ('region' in resolved) regionCode = resolved.region.code;
      else add('region', resolved.problem);
    }

    if (registered) {
      if (!refs.canReadProject(registered.regionCode)) {
        add('code', `project ${p.code} exists outside your region: it cannot be used`);
        continue;
      }
      const differ = (
        key: ProjectColumnKey,
        sheetValue: string | number | null,
        dbValue: string | number | null,
      ): void => {
        if (sheetValue === null || unreadable.has(key)) return;
        if (sheetValue !== dbValue) {
          add(
            key,
            `differs from registered project ${p.code}, which has ${dbValue === null ? '(empty)' : String(dbValue)}`,
          );
        }
      };
      differ('name', p.name, registered.name);
      differ('year', p.year, registered.year);
      differ('type', p.type && PROJECT_TYPE_NAMES[p.type], PROJECT_TYPE_NAMES[registered.type]);
      differ('implementingUnit', p.implementingUnit, registered.implementingUnit);
      differ('region', regionCode, registered.regionCode);
      differ('completionDate', p.completionDate, registered.completionDate);
      differ('acceptanceDate', p.acceptanceDate, registered.acceptanceDate);
      if (p.fundSources && p.fundSources.length > 0) {
        differ('fundSources', sourcesText(p.fundSources), sourcesText(registered.fundSources));
      }
      continue;
    }

    // A new project: everything registerProject requires.
    const required: Array<[ProjectColumnKey, unknown]> = [
      ['name', p.name],
      ['year', p.year],
      ['type', p.type],
      ['implementingUnit', p.implementingUnit],
      ['region', p.region],
    ];
    for (const [key, value] of required) {
      if (value === null && !unreadable.has(key))
        add(key, `is required for a new project (${p.code} is not registered)`);
    }
    if (p.fundSources !== null && p.fundSources.length === 0) {
      add('fundSources', `is required for a new project (${p.code} is not registered)`);
    }
    for (const key of ['completionDate', 'acceptanceDate'] as const) {
      if (p[key] && p[key] > refs.today) add(key, `${p[key]} is in the future`);
    }
    if (p.completionDate && p.acceptanceDate && p.acceptanceDate < p.completionDate) {
      add('acceptanceDate', `${p.acceptanceDate} is before the completion date ${p.completionDate}`);
    }
    if (p.year !== null) {
      if (p.year > thisYear) add('year', `${p.year} is in the future`);
      if (p.completionDate && Number(p.completionDate.slice(0, 4)) < p.year) {
        add('year', `the project cannot be completed (${p.completionDate}) before its year ${p.year}`);
      }
    }
    if (
      p.name &&
      p.year !== null &&
      p.type &&
      p.implementingUnit &&
      regionCode &&
      p.fundSources &&
      p.fundSources.length > 0
    ) {
      toRegister.push({
        row,
        input: {
          code: p.code,
          name: p.name,
          year: p.year,
          type: p.type,
          implementingUnit: p.implementingUnit,
          regionCode,
          ...(p.completionDate ? { completionDate: p.completionDate } : {}),
          ...(p.acceptanceDate ? { acceptanceDate: p.acceptanceDate } : {}),
          fundSources: p.fundSources,
        },
      });
    }
  }
  return { toRegister, defined };
}

/**
 * Checks every asset row (rules, references, scope, unique codes) and every project row; returns what
 * to write when there is no problem. Calls `progress` with the number of rows checked every `every`
 * rows, and awaits it (so that a long check yields to other requests).
 */
export async function checkFile(
  file: ParsedFile,
  refs: ImportReferences,
  problems: ImportProblems,
  progress: (checked: number) => Promise<void>,
  every = 500,
): Promise<ImportPlan> {
  const { toRegister, defined } = checkProjects(file, refs, problems);
  let checked = file.projects.length;
  await progress(checked);
  const projectIds = new Map<string, string>();
  const investmentAdded = new Map<string, FundSourceAmount[]>();
  for await (const asset of checkAssets(file, refs, problems, toRegister, defined, projectIds)) {
    if (asset && asset.values.fundSources.length > 0) {
      const added = investmentAdded.get(asset.projectCode);
      const sum = sumBySource([...(added ?? []), ...asset.values.fundSources]);
      // The plan outlives this reading of the file: its keys must not hold on to the file's text.
      const key = added ? asset.projectCode : detached(asset.projectCode);
      investmentAdded.set(
        key,
        [...sum].map(([source, amount]) => ({ source, amount })),
      );
    }
    checked++;
    if (checked % every === 0) await progress(checked);
  }
  if (file.assetCount === 0 && problems.isEmpty) {
    problems.add(file.assetSheet, 0, '', 'the file has no asset rows');
  }
  await progress(checked);
  return {
    projects: toRegister,
    projectIds,
    assetCount: file.assetCount,
    investmentAdded,
    assets: async function* () {
      const again = new ImportProblems(1);
      let count = 0;
      for await (const asset of checkAssets(file, refs, again, toRegister, defined, new Map())) {
        if (!asset) {
          const [p] = again.list;
          throw new FileReadDifferently(`row ${p.row} of ${p.sheet} no longer checks: ${p.message}`);
        }
        count++;
        yield asset;
      }
      if (count !== file.assetCount) {
        throw new FileReadDifferently(`${count} asset rows read again, ${file.assetCount} checked`);
      }
    },
  };
}

/**
 * Checks the asset rows of `file` one by one, in order; yields for each what to insert, or null once the
 * file has any problem. Each reading starts afresh (codes seen, investment used so far).
 */
async function* checkAssets(
  file: ParsedFile,
  refs: ImportReferences,
  problems: ImportProblems,
  toRegister: readonly ProjectToRegister[],
  defined: ReadonlySet<string>,
  projectIds: Map<string, string>,
): AsyncGenerator<AssetToInsert | null> {
  const categoriesByCode = new Map(refs.categories.map((c) => [c.code, c]));
  const categoriesByName = new Map<string, Array<(typeof refs.categories)[number]>>();
  for (const c of refs.categories) categoriesByName.set(c.name, [...(categoriesByName.get(c.name) ?? []), c]);
  const locationCache = new Map<string, ReturnType<typeof resolveRegion>>();
  const firstRowOfCode = new Map<string, number>();
  const sheet = file.assetSheet;
  // Investment adds up (the rule registerAsset uses): per project, what its assets use with the rows so far.
  const newProjects = new Map(toRegister.map((p) => [p.input.code, p.input.fundSources]));
  const investmentUse = new Map(refs.projectInvestmentUse);

  for await (const { row, values: a, unreadable } of file.assets()) {
    const add = (key: AssetColumnKey, message: string): void => problems.add(sheet, row, AH(key), message);

    if (a.code) {
      const first = firstRowOfCode.get(a.code);
      if (first !== undefined) add('code', `asset code ${a.code} is also on row ${first}`);
      // A copy of the code: a slice would keep its piece of the file's text for the rest of the reading.
      else firstRowOfCode.set(detached(a.code), row);
      if (refs.existingAssetCodes.has(a.code)) add('code', `asset ${a.code} is already registered`);
    }

    let categoryCode: string | null = null;
    if (a.category) {
      const byName = categoriesByName.get(a.category) ?? [];
      const category = categoriesByCode.get(a.category) ?? (byName.length === 1 ? byName[0] : undefined);
      if (!category) {
        add(
          'category',
          byName.length > 1
            ? `several categories are called ${a.category}: write the code`
            : `no category has the code or name "${a.category.slice(0, 40)}"`,
        );
      } else if (!category.active) {
        add('category', `category ${category.code} (${category.name}) is no longer in use`);
      } else {
        categoryCode = category.code;
      }
    }

    if (a.project) {
      const registered = refs.projects.get(a.project);
      if (registered) {
        if (!refs.canReadProject(registered.regionCode))
          add('project', `no project ${a.project} in your region`);
        // Kept in the plan: a copy of the code, not a slice of the file's text.
        else if (!projectIds.has(a.project)) projectIds.set(detached(a.project), registered.id);
      } else if (!defined.has(a.project)) {
        add('project', `no project ${a.project} is registered or listed on the ${PROJECT_SHEET} sheet`);
      }
    }

    let locationCode: string | null = null;
    if (a.location) {
      let resolved = locationCache.get(a.location);
      if (!resolved) {
        resolved = resolveRegion(a.location, refs, [RegionLevel.VILLAGE, RegionLevel.TOWNSHIP]);
        locationCache.set(a.location, resolved);
      }
      if ('region' in resolved) locationCode = resolved.region.code;
      else add('location', resolved.problem);
    }

    const status = a.status ?? (a.completionDate ? AssetStatus.IN_USE : AssetStatus.UNDER_CONSTRUCTION);
    {
      // The rules run on every row. Where a value they need is missing or unreadable, a stand-in is
      // used and the problems that depend on it are dropped (the cell's own problem is reported).
      const skip = new Set<AssetColumnKey>(unreadable);
      const skipAll = (keys: readonly AssetColumnKey[]): void => keys.forEach((k) => skip.add(k));
      if (!a.class) skipAll(['class', 'householdRegistryNo', 'householdHeadName']);
      if (!a.form) skipAll(['form', 'class', 'investee', 'equityAgreementNo']);
      if (a.investedAmount === null) skip.add('fundSources');
      const draft: AssetDraft = {
        class: a.class ?? AssetClass.PUBLIC_WELFARE,
        form: a.form ?? AssetForm.FIXED,
        status,
        statusSince: a.statusSince,
        investedAmount: a.investedAmount ?? 0n,
        formedValue: a.formedValue ?? 0n,
        fundSources: a.fundSources ?? [],
        completionDate: a.completionDate,
        acceptanceDate: a.acceptanceDate,
        handoverDate: a.handoverDate,
        operator: a.operator,
        operatingMode: a.operatingMode,
        contractStart: a.contractStart,
        contractEnd: a.contractEnd,
        contractTerms: a.contractTerms,
        contractAnnualAmount: a.contractAnnualAmount,
        investee: a.investee,
        equityAgreementNo: a.equityAgreementNo,
        equityMaturityDate: a.equityMaturityDate,
        householdRegistryNo: a.householdRegistryNo,
        householdHeadName: a.householdHeadName,
        beneficiaryHouseholds: a.beneficiaryHouseholds,
        beneficiaryPeople: a.beneficiaryPeople,
        beneficiaryPoorHouseholds: a.beneficiaryPoorHouseholds,
        beneficiaryPoorPeople: a.beneficiaryPoorPeople,
        beneficiaryMonitoredHouseholds: a.beneficiaryMonitoredHouseholds,
        beneficiaryMonitoredPeople: a.beneficiaryMonitoredPeople,
      };
      const rules = new ProblemList();
      checkAssetRules(draft, '', rules, refs.today);
      for (const problem of rules.all) {
        const column = assetColumnOfField(problem.field);
        if (column && skip.has(column.key)) continue;
        problems.add(sheet, row, column?.header ?? '', problem.message);
      }
    }

    const invested = a.project
      ? (refs.projects.get(a.project)?.fundSources ?? newProjects.get(a.project))
      : undefined;
    if (a.project && invested && a.fundSources && a.fundSources.length > 0) {
      // Kept summed per source, so a file of many rows costs one small sum per row.
      const used = [...sumBySource([...(investmentUse.get(a.project) ?? []), ...a.fundSources])].map(
        ([source, amount]) => ({ source, amount }),
      );
      const overruns = investmentOverruns(invested, used);
      if (overruns.length > 0) {
        add('fundSources', `exceeds the investment of project ${a.project}: ${describeOverruns(overruns)}`);
      } else {
        investmentUse.set(a.project, used);
      }
    }

    if (!problems.isEmpty) {
      yield null;
      continue;
    }
    yield {
      row,
      projectCode: a.project!,
      values: {
        code: a.code!,
        name: a.name!,
        class: a.class!,
        form: a.form!,
        categoryCode: categoryCode!,
        locationCode: locationCode!,
        quantity: a.quantity!,
        unit: a.unit!,
        investedAmount: a.investedAmount!,
        formedValue: a.formedValue!,
        completionDate: a.completionDate,
        acceptanceDate: a.acceptanceDate,
        handoverDate: a.handoverDate,
        status,
        statusSince: a.statusSince ?? refs.today,
        managementEntity: a.managementEntity,
        managementResponsible: a.managementResponsible,
        operator: a.operator,
        operatingMode: a.operatingMode,
        contractStart: a.contractStart,
        contractEnd: a.contractEnd,
        contractTerms: a.contractTerms,
        contractAnnualAmount: a.contractAnnualAmount,
        investee: a.investee,
        equityAgreementNo: a.equityAgreementNo,
        equityMaturityDate: a.equityMaturityDate,
        householdRegistryNo: a.householdRegistryNo,
        householdHeadName: a.householdHeadName,
        constructionContent: a.constructionContent,
        constructionScale: a.constructionScale,
        beneficiaryHouseholds: a.beneficiaryHouseholds,
        beneficiaryPeople: a.beneficiaryPeople,
        beneficiaryPoorHouseholds: a.beneficiaryPoorHouseholds,
        beneficiaryPoorPeople: a.beneficiaryPoorPeople,
        beneficiaryMonitoredHouseholds: a.beneficiaryMonitoredHouseholds,
        beneficiaryMonitoredPeople: a.beneficiaryMonitoredPeople,
        remarks: a.remarks,
        createdBy: refs.user.id,
        fundSources: a.fundSources ?? [],
      },
    };
  }
}
