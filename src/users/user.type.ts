import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Role } from '@/common/auth';
import { UserStatus } from './user.entity';
import { registerLabelledEnum } from '@/common/i18n/enum-labels';

registerLabelledEnum(UserStatus, { name: 'UserStatus', labels: { ACTIVE: '正常', DISABLED: '已停用' } });

@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field()
  username!: string;

  @Field()
  displayName!: string;

  @Field(() => Role)
  role!: Role;

  @Field({ description: 'The region the user works in: a village, a township or the district.' })
  regionCode!: string;

  @Field(() => UserStatus)
  status!: UserStatus;

  @Field(() => Date, { nullable: true, description: 'Set while sign-in is locked after repeated failures.' })
  lockedUntil!: Date | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;
}
