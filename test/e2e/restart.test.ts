/**
 * `npm start` killed (SIGKILL to the whole process group: Node, DynamoDB
 * Local, every stand-in) while a staff action's letter and schedules are
 * still in flight, then started again on the same data folder: every
 * complaint, every event, every letter (sent exactly once across both
 * runs) and every schedule is there.
 *
 * The in-flight work is made certain, not left to timing: SES and
 * CreateSchedule are failing (the stand-ins' local fault switches) when
 * the officer acknowledges, so at the kill the letters and schedules jobs
 * are retrying that record. The restarted stack has no faults on.
 *
 * The kill waits until both jobs have retried a few times. DynamoDB Local
 * can answer a TransactWriteItems a moment before its own database file
 * has it, and a kill in that instant loses the write, which DynamoDB never
 * would; that is DynamoDB Local's, not Hearth's, so this test does not
 * kill inside it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHearth, startHearth } from './support/hearth.js';

let dataDir: string;
let hearth: RunningHearth | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-restart-'));
});
afterAll(async () => {
  // Ctrl-C, then wait for the whole group, so nothing writes to the
  // folder once it is removed.
  await hearth?.kill('SIGTERM');
  await rm(dataDir, { recursive: true, force: true });
});

const COMPLAINTS = 3;

async function json<T>(url: string | URL, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) {
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status}`);
  }
  return (await response.json()) as T;
}

const post = (url: string | URL, body: unknown, bearer?: string) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
    },
    body: JSON.stringify(body),
  });

async function token(h: RunningHearth): Promise<string> {
  const { idToken } = await json<{ idToken: string }>(
    String(h.urls['staff sign-in (POST)']),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'ana',
        groups: ['officer'],
        organisationId: 'local',
      }),
    },
  );
  return idToken;
}

interface CaseView {
  complaint: {
    version: number;
    letters: { kind: string; status: string }[];
  };
  timeline: { version: number; type: string }[];
}

const caseOf = (h: RunningHearth, bearer: string, reference: string) =>
  json<CaseView>(`${h.urls.api}/staff/complaints/${reference}`, {
    headers: { authorization: `Bearer ${bearer}` },
  });

async function acknowledge(
  h: RunningHearth,
  bearer: string,
  reference: string,
): Promise<void> {
  const response = await post(
    `${h.urls.api}/staff/complaints/${reference}/acknowledgment`,
    {
      type: 'acknowledge',
      stage: 1,
      definition: {
        issues: [{ id: 'heating', summary: 'No heating', inScope: true }],
        outcomesSought: ['Heating back on'],
      },
    },
    bearer,
  );
  expect(response.status).toBe(200);
}

/** Each deadline schedule as `reference clock:fire`, sorted. */
async function schedules(h: RunningHearth): Promise<string[]> {
  const { schedules: all } = await json<{
    schedules: { groupName: string; target: { Input?: string } }[];
  }>(`${h.urls['scheduler API']}/_local/schedules`);
  return all
    .filter((s) => s.groupName === 'hearth-deadlines')
    .map((s) => {
      const input = JSON.parse(String(s.target.Input)) as {
        complaintId: string;
        clockId: string;
        fire: string;
      };
      return `${input.complaintId} ${input.clockId}:${input.fire}`;
    })
    .sort();
}

const sesUrl = (h: RunningHearth, route: string) =>
  new URL(route, String(h.urls['sent mail (SES)']));

/** Subjects of every email the SES stand-in has (this run and, kept, the last). */
async function sentSubjects(h: RunningHearth): Promise<string[]> {
  const { emails } = await json<{ emails: { subject: string }[] }>(
    sesUrl(h, '/store'),
  );
  return emails.map((m) => m.subject);
}

