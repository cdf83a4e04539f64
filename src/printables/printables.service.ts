import { Injectable } from '@nestjs/common';
import { RequestContext } from '@/common/context';
import { independentReads } from '@/database/reads';
import { enumLabel } from '@/common/i18n';
import { AssetsService } from '@/assets/assets.service';
import { CategoriesService } from '@/categories/categories.service';
import { OwnershipService } from '@/ownership/ownership.service';
import { ProjectsService } from '@/projects/projects.service';
import { RegionsService } from '@/regions/regions.service';
import { UsersService } from '@/users/users.service';
import { assetCardHtml, publicityNoticeHtml } from './print-pages';

/**
 * The printable documents, built from the same service reads the GraphQL API answers (`asset`,
 * `ownershipProposal`), so they are scoped the same way: a record outside the caller's region is
 * NOT_FOUND, exactly as in the API.
 */
@Injectable()
export class PrintablesService {
  constructor(
    private readonly assets: AssetsService,
    private readonly categories: CategoriesService,
    private readonly ownership: OwnershipService,
    private readonly projects: ProjectsService,
    private readonly regions: RegionsService,
    private readonly users: UsersService,
  ) {}

  /** Who prints, as a signed paper names them: 梧桐村 张会计（wutong）. */
  private async printer(ctx: RequestContext): Promise<string> {
    const { id, username } = ctx.currentUser;
    const user = await this.users.findById(ctx, id);
    return `${user.displayName}（${username}）`;
  }

  private async placeName(ctx: RequestContext, code: string): Promise<string> {
    const region = (await this.regions.byCodes(ctx, [code])).get(code);
    return region ? `${region.name}（${code}）` : code;
  }

  async assetCard(ctx: RequestContext, id: string): Promise<string> {
    const asset = await this.assets.findOne(ctx, id);
    const [sources, owners, projects, location, categories] = await independentReads(ctx.manager, [
      () => this.assets.fundSourcesOf(ctx, [asset.id]),
      () => this.ownership.currentOwnersOf(ctx, [asset.id]),
      () => this.projects.byIds(ctx, [asset.projectId]),
      () => this.placeName(ctx, asset.locationCode),
      () => this.categories.byCodes(ctx, [asset.categoryCode]),
    ]);
    const project = projects.get(asset.projectId);
    return assetCardHtml({
      ...asset,
      // The category as the console names it (农业基础设施), also when it is no longer in use.
      categoryName: categories.get(asset.categoryCode)?.name ?? asset.categoryCode,
      className: enumLabel('AssetClass', asset.class),
      formName: enumLabel('AssetForm', asset.form),
      statusName: enumLabel('AssetStatus', asset.status),
      operatingModeName: asset.operatingMode ? enumLabel('OperatingMode', asset.operatingMode) : null,
      projectCode: project?.code ?? '',
      projectName: project?.name ?? '',
      location,
      fundSources: (sources.get(asset.id) ?? []).map((s) => ({
        name: enumLabel('FundSource', s.source),
        amount: s.amount,
      })),
      owners: (owners.get(asset.id) ?? []).map((o) => ({
        name: o.ownerName,
        typeName: enumLabel('OwnerType', o.ownerType),
        shareBp: o.shareBp,
      })),
      printedAt: new Date(),
      printedBy: await this.printer(ctx),
    });
  }

  async publicityNotice(ctx: RequestContext, proposalId: string): Promise<string> {
    const proposal = await this.ownership.findOne(ctx, proposalId);
    const asset = await this.assets.findOne(ctx, proposal.assetId);
    const village = (await this.regions.byCodes(ctx, [asset.locationCode])).get(asset.locationCode);
    return publicityNoticeHtml({
      proposalId: proposal.id,
      statusName: enumLabel('OwnershipProposalStatus', proposal.status),
      villageName: village?.name ?? asset.locationCode,
      asset: {
        code: asset.code,
        name: asset.name,
        className: enumLabel('AssetClass', asset.class),
        formName: enumLabel('AssetForm', asset.form),
        location: await this.placeName(ctx, asset.locationCode),
        formedValue: asset.formedValue,
      },
      owners: proposal.owners.map((o) => ({
        name: o.name,
        typeName: enumLabel('OwnerType', o.ownerType),
        shareBp: o.shareBp,
      })),
      managementEntity: proposal.managementEntity,
      managementResponsible: proposal.managementResponsible,
      publicityStart: proposal.publicityStart,
      publicityEnd: proposal.publicityEnd,
      objections: proposal.objections.length,
      printedAt: new Date(),
      printedBy: await this.printer(ctx),
    });
  }
}
