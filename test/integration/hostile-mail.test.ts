/**
 * Hostile mail in: attachment names that try to leave the attachment's S3
 * prefix (traversal, absolute paths, NUL, very long, RTL overrides), and
 * attachments over the limits, which are quarantined, never kept. Keys are
 * read back from the local S3, as stored.
 */
import { randomUUID } from 'node:crypto';
import {
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbComplaintRepository } from '../../functions/shared/adapters/dynamodb/complaint-repository.js';
import { envKeys } from '../../functions/shared/env-keys.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import { lambdaContext } from '../../infra/local/lambda-runtime.js';
import { type RunningS3, startS3 } from '../../infra/local/s3/index.js';
import { s3Event } from '../../infra/local/start.js';
import { dynamoDbClient, freshTable } from './support/dynamodb.js';
import { expectEveryCaseWhole, scanTable } from './support/hostile.js';

const BUCKET = 'hearth-mail';
const ORG = 'mailbox-org';
const client = dynamoDbClient();
let tableName: string;
let s3: RunningS3;
let objects: S3Client;
let repository: DynamoDbComplaintRepository;
let handler: (event: unknown, context: unknown) => Promise<void>;

beforeAll(async () => {
  tableName = await freshTable(client);
  s3 = await startS3({ port: 0, buckets: [BUCKET], log: () => undefined });
  objects = new S3Client({
    endpoint: s3.endpoint,
    forcePathStyle: true,
    region: localRegion,
    credentials: localCredentials,
  });
  repository = new DynamoDbComplaintRepository({
    client: DynamoDBDocumentClient.from(client),
    tableName,
  });
  Object.assign(process.env, {
    [envKeys.tableName]: tableName,
    [envKeys.organisationId]: ORG,
    [envKeys.policyId]: 'code-2024',
    [envKeys.mailBucket]: BUCKET,
    [envKeys.senderAddress]: 'complaints@riverside.example',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  handler = (await import('../../functions/email-intake/handler.js'))
    .handler as unknown as typeof handler;
});

afterAll(async () => {
  objects.destroy();
  await s3.stop();
  client.destroy();
});

/** Stores the raw message as SES does, then invokes the function on it. */
async function deliver(raw: Buffer): Promise<string> {
  const key = `inbound/${randomUUID()}`;
  await objects.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: raw }),
  );
  await handler(
    s3Event(BUCKET, key, raw.length),
    lambdaContext('email-intake'),
  );
  return key;
}

function compose(
  attachments: MailComposer.Options['attachments'],
): Promise<Buffer> {
  return new MailComposer({
    from: 'Alex Resident <alex@example.org>',
    to: 'complaints@riverside.example',
    subject: 'Damp in the bedroom',
    text: 'The bedroom wall is wet again and the mould is back.',
    messageId: `<${randomUUID()}@example.org>`,
    date: new Date(),
    attachments,
  })
    .compile()
    .build();
}

async function keysUnder(prefix: string): Promise<string[]> {
  const { Contents = [] } = await objects.send(
    new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }),
  );
  return Contents.map((c) => c.Key ?? '');
}

async function complaintIds(): Promise<string[]> {
  const items = await scanTable({
    endpoint: inject('dynamodbEndpoint'),
    tableName,
  });
  return items
    .filter((i) => i.kind === 'complaint')
    .map((i) => String(i.complaintId));
}

/** Names that try to leave the prefix, hide their type, or break a key. */
const NAMES = [
  '../../x',
  '../../../../etc/passwd',
  '/etc/shadow',
  'C:\\Windows\\System32\\evil.dll',
  '..\\..\\win.ini',
  'a/../../b.txt',
  '%2e%2e%2fescaped.txt',
  'report\u0000.pdf.exe',
  `${'long'.repeat(200)}.pdf`,
  'photo\u202Egpj.exe',
  '\u202Etxt.exe',
  'ünïcödé 📎 photo.png',
  '.htaccess',
  '..',
  '   ',
  'CON',
];

describe(`attachment names that try to leave their prefix (${NAMES.length} names)`, () => {
  it('keeps every file under attachments/<reference>/, with a safe name, and lists the same keys on the case', async () => {
    const before = await complaintIds();
    const raw = await compose(
      NAMES.map((filename, i) => ({
        filename,
        content: Buffer.from(`file ${i}`),
        contentType: 'application/octet-stream',
      })),
    );

    await deliver(raw);

    const [reference] = (await complaintIds()).filter(
      (id) => !before.includes(id),
    );
    expect(reference).toMatch(/^HTH-\d{4}-\d{6}$/);
    const state = await repository.load(ORG, reference ?? '');
    const stored = await keysUnder('attachments/');
    const listed = (state?.attachments ?? []).map((a) => a.key);
    expect(listed).toHaveLength(NAMES.length);
    expect(stored.sort()).toEqual([...listed].sort());
    for (const key of stored) {
      expect(key).toMatch(
        new RegExp(
          `^attachments/${reference}/[0-9a-f-]{36}-[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`,
        ),
      );
      expect(key.split('/')).toHaveLength(3);
      expect(key).not.toContain('..');
    }
    for (const attachment of state?.attachments ?? []) {
      expect(attachment.filename).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/);
    }
    // Only the raw message and the files: nothing written anywhere else.
    const everything = await keysUnder('');
    expect(
      everything.filter(
        (k) => !k.startsWith('inbound/') && !k.startsWith('attachments/'),
      ),
    ).toEqual([]);
  });
});

describe('attachments over the limits', () => {
  it.each([
    [
      'too-many-attachments',
      '51 files (the limit is 50)',
      () =>
        compose(
          Array.from({ length: 51 }, (_, i) => ({
            filename: `photo-${i}.jpg`,
            content: Buffer.from(`photo ${i}`),
            contentType: 'image/jpeg',
          })),
        ),
    ],
    [
      'too-large',
      'one file that takes the message past 25 MB',
      () =>
        compose([
          {
            filename: 'video.mp4',
            content: Buffer.alloc(19 * 1024 * 1024, 7),
            contentType: 'video/mp4',
          },
        ]),
    ],
  ] as const)(
    'quarantines %s (%s), keeping no file and opening no case',
    async (reason, _, build) => {
      const before = await complaintIds();
      const attachmentsBefore = await keysUnder('attachments/');
      const raw = await build();

      const key = await deliver(raw);

      const held = await keysUnder(`quarantine/`);
      const target = held.find((k) => k.endsWith(key));
      expect(target).toBeDefined();
      const { Metadata } = await objects.send(
        new HeadObjectCommand({ Bucket: BUCKET, Key: target }),
      );
      expect(Metadata).toEqual({ reason });
      expect(await complaintIds()).toEqual(before);
      expect(await keysUnder('attachments/')).toEqual(attachmentsBefore);
    },
  );

  it('leaves every case whole', async () => {
    await expectEveryCaseWhole({
      endpoint: inject('dynamodbEndpoint'),
      tableName,
    });
  });
});
