import type { Citation, Exclusion, ExclusionGround } from '../policy.js';

/**
 * Citation helpers for one source document, shared by the presets.
 *
 * @example
 * const { cite, silent, entryOf } = citer('LHP Complaints Policy 2022–2024 (v3)');
 * cite('para 17', 'in 10 working days from the date of the original complaint');
 */
export function citer(source: string) {
  const cite = (ref: string, quote?: string): Citation =>
    quote === undefined ? { source, ref } : { source, ref, quote };
  return {
    cite,
    /** Where the document says nothing: the Code's value, cited as such. */
    silent: (clause: string, note?: string): Citation => ({
      ...cite(`silent — Code default (${clause})${note ? `: ${note}` : ''}`),
      silent: true,
    }),
    /** An exclusion from a list at one place in the document, quoting the entry. */
    entryOf:
      (ref: string) =>
      (
        code: string,
        label: string,
        ground: ExclusionGround,
        quote: string = label,
      ): Exclusion => ({ code, label, ground, cite: cite(ref, quote) }),
  };
}
