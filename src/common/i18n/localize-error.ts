import { errorMessageZh } from './error-details';
import { CODE_MESSAGES, ERROR_MESSAGES } from './error-messages';
import { fieldMessageZh } from './field-messages';
import { fieldName } from './field-names';
import { graphqlMessageZh } from './graphql-messages';
import { Locale } from './locale';
import { problemMessage } from './problem-messages';

/** What the client is shown of an error, before localisation (the English of the code that raised it). */
export interface ErrorText {
  code: string;
  reason?: string;
  message: string;
  fields?: Array<{ field: string; message: string }>;
  /** `extensions.details`: its `problems` (the rows of a refused file) are said in the reader's language. */
  details?: Record<string, unknown>;
}

/**
 * Reasons raised by GraphQL itself or a scalar: their message is said in Chinese ({@link graphqlMessageZh}),
 * or else kept in English after the reason's sentence (it names the argument or value).
 */
const KEEP_DETAIL = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'INVALID_VALUE',
]);

export interface LocalizedFieldProblem {
  field: string;
  /** The field's Chinese name (zh-CN answers), as the console labels it. */
  label?: string;
  message: string;
}

/**
 * The message, field problems and details of an error in `locale`. English is the message as raised.
 * Chinese is the sentence of the error's reason (or of its code), followed by each offending field named
 * in Chinese with what is wrong with it; an error without fields whose message carries details (amounts,
 * dates, codes) is said whole in Chinese with the same details ({@link errorMessageZh}). The problems of
 * `details` (the rows of a refused file) are translated one by one. `extensions.code` and `reason` never
 * change.
 */
export function localizeError(
  error: ErrorText,
  locale: Locale,
): { message: string; fields?: LocalizedFieldProblem[]; details?: Record<string, unknown> } {
  const details = error.details ? { details: localizeDetails(error.details, locale) } : {};
  if (locale === 'en')
    return { message: error.message, ...(error.fields ? { fields: error.fields } : {}), ...details };
  const base =
    (error.reason !== undefined ? ERROR_MESSAGES[error.reason as keyof typeof ERROR_MESSAGES] : undefined) ??
    CODE_MESSAGES[error.code] ??
    CODE_MESSAGES.INTERNAL_SERVER_ERROR;
  if (!error.fields || error.fields.length === 0) {
    // A message that carries its details (amounts, dates, codes) is said whole, with them.
    const whole = errorMessageZh(error.reason, error.message);
    if (whole) return { message: whole, ...details };
    const keep = error.reason !== undefined && KEEP_DETAIL.has(error.reason);
    // What GraphQL itself or a scalar refused: said in Chinese with the variable, value and names it
    // quotes; a sentence of no known shape follows the reason's sentence in GraphQL's own words.
    const graphql = keep ? graphqlMessageZh(error.message) : undefined;
    if (graphql) return { message: graphql, ...details };
    return { message: keep ? `${base}：${error.message}` : base, ...details };
  }
  const fields = error.fields.map((f) => {
    const label = fieldName(f.field);
    const message = fieldMessageZh(f.message);
    return {
      field: f.field,
      ...(label ? { label } : {}),
      message: message ?? f.message,
      translated: !!message,
    };
  });
  const parts = fields.map((f) => `「${f.label ?? f.field}」${f.translated ? f.message : `：${f.message}`}`);
  return {
    message: `${base}：${parts.join('；')}`,
    fields: fields.map(({ translated: _translated, ...f }) => f),
    ...details,
  };
}

/** `details` with the message of each of its `problems` (`{ row, column, message }`) in `locale`. */
function localizeDetails(details: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const problems = details.problems;
  if (locale === 'en' || !Array.isArray(problems)) return details;
  return {
    ...details,
    problems: problems.map((p: unknown) =>
      typeof p === 'object' && p !== null && typeof (p as { message?: unknown }).message === 'string'
        ? { ...p, message: problemMessage((p as { message: string }).message, locale) }
        : p,
    ),
  };
}
