import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { londonDate, presetById } from '@hearth/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbComplaintRepository } from '../../functions/shared/adapters/dynamodb/complaint-repository.js';
import { S3ObjectStore } from '../../functions/shared/adapters/s3/object-store.js';
import { execute } from '../../functions/shared/service.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import type { LocalStack } from '../../infra/local/start.js';
import { reportCommand } from '../../infra/tools/report.js';
import { freePort } from './support/global-setup.js';
import { root, startTestStack } from './support/stack.js';

const ORG = 'report-stack';
const policy = presetById('code-2024');
if (policy === undefined) throw new Error('no code-2024 preset');

let stack: LocalStack;
let db: DynamoDBDocumentClient;
let s3: S3Client;

beforeAll(async () => {
  stack = await startTestStack({ organisationId: ORG });
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: String(stack.urls['DynamoDB Local']),
      region: localRegion,
      credentials: localCredentials,
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  s3 = new S3Client({
    endpoint: String(process.env.AWS_ENDPOINT_URL_S3),
    region: localRegion,
    credentials: localCredentials,
    forcePathStyle: true,
  });
}, 120_000);

afterAll(async () => {
  db?.destroy();
  s3?.destroy();
  await stack?.stop();
});

/**
 * The London month of `now`: the cron that fires on the next 1st reports
 * on the month before its scheduled time, this one. Its first day, early,
 * is never in the future.
 */
function thisMonth(now: Date): { label: string; day: string } {
  const label = londonDate(now.toISOString()).slice(0, 7);
  return { label, day: `${label}-01` };
}

describe('npm start: the monthly Board report', () => {
  it('runs when the Scheduler stand-in reaches the 1st at 07:00, stores the report and mails the Board', async () => {
    const now = new Date();
    const { label, day } = thisMonth(now);
    const repository = new DynamoDbComplaintRepository({
      client: db,
      tableName: 'hearth-local',
    });
    const reference = await repository.nextReference(ORG, 2026);
    await execute({
      repository,
      organisationId: ORG,
      policy: policy as NonNullable<typeof policy>,
      newId: randomUUID,
      now: `${day}T00:30:00.000Z`,
      actor: { kind: 'resident', id: 'web-form' },
      command: {
        type: 'receive',
        id: reference,
        reference,
        channel: 'web',
        receivedAt: `${day}T00:30:00.000Z`,
        summary: 'The lift has been out of order for a week.',
        resident: {
          name: 'Sam',
          email: 'sam@example.org',
          preferredContact: 'email',
          formats: [],
        },
      },
    });
    await stack.ses.clear();

    // The next 1st of the month, past 07:00 London in summer and winter.
    const next = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 8),
    );
    await stack.scheduler.clock.set(next);

    const fired = stack.scheduler
      .firings()
      .filter((f) => f.scheduleName === 'hearth-board-report');
    expect(fired.map((f) => f.ok)).toEqual([true]);
    expect(stack.scheduler.deadLetters()).toEqual([]);
    const store = new S3ObjectStore(s3, 'hearth-reports');
    expect((await store.list(`reports/${ORG}/`)).sort()).toEqual([
      `reports/${ORG}/${label}/board-report.csv`,
      `reports/${ORG}/${label}/board-report.html`,
      `reports/${ORG}/${label}/board-report.json`,
    ]);
    const json = JSON.parse(
      String(
        (await store.get(`reports/${ORG}/${label}/board-report.json`))?.body,
      ),
    );
    expect(json.tsm.ch01[0].overall.numerator).toBe(1);
    const board = (await stack.ses.sent()).filter(
      (m) => m.subject === `Complaints report to the Board: ${label}`,
    );
    expect(board).toHaveLength(1);
    expect(board[0]?.destination.to.join(',')).toContain(
      `board@${ORG}.localhost`,
    );
    // The email links to the console on the local site, not to the bucket.
    expect(board[0]?.body.html).toContain(
      `href="${String(stack.urls.site)}/console/reports/${label}/board-report.html"`,
    );
    expect(board[0]?.body.html).not.toContain('s3://');
  }, 120_000);

  it('npm run report: writes the three files for any period from the local table, or says how to start', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'hearth-report-'));
    const lines: string[] = [];
    const errors: string[] = [];
    const io = {
      root,
      out: (line: string) => lines.push(line),
      err: (line: string) => errors.push(line),
    };
    try {
      const port = new URL(String(stack.urls['DynamoDB Local'])).port;
      const code = await reportCommand(
        [
          '--from',
          '2026-04-01',
          '--to',
          '2026-11-30',
          '--out',
          out,
          '--organisation',
          ORG,
          '--dynamodb-port',
          port,
        ],
        {},
        io,
      );

      expect(errors.join('\n')).toContain('Board report 2026-04-01_2026-11-30');
      expect(code).toBe(0);
      expect(lines.map((l) => path.basename(l))).toEqual([
        'board-report.html',
        'board-report.csv',
        'board-report.json',
      ]);
      const json = JSON.parse(
        await readFile(path.join(out, 'board-report.json'), 'utf8'),
      );
      expect(json.period.label).toBe('2026-04-01_2026-11-30');

      errors.length = 0;
      const none = await reportCommand(
        [
          '--from',
          '2026-04-01',
          '--to',
          '2026-11-30',
          '--data-dir',
          path.join(out, 'no-such-folder'),
          '--dynamodb-port',
          String(await freePort()),
        ],
        {},
        io,
      );
      expect(none).toBe(1);
      expect(errors.join('\n')).toMatch(/npm start/);
      expect(await reportCommand(['--from', '2026-04-01'], {}, io)).toBe(2);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 60_000);
});
