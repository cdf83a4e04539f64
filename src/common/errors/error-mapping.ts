import { HttpException } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { ScalarInputError } from '../scalars/scalar-input-error';
import { CONSTRAINT_ERRORS } from './constraint-errors';
import { DomainError } from './domain-error';
import { ErrorCode, GraphqlErrorCode, graphqlCodeOf } from './error-codes';
import { CommitOutcomeUnknownError, isDatabaseUnavailable, OUTAGE_RETRY_AFTER_SECONDS } from './outage';

/** What a client sees of an error: a stable code, a reason, a message, and the offending fields. */
export interface PublicError {
  code: GraphqlErrorCode;
  reason: string;
  message: string;
  fields?: { field: string; message: string }[];
  details?: Record<string, unknown>;
  /** Whether this was unexpected (a bug or an outage): logged, and its internals hidden. */
  unexpected: boolean;
  /** An outage: the same request may succeed later (`extensions.retryable`, HTTP 503 + Retry-After). */
  retryable?: true;
  retryAfterSeconds?: number;
  /** Set when a write may or may not have committed (the connection died during COMMIT). */
  outcome?: 'UNKNOWN';
}

const PG_UNIQUE = '23505';
const PG_FOREIGN_KEY = '23503';
const PG_SERIALIZATION = '40001';
const PG_DEADLOCK = '40P01';

/** Turns anything thrown while serving a request into what the client may see. */
export function toPublicError(error: unknown): PublicError {
  if (error instanceof DomainError) {
    const { fields, ...details } = error.details;
    return {
      code: graphqlCodeOf(error.code),
      reason: error.code,
      message: error.message,
      ...(fields ? { fields } : {}),
      ...(Object.keys(details).length > 0 ? { details } : {}),
      unexpected: false,
    };
  }
  if (error instanceof CommitOutcomeUnknownError) {
    return {
      code: 'SERVICE_UNAVAILABLE',
      reason: 'COMMIT_OUTCOME_UNKNOWN',
      message:
        'The connection to the database was lost while committing: whether this write took effect is unknown. Retry with the same idempotency key (a write that took effect returns its first result, one that did not runs once)',
      retryable: true,
      retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS,
      outcome: 'UNKNOWN',
      unexpected: true,
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      code: 'SERVICE_UNAVAILABLE',
      reason: 'DATABASE_UNAVAILABLE',
      message:
        'The database cannot be reached for the moment and the request was not completed: try again later (a write with the same idempotency key)',
      retryable: true,
      retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS,
      unexpected: true,
    };
  }
  if (error instanceof ScalarInputError) {
    return { code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE', message: error.message, unexpected: false };
  }
  if (error instanceof HttpException && error.getStatus() < 500) {
    const status = error.getStatus();
    const code: GraphqlErrorCode =
      status === 401
        ? 'UNAUTHENTICATED'
        : status === 403
          ? 'FORBIDDEN'
          : status === 404
            ? 'NOT_FOUND'
            : status === 409
              ? 'CONFLICT'
              : 'BAD_USER_INPUT';
    return { code, reason: 'HTTP', message: error.message, unexpected: false };
  }
  if (error instanceof QueryFailedError) {
    const driverError = error.driverError as { code?: string; constraint?: string };
    // Class 22 (data exception: a value of the wrong form or out of range) comes from what the caller
    // sent, which every input rule should already have refused: report it as bad input, not a crash.
    if (driverError.code?.startsWith('22')) {
      return {
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_VALUE',
        message: 'A value has the wrong form or is out of range',
        unexpected: false,
      };
    }
    const known = driverError.constraint ? CONSTRAINT_ERRORS[driverError.constraint] : undefined;
    if (known && (driverError.code === PG_UNIQUE || driverError.code === PG_FOREIGN_KEY)) {
      return {
        code: graphqlCodeOf(known.code),
        reason: known.code,
        message: known.message,
        unexpected: false,
      };
    }
    if (driverError.code === PG_SERIALIZATION || driverError.code === PG_DEADLOCK) {
      return {
        code: 'CONFLICT',
        reason: 'CONCURRENT_UPDATE',
        message: 'Another change to the same records happened at the same time: try again',
        unexpected: false,
      };
    }
  }
  return {
    code: 'INTERNAL_SERVER_ERROR',
    reason: 'INTERNAL',
    message: 'Internal server error',
    unexpected: true,
  };
}

/**
 * Apollo `formatError`: domain errors and bad GraphQL documents become BAD_USER_INPUT, UNAUTHENTICATED,
 * FORBIDDEN, NOT_FOUND or CONFLICT; a lost database SERVICE_UNAVAILABLE (`retryable: true`, and
 * `outcome: 'UNKNOWN'` when it was lost during COMMIT); anything else is INTERNAL_SERVER_ERROR with no
 * internals.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const apolloCode = formatted.extensions?.code;
  // Errors of the GraphQL layer itself (syntax, unknown fields, values of the wrong type, inline or as
  // variables) are the caller's: keep GraphQL's message, which names the argument and the scalar's rule,
  // and report them as BAD_USER_INPUT with the original code as reason.
  if (!original || original instanceof GraphQLError || original instanceof ScalarInputError) {
    if (
      typeof apolloCode === 'string' &&
      [
        'GRAPHQL_PARSE_FAILED',
        'GRAPHQL_VALIDATION_FAILED',
        'BAD_USER_INPUT',
        'OPERATION_RESOLUTION_FAILURE',
        'PERSISTED_QUERY_NOT_FOUND',
        'BAD_REQUEST',
      ].includes(apolloCode)
    ) {
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT', reason: apolloCode },
      };
    }
  }
  const mapped = toPublicError(original);
  return {
    message: mapped.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: {
      code: mapped.code,
      reason: mapped.reason,
      ...(mapped.fields ? { fields: mapped.fields } : {}),
      ...(mapped.details ? { details: mapped.details } : {}),
      ...outageExtensions(mapped),
    },
  };
}

/** `retryable`, `retryAfterSeconds` and `outcome` of an outage, for GraphQL extensions and REST bodies. */
export function outageExtensions(mapped: PublicError): Record<string, unknown> {
  if (!mapped.retryable) return {};
  return {
    retryable: true,
    retryAfterSeconds: mapped.retryAfterSeconds,
    ...(mapped.outcome ? { outcome: mapped.outcome } : {}),
  };
}

export const UNEXPECTED = (error: unknown): boolean => toPublicError(error).unexpected;
export { ErrorCode };
