import { Injectable } from '@nestjs/common';
import { chunks } from '@/common/collections/chunks';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { independentReads, TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { AssetCategory } from '@/categories/asset-category.entity';
import { CategoriesService } from '@/categories/categories.service';
import { FundSourceAmount } from '@/projects/fund-sources';
import { Project } from '@/projects/project.entity';
import { ProjectsService } from '@/projects/projects.service';
import { Region } from '@/regions/region.entity';
import { RegionLevel } from '@/regions/region-level.enum';
import {
  ASSET_CLASS_NAMES,
  ASSET_FORM_NAMES,
  ASSET_STATUS_NAMES,
  OPERATING_MODE_NAMES,
} from '../asset.enums';
import { Asset } from '../asset.entity';
import { AssetsService } from '../assets.service';
import { AssetFilter } from '../dto/asset.inputs';
import { AssetOwnership, OwnerType } from '@/ownership/ownership.entity';
import { OwnershipService } from '@/ownership/ownership.service';
import {
  AssetColumnKey,
  DerivedAssetColumnKey,
  MAX_IMPORT_ROWS,
  PROJECT_TYPE_NAMES,
  ProjectColumnKey,
} from './asset-template';
import {
  ASSET_FIELDS_UPKEEP,
  AssetColumnSource,
  AssetUpkeepColumns,
  AssetUpkeepValues,
  upkeepPhoneCell,
} from './asset-ledger-columns';
import { dateCell, moneyCell, quantityCell } from '@/spreadsheet/cells';
import { SpreadsheetExportService } from '@/spreadsheet/spreadsheet-export.service';
import { CellOut, TemplateRow } from '@/spreadsheet/workbook';
import { templateCsv, templateWorkbook, TemplateLists } from './asset-workbook';
import { fundSourcesText } from './fund-source-cells';
import { ExportedFileType } from './asset-excel.types';
import { exportFileName } from '@/files/file-rules';

const LOOKUP_BATCH = 5000;

/** A region's name as the 台账 shows it (the names of the asset's township and village). */
interface RegionName {
  code: string;
  name: string;
  level: RegionLevel;
}

/** The category as the ledger writes it: its name when no other category has that name, else its code. */
function categoryLabels(categories: readonly AssetCategory[]): Map<string, string> {
  const byName = new Map<string, number>();
  for (const c of categories) byName.set(c.name, (byName.get(c.name) ?? 0) + 1);
  return new Map(
    categories.map((c) => [c.code, byName.get(c.name) === 1 && c.name !== c.code ? c.name : c.code]),
  );
}

/** Ownership levels as county templates write them. */
const OWNER_LEVEL_NAMES: Record<OwnerType, string> = {
  [OwnerType.DISTRICT_DEPARTMENT]: '区',
  [OwnerType.TOWNSHIP]: '镇',
  [OwnerType.VILLAGE_COLLECTIVE]: '村',
  [OwnerType.HOUSEHOLD]: '户',
};

/** The ownership columns of one asset: its current confirmed owners (shares when several). */
export function ownershipCells(
  owners: readonly AssetOwnership[],
): Pick<
  Record<DerivedAssetColumnKey, CellOut>,
  'ownerNames' | 'ownerLevel' | 'certificateNo' | 'certificateDate'
> {
  if (owners.length === 0) {
    return { ownerNames: null, ownerLevel: null, certificateNo: null, certificateDate: null };
  }
  const unique = (values: string[]): string => [...new Set(values)].join('；');
  return {
    ownerNames:
      owners.length === 1
        ? owners[0].ownerName
        : owners.map((o) => `${o.ownerName}（${shareText(o.shareBp)}）`).join('；'),
    ownerLevel: unique(owners.map((o) => OWNER_LEVEL_NAMES[o.ownerType])),
    certificateNo: unique(owners.map((o) => o.certificateNo)),
    certificateDate: dateCell(owners.map((o) => o.validFrom).sort()[owners.length - 1]),
  };
}

function shareText(bp: number): string {
  return `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

export function assetCells(
  a: Asset,
  sources: readonly FundSourceAmount[],
  projectCode: string,
  categoryLabel: string,
  derived: Partial<Record<AssetColumnKey, CellOut>> = {},
): Record<AssetColumnKey, CellOut> {
  return {
    seq: null,
    townshipName: null,
    villageName: null,
    upkeepPhone: null,
    ownerNames: null,
    ownerLevel: null,
    certificateNo: null,
    certificateDate: null,
    industryDepartment: null,
    incomeThisYear: null,
    incomeTotal: null,
    incomeDistributed: null,
    condition: null,
    disposalMethod: null,
    disposalDate: null,
    disposalApproval: null,
    disposalProceeds: null,
    constructionContent: a.constructionContent,
    constructionScale: a.constructionScale,
    beneficiaryHouseholds: a.beneficiaryHouseholds,
    beneficiaryPeople: a.beneficiaryPeople,
    beneficiaryPoorHouseholds: a.beneficiaryPoorHouseholds,
    beneficiaryPoorPeople: a.beneficiaryPoorPeople,
    beneficiaryMonitoredHouseholds: a.beneficiaryMonitoredHouseholds,
    beneficiaryMonitoredPeople: a.beneficiaryMonitoredPeople,
    remarks: a.remarks,
    code: a.code,
    name: a.name,
    class: ASSET_CLASS_NAMES[a.class],
    form: ASSET_FORM_NAMES[a.form],
    category: categoryLabel,
    project: projectCode,
    location: a.locationCode,
    quantity: quantityCell(a.quantity),
    unit: a.unit,
    investedAmount: moneyCell(a.investedAmount),
    formedValue: moneyCell(a.formedValue),
    fundSources: fundSourcesText(sources),
    completionDate: dateCell(a.completionDate),
    acceptanceDate: dateCell(a.acceptanceDate),
    handoverDate: dateCell(a.handoverDate),
    status: ASSET_STATUS_NAMES[a.status],
    statusSince: dateCell(a.statusSince),
    managementEntity: a.managementEntity,
    managementResponsible: a.managementResponsible,
    operator: a.operator,
    operatingMode: a.operatingMode ? OPERATING_MODE_NAMES[a.operatingMode] : null,
    contractStart: dateCell(a.contractStart),
    contractEnd: dateCell(a.contractEnd),
    contractTerms: a.contractTerms,
    contractAnnualAmount: a.contractAnnualAmount === null ? null : moneyCell(a.contractAnnualAmount),
    investee: a.investee,
    equityAgreementNo: a.equityAgreementNo,
    equityMaturityDate: dateCell(a.equityMaturityDate),
    householdRegistryNo: a.householdRegistryNo,
    householdHeadName: a.householdHeadName,
    ...derived,
  };
}

export function projectCells(
  p: Project,
  sources: readonly FundSourceAmount[],
): Record<ProjectColumnKey, CellOut> {
  return {
    code: p.code,
    name: p.name,
    year: p.year,
    type: PROJECT_TYPE_NAMES[p.type],
    implementingUnit: p.implementingUnit,
    region: p.regionCode,
    completionDate: dateCell(p.completionDate),
    acceptanceDate: dateCell(p.acceptanceDate),
    fundSources: fundSourcesText(sources),
  };
}

/** Writes the asset ledger template: blank (GET /templates/…) or with the assets of a filter (exportAssets). */
@Injectable()
export class AssetExportService {
  private readonly columnSources: AssetColumnSource[] = [];
  private upkeep: AssetUpkeepColumns = ASSET_FIELDS_UPKEEP;

  /** A feature adds the 台账 columns it derives (income, disposal …); see {@link AssetColumnSource}. */
  addColumnSource(source: AssetColumnSource): void {
    this.columnSources.push(source);
  }

  /** The upkeep module gives the upkeep columns (管护, 行业主管部门, 当前状况) in place of the asset's fields. */
  useUpkeepColumns(upkeep: AssetUpkeepColumns): void {
    this.upkeep = upkeep;
  }

  constructor(
    private readonly ownership: OwnershipService,
    private readonly connection: TransactionalConnection,
    private readonly scope: RegionScopeService,
    private readonly assets: AssetsService,
    private readonly projects: ProjectsService,
    private readonly categories: CategoriesService,
    private readonly exports: SpreadsheetExportService,
  ) {}

  /** The blank template: both sheets, and the 说明 sheet listing the categories and the caller's regions. */
  async templateXlsx(ctx: RequestContext): Promise<Buffer> {
    const lists = await this.referenceLists(ctx);
    return (await templateWorkbook({ ...lists, assets: [], projects: async () => [] })).bytes;
  }

  templateCsv(): Buffer {
    return templateCsv();
  }

  /**
   * `exportAssets`: the assets of the filter in the caller's region, and the projects they belong to,
   * written in the template (so that importing the file where those codes do not exist recreates them),
   * stored as an evidence file. Read from one snapshot, so that the sheets agree with each other, and
   * written as read, 5,000 assets at a time.
   */
  async export(ctx: RequestContext, filter: AssetFilter | undefined): Promise<ExportedFileType> {
    const user = ctx.currentUser;
    const written = await this.connection.withSnapshot(ctx, async (manager) => {
      // The services read through the context's manager: give them the snapshot's.
      const snapshot = new RequestContext(ctx.requestId, ctx.user, ctx.ip);
      snapshot.manager = manager;
      return this.write(snapshot, filter);
    });
    const stamp = new Date(Date.now() + 8 * 3600_000)
      .toISOString()
      .slice(0, 19)
      .replace(/[-:]/g, '')
      .replace('T', '-');
    const fileName = exportFileName(['资产台账', user.regionCode, stamp], 'xlsx');
    const stored = await this.exports.store(ctx, written.bytes, {
      fileName,
      rowCount: written.assetRows,
      narrowBy: 'filter',
    });
    return { ...stored, projectCount: written.projectCount };
  }

  private async write(
    ctx: RequestContext,
    filter: AssetFilter | undefined,
  ): Promise<{ bytes: Buffer; assetRows: number; projectCount: number }> {
    const count = await this.assets.filtered(ctx, filter).getCount();
    if (count > MAX_IMPORT_ROWS) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `filter: ${count} assets match; an export holds at most ${MAX_IMPORT_ROWS}: narrow the filter`,
        { fields: [{ field: 'filter', message: `matches ${count} assets, more than ${MAX_IMPORT_ROWS}` }] },
      );
    }
    const labels = categoryLabels(await this.categories.list(ctx, true));
    const projectCodes = new Map<string, string>();
    let projectCount = 0;
    const { bytes, assetRows } = await templateWorkbook({
      ...(await this.referenceLists(ctx)),
      assets: this.assetRows(ctx, filter, labels, projectCodes),
      projects: async () => {
        const rows = await this.projectRows(ctx, [...projectCodes.keys()]);
        projectCount = rows.length;
        return rows;
      },
    });
    return { bytes, assetRows, projectCount };
  }

  /**
   * The 资产 rows of the filter in code order, read 5,000 at a time (a page past the last code read) with
   * what their columns derive from. `projectCodes` gathers the code of every project they name.
   */
  private async *assetRows(
    ctx: RequestContext,
    filter: AssetFilter | undefined,
    labels: ReadonlyMap<string, string>,
    projectCodes: Map<string, string>,
  ): AsyncGenerator<TemplateRow<AssetColumnKey>> {
    let seq = 0;
    let after: string | null = null;
    for (;;) {
      const page = this.assets.filtered(ctx, filter).orderBy('a.code', 'ASC').limit(LOOKUP_BATCH);
      if (after !== null) page.andWhere('a.code > :exportAfter', { exportAfter: after });
      const batch = await page.getMany();
      if (batch.length === 0) return;
      after = batch[batch.length - 1].code;
      const unseen = [...new Set(batch.map((a) => a.projectId))].filter((id) => !projectCodes.has(id));
      if (unseen.length > 0) {
        for (const [id, p] of await this.projects.byIds(ctx, unseen)) projectCodes.set(id, p.code);
      }
      const names = await this.regionNames(ctx, batch);
      const ids = batch.map((a) => a.id);
      const sources = await this.assets.fundSourcesOf(ctx, ids);
      const owners = await this.ownership.currentOwnersOf(ctx, ids);
      const upkeep = await this.upkeep.upkeepOf(ctx, batch);
      const parts = await independentReads(
        ctx.manager,
        this.columnSources.map((source) => () => source(ctx, batch)),
      );
      for (const a of batch) {
        const derived: Partial<Record<AssetColumnKey, CellOut>> = {
          ...this.locationCells(a, names),
          ...ownershipCells(owners.get(a.id) ?? []),
          ...this.upkeepCells(ctx, a, upkeep.get(a.id)),
        };
        for (const part of parts) Object.assign(derived, part.get(a.id) ?? {});
        yield assetCells(
          a,
          sources.get(a.id) ?? [],
          projectCodes.get(a.projectId) ?? '',
          labels.get(a.categoryCode) ?? a.categoryCode,
          { ...derived, seq: ++seq },
        );
      }
      if (batch.length < LOOKUP_BATCH) return;
    }
  }

  /** The 项目 rows of the projects, in code order. */
  private async projectRows(
    ctx: RequestContext,
    projectIds: readonly string[],
  ): Promise<Array<TemplateRow<ProjectColumnKey>>> {
    const projects: Project[] = [];
    const sources = new Map<string, FundSourceAmount[]>();
    for (const batch of chunks(projectIds, LOOKUP_BATCH)) {
      projects.push(...(await this.projects.byIds(ctx, batch)).values());
      for (const [id, list] of await this.projects.fundSourcesOf(ctx, batch)) sources.set(id, list);
    }
    return projects
      .sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0))
      .map((p) => projectCells(p, sources.get(p.id) ?? []));
  }

  /** The names of the townships and villages the assets sit in. */
  private async regionNames(ctx: RequestContext, assets: readonly Asset[]): Promise<Map<string, RegionName>> {
    const codes = new Set<string>();
    for (const a of assets) {
      codes.add(a.locationCode);
      codes.add(a.locationCode.slice(0, 9));
    }
    const out = new Map<string, RegionName>();
    for (const batch of chunks([...codes], LOOKUP_BATCH)) {
      const rows = await this.connection
        .getRepository(ctx, Region)
        .createQueryBuilder('r')
        .select(['r.code', 'r.name', 'r.level'])
        .where('r.code IN (:...codes)', { codes: batch })
        .getMany();
      for (const r of rows) out.set(r.code, { code: r.code, name: r.name, level: r.level });
    }
    return out;
  }

  private locationCells(
    a: Asset,
    names: Map<string, RegionName>,
  ): Pick<Record<DerivedAssetColumnKey, CellOut>, 'townshipName' | 'villageName'> {
    const here = names.get(a.locationCode);
    return {
      townshipName: names.get(a.locationCode.slice(0, 9))?.name ?? null,
      villageName: here?.level === RegionLevel.VILLAGE ? here.name : null,
    };
  }

  /** 管护主体 and 管护责任人 (input columns: the source's values), phone as the caller may see it, … */
  private upkeepCells(
    ctx: RequestContext,
    a: Asset,
    upkeep: AssetUpkeepValues | undefined,
  ): Partial<Record<AssetColumnKey, CellOut>> {
    if (!upkeep) return {};
    const user = ctx.currentUser;
    return {
      managementEntity: upkeep.body,
      managementResponsible: upkeep.person,
      upkeepPhone: upkeepPhoneCell(upkeep.phone, user.role, this.scope.canWrite(user, a.locationCode)),
      industryDepartment: upkeep.industryDepartment,
      condition: upkeep.condition,
    };
  }

  /** The lists of the 说明 sheet: every category, and the villages and townships the caller may write in. */
  private async referenceLists(ctx: RequestContext): Promise<TemplateLists> {
    const user = ctx.currentUser;
    const regions = this.scope.canWrite(user, user.regionCode)
      ? await this.scope
          .restrict(
            this.connection
              .getRepository(ctx, Region)
              .createQueryBuilder('r')
              .where('r.level IN (:...levels)', { levels: [RegionLevel.TOWNSHIP, RegionLevel.VILLAGE] })
              .orderBy('r.code'),
            user,
            'r.code',
          )
          .getMany()
      : [];
    const categories = await this.categories.list(ctx, true);
    return {
      categories: categories.map((c) => ({ code: c.code, name: c.name, active: c.active })),
      regions: regions.map((r) => ({ code: r.code, name: r.name })),
    };
  }
}
