/**
 * Refreshes the pinned bank holidays from GOV.UK.
 *
 *   npm run holidays:update             fetch, validate, merge, print, write
 *   npm run holidays:update -- --dry-run   the same, without writing
 *
 * Nothing is written unless the fetched feed passes the schema; the diff is
 * printed for a human to review in the commit.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import {
  type BankHolidayFeed,
  bankHolidayFeedSchema,
  mergeFeeds,
} from './bank-holiday-feed.js';

/** The GOV.UK feed. */
export const FEED_URL = 'https://www.gov.uk/bank-holidays.json';

/** The pinned file, found from this script rather than the working directory. */
export const PINNED_FILE = path.resolve(
  import.meta.dirname,
  '../../domain/calendar/uk-bank-holidays.json',
);

const FETCH_TIMEOUT_MS = 20_000;
const USAGE = 'usage: npm run holidays:update [-- --dry-run]';

/** What the update touches, passed in so tests need no network or disk. */
export interface UpdateIo {
  fetch: (url: string, init: { signal: AbortSignal }) => Promise<Response>;
  readFile: (file: string) => Promise<string>;
  writeFile: (file: string, text: string) => Promise<void>;
  log: (line: string) => void;
  error: (line: string) => void;
}

/** Writes through a temporary file, so a crash never leaves half a file. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, file);
}

const nodeIo: UpdateIo = {
  fetch: (url, init) => fetch(url, init),
  readFile: (file) => readFile(file, 'utf8'),
  writeFile: writeAtomically,
  log: (line) => console.log(line),
  error: (line) => console.error(line),
};

/** Thrown for a failure already explained to the user. */
class UpdateFailure extends Error {}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch() wraps the network error (ENOTFOUND, ECONNREFUSED…) in `cause`.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

function validate(json: unknown, source: string): BankHolidayFeed {
  const result = bankHolidayFeedSchema.safeParse(json);
  if (!result.success) {
    throw new UpdateFailure(
      `${source} does not match the GOV.UK feed schema:\n${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

async function fetchFeed(io: UpdateIo): Promise<BankHolidayFeed> {
  let response: Response;
  let json: unknown;
  try {
    response = await io.fetch(FEED_URL, {
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    throw new UpdateFailure(`Could not fetch ${FEED_URL}: ${reasonOf(error)}`);
  }
  if (!response.ok) {
    throw new UpdateFailure(
      `Could not fetch ${FEED_URL}: HTTP ${response.status} ${response.statusText}`,
    );
  }
  try {
    json = await response.json();
  } catch (error) {
    throw new UpdateFailure(
      `${FEED_URL} did not return JSON: ${reasonOf(error)}`,
    );
  }
  return validate(json, FEED_URL);
}

async function readPinned(io: UpdateIo, shown: string): Promise<string> {
  try {
    const text = await io.readFile(PINNED_FILE);
    JSON.parse(text);
    return text;
  } catch (error) {
    throw new UpdateFailure(`Could not read ${shown}: ${reasonOf(error)}`);
  }
}

/**
 * Runs the update and returns the process exit code (0 done, 1 failed).
 *
 * @example
 * process.exitCode = await updateHolidays(['--dry-run']);
 */
export async function updateHolidays(
  args: readonly string[],
  io: UpdateIo = nodeIo,
): Promise<number> {
  const unknown = args.filter((arg) => arg !== '--dry-run');
  if (unknown.length > 0) {
    io.error(`Unknown argument ${unknown.join(' ')}\n${USAGE}`);
    return 1;
  }
  const dryRun = args.includes('--dry-run');
  const shown = path.relative(process.cwd(), PINNED_FILE);
  try {
    const current = await readPinned(io, shown);
    const pinned = validate(JSON.parse(current), shown);
    const fresh = await fetchFeed(io);
    const { feed, lines } = mergeFeeds(pinned, fresh);
    const text = `${JSON.stringify(feed, null, 2)}\n`;

    for (const line of lines) io.log(line);
    if (text === current) {
      io.log(`${shown} is up to date.`);
    } else if (dryRun) {
      io.log(`${lines.length} change(s). Dry run: ${shown} not written.`);
    } else {
      await io.writeFile(PINNED_FILE, text);
      io.log(`${lines.length} change(s). Wrote ${shown}; review and commit.`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof UpdateFailure)) throw error;
    io.error(`${error.message}\nNothing was written.`);
    return 1;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === import.meta.filename;
if (invokedDirectly) {
  process.exitCode = await updateHolidays(process.argv.slice(2));
}
