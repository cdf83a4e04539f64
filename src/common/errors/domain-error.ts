import { ErrorCode } from './error-codes';

/** One offending input field: `field` is the argument path as the client sent it (`input.code`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * An error the caller can act on. It carries a stable {@link ErrorCode}; the global GraphQL error
 * formatter turns it into `extensions.code` (+ `extensions.reason`, `extensions.fields`). Expected
 * errors are never logged as crashes.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /**
   * When true, the transaction helper commits what the mutation wrote before the error reaches the
   * client (a failed login must still count the failure). Use sparingly.
   */
  commitBeforeThrow = false;
}

export const notFound = (what: string, id: string | number, code = ErrorCode.NOT_FOUND): DomainError =>
  new DomainError(code, `${what} ${id} was not found`, { id: String(id) });

export const forbidden = (
  message = 'You are not allowed to do this',
  code = ErrorCode.FORBIDDEN,
): DomainError => new DomainError(code, message);

export const badInput = (field: string, message: string, code = ErrorCode.VALIDATION_FAILED): DomainError =>
  new DomainError(code, `${field}: ${message}`, { fields: [{ field, message }] });

/** Collects several field problems and throws them together. */
export class ProblemList {
  private readonly problems: FieldProblem[] = [];
  add(field: string, message: string): this {
    this.problems.push({ field, message });
    return this;
  }
  get isEmpty(): boolean {
    return this.problems.length === 0;
  }
  get all(): readonly FieldProblem[] {
    return this.problems;
  }
  /** Adds the problems a pure `*-rules.ts` function returned. */
  addAll(problems: readonly FieldProblem[]): this {
    this.problems.push(...problems);
    return this;
  }
  throwIfAny(code = ErrorCode.VALIDATION_FAILED): void {
    if (this.problems.length === 0) return;
    const summary = this.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    throw new DomainError(code, summary, { fields: [...this.problems] });
  }
}
