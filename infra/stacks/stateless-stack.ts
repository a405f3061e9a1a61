/**
 * Everything Hearth can rebuild (STYLE rec. 10): the functions, the HTTP
 * API, the site (CloudFront, and the assets bucket it serves /assets from)
 * and the staff user pool with its sign-in domain, the outbox's stream
 * mappings, EventBridge Scheduler's group, role and crons, SES sending and
 * receipt, and the alarms. The table, key and buckets come from the
 * stateful stack as props. Each function's needs are declared once, in
 * `catalogue`, and every grant, route, mapping and cron is made from it
 * and from infra/routes.ts by loops.
 */
import {
  CfnOutput,
  Duration,
  type aws_dynamodb as dynamodb,
  aws_iam as iam,
  type aws_kms as kms,
  type aws_logs as logs,
  RemovalPolicy,
  Stack,
  type StackProps,
  type aws_s3 as s3,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { type EnvKey, envKeys } from '../../functions/shared/env-keys.js';
import type { StageConfig } from '../config/stages.js';
import { Alarms } from '../constructs/alarms.js';
import { HearthApi } from '../constructs/api.js';
import { allowServicesOnDataKey } from '../constructs/data-key.js';
import {
  type HearthEnvironment,
  HearthFunction,
  type HearthFunctionProps,
  type TableAccess,
} from '../constructs/hearth-function.js';
import { INBOUND_PREFIX, Mail } from '../constructs/mail.js';
import { Outbox } from '../constructs/outbox.js';
import { type ScheduleAction, Scheduling } from '../constructs/scheduling.js';
import { Site } from '../constructs/site.js';
import { StaffPool } from '../constructs/staff-pool.js';
import {
  cronJobs,
  deadlineTarget,
  type FunctionName,
  mailConsumer,
  outboxConsumers,
} from '../routes.js';

export interface StatelessStackProps extends StackProps {
  readonly config: StageConfig;
  readonly table: dynamodb.ITableV2;
  /** The data key: encrypts the log groups and the alarm topic too. */
  readonly key: kms.IKey;
  readonly mailBucket: s3.IBucket;
  readonly lettersBucket: s3.IBucket;
  /** Board reports (HTML, CSV, JSON under `reports/`). */
  readonly reportsBucket: s3.IBucket;
  /** Access logs: CloudFront's and the assets bucket's (ACLs enabled, SSE-S3). */
  readonly accessLogsBucket: s3.IBucket;
}

type BucketName = 'mail' | 'letters' | 'reports';

/** One bucket's objects a function reads, lists and writes, by key prefix. */
interface ObjectAccess {
  readonly bucket: BucketName;
  readonly read?: readonly string[];
  /** ListBucket, for keys under these prefixes only. */
  readonly list?: readonly string[];
  readonly write?: readonly string[];
  /** DeleteObject, under these prefixes only (the retention job). */
  readonly delete?: readonly string[];
}

/** What one function needs beyond the base variables, and nothing more. */
interface FunctionSpec {
  readonly description: string;
  readonly table?: TableAccess;
  /** BatchGetItem on the table itself (many states read at once). */
  readonly batchRead?: boolean;
  /** Variables beyond the table, organisation and policy. */
  readonly env?: readonly EnvKey[];
  /** Objects read, listed and written, by bucket and key prefix. */
  readonly objects?: ObjectAccess | readonly ObjectAccess[];
  /** SendEmail as the sender address. */
  readonly sendsMail?: boolean;
  /** Deadline schedules it manages (and the scheduling variables). */
  readonly schedules?: readonly ScheduleAction[];
  readonly memorySize?: number;
  readonly timeout?: Duration;
  /** Renders pages: the templates go into its bundle. */
  readonly pages?: boolean;
}

const staffCommand = (what: string): FunctionSpec => ({
  description: `Staff: ${what}`,
  table: 'RW',
});

const catalogue: Readonly<Record<FunctionName, FunctionSpec>> = {
  intake: {
    description: "Public web form: records a resident's complaint",
    table: 'RW',
  },
  'staff-intake': staffCommand(
    'record a complaint made by phone, letter or visit',
  ),
  acknowledgment: staffCommand('acknowledge and define a complaint'),
  escalation: staffCommand('escalate a complaint to stage 2'),
  closure: staffCommand('respond to and close a stage'),
  'case-record': staffCommand('add to the case record'),
  'staff-queries': {
    description: 'Staff: the work queue and the case view',
    table: 'RO',
  },
  'email-intake': {
    description:
      'Mail in: a stored message becomes a complaint or correspondence',
    table: 'RW',
    env: [envKeys.mailBucket, envKeys.senderAddress],
    objects: {
      bucket: 'mail',
      read: [INBOUND_PREFIX],
      write: ['attachments/', 'quarantine/'],
    },
    memorySize: 1024,
    timeout: Duration.seconds(60),
  },
  letters: {
    description: 'Outbox: sends the stage letters, keeps their PDFs',
    table: 'RW',
    env: [
      envKeys.senderAddress,
      envKeys.landlordName,
      envKeys.landlordAddress,
      envKeys.landlordPhone,
      envKeys.lettersBucket,
    ],
    objects: { bucket: 'letters', write: ['letters/'] },
    sendsMail: true,
    memorySize: 1024,
    timeout: Duration.seconds(60),
  },
  schedules: {
    description: 'Outbox: creates and deletes deadline schedules',
    schedules: ['CreateSchedule', 'DeleteSchedule'],
    timeout: Duration.seconds(30),
  },
  deadline: {
    description: 'A deadline schedule fired: records the reminder or breach',
    table: 'RW',
    env: [envKeys.senderAddress, envKeys.teamAddress],
    sendsMail: true,
    timeout: Duration.seconds(30),
  },
  links: {
    description: 'Outbox: opens a linked complaint for an issue raised late',
    table: 'RW',
  },
  web: {
    description:
      "Resident's pages: the complaint form, tracking, stage 2 request, policy",
    table: 'RW',
    env: [
      envKeys.landlordName,
      envKeys.landlordPhone,
      envKeys.landlordAddress,
      envKeys.senderAddress,
    ],
    pages: true,
  },
  console: {
    description:
      'Staff console pages: queue, case, actions, print queue, Board reports, self-assessment, annual report',
    table: 'RW',
    // The self-assessment, the annual report and a Board report made on
    // demand read the year's complaints as the monthly report does.
    batchRead: true,
    env: [
      envKeys.siteUrl,
      envKeys.authUrl,
      envKeys.authClientId,
      envKeys.authIssuer,
      envKeys.lettersBucket,
      envKeys.reportsBucket,
      envKeys.senderAddress,
      envKeys.landlordName,
      envKeys.landlordAddress,
      envKeys.landlordPhone,
      envKeys.housingStock,
    ],
    // Letter previews and the print queue read the letters' PDFs; the
    // Board reports page lists and reads the stored reports, and a
    // manager's report for any period is written beside them.
    objects: [
      { bucket: 'letters', read: ['letters/'] },
      {
        bucket: 'reports',
        read: ['reports/'],
        list: ['reports/'],
        write: ['reports/'],
      },
    ],
    pages: true,
    // The figures read a year's complaints and their histories; an HTTP
    // API waits 30 seconds at most for a response.
    memorySize: 1024,
    timeout: Duration.seconds(29),
  },
  sweep: {
    description: 'Daily: re-creates any deadline schedule that is missing',
    table: 'RO',
    schedules: ['GetSchedule', 'CreateSchedule'],
    timeout: Duration.minutes(5),
  },
  'subject-access': {
    description:
      'Staff (managers): everything held about one resident, as JSON or PDF',
    // The resident's complaints through the by-resident index; attachment
    // keys and sizes are read from the case, so no bucket access.
    table: 'RO',
    // Letters are reproduced, signed as the letters job signs them.
    env: [
      envKeys.senderAddress,
      envKeys.landlordName,
      envKeys.landlordAddress,
      envKeys.landlordPhone,
    ],
    memorySize: 1024,
    timeout: Duration.seconds(29),
  },
  retention: {
    description:
      "Daily: anonymises cases past the policy's retention period and deletes their files",
    table: 'RW',
    batchRead: true,
    env: [envKeys.mailBucket, envKeys.lettersBucket],
    objects: [
      { bucket: 'mail', list: ['attachments/'], delete: ['attachments/'] },
      { bucket: 'letters', list: ['letters/'], delete: ['letters/'] },
    ],
    timeout: Duration.minutes(5),
  },
  report: {
    description:
      "Monthly: the Board's complaint figures, stored and mailed to the Board",
    // RW for the idempotency record that keeps the Board's mail to one.
    table: 'RW',
    batchRead: true,
    env: [
      envKeys.reportsBucket,
      envKeys.senderAddress,
      envKeys.landlordName,
      envKeys.boardRecipients,
      envKeys.housingStock,
      // The Board's email links to the console's report pages.
      envKeys.siteUrl,
    ],
    objects: { bucket: 'reports', write: ['reports/'] },
    sendsMail: true,
    memorySize: 1024,
    timeout: Duration.minutes(5),
  },
};

/** The catalogue's entries, typed. */
const specs = Object.entries(catalogue) as [FunctionName, FunctionSpec][];

export class StatelessStack extends Stack {
  readonly functions = new Map<FunctionName, HearthFunction>();
  readonly scheduling: Scheduling;
  readonly mail: Mail;
  readonly outbox: Outbox;
  readonly staff: StaffPool;
  readonly api: HearthApi;
  readonly site: Site;
  readonly alarms: Alarms;
  /** The variables known when the functions are made. */
  #early: HearthEnvironment = {};

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, table, key } = props;
    const stage = config.stage;
    const retain = config.retainData
      ? RemovalPolicy.RETAIN
      : RemovalPolicy.DESTROY;
    const logging = {
      logRetention: config.logRetentionDays as logs.RetentionDays,
      logKey: key,
      logRemovalPolicy: retain,
    };
    allowServicesOnDataKey(key);

    this.scheduling = new Scheduling(this, 'Scheduling', { stage });
    this.mail = new Mail(this, 'Mail', {
      stage,
      senderAddress: config.senderAddress,
      inboundDomain: config.inboundDomain,
      mailBucket: props.mailBucket,
      key,
    });
    this.#buildFunctions(props, logging);

    // Who may manage schedules (catalogue), and who triggers what (routes.ts).
    const deadline = this.#fn(deadlineTarget);
    this.scheduling.targetDeadlines(deadline);
    for (const [name, spec] of specs) {
      if (spec.schedules === undefined) continue;
      const manager = this.#fn(name);
      manager.addEnvironment(this.scheduling.environment(deadline));
      this.scheduling.allowManage(manager, spec.schedules);
    }
    for (const job of cronJobs) {
      this.scheduling.addCron(job, this.#fn(job.function), stage);
    }
    if (mailConsumer !== undefined) this.mail.notify(this.#fn(mailConsumer));
    this.outbox = new Outbox(this, 'Outbox', {
      table,
      consumers: outboxConsumers.map((name) => this.#fn(name)),
    });
    // The API, then CloudFront in front of it (it needs only the API's
    // domain), then the user pool whose console client returns to the
    // site, and only then the routes, whose authorizer names that client.
    this.api = new HearthApi(this, 'Api', { stage, ...logging });
    this.site = new Site(this, 'Site', {
      stage,
      apiDomainName: this.api.domainName,
      ...(config.site !== undefined && { customDomain: config.site }),
      ...(config.webAclArn !== undefined && { webAclArn: config.webAclArn }),
      logBucket: props.accessLogsBucket,
      ...logging,
    });
    this.staff = new StaffPool(this, 'Staff', {
      stage,
      removalPolicy: retain,
      deletionProtection: config.retainData,
      siteUrl: this.site.url,
      domainPrefix: config.authDomainPrefix,
    });
    this.api.addRoutes({
      functions: this.functions,
      issuer: this.staff.issuer,
      audiences: [this.staff.client.userPoolClientId],
    });
    this.#addLateEnvironment({
      [envKeys.siteUrl]: this.site.url,
      [envKeys.authUrl]: this.staff.hostedUiUrl,
      [envKeys.authClientId]: this.staff.client.userPoolClientId,
      [envKeys.authIssuer]: this.staff.issuer,
    });

    this.alarms = new Alarms(this, 'Alarms', {
      stage,
      alarmAddress: config.alarmAddress,
      key,
    });
    this.#watch(deadline);
    this.#outputs();
  }

  /** Every function of the catalogue, with exactly the grants it declares. */
  #buildFunctions(
    props: StatelessStackProps,
    logging: Pick<
      HearthFunctionProps,
      'logRetention' | 'logKey' | 'logRemovalPolicy'
    >,
  ): void {
    const { config, table } = props;
    const buckets: Record<BucketName, s3.IBucket> = {
      mail: props.mailBucket,
      letters: props.lettersBucket,
      reports: props.reportsBucket,
    };
    const values: HearthEnvironment = {
      [envKeys.tableName]: table.tableName,
      [envKeys.organisationId]: config.organisationId,
      [envKeys.policyId]: config.policyPreset,
      [envKeys.senderAddress]: config.senderAddress,
      [envKeys.teamAddress]: config.teamAddress,
      [envKeys.landlordName]: config.landlord.name,
      [envKeys.landlordAddress]: config.landlord.address.join('|'),
      [envKeys.landlordPhone]: config.landlord.phone,
      [envKeys.mailBucket]: props.mailBucket.bucketName,
      [envKeys.lettersBucket]: props.lettersBucket.bucketName,
      [envKeys.reportsBucket]: props.reportsBucket.bucketName,
      [envKeys.boardRecipients]: config.boardRecipients.join(','),
      [envKeys.housingStock]: JSON.stringify(config.housingStock),
    };
    const base = [envKeys.tableName, envKeys.organisationId, envKeys.policyId];
    this.#early = values;

    for (const [name, spec] of specs) {
      const fn = new HearthFunction(this, `Fn-${name}`, {
        name,
        stage: config.stage,
        description: spec.description,
        // Variables of resources made after the functions come later.
        environment: Object.fromEntries(
          [...base, ...(spec.env ?? [])]
            .filter((key) => values[key] !== undefined)
            .map((key) => [key, values[key]]),
        ),
        ...logging,
        ...(spec.memorySize === undefined
          ? {}
          : { memorySize: spec.memorySize }),
        ...(spec.timeout === undefined ? {} : { timeout: spec.timeout }),
        ...(spec.pages === true && { pages: true }),
      });
      this.functions.set(name, fn);
      if (spec.table !== undefined) fn.bindTable(table, spec.table);
      if (spec.batchRead === true) {
        fn.allow(
          new iam.PolicyStatement({
            actions: ['dynamodb:BatchGetItem'],
            resources: [table.tableArn],
          }),
        );
      }
      const accesses: readonly ObjectAccess[] =
        spec.objects === undefined
          ? []
          : 'bucket' in spec.objects
            ? [spec.objects]
            : spec.objects;
      for (const objects of accesses) {
        const bucket = buckets[objects.bucket];
        for (const prefix of objects.read ?? []) fn.readObjects(bucket, prefix);
        for (const prefix of objects.list ?? []) fn.listObjects(bucket, prefix);
        for (const prefix of objects.write ?? []) {
          fn.writeObjects(bucket, prefix);
        }
        for (const prefix of objects.delete ?? []) {
          fn.allow(
            new iam.PolicyStatement({
              actions: ['s3:DeleteObject'],
              resources: [bucket.arnForObjects(`${prefix}*`)],
            }),
          );
          fn.acknowledgeWildcard(
            bucket.arnForObjects(`${prefix}*`),
            `s3:DeleteObject is limited to the ${prefix} prefix of this one bucket: the retention job deletes a case's files under its reference.`,
          );
        }
      }
      if (spec.sendsMail === true) this.mail.allowSending(fn);
    }
  }

  /**
   * The variables naming what exists only after the functions (the site,
   * the user pool's client and domain), for the functions that declare
   * them; a declared variable left without a value is a build error.
   */
  #addLateEnvironment(late: HearthEnvironment): void {
    for (const [name, spec] of specs) {
      const fn = this.#fn(name);
      for (const key of spec.env ?? []) {
        if (this.#early[key] !== undefined) continue;
        const value = late[key];
        if (value === undefined) {
          throw new Error(`${name}: no value for ${key}`);
        }
        fn.addEnvironment({ [key]: value });
      }
    }
  }

  /** Errors of every function, every dead-letter queue, and breaches. */
  #watch(deadline: HearthFunction): void {
    for (const fn of this.functions.values()) this.alarms.errors(fn);
    this.alarms.deadLetters('scheduler', this.scheduling.deadLetters);
    for (const [name, queue] of this.outbox.failures) {
      this.alarms.deadLetters(`${name}-stream`, queue);
    }
    this.alarms.breaches(deadline);
  }

  /** What a landlord needs after deploying (README: the manual steps). */
  #outputs(): void {
    const outputs: Record<string, string> = {
      SiteUrl: this.site.url,
      DistributionId: this.site.distribution.distributionId,
      DistributionDomainName: this.site.distribution.distributionDomainName,
      ApiUrl: this.api.url,
      UserPoolId: this.staff.userPool.userPoolId,
      UserPoolClientId: this.staff.client.userPoolClientId,
      StaffSignInUrl: this.staff.hostedUiUrl,
      ReceiptRuleSetName: this.mail.ruleSetName,
      ScheduleGroupName: this.scheduling.groupName,
    };
    for (const [name, value] of Object.entries(outputs)) {
      new CfnOutput(this, name, { value });
    }
  }

  #fn(name: FunctionName): HearthFunction {
    const found = this.functions.get(name);
    if (found === undefined) throw new Error(`No function ${name}`);
    return found;
  }
}
