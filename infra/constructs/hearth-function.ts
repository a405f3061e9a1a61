/**
 * One function of Hearth's catalogue with the project's defaults (STYLE
 * rec. 10): the pinned Node runtime on ARM64, an ESM bundle with source
 * maps built by the local esbuild, X-Ray tracing, its own KMS-encrypted
 * log group with the stage's retention, and a role that holds only what
 * the grant helpers add: no AWS managed policy, and no `*` resource but
 * the two X-Ray actions tracing needs.
 *
 * @example
 * const fn = new HearthFunction(this, 'Intake', { name: 'intake', … });
 * fn.bindTable(table, 'RW');
 */
import path from 'node:path';
import {
  Duration,
  type aws_dynamodb as dynamodb,
  aws_iam as iam,
  type aws_kms as kms,
  aws_lambda as lambda,
  aws_logs as logs,
  type RemovalPolicy,
  type aws_s3 as s3,
  Validations,
} from 'aws-cdk-lib';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { type EnvKey, envKeys } from '../../functions/shared/env-keys.js';
import { table as tableDefinition } from '../../functions/shared/table.js';
import { type FunctionName, functionEntry } from '../routes.js';
import { bundlingOptions } from './bundling-options.js';
import { acknowledgeWildcardResource } from './nag.js';

/** The repository root: entries, the lock file and tsconfig are found from it. */
const repositoryRoot = path.resolve(import.meta.dirname, '../..');

/** A function's environment, by the names in functions/shared/env-keys.ts. */
export type HearthEnvironment = Partial<Record<EnvKey, string>>;

export type TableAccess = 'RO' | 'RW';

const outputFormats = { esm: OutputFormat.ESM, cjs: OutputFormat.CJS } as const;

export interface HearthFunctionProps {
  /** The catalogue name (infra/routes.ts): entry `functions/<name>/handler.ts`. */
  readonly name: FunctionName;
  /** `hearth-<stage>-<name>` is the deployed function name. */
  readonly stage: string;
  readonly description: string;
  readonly environment: HearthEnvironment;
  readonly logRetention: logs.RetentionDays;
  /** Encrypts the log group (the stateful stack's data key). */
  readonly logKey: kms.IKey;
  readonly logRemovalPolicy: RemovalPolicy;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /**
   * Renders pages: the bundle gets the Nunjucks templates beside its
   * handler, `views/` (functions/shared/pages/views) and
   * `govuk-frontend/govuk/**.njk` (govuk-frontend's, templates only), where
   * functions/shared/pages/render.ts looks for them.
   */
  readonly pages?: boolean;
}

/**
 * The shell commands that copy the page templates into a bundle. They run
 * in bash on the machine that synthesizes (local bundling, no Docker),
 * with POSIX tools only: cp, mkdir, find and sh.
 */
export function pageTemplateCommands(
  inputDir: string,
  outputDir: string,
): string[] {
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  const views = path.join(inputDir, 'functions/shared/pages/views');
  const govuk = path.join(inputDir, 'node_modules/govuk-frontend/dist');
  const target = path.join(outputDir, 'govuk-frontend');
  return [
    `cp -R ${quote(views)} ${quote(path.join(outputDir, 'views'))}`,
    `mkdir -p ${quote(target)}`,
    `cd ${quote(govuk)} && find govuk -type f -name '*.njk' -exec sh -c 'mkdir -p "$0/$(dirname "$1")" && cp "$1" "$0/$1"' ${quote(target)} {} \\;`,
  ];
}

const TABLE_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  RO: ['dynamodb:GetItem', 'dynamodb:Query'],
  // TransactWriteItems is authorised item by item: Put, Update, ConditionCheck.
  RW: [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
};

/** What DynamoDB and S3 ask of the caller's KMS rights on the data key. */
const KEY_ACTIONS = {
  decrypt: ['kms:Decrypt', 'kms:DescribeKey'],
  encrypt: [
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:ReEncryptFrom',
    'kms:ReEncryptTo',
  ],
} as const;

export class HearthFunction extends Construct {
  readonly name: FunctionName;
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** Every permission the grant helpers add; the function depends on it. */
  readonly permissions: iam.Policy;
  readonly #keyStatements = new Map<kms.IKey, iam.PolicyStatement>();

