import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AssetCategory')
export class AssetCategoryType {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Int)
  sortOrder!: number;

  @Field()
  active!: boolean;

  @Field(() => Int)
  version!: number;
}
