import type { CombinedError } from 'urql';

/**
 * The field problems the API named (`input.uscc` → `uscc`) with its own Chinese sentence for each, for a
 * form to show beside the field.
 */
export function fieldProblems(error: CombinedError | undefined): Array<{ name: string; message: string }> {
  const ext = error?.graphQLErrors[0]?.extensions as
    { fields?: Array<{ field: string; message: string }> } | undefined;
  return (ext?.fields ?? []).map((f) => ({
    name: f.field.replace(/^input\./, '').replace(/\[\d+\]$/, ''),
    message: f.message,
  }));
}
