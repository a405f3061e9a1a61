/**
 * The CDK app: `npx cdk deploy -c stage=<name>` (STYLE rec. 10). The
 * stateful stack (table, key, buckets) is deployed first and handed to the
 * stateless one. cdk-nag's AWS Solutions checks run on every synth.
 */
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfig } from '../config/stages.js';
import { StatefulStack } from '../stacks/stateful-stack.js';
import { StatelessStack } from '../stacks/stateless-stack.js';

export interface HearthApp {
  readonly app: App;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/** Builds the app for a stage; tests synthesize exactly this. */
export function buildApp(stage: string, app = new App()): HearthApp {
  const config = stageConfig(stage);
  const env = {
    account: config.account ?? process.env.CDK_DEFAULT_ACCOUNT,
    region: config.region,
  };
  const prefix = `Hearth-${config.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    config,
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    config,
    table: stateful.table,
    key: stateful.key,
    mailBucket: stateful.mailBucket,
    lettersBucket: stateful.lettersBucket,
    reportsBucket: stateful.reportsBucket,
    accessLogsBucket: stateful.accessLogsBucket,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stateful, stateless };
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === import.meta.filename
) {
  const app = new App();
  buildApp(String(app.node.tryGetContext('stage') ?? 'dev'), app);
  app.synth();
}
