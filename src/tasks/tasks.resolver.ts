import { Args, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@/common/context';
import { MyTasksArgs, MyTasksType } from './tasks.types';
import { TasksService } from './tasks.service';

@Resolver()
export class TasksResolver {
  constructor(private readonly service: TasksService) {}

  @Query(() => MyTasksType, {
    description:
      'Your to-do list (待办) for your role: proposals whose publicity ended, plans to file, disposals to review, inventory items to confirm, red flags; in your region or one within it.',
  })
  myTasks(@Ctx() ctx: RequestContext, @Args() args: MyTasksArgs): Promise<MyTasksType> {
    return this.service.myTasks(ctx, args.regionCode, args.first);
  }
}
