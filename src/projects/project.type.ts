import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';
import { Fen, LocalDateScalarType, MoneyScalarType } from '@/common/scalars';
import { FundSource } from './fund-source.enum';
import { PROJECT_TYPE_NAMES, ProjectType } from './project.entity';

registerLabelledEnum(ProjectType, {
  name: 'ProjectType',
  description: '项目类型',
  labels: PROJECT_TYPE_NAMES,
});

@ObjectType('ProjectFundSourceUse', {
  description: 'One fund source of a project: what the project invested, what its assets use, what remains.',
})
export class ProjectFundSourceUseType {
  @Field(() => FundSource)
  source!: FundSource;

  @Field(() => MoneyScalarType, {
    description: 'What the project invested from this source (0 if it lists none).',
  })
  invested!: Fen;

  @Field(() => MoneyScalarType, {
    description:
      "What the project's assets use from it: every asset of the project, wherever it is, disposed ones too.",
  })
  used!: Fen;

  @Field(() => MoneyScalarType, {
    description: 'invested − used: what a new asset of the project may still take from this source.',
  })
  remaining!: Fen;
}

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
