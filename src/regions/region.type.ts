import { Field, ObjectType } from '@nestjs/graphql';
import { LocalDateScalarType } from '@/common/scalars';
import { RegionLevel } from './region-level.enum';

@ObjectType('Region', {
  description: 'District, township or village, keyed by its statistical division code.',
})
export class RegionType {
  @Field({ description: 'National Bureau of Statistics division code (6, 9 or 12 digits).' })
  code!: string;

  @Field()
  name!: string;

  @Field(() => RegionLevel)
  level!: RegionLevel;

  @Field(() => String, { nullable: true })
  parentCode!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => LocalDateScalarType, {
    nullable: true,
    description: 'The day the village was retired (撤销); it stays readable but takes no new assets.',
  })
  retiredOn!: string | null;

  @Field(() => String, { nullable: true, description: 'The village it was merged into (合并), if any.' })
  mergedInto!: string | null;
}
