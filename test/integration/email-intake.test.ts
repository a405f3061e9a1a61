import { randomUUID } from 'node:crypto';
import {
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { keys } from '../../functions/shared/adapters/dynamodb/keys.js';
import { envKeys } from '../../functions/shared/env-keys.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import { lambdaContext } from '../../infra/local/lambda-runtime.js';
import { type RunningS3, startS3 } from '../../infra/local/s3/index.js';
import { mimeArbitraries } from '../fixtures/mail/mime-arbitraries.js';
import { dynamoDbClient, freshTable } from './support/dynamodb.js';

const bucket = 'hearth-mail';
const org = 'mail-org';
const ours = 'livewest.example';
const client = dynamoDbClient();
const documents = DynamoDBDocumentClient.from(client);
let s3: RunningS3;
let objects: S3Client;
let tableName: string;
let handler: (event: unknown, context: unknown) => Promise<void>;
/** Every line the function logged (Powertools writes to stdout/stderr). */
const logged: string[] = [];

beforeAll(async () => {
  tableName = await freshTable(client);
  s3 = await startS3({ port: 0, buckets: [bucket], log: () => {} });
  objects = new S3Client({
    endpoint: s3.endpoint,
    forcePathStyle: true,
    region: localRegion,
    credentials: localCredentials,
  });
  // As Lambda does: configuration in the environment before the module loads.
  Object.assign(process.env, {
    [envKeys.tableName]: tableName,
    [envKeys.organisationId]: org,
    [envKeys.policyId]: 'code-2024',
    [envKeys.mailBucket]: bucket,
    [envKeys.senderAddress]: `complaints@${ours}`,
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'INFO',
  });
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
      logged.push(String(chunk));
      return true;
    });
  }
  const module = await import('../../functions/email-intake/handler.js');
  handler = module.handler as unknown as typeof handler;
});

afterAll(async () => {
  vi.restoreAllMocks();
  objects.destroy();
  await s3.stop();
  client.destroy();
});

/** The notification S3 sends, the key URL-encoded as S3 encodes it. */
function notification(key: string, size: number, from = bucket) {
  const encoded = encodeURIComponent(key)
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/');
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'eu-west-2',
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'hearth-mail-in',
          bucket: { name: from, arn: `arn:aws:s3:::${from}` },
          object: { key: encoded, size },
        },
      },
    ],
  };
}

/** Stores the raw message as SES would, then invokes the function. */
async function deliver(raw: Buffer, key = `inbound/${randomUUID()} mail.eml`) {
  await objects.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: raw }),
  );
  await handler(notification(key, raw.length), lambdaContext('email-intake'));
  return key;
}

function compose(options: MailComposer.Options): Promise<Buffer> {
  return new MailComposer({
    to: `Complaints <complaints@${ours}>`,
    date: new Date(),
    ...options,
  })
    .compile()
    .build();
}

async function scan(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

/** The case items only: states, events and counters (not idempotency). */
async function caseItems() {
  return (await scan()).filter((i) => !String(i.pk).includes('#IDEMPOTENCY'));
}

const eventCount = async () =>
  (await scan()).filter((i) => String(i.sk).startsWith(keys.eventPrefix))
    .length;

const states = async () =>
  (await scan()).filter((i) => i.sk === 'STATE') as {
    complaintId: string;
    version: number;
    state: { correspondence: unknown[] };
  }[];

async function state(reference: string) {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.complaint(org, reference),
      ConsistentRead: true,
    }),
  );
  return Item?.state;
}

async function events(reference: string) {
  const { Items } = await documents.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: {
        ':pk': keys.complaint(org, reference).pk,
        ':events': keys.eventPrefix,
      },
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
}

/** The function's own report of what it did with the object at `key`. */
function outcomeOf(key: string): Record<string, unknown> {
  const line = logged
    .flatMap((chunk) => chunk.split('\n'))
    .filter((l) => l.includes('"Mail processed"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .findLast((l) => l.key === key);
  if (line === undefined) throw new Error(`no outcome logged for ${key}`);
  return line;
}

async function quarantined(key: string) {
  const { Metadata } = await objects.send(
    new HeadObjectCommand({ Bucket: bucket, Key: key }),
  );
  return Metadata;
}

const photo = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256));

