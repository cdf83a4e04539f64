import { ArgsType, Field, ObjectType } from '@nestjs/graphql';
import { IsString, Length, MaxLength } from 'class-validator';
import { UserType } from '@/users/user.type';

@ArgsType()
export class LoginArgs {
  @Field()
  @IsString()
  @Length(1, 64)
  username!: string;

  @Field()
  @IsString()
  @MaxLength(128)
  password!: string;
}

@ObjectType()
export class LoginPayload {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`.' })
  accessToken!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => UserType)
  user!: UserType;
}