  constructor(scope: Construct, id: string, props: HearthFunctionProps) {
    super(scope, id);
    this.name = props.name;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      encryptionKey: props.logKey,
      removalPolicy: props.logRemovalPolicy,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `hearth-${props.stage}-${props.name}: execution role`,
    });
    this.permissions = new iam.Policy(this, 'Permissions', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
      ],
    });

    this.function = new NodejsFunction(this, 'Function', {
      functionName: `hearth-${props.stage}-${props.name}`,
      description: props.description,
      entry: path.join(repositoryRoot, functionEntry(props.name)),
      handler: 'handler',
      projectRoot: repositoryRoot,
      depsLockFilePath: path.join(repositoryRoot, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        [envKeys.serviceName]: `hearth-${props.name}`,
        [envKeys.logLevel]: 'INFO',
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        // The same options `npm run bench` bundles with (bundling-options.ts).
        ...bundlingOptions,
        format: outputFormats[bundlingOptions.format],
        ...(props.pages === true && {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: pageTemplateCommands,
          },
        }),
      },
    });
    this.function.node.addDependency(this.permissions);

    // Tracing ACTIVE puts xray:PutTraceSegments and PutTelemetryRecords on
    // `*` into the role's default policy, and nothing else goes there.
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy !== undefined) {
      Validations.of(defaultPolicy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments and PutTelemetryRecords have no resource-level permissions; this default policy holds only what tracing adds (grants live in the Permissions policy).',
      });
    }
  }

  get functionArn(): string {
    return this.function.functionArn;
  }

  /** Adds variables once the resources they name exist. */
  addEnvironment(environment: HearthEnvironment): this {
    for (const [name, value] of Object.entries(environment)) {
      if (value !== undefined) this.function.addEnvironment(name, value);
    }
    return this;
  }

  /** Adds a statement to the function's own permissions policy. */
  allow(statement: iam.PolicyStatement): this {
    this.permissions.addStatements(statement);
    return this;
  }

  /**
   * The one table: `RO` reads items and queries the table and its indexes;
   * `RW` also writes (commands, outbox items, idempotency records).
   */
  bindTable(table: dynamodb.ITableV2, access: TableAccess): this {
    const indexes = Object.values(tableDefinition.indexes).map(
      (index) => `${table.tableArn}/index/${index.name}`,
    );
    this.allow(
      new iam.PolicyStatement({
        actions: [...TABLE_ACTIONS[access]],
        resources: [table.tableArn, ...indexes],
      }),
    );
    return this.useKey(table.encryptionKey, access === 'RW');
  }

  /** The table's stream, for an event source mapping. */
  readStream(table: dynamodb.ITableV2): this {
    if (table.tableStreamArn === undefined) {
      throw new Error('The table has no stream');
    }
    this.allow(
      new iam.PolicyStatement({
        actions: [
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
        ],
        resources: [table.tableStreamArn],
      }),
    );
    this.allow(
      new iam.PolicyStatement({
        actions: ['dynamodb:ListStreams'],
        resources: [`${table.tableArn}/stream/*`],
      }),
    );
    this.acknowledgeWildcard(
      `${table.tableArn}/stream/*`,
      'ListStreams is granted on the streams of the one table only; the stream label changes whenever the stream is re-enabled.',
    );
    return this.useKey(table.encryptionKey, false);
  }

  /** s3:GetObject under a key prefix (e.g. `inbound/`). */
  readObjects(bucket: s3.IBucket, prefix: string): this {
    return this.#objects(bucket, prefix, 's3:GetObject', false);
  }

  /**
   * s3:ListBucket on the bucket, for keys under a prefix only (the
   * `s3:prefix` condition); the keys' contents need readObjects too.
   */
  listObjects(bucket: s3.IBucket, prefix: string): this {
    return this.allow(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
      }),
    );
  }

  /** s3:PutObject under a key prefix (e.g. `letters/`). */
  writeObjects(bucket: s3.IBucket, prefix: string): this {
    return this.#objects(bucket, prefix, 's3:PutObject', true);
  }

  /**
   * KMS rights on a key: decrypt always, encrypt when writing. One
   * statement per key, widened as helpers ask for more.
   */
  useKey(key: kms.IKey | undefined, encrypt: boolean): this {
    if (key === undefined) return this;
    let statement = this.#keyStatements.get(key);
    if (statement === undefined) {
      statement = new iam.PolicyStatement({
        actions: [...KEY_ACTIONS.decrypt],
        resources: [key.keyArn],
      });
      this.#keyStatements.set(key, statement);
      this.allow(statement);
    }
    if (encrypt) statement.addActions(...KEY_ACTIONS.encrypt);
    return this;
  }

  /**
   * Records why a wildcard resource in this function's permissions is
   * needed: the one cdk-nag IAM5 finding it raises.
   */
  acknowledgeWildcard(resource: string, reason: string): this {
    acknowledgeWildcardResource(this.permissions, resource, reason);
    return this;
  }

  #objects(
    bucket: s3.IBucket,
    prefix: string,
    action: string,
    write: boolean,
  ): this {
    this.allow(
      new iam.PolicyStatement({
        actions: [action],
        resources: [bucket.arnForObjects(`${prefix}*`)],
      }),
    );
    this.acknowledgeWildcard(
      bucket.arnForObjects(`${prefix}*`),
      `${action} is limited to the ${prefix} prefix of this one bucket; object keys under it are generated per message or letter.`,
    );
    return this.useKey(bucket.encryptionKey, write);
  }
}
