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
  if (!req.requestContext)
    throw new Error('request context missing: is the request-context hook registered?');
  return req.requestContext;
}

/** Injects the {@link RequestContext} into a resolver or controller method. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  requestContextOf(context),
);
