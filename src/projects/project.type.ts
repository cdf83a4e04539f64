import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';
import { Fen, LocalDateScalarType, MoneyScalarType } from '@/common/scalars';
import { PROJECT_TYPE_NAMES, ProjectType } from './project.entity';

registerLabelledEnum(ProjectType, {
  name: 'ProjectType',
  description: '项目类型',
  labels: PROJECT_TYPE_NAMES,
});

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
