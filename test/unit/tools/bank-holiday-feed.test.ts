import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type BankHolidayEvent,
  type BankHolidayFeed,
  bankHolidayFeedSchema,
  mergeFeeds,
} from '../../../infra/tools/bank-holiday-feed.js';

const pinnedText = readFileSync(
  new URL('../../../domain/calendar/uk-bank-holidays.json', import.meta.url),
  'utf8',
);

function pinned(): BankHolidayFeed {
  return bankHolidayFeedSchema.parse(JSON.parse(pinnedText));
}

const event = (date: string, title = 'Holiday'): BankHolidayEvent => ({
  title,
  date,
  notes: '',
  bunting: true,
});

function feedOf(
  events: Partial<Record<keyof BankHolidayFeed, BankHolidayEvent[]>>,
): BankHolidayFeed {
  return {
    'england-and-wales': {
      division: 'england-and-wales',
      events: events['england-and-wales'] ?? [event('2026-12-25')],
    },
    scotland: {
      division: 'scotland',
      events: events.scotland ?? [event('2026-12-25')],
    },
    'northern-ireland': {
      division: 'northern-ireland',
      events: events['northern-ireland'] ?? [event('2026-12-25')],
    },
  };
}

describe('bankHolidayFeedSchema', () => {
  it('accepts the pinned feed', () => {
    // Act
    const result = bankHolidayFeedSchema.safeParse(JSON.parse(pinnedText));

    // Assess
    expect(result.success).toBe(true);
  });

  it('rejects a weekend date, pointing at it', () => {
    // Prepare: Sat 26 Dec 2026 is Boxing Day itself, not its substitute.
    const feed = feedOf({ scotland: [event('2026-12-26', 'Boxing Day')] });

    // Act
    const result = bankHolidayFeedSchema.safeParse(feed);

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['scotland', 'events', 0, 'date'],
        message: 'falls on a weekend',
      }),
    ]);
  });

  it.each([
    ['not a real date', '2026-02-30'],
    ['not zero-padded', '2026-6-15'],
    ['a timestamp', '2026-06-15T00:00:00Z'],
  ])('rejects a date that is %s', (_label, date) => {
    // Act
    const result = bankHolidayFeedSchema.safeParse(
      feedOf({ 'northern-ireland': [event(date)] }),
    );

    // Assess
    expect(result.error?.issues[0]?.path).toEqual([
      'northern-ireland',
      'events',
      0,
      'date',
    ]);
  });

  it('rejects a missing division', () => {
    // Prepare
    const { scotland: _dropped, ...rest } = feedOf({});

    // Act
    const result = bankHolidayFeedSchema.safeParse(rest);

    // Assess
    expect(result.error?.issues[0]?.path).toEqual(['scotland']);
  });

  it.each([
    [
      'a division naming another',
      (f: Record<string, unknown>) => {
        f.scotland = {
          division: 'england-and-wales',
          events: [event('2026-12-25')],
        };
      },
    ],
    [
      'an event without bunting',
      (f: Record<string, unknown>) => {
        f.scotland = {
          division: 'scotland',
          events: [{ title: 'Christmas Day', date: '2026-12-25', notes: '' }],
        };
      },
    ],
    [
      'an empty title',
      (f: Record<string, unknown>) => {
        f.scotland = {
          division: 'scotland',
          events: [event('2026-12-25', '')],
        };
      },
    ],
    [
      'no events at all',
      (f: Record<string, unknown>) => {
        f.scotland = { division: 'scotland', events: [] };
      },
    ],
    [
      'events that are not a list',
      (f: Record<string, unknown>) => {
        f.scotland = { division: 'scotland', events: {} };
      },
    ],
  ])('rejects a bad shape: %s', (_label, spoil) => {
    // Prepare
    const feed: Record<string, unknown> = { ...feedOf({}) };
    spoil(feed);

    // Act
    const result = bankHolidayFeedSchema.safeParse(feed);

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe('scotland');
  });

  it('rejects a date listed twice in one division', () => {
    // Act
    const result = bankHolidayFeedSchema.safeParse(
      feedOf({ scotland: [event('2026-06-15'), event('2026-06-15')] }),
    );

    // Assess
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['scotland', 'events', 1, 'date'],
        message: '2026-06-15 is listed twice',
      }),
    ]);
  });

  it('rejects a feed that is not an object', () => {
    // Assess
    expect(bankHolidayFeedSchema.safeParse('<html>').success).toBe(false);
  });
});

describe('mergeFeeds', () => {
  it('replaces the years the fresh feed covers and keeps the others', () => {
    // Prepare
    const old = feedOf({
      scotland: [
        event('2025-12-25', 'Christmas Day'),
        event('2026-01-02', '2nd January'),
        event('2026-12-25', 'Christmas Day'),
        event('2027-01-01', 'New Year’s Day'),
      ],
    });
    const fresh = feedOf({
      scotland: [
        event('2026-12-25', 'Christmas Day'),
        event('2026-06-15', 'World Cup bank holiday'),
        event('2026-01-02', '2nd January'),
      ],
    });

    // Act
    const { feed } = mergeFeeds(old, fresh);

    // Assess
    expect(feed.scotland.events.map((e) => e.date)).toEqual([
      '2025-12-25',
      '2026-01-02',
      '2026-06-15',
      '2026-12-25',
      '2027-01-01',
    ]);
    expect(feed.scotland.division).toBe('scotland');
  });

  it('lists added, removed and changed dates readably, by division and date', () => {
    // Prepare
    const old = feedOf({
      'england-and-wales': [event('2026-12-28', 'Boxing Day')],
      scotland: [event('2026-11-30', 'St Andrew’s Day'), event('2026-12-28')],
    });
    const fresh = feedOf({
      'england-and-wales': [
        { ...event('2026-12-28', 'Boxing Day'), notes: 'Substitute day' },
      ],
      scotland: [
        event('2026-12-28'),
        event('2026-06-15', 'World Cup bank holiday'),
      ],
    });

    // Act
    const { changes, lines } = mergeFeeds(old, fresh);

    // Assess
    expect(lines).toEqual([
      '~ england-and-wales 2026-12-28 Boxing Day',
      '+ scotland 2026-06-15 World Cup bank holiday',
      '- scotland 2026-11-30 St Andrew’s Day',
    ]);
    expect(changes.map((c) => c.kind)).toEqual(['changed', 'added', 'removed']);
  });

  it('reports nothing and changes nothing when the feeds agree', () => {
    // Act
    const { feed, lines } = mergeFeeds(pinned(), pinned());

    // Assess
    expect(lines).toEqual([]);
    expect(`${JSON.stringify(feed, null, 2)}\n`).toBe(pinnedText);
  });

  it('keeps pinned years that GOV.UK no longer lists', () => {
    // Prepare: a fresh feed like GOV.UK's, covering only 2026–2027.
    const fresh = pinned();
    for (const division of Object.values(fresh)) {
      division.events = division.events.filter(
        (e) => e.date >= '2026' && e.date < '2028',
      );
    }

    // Act
    const { feed, lines } = mergeFeeds(pinned(), fresh);

    // Assess
    expect(lines).toEqual([]);
    expect(feed).toEqual(pinned());
  });

  it('does not modify its inputs', () => {
    // Prepare
    const old = pinned();
    const fresh = feedOf({ scotland: [event('2026-06-15')] });
    const snapshot = structuredClone(old);

    // Act
    mergeFeeds(old, fresh);

    // Assess
    expect(old).toEqual(snapshot);
  });
});
