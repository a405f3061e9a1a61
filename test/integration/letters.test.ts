import { randomUUID } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type ComplaintDefinition,
  type ComplaintState,
  presetById,
  type Representative,
  type Resident,
} from '@hearth/domain';
import type {
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { simpleParser } from 'mailparser';
import { PDFDocument } from 'pdf-lib';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  inject,
  it,
  vi,
} from 'vitest';
import { DynamoDbComplaintRepository } from '../../functions/shared/adapters/dynamodb/complaint-repository.js';
import { keys } from '../../functions/shared/adapters/dynamodb/keys.js';
import { envKeys } from '../../functions/shared/env-keys.js';
import { outboxFilterPattern } from '../../functions/shared/table.js';
import { streamArnOf } from '../../infra/local/create-table.js';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import { lambdaContext } from '../../infra/local/lambda-runtime.js';
import { type RunningS3, startS3 } from '../../infra/local/s3/index.js';
import { type RunningSes, startSes } from '../../infra/local/ses.js';
import { startStreamPoller } from '../../infra/local/stream-poller.js';
import { acknowledgedComplaint, eventImage } from './support/decisions.js';
import { dynamoDbClient, freshTable } from './support/dynamodb.js';

const ORG = 'letters-org';
const BUCKET = 'hearth-letters-test';
const SENDER = 'complaints@riverside.example';
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
let handler: (
  event: DynamoDBStreamEvent,
  context: unknown,
) => Promise<DynamoDBBatchResponse>;
/** Each SendEmail input, as the letters job's SES client sent it. */
const sends: SendEmailCommandInput[] = [];
/** Fails the next matching call of the shared clients, to simulate outages. */
const faults: { sesTo?: string | undefined; transactWrites?: number } = {};
/** Everything the job wrote to stdout and stderr (its logs). */
let logs: string[] = [];

beforeAll(async () => {
  tableName = await freshTable(client);
  repository = new DynamoDbComplaintRepository({
    client: documents,
    tableName,
  });
  ses = await startSes({ port: 0 });
  s3 = await startS3({ port: 0, buckets: [BUCKET], log: () => undefined });
  // As Lambda does: configuration in the environment before the module loads.
  Object.assign(process.env, {
    [envKeys.tableName]: tableName,
    [envKeys.organisationId]: ORG,
    [envKeys.policyId]: 'code-2024',
    [envKeys.senderAddress]: SENDER,
    [envKeys.landlordName]: 'Riverside Homes',
    [envKeys.landlordAddress]: '1 Quay Street|Leeds|LS1 1AA',
    [envKeys.landlordPhone]: '0113 496 0000',
    [envKeys.lettersBucket]: BUCKET,
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    AWS_ENDPOINT_URL_SESV2: ses.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    POWERTOOLS_LOG_LEVEL: 'INFO',
  });
  const clients = await import('../../functions/shared/clients.js');
  clients.ses.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as SendEmailCommandInput;
      sends.push(input);
      const to = input.Destination?.ToAddresses ?? [];
      if (faults.sesTo !== undefined && to.includes(faults.sesTo)) {
        faults.sesTo = undefined;
        throw Object.assign(new Error(`Address blacklisted: ${to}`), {
          name: 'MessageRejected',
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'testSpy' },
  );
  clients.dynamoDb.middlewareStack.add(
    (next, context) => async (args) => {
      if (
        /TransactWrite/.test(String(context.commandName)) &&
        (faults.transactWrites ?? 0) > 0
      ) {
        faults.transactWrites = (faults.transactWrites ?? 0) - 1;
        throw new Error('Lambda crashed before recording the letter');
      }
      return next(args);
    },
    { step: 'initialize', name: 'testFaults' },
  );
  const module = await import('../../functions/letters/handler.js');
  handler = module.handler as unknown as typeof handler;
});

afterAll(async () => {
  client.destroy();
  await ses.stop();
  await s3.stop();
});

beforeEach(() => {
  logs = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
      logs.push(String(chunk));
      return true;
    });
  }
});
afterEach(() => vi.restoreAllMocks());

const definition: ComplaintDefinition = {
  issues: [
    {
      id: 'i1',
      summary: 'The kitchen window <b>will not close</b> & the frame is rotten',
      inScope: true,
    },
  ],
  outcomesSought: ['Replace the window'],
};

function aResident(overrides: Partial<Resident> = {}): Resident {
  return {
    name: 'Alex Resident',
    email: 'alex.resident@example.org',
    phone: '07700 900456',
    address: ['7 Mill Lane', 'Leeds', 'LS2 7ZZ'],
    preferredContact: 'email',
    formats: [],
    ...overrides,
  };
}

/** A complaint received from the web form and acknowledged at stage 1. */
const anAcknowledgedComplaint = (
  resident: Resident = aResident(),
  representative?: Representative,
) =>
  acknowledgedComplaint(
    {
      repository,
      organisationId: ORG,
      policy: policy as NonNullable<typeof policy>,
    },
    {
      resident,
      ...(representative === undefined ? {} : { representative }),
      outcomeSought: 'Replace the window',
      definition,
    },
  );

