import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anonymise,
  anonymiseEvent,
  anonymiseIntent,
} from '../../../../domain/index.js';
import { fullCase, markedWords, type Words } from './full-case.js';

/**
 * Any words at all in every personal field and free text: each starts
 * with a marker no kept field can hold, so finding one afterwards can only
 * be a leak, and an empty or blank value cannot make the case invalid.
 */
const word = fc
  .string({ minLength: 0, maxLength: 24, unit: 'grapheme' })
  .map((s) => `ZQX${s}`);

const words: fc.Arbitrary<Words> = fc.record(
  Object.fromEntries(
    Object.keys(markedWords).map((key) => [key, word]),
  ) as Record<keyof Words, fc.Arbitrary<string>>,
);

describe('anonymise, for any words', () => {
  it('leaves no string from the resident’s personal fields or any free text anywhere in the state, the events or the intents', () => {
    fc.assert(
      fc.property(words, (given) => {
        const { state, decisions } = fullCase(given);
        const json = JSON.stringify({
          state: anonymise(state, '2031-07-21'),
          decisions: decisions.map((d) => ({
            events: d.events.map(anonymiseEvent),
            intents: d.intents.map(anonymiseIntent),
          })),
        });

        expect(json).not.toContain('ZQX');
        for (const value of Object.values(given)) {
          expect(json).not.toContain(JSON.stringify(value).slice(1, -1));
        }
      }),
      { numRuns: 60 },
    );
  });
});
