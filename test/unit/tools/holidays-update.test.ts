import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  FEED_URL,
  PINNED_FILE,
  type UpdateIo,
  updateHolidays,
} from '../../../infra/tools/holidays-update.js';

const pinnedText = readFileSync(PINNED_FILE, 'utf8');

interface Event {
  title: string;
  date: string;
  notes: string;
  bunting: boolean;
}
type Feed = Record<string, { division: string; events: Event[] }>;

/** Fake I/O: the real pinned text on "disk", a scripted fetch. */
function fakeIo(respond: () => Promise<Response>) {
  const logged: string[] = [];
  const errors: string[] = [];
  const io = {
    fetch: vi.fn((_url: string, _init: { signal: AbortSignal }) => respond()),
    readFile: vi.fn(async (_file: string) => pinnedText),
    writeFile: vi.fn(async (_file: string, _text: string) => {}),
    log: (line: string) => logged.push(line),
    error: (line: string) => errors.push(line),
  } satisfies UpdateIo;
  return { io, logged, errors };
}

function jsonResponse(body: unknown, status = 200): Promise<Response> {
  return Promise.resolve(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    }),
  );
}

/** GOV.UK's current shape: 2026–2027 only, plus whatever `edit` does. */
function govUkFeed(edit: (feed: Feed) => void = () => {}): Feed {
  const feed = JSON.parse(pinnedText) as Feed;
  for (const division of Object.values(feed)) {
    division.events = division.events.filter(
      (e) => e.date >= '2026' && e.date < '2028',
    );
  }
  edit(feed);
  return feed;
}

describe('updateHolidays', () => {
  it('finds the pinned file next to the domain, whatever the cwd', () => {
    // Assess
    expect(PINNED_FILE).toBe(
      path.resolve(
        import.meta.dirname,
        '../../../domain/calendar/uk-bank-holidays.json',
      ),
    );
  });

  it('fails with a clear message and writes nothing when offline', async () => {
    // Prepare
    const offline = new TypeError('fetch failed', {
      cause: new Error('getaddrinfo ENOTFOUND www.gov.uk'),
    });
    const { io, errors } = fakeIo(() => Promise.reject(offline));

    // Act
    const code = await updateHolidays([], io);

    // Assess
    expect(code).toBe(1);
    expect(io.fetch).toHaveBeenCalledWith(FEED_URL, expect.anything());
    expect(io.writeFile).not.toHaveBeenCalled();
    expect(errors).toEqual([
      `Could not fetch ${FEED_URL}: fetch failed: getaddrinfo ENOTFOUND www.gov.uk\nNothing was written.`,
    ]);
  });

  it('fails on an HTTP error status', async () => {
    // Prepare
    const { io, errors } = fakeIo(() => jsonResponse({}, 503));

    // Act
    const code = await updateHolidays([], io);

    // Assess
    expect(code).toBe(1);
    expect(io.writeFile).not.toHaveBeenCalled();
    expect(errors[0]).toMatch(/HTTP 503/);
  });

  it('fails when the body is not JSON', async () => {
    // Prepare
    const { io, errors } = fakeIo(() =>
      Promise.resolve(new Response('<html>maintenance</html>')),
    );

    // Act
    const code = await updateHolidays([], io);

    // Assess
    expect(code).toBe(1);
    expect(io.writeFile).not.toHaveBeenCalled();
    expect(errors[0]).toMatch(/did not return JSON/);
  });

  it('validates before writing: a weekend date stops the update', async () => {
    // Prepare
    const bad = govUkFeed((feed) => {
      feed.scotland?.events.push({
        title: 'Boxing Day',
        date: '2026-12-26',
        notes: '',
        bunting: true,
      });
    });
    const { io, errors } = fakeIo(() => jsonResponse(bad));

    // Act
    const code = await updateHolidays([], io);

    // Assess
    expect(code).toBe(1);
    expect(io.writeFile).not.toHaveBeenCalled();
    expect(errors[0]).toMatch(/does not match the GOV\.UK feed schema/);
    expect(errors[0]).toMatch(/falls on a weekend/);
  });

  it('refuses to start from a broken pinned file', async () => {
    // Prepare
    const { io, errors } = fakeIo(() => jsonResponse(govUkFeed()));
    io.readFile.mockResolvedValueOnce('{ not json');

    // Act
    const code = await updateHolidays([], io);

    // Assess
    expect(code).toBe(1);
    expect(io.fetch).not.toHaveBeenCalled();
    expect(errors[0]).toMatch(/^Could not read .*uk-bank-holidays\.json/);
  });

  it('says the file is up to date when GOV.UK agrees', async () => {
    // Prepare
    const { io, logged } = fakeIo(() => jsonResponse(govUkFeed()));

    // Act
    const code = await updateHolidays([], io);

    // Assess
    expect(code).toBe(0);
    expect(io.writeFile).not.toHaveBeenCalled();
    expect(logged).toEqual([expect.stringMatching(/is up to date\.$/)]);
  });

  it('prints the diff and writes 2-space JSON with a final newline', async () => {
    // Prepare
    const fresh = govUkFeed((feed) => {
      feed['northern-ireland']?.events.push({
        date: '2027-06-25',
        title: 'Invented holiday',
        notes: '',
        bunting: true,
      });
    });
    const { io, logged } = fakeIo(() => jsonResponse(fresh));

    // Act
    const code = await updateHolidays([], io);

    // Assess
    expect(code).toBe(0);
    expect(logged[0]).toBe('+ northern-ireland 2027-06-25 Invented holiday');
    expect(io.writeFile).toHaveBeenCalledOnce();
    const [file, text] = io.writeFile.mock.calls[0] ?? [];
    expect(file).toBe(PINNED_FILE);
    expect(text?.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "england-and-wales": {\n    "division"');
    const written = JSON.parse(text ?? '') as Feed;
    const dates = written['northern-ireland']?.events.map((e) => e.date) ?? [];
    expect(dates).toContain('2027-06-25');
    expect(dates).toContain('2019-01-01');
    expect(dates).toEqual([...dates].sort());
  });

  it('prints the diff but writes nothing on --dry-run', async () => {
    // Prepare
    const fresh = govUkFeed((feed) => {
      const scotland = feed.scotland;
      if (scotland) {
        scotland.events = scotland.events.filter(
          (e) => e.date !== '2026-06-15',
        );
      }
    });
    const { io, logged } = fakeIo(() => jsonResponse(fresh));

    // Act
    const code = await updateHolidays(['--dry-run'], io);

    // Assess
    expect(code).toBe(0);
    expect(io.writeFile).not.toHaveBeenCalled();
    expect(logged).toEqual([
      '- scotland 2026-06-15 World Cup bank holiday',
      expect.stringMatching(/^1 change\(s\)\. Dry run: .* not written\.$/),
    ]);
  });

  it('rejects an unknown argument without fetching', async () => {
    // Prepare
    const { io, errors } = fakeIo(() => jsonResponse(govUkFeed()));

    // Act
    const code = await updateHolidays(['--dryrun'], io);

    // Assess
    expect(code).toBe(1);
    expect(io.fetch).not.toHaveBeenCalled();
    expect(errors[0]).toMatch(/Unknown argument --dryrun/);
  });
});
