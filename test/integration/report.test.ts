import { randomUUID } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type Channel,
  type Command,
  type Decision,
  presetById,
  type Resident,
} from '@hearth/domain';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbComplaintRepository } from '../../functions/shared/adapters/dynamodb/complaint-repository.js';
import { S3ObjectStore } from '../../functions/shared/adapters/s3/object-store.js';
import { envKeys } from '../../functions/shared/env-keys.js';
import { execute } from '../../functions/shared/service.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import { lambdaContext } from '../../infra/local/lambda-runtime.js';
import { type RunningS3, startS3 } from '../../infra/local/s3/index.js';
import { type RunningSes, startSes } from '../../infra/local/ses.js';
import { dynamoDbClient, freshTable } from './support/dynamodb.js';

const ORG = 'report-org';
const OTHER = 'report-other';
const BUCKET = 'hearth-reports-test';
const BOARD = ['board@riverside.example', 'chair@riverside.example'];
const SITE = 'https://complaints.riverside.example';
const policy = presetById('code-2024');
if (policy === undefined) throw new Error('no code-2024 preset');

const client = dynamoDbClient();
const documents = DynamoDBDocumentClient.from(client, {
  marshallOptions: { removeUndefinedValues: true },
});
let tableName: string;
let repository: DynamoDbComplaintRepository;
let ses: RunningSes;
let s3: RunningS3;
let reports: S3ObjectStore;
let main: (event?: unknown) => Promise<{
  period: string;
  complaints: number;
  keys: readonly string[];
}>;

const resident: Resident = {
  name: 'Alex Resident',
  email: 'alex.resident@example.org',
  address: ['7 Mill Lane', 'Leeds', 'LS2 7ZZ'],
  preferredContact: 'email',
  formats: [],
  tenure: 'LCRA',
};

interface Seed {
  readonly org?: string;
  readonly received: string;
  readonly channel?: Channel;
  readonly category?: string;
  readonly ack?: string;
  readonly respond?: string;
  readonly decision?: Decision;
}

/** A complaint driven through the service on the dates given (10:00Z each). */
async function seed(spec: Seed): Promise<string> {
  const org = spec.org ?? ORG;
  const reference = await repository.nextReference(org, 2026);
  const at = (date: string) => `${date}T10:00:00.000Z`;
  const common = {
    repository,
    organisationId: org,
    policy: policy as NonNullable<typeof policy>,
    newId: randomUUID,
  };
  await execute({
    ...common,
    now: at(spec.received),
    actor: { kind: 'resident', id: 'web-form' },
    command: {
      type: 'receive',
      id: reference,
      reference,
      channel: spec.channel ?? 'web',
      receivedAt: at(spec.received),
      summary: 'The <kitchen> window will not close & the frame is rotten.',
      category: spec.category ?? 'Repairs',
      resident,
    },
  });
  if (spec.ack === undefined) return reference;
  await execute({
    ...common,
    now: at(spec.ack),
    actor: { kind: 'staff', id: 'staff-jo' },
    complaintId: reference,
    command: {
      type: 'acknowledge',
      stage: 1,
      definition: {
        issues: [{ id: 'i1', summary: 'Window', inScope: true }],
        outcomesSought: ['Replace the window'],
      },
    },
  });
  if (spec.respond === undefined) return reference;
  await execute({
    ...common,
    now: at(spec.respond),
    actor: { kind: 'staff', id: 'staff-jo' },
    complaintId: reference,
    command: {
      type: 'respond',
      stage: 1,
      decisions: [
        {
          issueId: 'i1',
          decision: spec.decision ?? 'not-upheld',
          reasons: 'The frame is rotten.',
        },
      ],
      summary: 'We will replace the window.',
    },
  });
  return reference;
}

