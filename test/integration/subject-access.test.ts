/**
 * GET /staff/subject-access against the whole local stack: a resident's
 * complaints found through the by-resident index by email, phone, or name
 * and postcode, only in the caller's organisation, as JSON and as a PDF,
 * for managers only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubjectAccessExport } from '../../functions/subject-access/export.js';
import type { LocalStack } from '../../infra/local/start.js';
import { staffToken, startTestStack } from './support/stack.js';

const org = 'sar-org';
const other = 'sar-other-org';
let stack: LocalStack;
const tokens: Record<string, string> = {};

let viewer = 0;
async function post(
  route: string,
  body: unknown,
  token?: string,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${stack.urls.api}${route}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'cloudfront-viewer-address': `10.9.${++viewer}.1:443`,
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  expect([200, 201], JSON.stringify(answer)).toContain(response.status);
  return answer;
}

const web = (summary: string, email: string) =>
  post('/complaints', {
    summary,
    resident: { name: 'Jo Bloggs', email, preferredContact: 'email' },
  });

const byPhone = (token: string, resident: Record<string, unknown>) =>
  post(
    '/staff/complaints',
    {
      channel: 'phone',
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      summary: 'The caller says the communal door has been broken a week.',
      resident,
    },
    token,
  );

/** As a manager, unless another token (or none: null) is given. */
function search(query: string, token: string | null = tokens.manager ?? null) {
  return fetch(`${stack.urls.api}/staff/subject-access?${query}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
}

async function found(query: string): Promise<SubjectAccessExport> {
  const response = await search(query);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return (await response.json()) as SubjectAccessExport;
}

const refs: Record<string, string> = {};

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  stack = await startTestStack({ organisationId: org });
  for (const [name, groups, organisationId] of [
    ['manager', ['manager'], org],
    ['officer', ['officer'], org],
    ['mrc', ['mrc'], org],
    ['otherOfficer', ['officer'], other],
  ] as const) {
    tokens[name] = await staffToken(stack, {
      username: name,
      groups,
      organisationId,
    });
  }
  const officer = tokens.officer as string;
  // Jo twice (the second with the address typed differently), Sam once.
  refs.first = String(
    (
      await web(
        'The boiler has failed three times this winter.',
        'jo@example.org',
      )
    ).reference,
  );
  refs.second = String(
    (await web('The kitchen extractor fan has stopped.', 'Jo@Example.ORG'))
      .reference,
  );
  refs.sam = String(
    (await web('The lift is out of order again.', 'sam@example.org')).reference,
  );
  // Another organisation in the same table has its own Jo.
  refs.otherJo = String(
    (
      await byPhone(tokens.otherOfficer as string, {
        name: 'Jo Bloggs',
        email: 'jo@example.org',
        preferredContact: 'email',
      })
    ).reference,
  );
  // Found by phone only, and by name and postcode only.
  refs.phone = String(
    (
      await byPhone(officer, {
        name: 'Pat Caller',
        phone: '+44 7700 900456',
        preferredContact: 'phone',
      })
    ).reference,
  );
  refs.posted = String(
    (
      await byPhone(officer, {
        name: 'Mrs. Lee  Writer',
        address: ['3 Quay Street', 'Exeter', 'EX2 4AN'],
        preferredContact: 'post',
      })
    ).reference,
  );
  // A letter for Jo's first complaint: the export carries its words.
  await post(
    `/staff/complaints/${refs.first}/acknowledgment`,
    {
      type: 'acknowledge',
      stage: 1,
      definition: {
        issues: [
          { id: 'i1', summary: 'The boiler keeps failing', inScope: true },
        ],
        outcomesSought: ['A working boiler'],
      },
    },
    officer,
  );
  await stack.drain();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('GET /staff/subject-access', () => {
  it("finds exactly that resident's complaints by email, however it is typed, and not another organisation's", async () => {
    const result = await found('email=JO%40example.org');

    expect(result.complaints.map((c) => c.reference)).toEqual([
      refs.first,
      refs.second,
    ]);
    expect(result.searchedBy).toEqual(['email']);
    expect(JSON.stringify(result)).not.toContain(refs.sam);
    expect(JSON.stringify(result)).not.toContain('sam@example.org');
  });

  it('sets out each complaint: its record, timeline, letters with their words, files, remedies, actions', async () => {
    const result = await found('email=jo%40example.org');
    const first = result.complaints[0];

    expect(first).toMatchObject({
      reference: refs.first,
      status: 'stage1-acknowledged',
      channel: 'web',
      resident: { name: 'Jo Bloggs', email: 'jo@example.org' },
      attachments: [],
      remedies: [],
      actions: [],
      record: {
        reference: refs.first,
        summary: 'The boiler has failed three times this winter.',
      },
    });
    expect(first?.timeline.flatMap((d) => d.events.map((e) => e.type))).toEqual(
      expect.arrayContaining([
        'complaint-received',
        'acknowledged',
        'letter-recorded',
      ]),
    );
    const letter = first?.letters.find(
      (l) => l.kind === 'stage1-acknowledgement',
    );
    expect(letter?.status).toBe('sent');
    expect(letter?.text).toContain(refs.first);
    expect(letter?.text).toContain('The boiler keeps failing');
    expect(result.limits.length).toBeGreaterThan(0);
  });

  it('finds a resident by phone, typed another way', async () => {
    const result = await found('phone=07700%20900%20456');

    expect(result.complaints.map((c) => c.reference)).toEqual([refs.phone]);
  });

  it('finds a resident by name and postcode, and by each identifier given', async () => {
    const byName = await found('name=mrs%20lee%20writer&postcode=ex24an');
    const both = await found(
      'name=Mrs%20Lee%20Writer&postcode=EX2%204AN&phone=07700900456',
    );

    expect(byName.complaints.map((c) => c.reference)).toEqual([refs.posted]);
    expect(both.complaints.map((c) => c.reference).sort()).toEqual(
      [refs.phone, refs.posted].sort(),
    );
    expect(both.searchedBy).toEqual(['phone', 'name-postcode']);
  });

  it('finds nothing for someone it holds nothing about', async () => {
    const result = await found('email=nobody%40example.org');

    expect(result.complaints).toEqual([]);
  });

  it('gives a readable PDF', async () => {
    const response = await search('email=jo%40example.org&format=pdf');
    const bytes = Buffer.from(await response.arrayBuffer());

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="subject-access-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);
  });

  it.each([
    ['officer', 403],
    ['mrc', 403],
  ])('refuses the %s: managers only (%i)', async (role, status) => {
    const response = await search(
      'email=jo%40example.org',
      tokens[role] ?? null,
    );

    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(
      /^application\/problem\+json/,
    );
  });

  it('needs a staff token', async () => {
    const response = await search('email=jo%40example.org', null);

    expect(response.status).toBe(401);
  });

  it.each([
    ['', 'email'],
    ['email=not-an-email', 'email'],
    ['phone=call%20me', 'phone'],
    ['name=Jo%20Bloggs', 'postcode'],
    ['postcode=EX1%201AA', 'name'],
    ['name=Jo&postcode=nowhere', 'postcode'],
    ['emial=jo%40example.org', 'emial'],
    ['email=jo%40example.org&format=docx', 'format'],
  ])('answers ?%s with problem+json naming %s', async (query, field) => {
    const response = await search(query);
    const problem = (await response.json()) as {
      status: number;
      errors?: { field: string }[];
    };

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(
      /^application\/problem\+json/,
    );
    expect(problem.errors?.[0]?.field).toBe(field);
  });
});
