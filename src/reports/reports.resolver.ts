import { ArgsType, Field, ID, Mutation, Resolver, Args } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IdempotencyKeyField } from '@/common/validation/idempotency-key';
import { Ctx, RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { IncomeGroupBy } from '@/income/income-summary';
import { ReportFileType } from '@/spreadsheet/report-file.type';
import { SpreadsheetExportService } from '@/spreadsheet/spreadsheet-export.service';
import { ReportsService } from './reports.service';
import { IsRegionCode } from '@/common/validation/region-code.validator';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';

export enum IncomeReportKind {
  VILLAGE_BALANCES = 'VILLAGE_BALANCES',
  ASSET_BALANCES = 'ASSET_BALANCES',
  INCOME_SUMMARY = 'INCOME_SUMMARY',
  HOUSEHOLD_RECEIPTS = 'HOUSEHOLD_RECEIPTS',
  HOUSEHOLD_PAYOUTS = 'HOUSEHOLD_PAYOUTS',
}

registerLabelledEnum(IncomeReportKind, {
  name: 'IncomeReportKind',
  labels: {
    VILLAGE_BALANCES: '村级收益结余',
    ASSET_BALANCES: '资产收益结余',
    INCOME_SUMMARY: '收益汇总',
    HOUSEHOLD_RECEIPTS: '农户受益明细',
    HOUSEHOLD_PAYOUTS: '收益分配明细表（每户每笔支付）',
  },
});

@ArgsType()
export class ExportIncomeReportArgs {
  @Field(() => IncomeReportKind)
  @IsEnum(IncomeReportKind)
  kind!: IncomeReportKind;

  @Field({ nullable: true, description: 'Limit to this region (within yours).' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  @IsRegionCode()
  regionCode?: string;

  @Field(() => [IncomeGroupBy], { nullable: true, description: 'For INCOME_SUMMARY.' })
  @IsOptional()
  @ArrayMaxSize(5)
  @IsEnum(IncomeGroupBy, { each: true })
  groupBy?: IncomeGroupBy[];

  @Field(() => ID, { nullable: true, description: 'For HOUSEHOLD_RECEIPTS.' })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@Resolver()
export class ReportsResolver {
  constructor(
    private readonly reports: ReportsService,
    private readonly exports: SpreadsheetExportService,
  ) {}

  @Mutation(() => ReportFileType, {
    description:
      'Write an income report (balances, summary, household receipts, the per-household 收益分配明细表) as .xlsx; download it at downloadPath.',
  })
  exportIncomeReport(
    @Ctx() ctx: RequestContext,
    @Args() args: ExportIncomeReportArgs,
  ): Promise<ReportFileType> {
    return this.exports.once(ctx, 'exportIncomeReport', args, () => this.incomeReport(ctx, args));
  }

  private incomeReport(ctx: RequestContext, args: ExportIncomeReportArgs): Promise<ReportFileType> {
    switch (args.kind) {
      case IncomeReportKind.VILLAGE_BALANCES:
        return this.reports.villageIncomeBalances(ctx, args.regionCode);
      case IncomeReportKind.ASSET_BALANCES:
        return this.reports.assetIncomeBalances(ctx, args.regionCode);
      case IncomeReportKind.INCOME_SUMMARY:
        return this.reports.incomeSummary(
          ctx,
          args.groupBy?.length ? args.groupBy : [IncomeGroupBy.REGION, IncomeGroupBy.YEAR],
          args.regionCode,
        );
      case IncomeReportKind.HOUSEHOLD_RECEIPTS:
        if (!args.householdId) {
          throw new DomainError(ErrorCode.VALIDATION_FAILED, 'householdId: required for HOUSEHOLD_RECEIPTS', {
            fields: [{ field: 'householdId', message: 'required for HOUSEHOLD_RECEIPTS' }],
          });
        }
        return this.reports.householdReceipts(ctx, args.householdId);
      case IncomeReportKind.HOUSEHOLD_PAYOUTS:
        return this.reports.householdPayouts(ctx, args.regionCode);
    }
  }
}
