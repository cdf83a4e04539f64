import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@/common/auth';
import { Ctx, RequestContext } from '@/common/context';
import { ChangePasswordArgs } from '@/users/dto/user.inputs';
import { User } from '@/users/user.entity';
import { UserType } from '@/users/user.type';
import { UsersService } from '@/users/users.service';
import { AuthService } from './auth.service';
import { LoginArgs, LoginPayload } from './dto/login.args';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Mutation(() => LoginPayload, {
    description: 'Sign in. After repeated failures the account is locked for a while.',
  })
  login(@Ctx() ctx: RequestContext, @Args() args: LoginArgs): Promise<LoginPayload> {
    return this.auth.login(ctx, args.username, args.password);
  }

  @Query(() => UserType, { description: 'The signed-in user.' })
  me(@Ctx() ctx: RequestContext): Promise<User> {
    return this.users.findById(ctx, ctx.currentUser.id);
  }

  @Mutation(() => LoginPayload, {
    description: 'Change your own password. Older tokens stop working; the payload carries a new one.',
  })
  async changePassword(@Ctx() ctx: RequestContext, @Args() args: ChangePasswordArgs): Promise<LoginPayload> {
    const user = await this.users.changePassword(ctx, args.currentPassword, args.newPassword);
    return this.auth.issue(user);
  }
}