beforeAll(async () => {
  tableName = await freshTable(client);
  repository = new DynamoDbComplaintRepository({
    client: documents,
    tableName,
  });
  ses = await startSes({ port: 0 });
  s3 = await startS3({ port: 0, buckets: [BUCKET], log: () => undefined });
  reports = new S3ObjectStore(
    new S3Client({
      endpoint: s3.endpoint,
      region: localRegion,
      credentials: localCredentials,
      forcePathStyle: true,
    }),
    BUCKET,
  );
  Object.assign(process.env, {
    [envKeys.tableName]: tableName,
    [envKeys.organisationId]: ORG,
    [envKeys.policyId]: 'code-2024',
    [envKeys.senderAddress]: 'complaints@riverside.example',
    [envKeys.landlordName]: 'Riverside <Homes> & Co',
    [envKeys.reportsBucket]: BUCKET,
    [envKeys.boardRecipients]: BOARD.join(', '),
    [envKeys.housingStock]: JSON.stringify([
      { yearFrom: '2026-04-01', asAt: '2027-03-31', LCRA: 4000, LCHO: 1000 },
    ]),
    [envKeys.siteUrl]: `${SITE}/`,
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    AWS_ENDPOINT_URL_SESV2: ses.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  const module = await import('../../functions/report/handler.js');
  const invoke = module.handler as unknown as (
    event: unknown,
    context: unknown,
  ) => ReturnType<typeof main>;
  main = (event) => invoke(event ?? {}, lambdaContext('hearth-report'));
});

afterAll(async () => {
  client.destroy();
  await ses.stop();
  await s3.stop();
});

describe('the Board report function', () => {
  it('reads complaints by month received, across months and pages of the index', async () => {
    const refs: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      refs.push(await seed({ received: `2026-0${1 + i}-0${2 + i}` }));
    }
    const states = await repository.complaintsReceivedBetween(
      ORG,
      '2025-12',
      '2026-02',
    );

    expect(states.map((s) => s.reference)).toEqual(refs.slice(0, 2));
    await expect(
      repository.complaintsReceivedBetween(ORG, '2026-13', '2026-04'),
    ).rejects.toThrow(/YYYY-MM/);
  });

  it('stores the HTML, CSV and JSON for the period and mails the Board once', async () => {
    // Received in May and answered on time, and one acknowledged late.
    const onTime = await seed({
      received: '2026-05-04',
      ack: '2026-05-05',
      respond: '2026-05-12',
    });
    const lateAck = await seed({
      received: '2026-05-06',
      channel: 'phone',
      category: 'Anti-social <behaviour>',
      ack: '2026-05-20',
    });
    // Received in April (outside the period), answered in May: CH02 counts it.
    await seed({
      received: '2026-04-20',
      ack: '2026-04-21',
      respond: '2026-05-07',
    });
    // Outside the period, and another organisation's: neither counts.
    await seed({ received: '2026-06-02' });
    await seed({ org: OTHER, received: '2026-05-05' });
    await ses.clear();

    const result = await main({ from: '2026-05-01', to: '2026-05-31' });

    expect(result.period).toBe('2026-05');
    expect(result.keys).toEqual([
      `reports/${ORG}/2026-05/board-report.html`,
      `reports/${ORG}/2026-05/board-report.csv`,
      `reports/${ORG}/2026-05/board-report.json`,
    ]);
    const json = await reports.get(`reports/${ORG}/2026-05/board-report.json`);
    const figures = JSON.parse(String(json?.body));
    expect(json?.contentType).toBe('application/json');
    expect(figures.period).toEqual({
      label: '2026-05',
      from: '2026-05-01',
      to: '2026-05-31',
    });
    expect(figures.tsm.ch01[0].overall).toMatchObject({
      numerator: 2,
      denominator: 5000,
    });
    expect(figures.tsm.ch02[0].responded).toBe(2);
    expect(figures.volumes.byChannel).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'phone', stage1: 1 }),
      ]),
    );
    const ack = figures.timeliness.find(
      (t: { clock: string }) => t.clock === 'stage1.acknowledge',
    );
    expect(ack.breaches.map((b: { reference: string }) => b.reference)).toEqual(
      [lateAck],
    );

    const html = String(
      (await reports.get(`reports/${ORG}/2026-05/board-report.html`))?.body,
    );
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('Riverside &lt;Homes&gt; &amp; Co');
    expect(html).toContain('Anti-social &lt;behaviour&gt;');
    expect(html).not.toContain('<behaviour>');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('<title id="timeliness-by-clock-title">');
    expect(html).toContain(lateAck);
    expect(html).toContain('(published)');

    const csv = await reports.get(`reports/${ORG}/2026-05/board-report.csv`);
    expect(csv?.contentType).toMatch(/^text\/csv/);
    const lines = String(csv?.body).split('\r\n');
    expect(lines[0]).toBe('section,measure,breakdown,value,count,of');
    expect(lines).toContain(
      'tsm,"CH01 stage 1 per 1,000 homes",overall,0.4,2,5000',
    );
    // Received Wed 6 May, due 13 May (5 working days), acknowledged 20 May.
    expect(lines).toContain(
      `timeliness,stage1.acknowledge breach,${lateAck},5,,`,
    );

    const mail = await ses.sent();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe('Complaints report to the Board: 2026-05');
    expect(mail[0]?.destination.to.join(',')).toContain(BOARD[0]);
    expect(mail[0]?.destination.to.join(',')).toContain(BOARD[1]);
    expect(mail[0]?.body.html).toContain('CH02');
    // Links to the period in the staff console (sign-in required), not
    // to the bucket.
    expect(mail[0]?.body.html).toContain(
      `<a href="${SITE}/console/reports/2026-05/board-report.html">`,
    );
    expect(mail[0]?.body.html).toContain(
      `<a href="${SITE}/console/reports/2026-05/board-report.csv">`,
    );
    expect(mail[0]?.body.text).toContain(
      `${SITE}/console/reports/2026-05/board-report.json`,
    );
    expect(mail[0]?.body.html).not.toContain('s3://');
    expect(mail[0]?.body.html).not.toContain(BUCKET);
    expect(mail[0]?.body.text).not.toContain('s3://');
    expect(mail[0]?.body.text).toContain(
      'CH01 stage 1: 0.40 per 1,000 homes (2 / 5000)',
    );
    expect(mail[0]?.body.text).toContain(
      'CH02 stage 1: 50% published (within-base)',
    );
    expect(mail[0]?.body.text).toContain('CH02 stage 2: n/a published');
    // Answered on time: in the counts, never in a breach list.
    expect(html).not.toContain(`<td>${onTime}</td>`);

    // Again for the same period: the same keys, rewritten; no second email.
    const again = await main({ from: '2026-05-01', to: '2026-05-31' });
    expect(again.keys).toEqual(result.keys);
    expect(await ses.sent()).toHaveLength(1);
    expect(await reports.list(`reports/${ORG}/2026-05/`)).toHaveLength(3);
  });

  it('counts a decline later reopened, and learning recorded at closure, from the histories', async () => {
    const reference = await seed({ received: '2027-02-01' });
    const common = {
      repository,
      organisationId: ORG,
      policy: policy as NonNullable<typeof policy>,
      newId: randomUUID,
      actor: { kind: 'staff' as const, id: 'manager-kim' },
      complaintId: reference,
    };
    const run = (date: string, command: Command) =>
      execute({ ...common, now: `${date}T10:00:00.000Z`, command });
    await run('2027-02-02', {
      type: 'decline',
      exclusionCode: 'previously-considered',
      reasons: 'Answered last year',
    });
    await run('2027-02-04', { type: 'reopen', reason: 'New evidence' });
    await run('2027-02-05', {
      type: 'acknowledge',
      stage: 1,
      definition: {
        issues: [{ id: 'i1', summary: 'Window', inScope: true }],
        outcomesSought: ['Replace the window'],
      },
    });
    await run('2027-02-12', {
      type: 'respond',
      stage: 1,
      decisions: [{ issueId: 'i1', decision: 'upheld', reasons: 'Rotten.' }],
      summary: 'We will replace the window.',
      remedies: [{ kind: 'apology', description: 'We are sorry.' }],
      actions: [{ description: 'Replace the frame', dueOn: '2027-02-26' }],
    });
    await run('2027-02-15', {
      type: 'close',
      reason: 'Answered',
      learning: 'Frames are surveyed before a <repair> is booked.',
    });
    const state = await repository.load(ORG, reference);
    expect(state?.declination).toBeUndefined();

    await main({ from: '2027-02-01', to: '2027-02-28' });

    const json = await reports.get(`reports/${ORG}/2027-02/board-report.json`);
    const figures = JSON.parse(String(json?.body));
    expect(figures.refusals.declined).toBe(1);
    expect(figures.refusals.declinedByReason).toEqual([
      expect.objectContaining({ code: 'previously-considered', count: 1 }),
    ]);
    expect(figures.tsm.ch01[0].overall.numerator).toBe(1);
    expect(figures.learning.counts).toEqual({
      completed: 0,
      overdue: 1,
      open: 0,
    });
    expect(figures.learning.byCategory[0].notes[0].text).toBe(
      'Frames are surveyed before a <repair> is booked.',
    );
    const html = String(
      (await reports.get(`reports/${ORG}/2027-02/board-report.html`))?.body,
    );
    expect(html).toContain('<h2>Themes and trends</h2>');
    expect(html).toContain(
      'Frames are surveyed before a &lt;repair&gt; is booked.',
    );
  });

  it('defaults to the calendar month before today and refuses a bad period', async () => {
    await ses.clear();
    const result = await main({});
    const today = new Date();
    const last = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1),
    );

    expect(result.period).toBe(last.toISOString().slice(0, 7));
    expect(await ses.sent()).toHaveLength(1);
    await expect(
      main({ from: '2026-05-31', to: '2026-05-01' }),
    ).rejects.toThrow(/after/);
    await expect(main({ from: 'yesterday' })).rejects.toThrow(/YYYY-MM-DD/);
  });
});
