/**
 * Decisions saved straight through `execute` (no HTTP), for the outbox
 * consumers' tests: a complaint received from the web form and
 * acknowledged at stage 1, and an event item as the stream carries it.
 */
import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
} from '@aws-sdk/client-dynamodb';
import type {
  ComplaintDefinition,
  Policy,
  Representative,
  Resident,
} from '@hearth/domain';
import type { DynamoDbComplaintRepository } from '../../../functions/shared/adapters/dynamodb/complaint-repository.js';
import { keys } from '../../../functions/shared/adapters/dynamodb/keys.js';
import { execute } from '../../../functions/shared/service.js';

export const windowDefinition: ComplaintDefinition = {
  issues: [{ id: 'i1', summary: 'Window will not close', inScope: true }],
  outcomesSought: ['Replace the window'],
};

/** Received from the web form and acknowledged: two decisions, with intents. */
export async function acknowledgedComplaint(
  at: {
    readonly repository: DynamoDbComplaintRepository;
    readonly organisationId: string;
    readonly policy: Policy;
  },
  complaint: {
    readonly resident: Resident;
    readonly representative?: Representative;
    readonly outcomeSought?: string;
    readonly definition?: ComplaintDefinition;
  },
): Promise<string> {
  const now = new Date().toISOString();
  const reference = await at.repository.nextReference(at.organisationId, 2026);
  const common = { ...at, now, newId: randomUUID };
  await execute({
    ...common,
    actor: { kind: 'resident', id: 'web-form' },
    command: {
      type: 'receive',
      id: reference,
      reference,
      channel: 'web',
      receivedAt: now,
      summary: 'My kitchen window will not close and the frame is rotten.',
      ...(complaint.outcomeSought === undefined
        ? {}
        : { outcomeSought: complaint.outcomeSought }),
      resident: complaint.resident,
      ...(complaint.representative === undefined
        ? {}
        : { representative: complaint.representative }),
    },
  });
  await execute({
    ...common,
    actor: { kind: 'staff', id: 'staff-jo' },
    complaintId: reference,
    command: {
      type: 'acknowledge',
      stage: 1,
      definition: complaint.definition ?? windowDefinition,
    },
  });
  return reference;
}

/** A saved decision's event item, as the stream's NewImage carries it. */
export async function eventImage(
  client: DynamoDBClient,
  tableName: string,
  organisationId: string,
  reference: string,
  version: number,
): Promise<Record<string, AttributeValue>> {
  const key = keys.event(organisationId, reference, version);
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { pk: { S: key.pk }, sk: { S: key.sk } },
      ConsistentRead: true,
    }),
  );
  if (Item === undefined) throw new Error(`No event ${reference}#${version}`);
  return Item;
}
