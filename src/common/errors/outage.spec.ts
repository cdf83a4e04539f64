import { QueryFailedError } from 'typeorm';
import { localizeError } from '../i18n/localize-error';
import { toPublicError, formatGraphqlError } from './error-mapping';
import { CommitOutcomeUnknownError, isDatabaseUnavailable } from './outage';

const pgError = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });
const queryFailed = (driverError: Error): QueryFailedError =>
  new QueryFailedError('SELECT 1', [], driverError);

describe('outages', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    [
      'pg_terminate_backend (57P01)',
      queryFailed(pgError('57P01', 'terminating connection due to administrator command')),
    ],
    ['a server starting up (57P03)', pgError('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', queryFailed(pgError('08006'))],
    ['too many connections (53300)', pgError('53300', 'too many connections for database "x"')],
    ['a connection that ended', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect', new Error('timeout exceeded when trying to connect')],
    [
      'both addresses refused',
      Object.assign(new AggregateError([pgError('ECONNREFUSED')]), { code: undefined }),
    ],
  ])('%s is SERVICE_UNAVAILABLE, retryable, never INTERNAL_SERVER_ERROR', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const mapped = toPublicError(error);
    expect(mapped).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'DATABASE_UNAVAILABLE',
      retryable: true,
    });
    expect(mapped.outcome).toBeUndefined();
  });

  it('a connection lost during COMMIT says the outcome is unknown', () => {
    const error = new CommitOutcomeUnknownError(queryFailed(pgError('57P01')));
    const formatted = formatGraphqlError({ message: 'x' }, error);
    expect(formatted.extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'COMMIT_OUTCOME_UNKNOWN',
      retryable: true,
      outcome: 'UNKNOWN',
    });
    expect(formatted.message).toMatch(/same idempotency key/);
    // A Chinese reader is told the same, from the reason.
    const zh = localizeError(
      { code: 'SERVICE_UNAVAILABLE', reason: 'COMMIT_OUTCOME_UNKNOWN', message: formatted.message },
      'zh-CN',
    );
    expect(zh.message).toMatch(/幂等键/);
  });

  it('bugs and the caller’s mistakes are not outages', () => {
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(queryFailed(pgError('23505')))).toBe(false);
    expect(
      isDatabaseUnavailable(queryFailed(pgError('57014', 'canceling statement due to statement timeout'))),
    ).toBe(false);
    expect(toPublicError(new TypeError('x')).code).toBe('INTERNAL_SERVER_ERROR');
  });
});
