import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

/** At most this many jobs in a list of recent imports. */
export const MAX_RECENT_IMPORTS = 50;

@ArgsType()
export class RecentImportsArgs {
  @Field(() => Int, {
    defaultValue: 20,
    description: `How many, newest first (at most ${MAX_RECENT_IMPORTS}).`,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_RECENT_IMPORTS)
  first: number = 20;
}
