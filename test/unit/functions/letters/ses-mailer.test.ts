import type { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import {
  type OutgoingMail,
  rawMessage,
  SesMailer,
} from '../../../../functions/shared/adapters/ses/mailer.js';

const mail: OutgoingMail = {
  from: { name: 'Riverside Homes', address: 'complaints@riverside.example' },
  to: [{ name: 'Mr Daniel Okafor', address: 'daniel.okafor@advice.example' }],
  cc: [{ name: 'Ms Aisha Khan', address: 'aisha.khan@example.org' }],
  subject: 'Your complaint: we have logged it at Stage 1 [HTH-2026-000001]',
  html: '<p>Dear Mr Okafor,</p>',
  text: 'Dear Mr Okafor,\n',
  messageId: '<HTH-2026-000001.stage1-acknowledgement.2@riverside.example>',
  inReplyTo: '<CAF=resident@mail.example>',
  references: ['<CAF=resident@mail.example>'],
};

/** A stand-in SES client that keeps each command and answers with an id. */
function fakeSes(
  answer: () => Promise<unknown> = async () => ({ MessageId: 'ses-1' }),
) {
  const sent: SendEmailCommand[] = [];
  const client = {
    send: async (command: SendEmailCommand) => {
      sent.push(command);
      return answer();
    },
  } as unknown as SESv2Client;
  return { client, sent };
}

describe('rawMessage', () => {
  it('carries our Message-ID, From, To, Cc, the subject with the reference, and the thread', async () => {
    const parsed = await simpleParser(await rawMessage(mail));

    expect(parsed.messageId).toBe(mail.messageId);
    expect(parsed.from?.value).toEqual([
      { name: 'Riverside Homes', address: 'complaints@riverside.example' },
    ]);
    expect(parsed.to).toMatchObject({
      value: [
        { name: 'Mr Daniel Okafor', address: 'daniel.okafor@advice.example' },
      ],
    });
    expect(parsed.cc).toMatchObject({
      value: [{ name: 'Ms Aisha Khan', address: 'aisha.khan@example.org' }],
    });
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.inReplyTo).toBe('<CAF=resident@mail.example>');
    // Our own id last: SES replaces Message-ID, replies still name ours.
    expect(parsed.references).toEqual([
      '<CAF=resident@mail.example>',
      mail.messageId,
    ]);
    expect(parsed.text?.trim()).toBe('Dear Mr Okafor,');
    expect(parsed.html).toContain('<p>Dear Mr Okafor,</p>');
    expect(parsed.headers.get('content-type')).toMatchObject({
      value: 'multipart/alternative',
    });
  });

  it('encodes names and subjects outside ASCII, and keeps header injection out', async () => {
    const raw = await rawMessage({
      ...mail,
      to: [
        {
          name: 'Zażółć Gęślą\r\nBcc: evil@x.example',
          address: 'r@example.org',
        },
      ],
      subject: 'Skarga — “łódź” 🏠\r\nBcc: evil@x.example',
    });
    const parsed = await simpleParser(raw);

    expect(raw.toString('latin1')).not.toMatch(/^Bcc:/im);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.to).toMatchObject({ value: [{ address: 'r@example.org' }] });
    expect(parsed.subject).toContain('“łódź” 🏠');
  });

  it('refuses a Message-ID that is not <local@domain>', async () => {
    await expect(
      rawMessage({ ...mail, messageId: 'no-brackets@x' }),
    ).rejects.toThrow(/Not a Message-ID/);
    await expect(rawMessage({ ...mail, to: [] })).rejects.toThrow(/To address/);
  });
});

describe('SesMailer', () => {
  it('sends the raw message with an explicit envelope and From identity', async () => {
    const ses = fakeSes();

    const result = await new SesMailer(ses.client).send(mail);

    expect(result).toEqual({ sesMessageId: 'ses-1' });
    const [command] = ses.sent;
    expect(command?.input).toMatchObject({
      FromEmailAddress: 'complaints@riverside.example',
      Destination: {
        ToAddresses: ['daniel.okafor@advice.example'],
        CcAddresses: ['aisha.khan@example.org'],
      },
    });
    const raw = Buffer.from(command?.input.Content?.Raw?.Data ?? []);
    expect(raw.toString()).toContain(`Message-ID: ${mail.messageId}`);
  });

  it('lets an SES failure through to the caller', async () => {
    const ses = fakeSes(async () => {
      throw Object.assign(new Error('Throttling'), {
        name: 'TooManyRequestsException',
      });
    });

    await expect(new SesMailer(ses.client).send(mail)).rejects.toThrow(
      'Throttling',
    );
  });
});