async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  explain: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}\n${explain()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const clocks = (reference: string, clock: string) => [
  `${reference} ${clock}:breach`,
  `${reference} ${clock}:reminder`,
];

describe('npm start killed and started again on its data folder', () => {
  it(`SIGKILL with a letter and its schedules in flight: ${COMPLAINTS} complaints, every event, 2 letters sent once each and ${COMPLAINTS * 2} schedules, each once`, async () => {
    const first = await startHearth([], 120_000, { dataDir });
    hearth = first;
    const references: string[] = [];
    for (let n = 1; n <= COMPLAINTS; n++) {
      const response = await post(`${first.urls.api}/complaints`, {
        summary: `The heating in flat ${n} has been off since Friday.`,
        resident: {
          name: `Resident ${n}`,
          email: `heating.${n}@example.org`,
          preferredContact: 'email',
        },
      });
      expect(response.status).toBe(201);
      references.push(
        ((await response.json()) as { reference: string }).reference,
      );
    }
    const [inFlight = '', settled = '', untouched = ''] = references;
    const bearer = await token(first);
    // One acknowledgement whose letter goes out before the kill…
    await acknowledge(first, bearer, settled);
    await eventually(
      'the first letter recorded, every schedule in step',
      async () =>
        (await caseOf(first, bearer, settled)).complaint.letters.length === 1 &&
        (await schedules(first)).join() ===
          [
            ...clocks(inFlight, 'stage1.acknowledge'),
            ...clocks(settled, 'stage1.respond'),
            ...clocks(untouched, 'stage1.acknowledge'),
          ]
            .sort()
            .join(),
    );

    // …and one whose letter and schedules are still being retried at it.
    await post(sesUrl(first, '/_local/faults'), { fail: 'error' });
    await post(`${first.urls['scheduler API']}/_local/faults`, {
      operation: 'CreateSchedule',
      fault: 'error',
    });
    await acknowledge(first, bearer, inFlight);
    await eventually('both jobs retrying the acknowledgement', async () => {
      const ses = await json<{ refused: number }>(
        sesUrl(first, '/_local/faults'),
      );
      const scheduler = await json<{ injected: number }>(
        `${first.urls['scheduler API']}/_local/faults`,
      );
      return ses.refused >= 3 && scheduler.injected >= 3;
    });
    // A crash: no Ctrl-C, nothing flushed or stopped in order.
    await first.kill('SIGKILL');
    hearth = undefined;

    const second = await startHearth([], 120_000, { dataDir });
    hearth = second;
    const again = await token(second);
    const expected = [
      ...clocks(inFlight, 'stage1.respond'),
      ...clocks(settled, 'stage1.respond'),
      ...clocks(untouched, 'stage1.acknowledge'),
    ].sort();
    let seen: unknown;
    await eventually(
      'the in-flight letter recorded and the schedules in step',
      async () => {
        const view = await caseOf(second, again, inFlight);
        const now = await schedules(second);
        seen = {
          letters: view.complaint.letters,
          timeline: view.timeline,
          now,
        };
        return (
          view.complaint.letters.length === 1 && now.join() === expected.join()
        );
      },
      () =>
        `${JSON.stringify({ seen, expected }, null, 1)}\n${second.output()}`,
    );

    let events = 0;
    let letters = 0;
    const subjects = await sentSubjects(second);
    for (const reference of references) {
      const view = await caseOf(second, again, reference);
      const versions = [...new Set(view.timeline.map((e) => e.version))];
      expect(versions).toEqual(versions.map((_, i) => i + 1));
      expect(view.complaint.version).toBe(versions.at(-1));
      const count = (type: string) =>
        view.timeline.filter((e) => e.type === type).length;
      expect(count('complaint-received')).toBe(1);
      expect(count('acknowledged')).toBe(reference === untouched ? 0 : 1);
      const sent = subjects.filter((s) => s.includes(`[${reference}]`));
      expect(sent).toHaveLength(view.complaint.letters.length);
      expect(view.complaint.letters.map((l) => l.status)).toEqual(
        reference === untouched ? [] : ['sent'],
      );
      events += view.timeline.length;
      letters += sent.length;
    }
    expect(await schedules(second)).toEqual(expected);
    expect({
      complaints: references.length,
      letters,
      schedules: expected.length,
      // received ×3, acknowledged ×2, letter recorded ×2
      events,
    }).toEqual({
      complaints: COMPLAINTS,
      letters: 2,
      schedules: COMPLAINTS * 2,
      events: COMPLAINTS + 2 + 2,
    });
  });
});
