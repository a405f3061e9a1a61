import * as z from 'zod';

/**
 * The divisions of the GOV.UK bank-holidays feed, in the order the feed and
 * the pinned file list them.
 */
export const DIVISIONS = [
  'england-and-wales',
  'scotland',
  'northern-ireland',
] as const;

/** One of the feed's three divisions. */
export type Division = (typeof DIVISIONS)[number];

function isWeekday(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

const eventSchema = z.object({
  title: z.string().min(1),
  // A bank holiday on a weekend means the data is wrong: GOV.UK lists the
  // substitute weekday instead, and the calendar counts only weekdays.
  date: z.iso.date().refine(isWeekday, { error: 'falls on a weekend' }),
  notes: z.string(),
  bunting: z.boolean(),
});

/** One bank holiday as the feed lists it. */
export type BankHolidayEvent = z.infer<typeof eventSchema>;

function divisionSchema<D extends Division>(division: D) {
  return z.object({
    division: z.literal(division),
    events: z
      .array(eventSchema)
      .min(1)
      .superRefine((events, context) => {
        const seen = new Set<string>();
        for (const [index, event] of events.entries()) {
          if (seen.has(event.date)) {
            context.addIssue({
              code: 'custom',
              message: `${event.date} is listed twice`,
              path: [index, 'date'],
            });
          }
          seen.add(event.date);
        }
      }),
  });
}

/**
 * The GOV.UK bank-holidays feed (`https://www.gov.uk/bank-holidays.json`):
 * all three divisions, each event with a title, a real weekday ISO date,
 * notes and bunting, no date twice in a division. Unknown keys are dropped.
 *
 * @example
 * const result = bankHolidayFeedSchema.safeParse(await response.json());
 * if (!result.success) console.error(z.prettifyError(result.error));
 */
export const bankHolidayFeedSchema = z.object({
  'england-and-wales': divisionSchema('england-and-wales'),
  scotland: divisionSchema('scotland'),
  'northern-ireland': divisionSchema('northern-ireland'),
});

/** A validated feed. */
export type BankHolidayFeed = z.infer<typeof bankHolidayFeedSchema>;

/** One line of a merge's diff. */
export interface FeedChange {
  kind: 'added' | 'removed' | 'changed';
  division: Division;
  date: string;
  /** The title after the merge (before it, for a removal). */
  title: string;
}

/** The merged feed and what changed from the pinned one. */
export interface FeedMerge {
  feed: BankHolidayFeed;
  changes: FeedChange[];
  /** One readable line per change, e.g. `+ scotland 2026-06-15 World Cup bank holiday`. */
  lines: string[];
}

const SIGNS = { added: '+', removed: '-', changed: '~' } as const;

const yearOf = (date: string): string => date.slice(0, 4);

function sameEvent(a: BankHolidayEvent, b: BankHolidayEvent): boolean {
  return a.title === b.title && a.notes === b.notes && a.bunting === b.bunting;
}

function byDate(a: { date: string }, b: { date: string }): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

/** Merges one division, pushing its changes onto `changes`. */
function mergeDivision<D extends Division>(
  division: D,
  pinned: BankHolidayFeed[D],
  fresh: BankHolidayFeed[D],
  changes: FeedChange[],
): BankHolidayFeed[D] {
  const freshYears = new Set(fresh.events.map((e) => yearOf(e.date)));
  const kept = pinned.events.filter((e) => !freshYears.has(yearOf(e.date)));
  const events = [...kept, ...fresh.events].sort(byDate);

  const before = new Map(pinned.events.map((e) => [e.date, e]));
  const after = new Map(events.map((e) => [e.date, e]));
  const mine: FeedChange[] = [];
  for (const [date, event] of after) {
    const old = before.get(date);
    if (old === undefined) {
      mine.push({ kind: 'added', division, date, title: event.title });
    } else if (!sameEvent(old, event)) {
      mine.push({ kind: 'changed', division, date, title: event.title });
    }
  }
  for (const [date, event] of before) {
    if (!after.has(date)) {
      mine.push({ kind: 'removed', division, date, title: event.title });
    }
  }
  changes.push(...mine.sort(byDate));
  return { ...pinned, events };
}

/**
 * Merges a freshly fetched feed into the pinned one. Per division, every year
 * the fresh feed has events for is taken from it whole; other years (GOV.UK
 * drops old years, and the pinned file may reach further ahead) are kept.
 * Events come out sorted by date; changes by division, then date.
 *
 * @example
 * const { feed, lines } = mergeFeeds(pinned, fresh);
 * for (const line of lines) console.log(line); // '+ scotland 2026-06-15 …'
 */
export function mergeFeeds(
  pinned: BankHolidayFeed,
  fresh: BankHolidayFeed,
): FeedMerge {
  const changes: FeedChange[] = [];
  const feed: BankHolidayFeed = {
    'england-and-wales': mergeDivision(
      'england-and-wales',
      pinned['england-and-wales'],
      fresh['england-and-wales'],
      changes,
    ),
    scotland: mergeDivision(
      'scotland',
      pinned.scotland,
      fresh.scotland,
      changes,
    ),
    'northern-ireland': mergeDivision(
      'northern-ireland',
      pinned['northern-ireland'],
      fresh['northern-ireland'],
      changes,
    ),
  };
  const lines = changes.map(
    (c) => `${SIGNS[c.kind]} ${c.division} ${c.date} ${c.title}`,
  );
  return { feed, changes, lines };
}
