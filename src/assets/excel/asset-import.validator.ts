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
import { SheetRows } from '@/spreadsheet/workbook';
import { ImportProblem } from './asset-import.entity';

/** Problems of a file, in the order found; also counts them beyond what is kept. */
export class ImportProblems extends ProblemCollector<ImportProblem> {
  add(sheet: string, row: number, column: string, message: string): void {
    this.push({ sheet, row, column, message });
  }
}

interface ParsedRow<V, K extends string> {
  row: number;
  values: V;
  /** Columns whose cell could not be read (rules about them would only repeat the problem). */
  unreadable: Set<K>;
}

/** Both sheets read and every cell parsed; references are still text. */
export interface ParsedFile {
  assets: Array<ParsedRow<AssetRowValues, AssetColumnKey>>;
  projects: Array<ParsedRow<ProjectRowValues, ProjectColumnKey>>;
  assetSheet: string;
}

function parseSheet<V, K extends string>(
  sheet: SheetRows,
  columns: ReadonlyArray<TemplateColumn<K>>,
  parse: (cells: RowCells<K>, report: ReportProblem<K>) => V,
  problems: ImportProblems,
): Array<ParsedRow<V, K>> {
  const header = matchHeaders(sheet.rows[0]?.cells ?? [], columns);
  for (const p of header.problems) problems.add(sheet.name, 1, p.column, p.message);
  if (sheet.truncated) {
    problems.add(sheet.name, 0, '', `more than ${MAX_IMPORT_ROWS} data rows: split the file`);
  }
  const out: Array<ParsedRow<V, K>> = [];
  for (const row of sheet.rows.slice(1)) {
    const unreadable = new Set<K>();
    const values = parse(
      (key) => {
        const position = header.positions.get(key);
        return position === undefined ? null : (row.cells[position] ?? null);
      },
      (key, message) => {
        unreadable.add(key);
        // A missing column is reported once, on the header row.
        if (!header.positions.has(key)) return;
        problems.add(sheet.name, row.number, columnByKey(columns, key).header, message);
      },
    );
    out.push({ row: row.number, values, unreadable });
  }
  return out;
}

/** Finds the sheets of the template in a workbook (or the one sheet of a CSV) and parses every row. */
export function parseFile(sheets: SheetRows[], problems: ImportProblems): ParsedFile {
  const named = (name: string): SheetRows | undefined => sheets.find((s) => normaliseHeader(s.name) === name);
  const assetSheet =
    named(ASSET_SHEET) ??
    sheets.find((s) => ![PROJECT_SHEET, INSTRUCTIONS_SHEET].includes(normaliseHeader(s.name)));
  if (!assetSheet) {
    problems.add('', 0, '', `the file has no "${ASSET_SHEET}" worksheet`);
    return { assets: [], projects: [], assetSheet: ASSET_SHEET };
  }
  const projectSheet = named(PROJECT_SHEET);
  return {
    assets: parseSheet(assetSheet, ASSET_COLUMNS, parseAssetRow, problems),
    projects: projectSheet ? parseSheet(projectSheet, PROJECT_COLUMNS, parseProjectRow, problems) : [],
    assetSheet: assetSheet.name,
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

/** The codes and names a parsed file refers to: what the service must load. */
export function referencesOf(file: ParsedFile): {
  assetCodes: string[];
  projectCodes: string[];
  regionCodes: string[];
} {
  const assetCodes = new Set<string>();
  const projectCodes = new Set<string>();
  const regionCodes = new Set<string>();
  for (const { values } of file.assets) {
    if (values.code) assetCodes.add(values.code);
    if (values.project) projectCodes.add(values.project);
    if (values.location && /^\d+$/.test(values.location)) regionCodes.add(values.location);
  }
  for (const { values } of file.projects) {
    if (values.code) projectCodes.add(values.code);
    if (values.region && /^\d+$/.test(values.region)) regionCodes.add(values.region);
  }
  return { assetCodes: [...assetCodes], projectCodes: [...projectCodes], regionCodes: [...regionCodes] };
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
  assets: AssetToInsert[];
}

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

  const categoriesByCode = new Map(refs.categories.map((c) => [c.code, c]));
  const categoriesByName = new Map<string, Array<(typeof refs.categories)[number]>>();
  for (const c of refs.categories) categoriesByName.set(c.name, [...(categoriesByName.get(c.name) ?? []), c]);
  const locationCache = new Map<string, ReturnType<typeof resolveRegion>>();
  const firstRowOfCode = new Map<string, number>();
  const projectIds = new Map<string, string>();
  const assets: AssetToInsert[] = [];
  const sheet = file.assetSheet;
  // Investment adds up (the rule registerAsset uses): per project, what its assets use with the rows so far.
  const newProjects = new Map(toRegister.map((p) => [p.input.code, p.input.fundSources]));
  const investmentUse = new Map(refs.projectInvestmentUse);

  for (const { row, values: a, unreadable } of file.assets) {
    const add = (key: AssetColumnKey, message: string): void => problems.add(sheet, row, AH(key), message);

    if (a.code) {
      const first = firstRowOfCode.get(a.code);
      if (first !== undefined) add('code', `asset code ${a.code} is also on row ${first}`);
      else firstRowOfCode.set(a.code, row);
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
        if (refs.canReadProject(registered.regionCode)) projectIds.set(a.project, registered.id);
        else add('project', `no project ${a.project} in your region`);
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
      checkAssetRules(draft, '', rules);
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
        add('fundSources', `超出项目 ${a.project} 的投资：${describeOverruns(overruns)}`);
      } else {
        investmentUse.set(a.project, used);
      }
    }

    if (problems.isEmpty) {
      assets.push({
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
      });
    }
    checked++;
    if (checked % every === 0) await progress(checked);
  }
  if (file.assets.length === 0 && problems.isEmpty) {
    problems.add(sheet, 0, '', 'the file has no asset rows');
  }
  await progress(checked);
  return { projects: toRegister, projectIds, assets };
}
