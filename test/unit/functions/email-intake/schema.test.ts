import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mailEventSchema } from '../../../../functions/email-intake/schema.js';

/** An S3 event notification as S3 sends it for an SES-stored message. */
const captured = JSON.parse(
  readFileSync(
    new URL(
      '../../../fixtures/mail/s3-object-created.event.json',
      import.meta.url,
    ),
    'utf8',
  ),
);

function withKey(key: string) {
  const event = structuredClone(captured);
  event.Records[0].s3.object.key = key;
  return event;
}

describe('mailEventSchema', () => {
  it('decodes the key as S3 encodes it: %XX escapes and + for a space', () => {
    const event = mailEventSchema.parse(captured);

    expect(event.Records[0]?.s3.object.key).toBe(
      'inbound/2026-11-24/my mail+1@x.eml',
    );
    expect(event.Records[0]?.s3.object.size).toBe(2255);
    expect(event.Records[0]?.s3.bucket.name).toBe('hearth-mail');
  });

  it('reads S3’s test event as nothing to do', () => {
    const event = mailEventSchema.parse({
      Service: 'Amazon S3',
      Event: 's3:TestEvent',
      Time: '2026-11-24T09:00:00.000Z',
      Bucket: 'hearth-mail',
    });
    expect(event.Records).toEqual([]);
  });

  it('refuses a key that is not URL-encoding', () => {
    expect(mailEventSchema.safeParse(withKey('bad%E0%A4%A')).success).toBe(
      false,
    );
  });

  it('refuses a record without a bucket or a key', () => {
    expect(
      mailEventSchema.safeParse({ Records: [{ s3: { object: { key: 'k' } } }] })
        .success,
    ).toBe(false);
    expect(mailEventSchema.safeParse(withKey('')).success).toBe(false);
  });
});
