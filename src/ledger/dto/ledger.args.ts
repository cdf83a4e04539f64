import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

@ArgsType()
export class HistoryArgs {
  @Field()
  @IsString()
  @Length(1, 64)
  entityType!: string;

  @Field()
  @IsString()
  @Length(1, 64)
  entityId!: string;
}

@ArgsType()
export class EvidenceArgs extends HistoryArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'Size of a checkpoint you saved earlier: the bundle then proves consistency from it.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  sinceTreeSize?: number;
}
