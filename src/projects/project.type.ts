import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Fen, LocalDateScalarType, MoneyScalarType } from '@/common/scalars';
import { ProjectType } from './project.entity';

registerEnumType(ProjectType, { name: 'ProjectType' });

@ObjectType('Project', { description: 'A poverty-alleviation project (项目) and where its money came from.' })
export class ProjectGqlType {
  @Field(() => ID)
  id!: string;

  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => ProjectType)
  type!: ProjectType;

  @Field()
  implementingUnit!: string;

  @Field()
  regionCode!: string;

  @Field(() => LocalDateScalarType, { nullable: true })
  completionDate!: string | null;

  @Field(() => LocalDateScalarType, { nullable: true })
  acceptanceDate!: string | null;

  @Field(() => MoneyScalarType, { description: 'Total investment: the sum of the fund sources.' })
  totalInvestment?: Fen;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;
}
