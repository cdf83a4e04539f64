import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, Length, MaxLength } from 'class-validator';

@ArgsType()
export class CreateRegionArgs {
  @Field({
    description: '12-digit village code that extends its township code (or 9 digits for a township).',
  })
  @IsString()
  @MaxLength(12)
  code!: string;

  @Field()
  @IsString()
  @Length(1, 100)
  name!: string;

  @Field({ description: 'Code of the parent: the township of a village, the district of a township.' })
  @IsString()
  @MaxLength(12)
  parentCode!: string;
}
