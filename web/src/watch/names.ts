// The watch kinds' Chinese names, from /api/meta/labels (source: src/watch/names.ts), never a copy kept here.
import { useLabels } from '../session.tsx';

export const useWatchNames = () => useLabels().watch;

/** A Select's options from a names record, in the server's order. */
export const optionsOf = (names: Record<string, string>) =>
  Object.entries(names).map(([value, label]) => ({ value, label }));
