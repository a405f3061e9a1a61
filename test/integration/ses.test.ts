import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  localCredentials,
  localRegion,
} from '../../infra/local/dynamodb-local.js';
import { type RunningSes, startSes } from '../../infra/local/ses.js';

const letter = Buffer.from('%PDF-1.7\nStage 1 response\n%%EOF\n');

let ses: RunningSes;
let client: SESv2Client;

beforeAll(async () => {
  ses = await startSes({ port: 0 });
  client = new SESv2Client({
    endpoint: ses.endpoint,
    region: localRegion,
    credentials: localCredentials,
  });
});

afterAll(async () => {
  client.destroy();
  await ses.stop();
});

beforeEach(() => ses.clear());

describe('the SES v2 stand-in, driven by the real SESv2Client', () => {
  it('keeps a simple SendEmail with its subject, addresses and attachment', async () => {
    const { MessageId } = await client.send(
      new SendEmailCommand({
        FromEmailAddress: 'complaints@livv.example',
        Destination: { ToAddresses: ['resident@example.com'] },
        Content: {
          Simple: {
            Subject: { Data: 'We have received your complaint HC-2026-0001' },
            Body: { Text: { Data: 'Dear resident, …' } },
            Attachments: [
              {
                FileName: 'acknowledgement.pdf',
                ContentType: 'application/pdf',
                RawContent: letter,
              },
            ],
          },
        },
      }),
    );

    const [mail, ...others] = await ses.sent();
    expect(others).toEqual([]);
    expect(mail).toMatchObject({
      messageId: MessageId,
      from: 'complaints@livv.example',
      destination: { to: ['resident@example.com'] },
      subject: 'We have received your complaint HC-2026-0001',
      body: { text: 'Dear resident, …' },
      attachments: [
        {
          filename: 'acknowledgement.pdf',
          contentType: 'application/pdf',
          content: letter.toString('base64'),
        },
      ],
    });
  });

  it('keeps a raw MIME SendEmail with its subject, addresses and attachment', async () => {
    const raw = await new MailComposer({
      from: 'Livv Complaints <complaints@livv.example>',
      to: 'resident@example.com',
      subject: 'Your stage 1 response, HC-2026-0001',
      text: 'Please find our response attached.',
      attachments: [
        {
          filename: 'stage-1-response.pdf',
          contentType: 'application/pdf',
          content: letter,
        },
      ],
    })
      .compile()
      .build();

    await client.send(
      new SendEmailCommand({
        Destination: { ToAddresses: ['resident@example.com'] },
        Content: { Raw: { Data: raw } },
      }),
    );

    const [mail] = await ses.sent();
    expect(mail).toMatchObject({
      from: '"Livv Complaints" <complaints@livv.example>',
      destination: { to: ['resident@example.com'] },
      subject: 'Your stage 1 response, HC-2026-0001',
      attachments: [
        {
          filename: 'stage-1-response.pdf',
          contentType: 'application/pdf',
          content: letter.toString('base64'),
          size: letter.length,
        },
      ],
    });
    expect(mail?.body.text?.trim()).toBe('Please find our response attached.');
  });

  it('forgets what was sent when cleared', async () => {
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: 'complaints@livv.example',
        Destination: { ToAddresses: ['resident@example.com'] },
        Content: {
          Simple: { Subject: { Data: 'x' }, Body: { Text: { Data: 'y' } } },
        },
      }),
    );

    await ses.clear();

    expect(await ses.sent()).toEqual([]);
  });

  it('serves the web page of sent mail', async () => {
    const response = await fetch(ses.mailPageUrl);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('/store');
  });

  it('reports its real port and refuses one already taken', async () => {
    expect(ses.endpoint).toBe(`http://127.0.0.1:${ses.port}`);
    await expect(startSes({ port: ses.port })).rejects.toThrow(
      /could not listen/,
    );
  });
});