let sequence = 1000;

/** The stream record of a saved decision, as the event source delivers it. */
async function streamRecord(
  reference: string,
  version: number,
  change: (
    image: Record<string, AttributeValue>,
  ) => Record<string, AttributeValue> = (i) => i,
): Promise<DynamoDBRecord> {
  const key = keys.event(ORG, reference, version);
  const Item = await eventImage(client, tableName, ORG, reference, version);
  sequence += 1;
  return {
    eventID: randomUUID(),
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    awsRegion: localRegion,
    dynamodb: {
      Keys: { pk: { S: key.pk }, sk: { S: key.sk } },
      NewImage: change(Item) as never,
      SequenceNumber: String(sequence),
      StreamViewType: 'NEW_IMAGE',
    },
  };
}

const deliver = (...records: DynamoDBRecord[]) =>
  handler({ Records: records }, lambdaContext('letters'));

async function stateOf(reference: string): Promise<ComplaintState> {
  const state = await repository.load(ORG, reference);
  if (state === undefined) throw new Error(`No complaint ${reference}`);
  return state;
}

async function sentTo(address: string) {
  return (await ses.sent()).filter((mail) =>
    [...mail.destination.to, ...mail.destination.cc].some((to) =>
      to.includes(address),
    ),
  );
}

async function rawOf(input: SendEmailCommandInput | undefined) {
  return simpleParser(Buffer.from(input?.Content?.Raw?.Data ?? []));
}

