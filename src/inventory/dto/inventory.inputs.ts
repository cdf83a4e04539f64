import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdempotencyKeyField } from '@/common/validation/idempotency-key';
import { AssetStatus } from '@/assets/asset.enums';
import { InventoryFinding } from '../inventory.enums';

/** A district (6), township (9) or village (12 digits) code. */
const REGION_CODE = /^\d{6}(\d{3}){0,2}$/;
const REGION_CODE_MESSAGE = (field: string): string => `${field} must be a 6-, 9- or 12-digit region code`;
/** The most evidence files one finding may cite. */
const MAX_EVIDENCE = 20;
/** The most items one confirmInventoryItems call may confirm. */
export const MAX_ITEMS_PER_CALL = 200;

@ArgsType()
export class StartInventoryArgs {
  @Field(() => Int, { description: 'The year inventoried; not in the future.' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field({ description: 'The district (6 digits) or one township (9 digits).' })
  @IsString()
  @Matches(REGION_CODE, { message: REGION_CODE_MESSAGE('regionCode') })
  regionCode!: string;
}

@ArgsType()
export class ConfirmInventoryItemArgs {
  @Field(() => ID)
  @IsUUID()
  itemId!: string;

  @Field(() => InventoryFinding)
  @IsEnum(InventoryFinding)
  finding!: InventoryFinding;

  @Field({ nullable: true, description: 'What was found; mandatory unless PRESENT.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @Field(() => AssetStatus, {
    nullable: true,
    description: 'For STATUS_DIFFERS (only): the status found, different from the recorded one.',
  })
  @IsOptional()
  @IsEnum(AssetStatus)
  observedStatus?: AssetStatus;

  @Field(() => [ID], {
    nullable: true,
    description: 'Evidence files (photos, minutes) uploaded with POST /files.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE)
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];
}

@InputType()
export class ConfirmInventoryItemInput {
  @Field(() => ID)
  @IsUUID()
  itemId!: string;

  @Field(() => InventoryFinding)
  @IsEnum(InventoryFinding)
  finding!: InventoryFinding;

  @Field({ nullable: true, description: 'What was found; mandatory unless PRESENT.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @Field(() => AssetStatus, { nullable: true, description: 'For STATUS_DIFFERS (only).' })
  @IsOptional()
  @IsEnum(AssetStatus)
  observedStatus?: AssetStatus;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE)
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];
}

@ArgsType()
export class ConfirmInventoryItemsArgs {
  @Field(() => [ConfirmInventoryItemInput], {
    description: `1 to ${MAX_ITEMS_PER_CALL} items, all or nothing.`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS_PER_CALL)
  @ValidateNested({ each: true })
  @Type(() => ConfirmInventoryItemInput)
  items!: ConfirmInventoryItemInput[];
}

@ArgsType()
export class SignOffInventoryArgs {
  @Field(() => ID)
  @IsUUID()
  inventoryId!: string;

  @Field({ description: 'The township (9 digits) signing off.' })
  @IsString()
  @Matches(REGION_CODE, { message: REGION_CODE_MESSAGE('regionCode') })
  regionCode!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

@ArgsType()
export class CloseInventoryArgs {
  @Field(() => ID)
  @IsUUID()
  inventoryId!: string;

  @Field({ nullable: true, description: "The district's conclusion (optional)." })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

@ArgsType()
export class InventoryIdArgs {
  @Field(() => ID)
  @IsUUID()
  inventoryId!: string;
}

@ArgsType()
export class ExportInventoryDiscrepanciesArgs extends InventoryIdArgs {
  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@ArgsType()
export class InventoriesArgs {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @Field({
    nullable: true,
    description:
      'Inventories that cover this region or lie within it (e.g. a village: its township and the district).',
  })
  @IsOptional()
  @IsString()
  @Matches(REGION_CODE, { message: REGION_CODE_MESSAGE('regionCode') })
  regionCode?: string;
}

@InputType()
export class InventoryItemFilter {
  @Field({ nullable: true, description: 'Items located in this region (township or village) and below it.' })
  @IsOptional()
  @IsString()
  @Matches(REGION_CODE, { message: REGION_CODE_MESSAGE('regionCode') })
  regionCode?: string;

  @Field({
    nullable: true,
    description:
      'Items located exactly at this region, not below it (e.g. a township: the assets of the township itself, which its officer confirms).',
  })
  @IsOptional()
  @IsString()
  @Matches(REGION_CODE, { message: REGION_CODE_MESSAGE('locatedAt') })
  locatedAt?: string;

  @Field(() => InventoryFinding, { nullable: true })
  @IsOptional()
  @IsEnum(InventoryFinding)
  finding?: InventoryFinding;

  @Field({ nullable: true, description: 'true: items with a finding; false: items still to confirm.' })
  @IsOptional()
  @IsBoolean()
  confirmed?: boolean;
}

@ArgsType()
export class InventoryItemsArgs {
  @Field(() => ID)
  @IsUUID()
  inventoryId!: string;

  @Field(() => InventoryItemFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => InventoryItemFilter)
  filter?: InventoryItemFilter;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  first?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}
