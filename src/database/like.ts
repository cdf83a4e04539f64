/** Escapes `%`, `_` and `\` so that `text` matches itself in a LIKE pattern. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern for values that start with `prefix` (a region code: "that region and below"). */
export const startsWithPattern = (prefix: string): string => `${likeEscape(prefix)}%`;

/** A LIKE / ILIKE pattern for values that contain `text` (free-text search). */
export const containsPattern = (text: string): string => `%${likeEscape(text)}%`;
