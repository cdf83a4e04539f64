import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '@/common/auth';
import { UserStatus } from './user.entity';

registerEnumType(UserStatus, { name: 'UserStatus' });

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
