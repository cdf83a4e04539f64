import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Fen, LocalDateScalarType, MoneyScalarType } from '@/common/scalars';
import { RedFlagKind } from '@/supervision/supervision.types';
import { TaskKind } from './task-rules';
import { IsRegionCode } from '@/common/validation/region-code.validator';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';

registerLabelledEnum(TaskKind, {
  name: 'TaskKind',
  labels: {
    OWNERSHIP_PUBLICITY_ENDED: '公示期满待确权',
    PLAN_TO_FILE: '待备案的分配方案',
    DISPOSAL_TO_REVIEW: '待审核的处置申请',
    INVENTORY_TO_CONFIRM: '待确认的清查资产',
    RED_FLAG: '风险预警',
  },
  description:
    'OWNERSHIP_PUBLICITY_ENDED: a proposal whose publicity ended, to confirm; PLAN_TO_FILE: a submitted distribution plan, to file or return; DISPOSAL_TO_REVIEW: a disposal request at your level; INVENTORY_TO_CONFIRM: an inventory item not confirmed yet; RED_FLAG: a red flag in your region.',
});

@ObjectType({ description: 'One thing to do: the record, where it is and the asset it concerns.' })
export class TaskItemType {
  @Field({ description: 'OwnershipProposal, DistributionPlan, DisposalRequest, InventoryItem, Asset …' })
  entityType!: string;

  @Field(() => ID)
  entityId!: string;

  @Field(() => ID, { nullable: true, description: 'The asset it concerns, if any (for a link to it).' })
  assetId!: string | null;

  @Field(() => String, { nullable: true, description: 'Code of that asset.' })
  assetCode!: string | null;

  @Field({ description: "The asset's name, or the plan's title." })
  title!: string;

  @Field({ description: 'The village or township it belongs to.' })
  regionCode!: string;

  @Field(() => LocalDateScalarType, {
    nullable: true,
    description: 'The date that matters: publicity end, review deadline, red flag since.',
  })
  date!: string | null;

  @Field(() => Boolean, { description: 'Past its deadline (a disposal review step).' })
  overdue!: boolean;

  @Field(() => MoneyScalarType, { nullable: true, description: 'The amount concerned, if any.' })
  amount!: Fen | null;

  @Field(() => RedFlagKind, { nullable: true, description: 'For RED_FLAG: which one.' })
  redFlagKind!: RedFlagKind | null;

  @Field(() => Boolean, {
    description:
      'An ownership proposal whose publicity was back-dated (a notice posted before it was recorded): check the photo of the notice before confirming.',
  })
  backdated!: boolean;
}

@ObjectType({ description: 'The to-dos of one kind: how many, and the first of them.' })
export class TaskGroupType {
  @Field(() => TaskKind)
  kind!: TaskKind;

  @Field(() => Int, { description: 'All of them, not only the items listed.' })
  count!: number;

  @Field(() => [TaskItemType])
  items!: TaskItemType[];
}

@ObjectType({ description: "The signed-in user's to-do list (待办), for their role and region." })
export class MyTasksType {
  @Field(() => LocalDateScalarType)
  asOf!: string;

  @Field()
  regionCode!: string;

  @Field(() => Int, { description: 'Sum of the counts of every group.' })
  total!: number;

  @Field(() => [TaskGroupType], {
    description: "Every kind the role has, in the role's order, empty ones too.",
  })
  groups!: TaskGroupType[];
}

@ArgsType()
export class MyTasksArgs {
  @Field(() => Int, { defaultValue: 5, description: 'Items listed per group (1 to 50).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  first = 5;

  @Field(() => String, { nullable: true, description: 'A region within yours (default: yours).' })
  @IsOptional()
  @IsString()
  @IsRegionCode()
  regionCode?: string;
}
