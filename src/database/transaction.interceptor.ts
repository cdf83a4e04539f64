import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { from, lastValueFrom, Observable } from 'rxjs';
import { requestContextOf } from '@/common/context';
import { TransactionalConnection } from './transactional-connection';

/**
 * Global: every root Mutation field runs in exactly one transaction bound to the request context.
 * There is no opt-in decorator to forget; queries run on the pool.
 */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  constructor(private readonly connection: TransactionalConnection) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
    if (info.parentType.name !== 'Mutation') return next.handle();
    const ctx = requestContextOf(context);
    return from(
      this.connection.withTransaction(ctx, () => lastValueFrom(next.handle(), { defaultValue: null })),
    );
  }
}
