import {
  type Channel,
  type Instant,
  InvalidInputError,
  type IsoDate,
  isIsoDate,
  parseInstant,
  type Stage,
} from '@hearth/domain';
import * as z from 'zod';
import { allOf, type Exact } from './drift.js';

/**
 * A calendar date, strictly `YYYY-MM-DD` and a real day (no 30 February):
 * the domain's own check, so a row and the domain agree on what a date is.
 */
export const isoDateSchema = z
  .string()
  .refine((value) => isIsoDate(value), { error: 'Invalid date' });

/** An ISO 8601 timestamp with `Z` or `±hh:mm`, as the domain parses it. */
export const instantSchema = z
  .string()
  .refine((value) => isInstant(value), { error: 'Invalid instant' });

function isInstant(value: string): boolean {
  try {
    parseInstant(value);
    return true;
  } catch (error) {
    if (error instanceof InvalidInputError) return false;
    throw error;
  }
}

/** An identifier: complaint, issue, remedy, clock, letter, actor… Never blank. */
export const idSchema = z.string().min(1);

export const stageSchema = z.literal([1, 2]);

export const channels = allOf<Channel>()([
  'web',
  'email',
  'phone',
  'in-person',
  'letter',
  'social-media',
]);

export const channelSchema = z.enum(channels);

true satisfies Exact<z.infer<typeof isoDateSchema>, IsoDate>;
true satisfies Exact<z.infer<typeof instantSchema>, Instant>;
true satisfies Exact<z.infer<typeof stageSchema>, Stage>;
true satisfies Exact<z.infer<typeof channelSchema>, Channel>;
