import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { IdArg } from '@/common/validation/arg.pipes';
import { Role, Roles } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { Connection, ConnectionType } from '@/common/pagination';
import {
  CreateUserInput,
  ResetPasswordArgs,
  UpdateUserRoleArgs,
  UserIdArgs,
  UsersArgs,
} from './dto/user.inputs';
import { User } from './user.entity';
import { UserType } from './user.type';
import { UsersService } from './users.service';

const UserConnection = ConnectionType(UserType, 'User');

@Roles(Role.ADMIN)
@Resolver(() => UserType)
export class UsersResolver {
  constructor(private readonly service: UsersService) {}

  @Query(() => UserConnection, { description: 'ADMIN: users, filtered, ordered by username.' })
  users(@Ctx() ctx: RequestContext, @Args() args: UsersArgs): Promise<Connection<User>> {
    return this.service.list(ctx, args.filter, args.first, args.after);
  }

  @Query(() => UserType, { description: 'ADMIN: one user.' })
  user(@Ctx() ctx: RequestContext, @IdArg('id') id: string): Promise<User> {
    return this.service.findById(ctx, id);
  }

  @Mutation(() => UserType, {
    description: 'ADMIN: create a user bound to a region of the level its role needs.',
  })
  createUser(@Ctx() ctx: RequestContext, @Args('input') input: CreateUserInput): Promise<User> {
    return this.service.create(ctx, input);
  }

  @Mutation(() => UserType, {
    description: "ADMIN: change a user's role (and region, when the level changes).",
  })
  updateUserRole(@Ctx() ctx: RequestContext, @Args() args: UpdateUserRoleArgs): Promise<User> {
    return this.service.updateRole(ctx, args.userId, args.role, args.regionCode);
  }

  @Mutation(() => UserType, { description: 'ADMIN: disable a user; their tokens stop working at once.' })
  disableUser(@Ctx() ctx: RequestContext, @Args() args: UserIdArgs): Promise<User> {
    return this.service.disable(ctx, args.userId);
  }

  @Mutation(() => UserType, { description: 'ADMIN: enable a disabled user again.' })
  enableUser(@Ctx() ctx: RequestContext, @Args() args: UserIdArgs): Promise<User> {
    return this.service.enable(ctx, args.userId);
  }

  @Mutation(() => UserType, { description: 'ADMIN: lift a sign-in lockout before it expires.' })
  unlockUser(@Ctx() ctx: RequestContext, @Args() args: UserIdArgs): Promise<User> {
    return this.service.unlock(ctx, args.userId);
  }

  @ResolveField(() => Date, {
    nullable: true,
    description:
      'The latest sign-in lock in force on this account: for everyone (lockedUntil) or from some address after repeated failures there. unlockUser lifts both.',
  })
  signInLockedUntil(@Ctx() ctx: RequestContext, @Parent() user: User): Promise<Date | null> {
    return ctx
      .loader(
        'user.signInLocks',
        () =>
          new DataLoader<string, Date | null>(async (ids) => {
            const locks = await this.service.signInLocks(ctx, ids);
            return ids.map((id) => locks.get(id) ?? null);
          }),
      )
      .load(user.id);
  }

  @Mutation(() => UserType, { description: "ADMIN: set a user's password (e.g. a forgotten one)." })
  resetUserPassword(@Ctx() ctx: RequestContext, @Args() args: ResetPasswordArgs): Promise<User> {
    return this.service.resetPassword(ctx, args.userId, args.newPassword);
  }
}
