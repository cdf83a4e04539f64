/**
 * Thrown by a scalar's `parseValue`/`parseLiteral` when the caller sent a value of the wrong form
 * ("12.345" as Money, "2026-13-01" as LocalDate). GraphQL wraps it in a validation or variable error;
 * the error mapping reports it as BAD_USER_INPUT, never as an internal error, whether the value came
 * inline in the query text or as a variable. Serialisation failures stay plain TypeErrors: those are bugs.
 */
export class ScalarInputError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'ScalarInputError';
  }
}
