/**
 * The S3 event notification that invokes email-intake (SES receipt rule →
 * raw MIME in S3 → this). Only what is used is required; the rest of the
 * notification passes through. The object key arrives URL-encoded, with
 * `+` for a space, as S3 sends it, and is decoded here, once.
 */
import * as z from 'zod';

/** An S3 key as the notification spells it, decoded. */
export const encodedKeySchema = z.string().transform((value, ctx) => {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not a URL-encoded key' });
    return z.NEVER;
  }
});

export const s3RecordSchema = z.looseObject({
  eventName: z.string().exactOptional(),
  s3: z.looseObject({
    bucket: z.looseObject({ name: z.string().min(1) }),
    object: z.looseObject({
      key: encodedKeySchema.pipe(z.string().min(1)),
      size: z.number().int().nonnegative().exactOptional(),
    }),
  }),
});

/**
 * The whole notification. S3's one-off `s3:TestEvent` (sent when the
 * notification is configured) has no records, and is nothing to do.
 */
export const mailEventSchema = z.looseObject({
  Records: z.array(s3RecordSchema).default([]),
});

export type S3Record = z.infer<typeof s3RecordSchema>;
export type MailEvent = z.infer<typeof mailEventSchema>;
