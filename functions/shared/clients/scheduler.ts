/** The EventBridge Scheduler client, once per container (see ./dynamodb.ts). */
import { SchedulerClient } from '@aws-sdk/client-scheduler';

export const scheduler = new SchedulerClient({});
