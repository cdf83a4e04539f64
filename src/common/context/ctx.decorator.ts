import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { RequestContext } from './request-context';

export interface GraphqlContext {
  req: { requestContext?: RequestContext };
}

/** Reads the {@link RequestContext} that the HTTP layer attached to the request. */
export function requestContextOf(context: ExecutionContext): RequestContext {
  const req =
    context.getType<GqlContextType>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<GraphqlContext>().req
      : context.switchToHttp().getRequest<{ requestContext?: RequestContext }>();
  return required(req.requestContext);
}

/**
 * The {@link RequestContext} from the GraphQL context itself: for field resolvers written as plain
 * GraphQL resolvers `(parent, args, context)`, without parameter decorators. Nest binds such a field
 * resolver directly (no per-call parameter and pipe machinery), which matters for the fields a list
 * resolves once per row.
 */
export function requestContextOfGql(context: GraphqlContext): RequestContext {
  return required(context.req.requestContext);
}

function required(ctx: RequestContext | undefined): RequestContext {
  if (!ctx) throw new Error('request context missing: is the request-context hook registered?');
  return ctx;
}

/** Injects the {@link RequestContext} into a resolver or controller method. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  requestContextOf(context),
);