describe('letters (stream → compose → check → SES / S3 → record)', () => {
  it('emails the stage 1 acknowledgement with the reference in the subject and our Message-ID, and records it', async () => {
    const email = `r-${randomUUID().slice(0, 8)}@example.org`;
    const reference = await anAcknowledgedComplaint(aResident({ email }));
    const before = sends.length;

    const result = await deliver(await streamRecord(reference, 2));

    expect(result.batchItemFailures).toEqual([]);
    const [mail, ...others] = await sentTo(email);
    expect(others).toEqual([]);
    expect(mail?.subject).toBe(
      `Your complaint: we have logged it at Stage 1 [${reference}]`,
    );
    expect(mail?.from).toBe(`"Riverside Homes" <${SENDER}>`);
    expect(mail?.body.text).toContain(`Our reference: ${reference}`);
    expect(mail?.body.html).toContain(
      '&lt;b&gt;will not close&lt;/b&gt; &amp; the frame',
    );
    const messageId = `<${reference}.stage1-acknowledgement.2@riverside.example>`;
    expect(sends.length).toBe(before + 1);
    const raw = await rawOf(sends.at(-1));
    expect(raw.messageId).toBe(messageId);
    expect(raw.subject).toBe(mail?.subject);
    expect(sends.at(-1)?.FromEmailAddress).toBe(SENDER);

    const state = await stateOf(reference);
    expect(state.letters).toEqual([
      expect.objectContaining({
        id: `${reference}/stage1-acknowledgement/2`,
        kind: 'stage1-acknowledgement',
        status: 'sent',
        messageId,
      }),
    ]);
  });

  it('sends nothing more when the same record is delivered again', async () => {
    const email = `r-${randomUUID().slice(0, 8)}@example.org`;
    const reference = await anAcknowledgedComplaint(aResident({ email }));
    const record = await streamRecord(reference, 2);
    await deliver(record);

    const again = await deliver(record);

    expect(again.batchItemFailures).toEqual([]);
    expect(await sentTo(email)).toHaveLength(1);
    expect((await stateOf(reference)).letters).toHaveLength(1);
  });

  it('never sends twice when the job dies between sending and recording', async () => {
    const email = `r-${randomUUID().slice(0, 8)}@example.org`;
    const reference = await anAcknowledgedComplaint(aResident({ email }));
    const record = await streamRecord(reference, 2);
    faults.transactWrites = 1;

    // A batch whose every record failed is thrown, and retried whole.
    await expect(deliver(record)).rejects.toThrow(/All records failed/);
    const redelivered = await deliver(record);

    expect(redelivered.batchItemFailures).toEqual([]);
    expect(await sentTo(email)).toHaveLength(1);
    expect((await stateOf(reference)).letters).toEqual([
      expect.objectContaining({
        status: 'sent',
        messageId: `<${reference}.stage1-acknowledgement.2@riverside.example>`,
      }),
    ]);
  });

  it('fails only the record whose SES call failed; the other complaint is sent, and the failed one on retry', async () => {
    const failing = `fail-${randomUUID().slice(0, 8)}@example.org`;
    const fine = `ok-${randomUUID().slice(0, 8)}@example.org`;
    const a = await anAcknowledgedComplaint(aResident({ email: failing }));
    const b = await anAcknowledgedComplaint(aResident({ email: fine }));
    const recordA = await streamRecord(a, 2);
    const recordB = await streamRecord(b, 2);
    faults.sesTo = failing;

    const first = await deliver(recordA, recordB);

    expect(first.batchItemFailures).toEqual([
      { itemIdentifier: recordA.dynamodb?.SequenceNumber },
    ]);
    expect(await sentTo(failing)).toHaveLength(0);
    expect(await sentTo(fine)).toHaveLength(1);
    expect((await stateOf(a)).letters).toEqual([]);
    expect(logs.join('')).not.toContain(failing);

    const retry = await deliver(recordA);

    expect(retry.batchItemFailures).toEqual([]);
    expect(await sentTo(failing)).toHaveLength(1);
    expect((await stateOf(a)).letters[0]?.status).toBe('sent');
  });

  it('prints a PDF for a resident who prefers post, stores it in S3 and queues it for post', async () => {
    const { email: _postOnly, ...resident } = aResident({
      preferredContact: 'post',
    });
    const reference = await anAcknowledgedComplaint(resident);
    const before = (await ses.sent()).length;

    await deliver(await streamRecord(reference, 2));

    const key = `letters/${ORG}/${reference}/stage1-acknowledgement-2.pdf`;
    const object = s3.objects(BUCKET).find((o) => o.key === key);
    expect(object?.contentType).toBe('application/pdf');
    const pdf = await PDFDocument.load(object?.body ?? Buffer.alloc(0));
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(pdf.getTitle()).toContain(reference);
    expect((await ses.sent()).length).toBe(before);
    expect((await stateOf(reference)).letters).toEqual([
      expect.objectContaining({ status: 'queued-for-post', pdfKey: key }),
    ]);
  });

  it('sends the letter to a representative the resident consented to, with the resident copied', async () => {
    const email = `r-${randomUUID().slice(0, 8)}@example.org`;
    const adviser = `adviser-${randomUUID().slice(0, 8)}@advice.example`;
    const reference = await anAcknowledgedComplaint(aResident({ email }), {
      name: 'Sam Adviser',
      relationship: 'Citizens Advice adviser',
      email: adviser,
      consentOn: '2026-01-01',
    });

    await deliver(await streamRecord(reference, 2));

    const [mail] = await sentTo(adviser);
    expect(mail?.destination.to.join()).toContain(adviser);
    expect(mail?.destination.cc.join()).toContain(email);
    expect(mail?.body.text).toContain('Dear Sam Adviser,');
    expect(sends.at(-1)?.Destination).toEqual({
      ToAddresses: [adviser],
      CcAddresses: [email],
    });
  });

  it('records a letter missing mandatory elements as blocked, and sends nothing', async () => {
    const email = `r-${randomUUID().slice(0, 8)}@example.org`;
    const reference = await anAcknowledgedComplaint(aResident({ email }));
    // A stage 1 response for a complaint with no response yet: no decisions.
    const record = await streamRecord(reference, 2, (image) => ({
      ...image,
      intents: {
        L: [
          {
            M: {
              type: { S: 'send-letter' },
              letterId: { S: `${reference}/stage1-response/2` },
              kind: { S: 'stage1-response' },
              stage: { N: '1' },
            },
          },
        ],
      },
    }));

    const result = await deliver(record);

    expect(result.batchItemFailures).toEqual([]);
    expect(await sentTo(email)).toEqual([]);
    const [letter] = (await stateOf(reference)).letters;
    expect(letter).toMatchObject({
      id: `${reference}/stage1-response/2`,
      status: 'blocked',
    });
    expect(letter?.missing).toEqual(expect.arrayContaining(['decisions']));
    expect(logs.join('')).toMatch(/Letter blocked/);
  });

  it('logs the reference and a correlation id, never the resident’s name, email, phone or address', async () => {
    const reference = await anAcknowledgedComplaint();

    await deliver(await streamRecord(reference, 2));

    const lines = logs
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        message: 'Letter sent',
        reference,
        correlation_id: `${reference}/stage1-acknowledgement/2`,
      }),
    );
    const all = logs.join('');
    for (const secret of [
      'Alex Resident',
      'alex.resident@example.org',
      '07700 900456',
      '7 Mill Lane',
    ]) {
      expect(all).not.toContain(secret);
    }
  });

  it('works behind the real stream poller: each letter once, the whole stream redelivered harmlessly', async () => {
    const email = `r-${randomUUID().slice(0, 8)}@example.org`;
    const reference = await anAcknowledgedComplaint(aResident({ email }));
    const streams = new DynamoDBStreamsClient({
      endpoint: inject('dynamodbEndpoint'),
      region: localRegion,
      credentials: localCredentials,
    });
    const poller = await startStreamPoller({
      client: streams,
      streamArn: await streamArnOf(client, tableName),
      pollMs: 20,
      consumers: [
        {
          name: 'letters',
          filter: outboxFilterPattern,
          invoke: (event) =>
            handler(event as DynamoDBStreamEvent, lambdaContext('letters')),
        },
      ],
    });

    await poller.drain();
    await poller.stop();
    streams.destroy();

    expect(await sentTo(email)).toHaveLength(1);
    const mails = (await ses.sent()).map(
      (mail) => `${mail.destination.to.join()}|${mail.subject}`,
    );
    expect(new Set(mails).size).toBe(mails.length);
    expect((await stateOf(reference)).letters[0]?.status).toBe('sent');
  });
});
