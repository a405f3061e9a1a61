/**
 * A deployment's settings, typed and checked (STYLE rec. 8): one per
 * stage, chosen by `-c stage=<name>` (default `dev`). Everything a landlord
 * changes to run Hearth in its own account is here.
 */
import { presetById } from '@hearth/domain';
import * as z from 'zod';

const email = z.email();

/** A DNS name: lower-case labels of letters, digits and inner hyphens. */
const domainName = z
  .string()
  .max(253)
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'a lower-case domain name',
  );

export const stageConfigSchema = z.strictObject({
  stage: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/),
  /** Leave out to deploy to the CLI's account and region. */
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  region: z.string().regex(/^[a-z]{2}-[a-z]+-\d$/),
  /** The key prefix of every item: lower-case letters, digits, hyphens. */
  organisationId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  landlord: z.strictObject({
    name: z.string().min(1),
    address: z.array(z.string().min(1)).min(1),
    phone: z.string().min(1),
  }),
  /** A policy preset id (`npm run policy:lint -- <id>` shows its departures). */
  policyPreset: z.string().refine((id) => presetById(id) !== undefined, {
    message: 'is not a policy preset',
  }),
  /** Letters' From address: an SES verified identity (domain or address). */
  senderAddress: email,
  /** Where breach notices go when no officer address is known. */
  teamAddress: email,
  /** The Board and its Member Responsible for Complaints (the reports issue). */
  boardRecipients: z.array(email).min(1),
  /**
   * Homes owned by tenure, one count per reporting year (the CH01
   * denominator, TSM): `yearFrom` is the year's first day, `asAt` the
   * date counted. The Board report needs the count for its period's year.
   */
  housingStock: z
    .array(
      z.strictObject({
        yearFrom: z.iso.date(),
        asAt: z.iso.date(),
        LCRA: z.number().int().nonnegative(),
        LCHO: z.number().int().nonnegative(),
      }),
    )
    .min(1),
  /** Who hears of an alarm. */
  alarmAddress: email,
  /** The domain whose mail SES receives for email-in (an MX record points at SES). */
  inboundDomain: z.string().min(3),
  logRetentionDays: z.union([
    z.literal(30),
    z.literal(90),
    z.literal(365),
    z.literal(731),
  ]),
  /** prod keeps the table and buckets if the stack is deleted. */
  retainData: z.boolean(),
  /**
   * The prefix of the staff sign-in domain Cognito hosts,
   * `https://<prefix>.auth.<region>.amazoncognito.com`: unique in the
   * region, and without `aws`, `amazon` or `cognito` (Cognito's rules).
   */
  authDomainPrefix: z
    .string()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
      'lower-case letters, digits and inner hyphens, at most 63',
    )
    .refine((prefix) => !/aws|amazon|cognito/.test(prefix), {
      message: 'Cognito refuses a prefix containing aws, amazon or cognito',
    }),
  /**
   * The site's own domain, e.g. `complaints.example-homes.org.uk`: a
   * CNAME (or alias) to the CloudFront distribution, with an ACM
   * certificate for it in us-east-1 (CloudFront's region for
   * certificates). Leave out to use the distribution's own
   * `*.cloudfront.net` name.
   */
  site: z
    .strictObject({
      domainName,
      certificateArn: z
        .string()
        .regex(
          /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/,
          'an ACM certificate ARN in us-east-1',
        ),
    })
    .optional(),
  /**
   * An AWS WAF web ACL for the distribution (scope CLOUDFRONT, so made in
   * us-east-1, by the landlord's security account or a stack of its own).
   */
  webAclArn: z
    .string()
    .regex(
      /^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[0-9a-f-]{36}$/,
      'a WAFv2 web ACL ARN of scope CLOUDFRONT (us-east-1, global)',
    )
    .optional(),
});

export type StageConfig = z.infer<typeof stageConfigSchema>;

/** The demo landlord's homes, by reporting year; a real landlord sets its own. */
const demoStock: StageConfig['housingStock'] = [2024, 2025, 2026, 2027].map(
  (year) => ({
    yearFrom: `${year}-04-01`,
    asAt: `${year + 1}-03-31`,
    LCRA: 4000,
    LCHO: 800,
  }),
);

/** The demo landlord both example stages use; a real landlord sets its own. */
const demoLandlord: StageConfig['landlord'] = {
  name: 'Hearth Demo Homes',
  address: ['1 High Street', 'Anytown', 'AN1 1AA'],
  phone: '0300 000 0000',
};

export const stages: Readonly<Record<string, StageConfig>> = {
  dev: {
    stage: 'dev',
    region: 'eu-west-2',
    organisationId: 'demo',
    landlord: demoLandlord,
    policyPreset: 'code-2024',
    senderAddress: 'complaints@dev.hearth.example',
    teamAddress: 'complaints-team@dev.hearth.example',
    boardRecipients: ['board@dev.hearth.example'],
    housingStock: demoStock,
    alarmAddress: 'alarms@dev.hearth.example',
    inboundDomain: 'mail.dev.hearth.example',
    logRetentionDays: 30,
    retainData: false,
    authDomainPrefix: 'hearth-demo-dev',
  },
  prod: {
    stage: 'prod',
    region: 'eu-west-2',
    organisationId: 'demo',
    landlord: demoLandlord,
    policyPreset: 'code-2024',
    senderAddress: 'complaints@hearth.example',
    teamAddress: 'complaints-team@hearth.example',
    boardRecipients: ['board@hearth.example'],
    housingStock: demoStock,
    alarmAddress: 'alarms@hearth.example',
    inboundDomain: 'mail.hearth.example',
    logRetentionDays: 731,
    retainData: true,
    authDomainPrefix: 'hearth-demo',
    // Example values: a landlord sets its own domain and certificate.
    site: {
      domainName: 'complaints.hearth.example',
      certificateArn:
        'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-4000-8000-000000000000',
    },
  },
};

/** The named stage, validated; throws naming each bad setting. */
export function stageConfig(name: string): StageConfig {
  const stage = stages[name];
  if (stage === undefined) {
    throw new Error(
      `No stage "${name}". Stages: ${Object.keys(stages).join(', ')}`,
    );
  }
  const parsed = stageConfigSchema.safeParse(stage);
  if (!parsed.success) {
    throw new Error(
      `Stage ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