async function newComplaint(from: string, subject = 'Damp in the bedroom') {
  const raw = await compose({
    from,
    subject,
    messageId: `<${randomUUID()}@mail.example.org>`,
    text: 'Black mould on the wall behind the bed since September.',
    attachments: [
      { filename: 'wall photo.jpg', content: photo, contentType: 'image/jpeg' },
    ],
  });
  const key = await deliver(raw);
  return { raw, key, reference: String(outcomeOf(key).reference) };
}

describe('email-intake', () => {
  it('opens an email complaint with its photo stored and listed, and asks for the receipt letter', async () => {
    const { key, reference } = await newComplaint(
      'Alex Resident <alex@example.org>',
    );

    expect(outcomeOf(key)).toMatchObject({
      outcome: 'complaint',
      attachments: 1,
    });
    const received = await state(reference);
    expect(received).toMatchObject({
      reference,
      channel: 'email',
      status: 'stage1-received',
      resident: {
        name: 'Alex Resident',
        email: 'alex@example.org',
        preferredContact: 'email',
      },
    });
    const [file] = received?.attachments ?? [];
    expect(file).toMatchObject({
      filename: 'wall_photo.jpg',
      contentType: 'image/jpeg',
      size: photo.length,
    });
    const stored = s3.objects(bucket).find((o) => o.key === file.key);
    expect(stored?.body.equals(photo)).toBe(true);
    const [event] = await events(reference);
    expect(event?.intents).toContainEqual(
      expect.objectContaining({
        type: 'send-letter',
        kind: 'receipt-confirmation',
      }),
    );
  });

  it('makes one complaint of the same email delivered twice', async () => {
    const before = (await states()).length;
    const { raw, key, reference } = await newComplaint('sam@example.com');

    const again = await deliver(raw);

    expect(outcomeOf(again)).toMatchObject({ outcome: 'complaint', reference });
    expect(outcomeOf(key)).toMatchObject({ reference });
    expect((await states()).length).toBe(before + 1);
  });

  it('threads the resident’s reply to our letter onto the complaint', async () => {
    const { reference } = await newComplaint('Pat <pat@example.org>');
    const letterId = `<${reference}.receipt-confirmation.1@${ours}>`;
    const before = (await states()).length;

    const key = await deliver(
      await compose({
        from: 'Pat <PAT@example.org>',
        subject: 'Re: We have your complaint',
        messageId: `<${randomUUID()}@mail.example.org>`,
        inReplyTo: letterId,
        references: [letterId],
        text: 'Thank you. Thursday morning suits me.',
      }),
    );

    expect(outcomeOf(key)).toMatchObject({
      outcome: 'correspondence',
      reference,
    });
    expect((await states()).length).toBe(before);
    expect((await state(reference))?.correspondence).toEqual([
      expect.objectContaining({
        direction: 'in',
        channel: 'email',
        summary: 'Thank you. Thursday morning suits me.',
      }),
    ]);
    expect(await events(reference)).toHaveLength(2);
  });

  it('opens a new complaint for a stranger quoting someone’s reference', async () => {
    const { reference } = await newComplaint('Jo <jo@example.org>');
    const letterId = `<${reference}.receipt-confirmation.1@${ours}>`;

    const key = await deliver(
      await compose({
        from: 'mallory@attacker.example',
        subject: `Re: [${reference}]`,
        inReplyTo: letterId,
        text: 'Please add this to the case.',
      }),
    );

    const outcome = outcomeOf(key);
    expect(outcome).toMatchObject({ outcome: 'complaint' });
    expect(outcome.reference).not.toBe(reference);
    expect((await state(reference))?.correspondence).toEqual([]);
  });

  it('quarantines a message without From and writes nothing to the table', async () => {
    const before = await scan();
    const raw = Buffer.from(
      'To: complaints@livewest.example\r\nSubject: anonymous\r\n\r\nNo sender.\r\n',
    );

    const key = await deliver(raw);

    expect(outcomeOf(key)).toMatchObject({
      outcome: 'quarantined',
      reason: 'no-from',
    });
    const target = String(outcomeOf(key).quarantineKey);
    expect(target).toBe(
      `quarantine/${new Date().toISOString().slice(0, 10)}/${key}`,
    );
    expect(await quarantined(target)).toEqual({ reason: 'no-from' });
    expect(await scan()).toHaveLength(before.length);
  });

  it('quarantines an object over 25 MB as too-large', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: big@example.org\r\nSubject: big\r\n\r\n'),
      Buffer.alloc(25 * 1024 * 1024, 0x61),
    ]);

    const key = await deliver(raw);

    expect(outcomeOf(key)).toMatchObject({
      outcome: 'quarantined',
      reason: 'too-large',
    });
    expect(await quarantined(String(outcomeOf(key).quarantineKey))).toEqual({
      reason: 'too-large',
    });
  });

  it('ignores the objects it writes itself, and refuses another bucket', async () => {
    const context = lambdaContext('email-intake');
    const own = notification('attachments/HTH-2026-000001/x-photo.jpg', 10);

    await expect(handler(own, context)).resolves.toBeUndefined();
    const foreign = notification('inbound/x.eml', 10, 'someone-else');
    await expect(handler(foreign, context)).rejects.toThrow(/not ours/);
  });

  it('never logs a sender, a name or a subject', () => {
    const log = logged.join('\n').toLowerCase();
    for (const secret of [
      'alex@example.org',
      'alex resident',
      'pat@example.org',
      'mallory@attacker.example',
      'damp in the bedroom',
      'black mould',
      'thursday morning',
      'anonymous',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});

// ── fuzz: hostile raw MIME never crashes and never half-writes a case ───

const mime = mimeArbitraries({ ours, year: new Date().getFullYear() });

describe('email-intake under fuzzed raw MIME', () => {
  it('never throws, and each message is one complaint, one correspondence or one quarantine', async () => {
    const references = new Set((await states()).map((s) => s.complaintId));

    await fc.assert(
      fc.asyncProperty(mime.any, fc.boolean(), async (raw, twice) => {
        const before = await eventCount();
        const key = await deliver(raw, `fuzz/${randomUUID()}.eml`);
        const outcome = outcomeOf(key);
        const written = (await eventCount()) - before;
        if (twice) {
          const again = outcomeOf(
            await deliver(raw, `fuzz/${randomUUID()}.eml`),
          );
          expect(again.outcome).toBe(outcome.outcome);
          expect(again.reference).toBe(outcome.reference);
          expect(await eventCount()).toBe(before + written);
        }

        if (outcome.outcome === 'quarantined') {
          expect(written).toBe(0);
          expect(await quarantined(String(outcome.quarantineKey))).toEqual({
            reason: outcome.reason,
          });
        } else {
          expect(['complaint', 'correspondence']).toContain(outcome.outcome);
          // One message, one decision at most: a new case or a line on one.
          const isNew = !references.has(String(outcome.reference));
          if (outcome.outcome === 'complaint') {
            expect(written).toBe(isNew ? 1 : 0);
          } else {
            expect([0, 1]).toContain(written);
          }
          expect(await state(String(outcome.reference))).toBeDefined();
          references.add(String(outcome.reference));
        }
        // No stray case, and never a state without all its event items.
        const items = await caseItems();
        const found = items.filter((i) => i.sk === 'STATE');
        expect(new Set(found.map((s) => s.complaintId))).toEqual(references);
        for (const s of found) {
          const versions = items
            .filter((i) => i.pk === s.pk && String(i.sk).startsWith('EVENT#'))
            .map((i) => i.version);
          expect(versions).toHaveLength(Number(s.version));
        }
      }),
      { numRuns: 150 },
    );
  }, 240_000);
});
