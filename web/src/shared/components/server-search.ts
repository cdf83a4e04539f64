import { useEffect, useRef, useState } from 'react';

/** One choice of a select whose options the server finds. */
export interface SearchOption {
  value: string;
  label: string;
}

/**
 * What was typed into a search box, settled `delay` ms after the last keystroke (one query per pause,
 * not one per key), trimmed. Returns the settled text and the select's `onSearch`.
 */
export function useSettledSearch(delay = 250): [string, (typed: string) => void] {
  const [typed, setTyped] = useState('');
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSettled(typed.trim()), delay);
    return () => clearTimeout(timer);
  }, [typed, delay]);
  return [settled, setTyped];
}

/**
 * The options of this search (`found`), led by the chosen values (`value`: one or several) that it does
 * not list, so that a chosen value keeps its label while another search shows. `initial` labels a value
 * chosen before the select opened, or set from outside it.
 */
export function useKeptOptions(
  found: SearchOption[],
  value: unknown,
  initial?: SearchOption,
): SearchOption[] {
  const chosen = useRef<Map<string, SearchOption>>(new Map());
  // `initial` may come later: a value chosen elsewhere (a project just registered from the form).
  if (initial) chosen.current.set(initial.value, initial);
  for (const o of found) chosen.current.set(o.value, o);
  const values: unknown[] = Array.isArray(value) ? value : [value];
  const kept = values
    .map((v) => (typeof v === 'string' ? chosen.current.get(v) : undefined))
    .filter((o): o is SearchOption => o !== undefined && !found.some((f) => f.value === o.value));
  return [...kept, ...found];
}
