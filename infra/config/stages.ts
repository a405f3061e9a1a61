/**
 * A deployment's settings, typed and checked (STYLE rec. 8): one per
 * stage, chosen by `-c stage=<name>` (default `dev`). Everything a landlord
 * changes to run Hearth in its own account is here.
 */
import { presetById } from '@hearth/domain';
import { z } from 'zod';

const email = z.email();

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
});

export type StageConfig = z.infer<typeof stageConfigSchema>;

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
    alarmAddress: 'alarms@dev.hearth.example',
    inboundDomain: 'mail.dev.hearth.example',
    logRetentionDays: 30,
    retainData: false,
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
    alarmAddress: 'alarms@hearth.example',
    inboundDomain: 'mail.hearth.example',
    logRetentionDays: 731,
    retainData: true,
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
