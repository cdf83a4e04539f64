import { CODE_MESSAGES, ERROR_MESSAGES } from './error-messages';
import { fieldMessageZh } from './field-messages';
import { fieldName } from './field-names';
import { Locale } from './locale';

/** What the client is shown of an error, before localisation (the English of the code that raised it). */
export interface ErrorText {
  code: string;
  reason?: string;
  message: string;
  fields?: Array<{ field: string; message: string }>;
}

/** Reasons whose English detail is kept after the Chinese sentence (it names the argument or value). */
const KEEP_DETAIL = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'INVALID_VALUE',
]);

/** Han characters: a message that is already Chinese. */
const HAS_CHINESE = /[\u4e00-\u9fff]/;

export interface LocalizedFieldProblem {
  field: string;
  /** The field's Chinese name (zh-CN answers), as the console labels it. */
  label?: string;
  message: string;
}

/**
 * The message and field problems of an error in `locale`. English is the message as raised. Chinese is
 * the sentence of the error's reason (or of its code), followed by each offending field named in Chinese
 * with what is wrong with it; `extensions.code` and `reason` never change.
 */
export function localizeError(
  error: ErrorText,
  locale: Locale,
): { message: string; fields?: LocalizedFieldProblem[] } {
  if (locale === 'en') return { message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  const base =
    (error.reason !== undefined ? ERROR_MESSAGES[error.reason as keyof typeof ERROR_MESSAGES] : undefined) ??
    CODE_MESSAGES[error.code] ??
    CODE_MESSAGES.INTERNAL_SERVER_ERROR;
  if (!error.fields || error.fields.length === 0) {
    // A message the service already wrote in Chinese carries its details (amounts, dates): keep it whole.
    if (HAS_CHINESE.test(error.message)) return { message: error.message };
    // What GraphQL itself or a scalar refused is named only in its own words (field, type, rule).
    const keep = error.reason !== undefined && KEEP_DETAIL.has(error.reason);
    return { message: keep ? `${base}：${error.message}` : base };
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
  };
}
