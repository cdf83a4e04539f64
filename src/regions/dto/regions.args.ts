import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Matches } from 'class-validator';
import { RegionLevel } from '../region-level.enum';

@ArgsType()
export class RegionsArgs {
  @Field({ nullable: true, description: 'Only the direct children of this region.' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}(\d{3})?(\d{3})?$/, { message: 'parentCode must be a 6, 9 or 12-digit code' })
  parentCode?: string;

  @Field(() => RegionLevel, { nullable: true })
  @IsOptional()
  @IsEnum(RegionLevel)
  level?: RegionLevel;
}
