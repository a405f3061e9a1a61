import {
  ConditionalCheckFailedException,
  type ConsumedCapacity,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  applyDecision,
  type ComplaintEvent,
  type ComplaintRepository,
  type ComplaintState,
  type DecisionToSave,
  type Intent,
  InvalidInputError,
  type ReferenceAllocator,
  residentIdentifier,
  VersionConflictError,
} from '@hearth/domain';
import * as z from 'zod';
import {
  complaintEventSchema,
  complaintStateSchema,
  instantSchema,
  intentSchema,
  parseRow,
} from '../../contracts/index.js';
import { RejectedError } from '../../middleware/problem-json.js';
import { table } from '../../table.js';
import { itemKinds, keys } from './keys.js';

type TransactItem = NonNullable<
  TransactWriteCommandInput['TransactItems']
>[number];

export interface DynamoDbRepositoryOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Sees each write's consumed capacity (for `npm run bench`). */
  readonly onCapacity?: (
    operation: string,
    capacity: readonly ConsumedCapacity[],
  ) => void;
}

/** A saved decision as its event item holds it (the outbox record). */
export interface StoredDecision {
  readonly organisationId: string;
  readonly complaintId: string;
  readonly version: number;
  readonly at: string;
  readonly events: readonly ComplaintEvent[];
  readonly intents: readonly Intent[];
}

/**
 * The complaint repository on DynamoDB: state and events in the one table,
 * each decision saved as one TransactWriteItems of exactly two items (the
 * state, conditioned on its version, and the event item carrying the
 * intents), so a decision is all written or not at all.
 */
export class DynamoDbComplaintRepository
  implements ComplaintRepository, ReferenceAllocator
{
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #onCapacity: DynamoDbRepositoryOptions['onCapacity'];

  constructor(options: DynamoDbRepositoryOptions) {
    this.#client = options.client;
    this.#table = options.tableName;
    this.#onCapacity = options.onCapacity;
  }

  async load(
    organisationId: string,
    complaintId: string,
  ): Promise<ComplaintState | undefined> {
    return (await this.loadTracked(organisationId, complaintId))?.state;
  }

  /**
   * The complaint with the SHA-256 (hex) of its resident's tracking token,
   * as stored at receipt; the caller compares it in constant time.
   */
  async loadTracked(
    organisationId: string,
    complaintId: string,
  ): Promise<
    { state: ComplaintState; trackingTokenHash: string | undefined } | undefined
  > {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.complaint(organisationId, complaintId),
        ConsistentRead: true,
        ProjectionExpression: '#state, trackingTokenHash',
        ExpressionAttributeNames: { '#state': 'state' },
      }),
    );
    if (Item === undefined) return undefined;
    const hash = Item.trackingTokenHash;
    return {
      state: parseRow(
        complaintStateSchema,
        Item.state,
        `complaint state ${complaintId}`,
      ),
      trackingTokenHash:
        typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)
          ? hash
          : undefined,
    };
  }

  async save(organisationId: string, decision: DecisionToSave): Promise<void> {
    const { expectedVersion } = decision;
    // Refuse a bad row before it is written, not when it is next read.
    const state = parseRow(
      complaintStateSchema,
      decision.state,
      `complaint state ${decision.state.id}`,
    );
    if (state.version !== expectedVersion + 1) {
      throw new Error(
        `${state.id}: saving version ${state.version} on ${expectedVersion}`,
      );
    }
    if (state.anonymisedOn !== undefined) {
      // Nothing is decided on a case whose record is gone (domain/privacy).
      throw new RejectedError({
        code: 'COMPLAINT.ANONYMISED',
        message: `The complaint's personal data was removed on ${state.anonymisedOn} under the retention policy: it takes no further actions`,
      });
    }
    const result = await this.#transact(
      [
        this.#stateWrite(organisationId, decision),
        {
          Put: {
            TableName: this.#table,
            Item: {
              ...keys.event(organisationId, state.id, state.version),
              kind: itemKinds.event,
              organisationId,
              complaintId: state.id,
              version: state.version,
              at: decision.events[0]?.at,
              events: decision.events,
              intents: decision.intents,
            },
            // Never overwrite history, even if the state check were bypassed.
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      state.id,
      expectedVersion,
    );
    this.#onCapacity?.('save', result ?? []);
  }

  /**
   * The complaint and its full record in one consistent Query of its
   * partition (the state item and its event items share it), where
   * `load` then `history` would be two round trips.
   */
  async loadWithHistory(
    organisationId: string,
    complaintId: string,
  ): Promise<{ state: ComplaintState; history: StoredDecision[] } | undefined> {
    const { pk, sk } = keys.complaint(organisationId, complaintId);
    let state: ComplaintState | undefined;
    const history: StoredDecision[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.sk === sk) {
          state = parseRow(
            complaintStateSchema,
            item.state,
            `complaint state ${complaintId}`,
          );
        } else if (String(item.sk).startsWith(keys.eventPrefix)) {
          history.push(storedDecision(item));
        }
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return state === undefined ? undefined : { state, history };
  }

  /** The decisions saved for a complaint, oldest first (its full record). */
  async history(
    organisationId: string,
    complaintId: string,
  ): Promise<StoredDecision[]> {
    const { pk } = keys.complaint(organisationId, complaintId);
    const out: StoredDecision[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
          ExpressionAttributeValues: {
            ':pk': pk,
            ':events': keys.eventPrefix,
          },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) out.push(storedDecision(item));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return out;
  }

  /** The events saved after `version`, oldest first. */
  async eventsAfter(
    organisationId: string,
    complaintId: string,
    version: number,
  ): Promise<ComplaintEvent[]> {
    const { pk, sk } = keys.event(organisationId, complaintId, version + 1);
    const out: ComplaintEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': pk,
            ':from': sk,
            // Past every zero-padded version.
            ':to': `${keys.eventPrefix}~`,
          },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        out.push(...storedDecision(item).events);
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return out;
  }

  /**
   * The complaint as it stood after a given version, folded from its
   * history: what a letter decided then must say, whatever came after.
   */
  async stateAt(
    organisationId: string,
    complaintId: string,
    version: number,
  ): Promise<ComplaintState | undefined> {
    return stateAtVersion(
      await this.history(organisationId, complaintId),
      version,
    );
  }

  /**
   * The complaint now and as it stood after `version`, from one Query of
   * its partition (what a letter needs: who to send to now, what was
   * decided then).
   */
  async loadWithStateAt(
    organisationId: string,
    complaintId: string,
    version: number,
  ): Promise<
    { current: ComplaintState; decided: ComplaintState | undefined } | undefined
  > {
    const found = await this.loadWithHistory(organisationId, complaintId);
    if (found === undefined) return undefined;
    return {
      current: found.state,
      decided: stateAtVersion(found.history, version),
    };
  }

  /**
   * The work queue, in next-due order, a page at a time: open cases
   * with a statutory clock running (the sparse work-queue index),
   * optionally only those at some statuses, with one handler or from one
   * channel. A filtered page reads on until it is full or a few reads
   * have passed, so a page may be short but never skips a case.
   */
  async workQueue(
    organisationId: string,
    page: WorkQueuePage = {},
  ): Promise<{ items: QueueItem[]; next?: string }> {
    const { queuePk } = keys.workQueue(organisationId, '', '');
    const filter = queueFilter(page);
    return this.#pagedQuery({
      index: table.indexes.workQueue.name,
      key: { name: 'queuePk', value: queuePk },
      limit: page.limit ?? 50,
      ...(page.after === undefined ? {} : { after: page.after }),
      ...(filter === undefined ? {} : { filter }),
      parse: (i) => parseRow(queueItemSchema, i, 'work queue item'),
    });
  }

  /**
   * The print queue: cases with a printed letter not yet marked posted,
   * the case with the oldest such letter first, a page at a time.
   */
  async printQueue(
    organisationId: string,
    page: { limit?: number; after?: string } = {},
  ): Promise<{ items: PrintQueueItem[]; next?: string }> {
    const { printPk } = keys.printQueue(organisationId, '', '');
    return this.#pagedQuery({
      index: table.indexes.printQueue.name,
      key: { name: 'printPk', value: printPk },
      limit: page.limit ?? 50,
      ...(page.after === undefined ? {} : { after: page.after }),
      parse: (i) => parseRow(printQueueItemSchema, i, 'print queue item'),
    });
  }

  /**
   * Every complaint received in the months `fromMonth` to `toMonth`
   * (`YYYY-MM`, both included), as their states: the reporting index read
   * month by month (never a scan), then the state items read whole with
   * BatchGetItem, 100 keys at a time, unprocessed keys retried, each state
   * validated as `load` validates it. In the order received.
   */
  async complaintsReceivedBetween(
    organisationId: string,
    fromMonth: string,
    toMonth: string,
  ): Promise<ComplaintState[]> {
    const stateKeys = await this.#receivedBetween(
      organisationId,
      fromMonth,
      toMonth,
    );
    const byKey = new Map<string, ComplaintState>();
    for (let i = 0; i < stateKeys.length; i += BATCH_GET_LIMIT) {
      for (const item of await this.#batchGet(
        stateKeys.slice(i, i + BATCH_GET_LIMIT),
      )) {
        byKey.set(
          String(item.pk),
          parseRow(
            complaintStateSchema,
            item.state,
            `complaint state ${String(item.complaintId)}`,
          ),
        );
      }
    }
    return stateKeys.flatMap((key) => {
      const state = byKey.get(String(key.pk));
      return state === undefined ? [] : [state];
    });
  }

  /**
   * The keys of the state items of complaints received in the months
   * `fromMonth` to `toMonth`, from the reporting index month by month,
   * optionally only those whose projected status passes `keep`.
   */
  async #receivedBetween(
    organisationId: string,
    fromMonth: string,
    toMonth: string,
    keep: (status: unknown) => boolean = () => true,
  ): Promise<Record<string, unknown>[]> {
    const stateKeys: Record<string, unknown>[] = [];
    for (const month of monthsBetween(fromMonth, toMonth)) {
      const { monthPk } = keys.monthReceived(organisationId, month, '', '');
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.#client.send(
          new QueryCommand({
            TableName: this.#table,
            IndexName: table.indexes.reporting.name,
            KeyConditionExpression: '#month = :month',
            ExpressionAttributeNames: {
              '#month': table.indexes.reporting.partitionKey.name,
            },
            ExpressionAttributeValues: { ':month': monthPk },
            ...(start === undefined ? {} : { ExclusiveStartKey: start }),
          }),
        );
        for (const item of page.Items ?? []) {
          // An index always carries the table's own key.
          if (keep(item.status)) stateKeys.push({ pk: item.pk, sk: item.sk });
        }
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
    }
    return stateKeys;
  }

  /**
   * The complaints received in the months `fromMonth` to `toMonth` that
   * have ended (a final status), for the retention job: the reporting
   * index (never a scan), then the state items by BatchGetItem, each with
   * whether its erasure finished (`markErased`). In the order received.
   */
  async finishedCasesReceivedBetween(
    organisationId: string,
    fromMonth: string,
    toMonth: string,
  ): Promise<{ state: ComplaintState; erased: boolean }[]> {
    const stateKeys = await this.#receivedBetween(
      organisationId,
      fromMonth,
      toMonth,
      (status) => typeof status === 'string' && FINAL_STATUSES.has(status),
    );
    const out: { state: ComplaintState; erased: boolean }[] = [];
    for (let i = 0; i < stateKeys.length; i += BATCH_GET_LIMIT) {
      const items = await this.#batchGet(
        stateKeys.slice(i, i + BATCH_GET_LIMIT),
        `pk, complaintId, #state, ${ERASED}`,
      );
      for (const item of items) {
        out.push({
          state: parseRow(
            complaintStateSchema,
            item.state,
            `complaint state ${String(item.complaintId)}`,
          ),
          erased: typeof item[ERASED] === 'string',
        });
      }
    }
    return out.sort((a, b) =>
      a.state.receivedAt.localeCompare(b.state.receivedAt),
    );
  }

  /**
   * The references of the complaints indexed under any of a resident's
   * identifiers (`residentIdentifier`'s normalised values), each
   * identifier one Query of the sparse by-resident index (never a scan),
   * oldest first, each reference once. The index is eventually
   * consistent: the caller reads each case and checks it.
   */
  async complaintsOfResident(
    organisationId: string,
    identifiers: readonly string[],
  ): Promise<string[]> {
    const found = new Map<string, string>();
    for (const identifier of new Set(identifiers)) {
      const { residentPk } = keys.resident(organisationId, identifier, '', '');
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.#client.send(
          new QueryCommand({
            TableName: this.#table,
            IndexName: table.indexes.byResident.name,
            KeyConditionExpression: '#resident = :resident',
            ExpressionAttributeNames: {
              '#resident': table.indexes.byResident.partitionKey.name,
            },
            ExpressionAttributeValues: { ':resident': residentPk },
            ...(start === undefined ? {} : { ExclusiveStartKey: start }),
          }),
        );
        for (const item of page.Items ?? []) {
          const reference = item.reference;
          if (typeof reference === 'string') {
            found.set(reference, String(item.residentSk));
          }
        }
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
    }
    return [...found.entries()]
      .sort(([, a], [, b]) => a.localeCompare(b))
      .map(([reference]) => reference);
  }

  /**
   * Rewrites a complaint's state item in place as `anonymised` (from
   * `anonymise`), only if it is still at the version it was read at and
   * not anonymised already, and takes it out of the resident, work and
   * print indexes. False when it was not (a concurrent decision, which is
   * kept: the next run looks again). The version is kept, so the event
   * items still match it; the condition every later save carries
   * (`attribute_not_exists(state.anonymisedOn)`) stops the case being
   * written back.
   */
  async anonymiseState(
    organisationId: string,
    anonymised: ComplaintState,
  ): Promise<boolean> {
    const state = parseRow(
      complaintStateSchema,
      anonymised,
      `complaint state ${anonymised.id}`,
    );
    if (state.anonymisedOn === undefined) {
      throw new Error(`${state.id}: not anonymised`);
    }
    const removed = [
      ...RESIDENT_INDEX,
      // The resident's tracking code no longer opens the case.
      'trackingTokenHash',
      'queuePk',
      'queueSk',
      'nextDueOn',
      'nextClock',
      'printPk',
      'printSk',
      'printLetters',
    ];
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: keys.complaint(organisationId, state.id),
          UpdateExpression: `SET #state = :state REMOVE ${removed.map((_, i) => `#r${i}`).join(', ')}`,
          ConditionExpression:
            '#version = :version AND attribute_not_exists(#state.anonymisedOn)',
          ExpressionAttributeNames: {
            '#state': 'state',
            '#version': 'version',
            ...Object.fromEntries(removed.map((name, i) => [`#r${i}`, name])),
          },
          ExpressionAttributeValues: {
            ':state': state,
            ':version': state.version,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Rewrites one event item in place with its events and intents
   * anonymised (`anonymiseEvent`, `anonymiseIntent`), once: an item
   * already rewritten is left alone. The stream sees a MODIFY, which the
   * outbox filter (INSERT only) keeps from the consumers.
   */
  async anonymiseDecision(
    organisationId: string,
    decision: StoredDecision,
    on: string,
  ): Promise<boolean> {
    const events = decision.events.map((e, i) =>
      parseRow(
        complaintEventSchema,
        e,
        `event ${decision.complaintId}#${decision.version}[${i}]`,
      ),
    );
    const intents = decision.intents.map((intent, i) =>
      parseRow(
        intentSchema,
        intent,
        `intent ${decision.complaintId}#${decision.version}[${i}]`,
      ),
    );
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: keys.event(
            organisationId,
            decision.complaintId,
            decision.version,
          ),
          UpdateExpression:
            'SET events = :events, intents = :intents, anonymisedOn = :on',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(anonymisedOn)',
          ExpressionAttributeValues: {
            ':events': events,
            ':intents': intents,
            ':on': on,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Records on the state item that a case's erasure is complete (its
   * events rewritten and its files deleted), so later runs skip it.
   */
  async markErased(
    organisationId: string,
    complaintId: string,
    on: string,
  ): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: keys.complaint(organisationId, complaintId),
        UpdateExpression: 'SET #erased = :on',
        ConditionExpression: 'attribute_exists(#state.anonymisedOn)',
        ExpressionAttributeNames: { '#erased': ERASED, '#state': 'state' },
        ExpressionAttributeValues: { ':on': on },
      }),
    );
  }

  /** One BatchGetItem of at most 100 keys, retrying what comes back unprocessed. */
  async #batchGet(
    requested: Record<string, unknown>[],
    projection = 'pk, complaintId, #state',
  ): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let pending = requested;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= BATCH_GET_ATTEMPTS) {
        throw new Error(
          `BatchGetItem: ${pending.length} keys still unprocessed after ${BATCH_GET_ATTEMPTS} attempts`,
        );
      }
      if (attempt > 0) {
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)),
        );
      }
      const { Responses, UnprocessedKeys } = await this.#client.send(
        new BatchGetCommand({
          RequestItems: {
            [this.#table]: {
              Keys: pending,
              ConsistentRead: true,
              ProjectionExpression: projection,
              ExpressionAttributeNames: { '#state': 'state' },
            },
          },
        }),
      );
      out.push(...(Responses?.[this.#table] ?? []));
      pending = UnprocessedKeys?.[this.#table]?.Keys ?? [];
    }
    return out;
  }

  async #pagedQuery<T>(query: {
    index: string;
    key: { name: string; value: string };
    limit: number;
    after?: string;
    filter?: {
      expression: string;
      names: Record<string, string>;
      values: Record<string, unknown>;
    };
    parse: (item: Record<string, unknown>) => T;
  }): Promise<{ items: T[]; next?: string }> {
    const items: T[] = [];
    let start =
      query.after === undefined
        ? undefined
        : startKey(query.after, query.index, query.key);
    // Without a filter one read fills the page; with one, DynamoDB's Limit
    // counts items read before filtering, so read on (bounded) to fill it.
    for (let reads = 0; reads < MAX_FILTERED_READS; reads += 1) {
      const { Items, LastEvaluatedKey } = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: query.index,
          KeyConditionExpression: '#key = :key',
          ExpressionAttributeNames: {
            '#key': query.key.name,
            ...query.filter?.names,
          },
          ExpressionAttributeValues: {
            ':key': query.key.value,
            ...query.filter?.values,
          },
          ...(query.filter === undefined
            ? {}
            : { FilterExpression: query.filter.expression }),
          Limit: query.limit - items.length,
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      items.push(...(Items ?? []).map(query.parse));
      start = LastEvaluatedKey;
      if (start === undefined || items.length >= query.limit) break;
      if (query.filter === undefined) break;
    }
    return start === undefined
      ? { items }
      : {
          items,
          next: Buffer.from(JSON.stringify(start)).toString('base64url'),
        };
  }

  async nextReference(organisationId: string, year: number): Promise<string> {
    const { Attributes, ConsumedCapacity: used } = await this.#client.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: keys.referenceCounter(organisationId, year),
        UpdateExpression: 'ADD #n :one SET kind = :kind',
        ExpressionAttributeNames: { '#n': 'n' },
        ExpressionAttributeValues: { ':one': 1, ':kind': itemKinds.counter },
        ReturnValues: 'UPDATED_NEW',
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    this.#onCapacity?.('nextReference', used ? [used] : []);
    const n = Attributes?.n;
    if (typeof n !== 'number') throw new Error('Reference counter not updated');
    return `HTH-${year}-${String(n).padStart(6, '0')}`;
  }

  #stateWrite(organisationId: string, decision: DecisionToSave): TransactItem {
    const { state, expectedVersion, nextDue } = decision;
    const toPost = lettersToPost(state);
    const resident = residentIdentifier(state.resident);
    const index = {
      ...keys.monthReceived(
        organisationId,
        state.receivedOn,
        state.receivedAt,
        state.id,
      ),
      ...(nextDue === undefined
        ? {}
        : keys.workQueue(organisationId, nextDue.dueOn, state.id)),
      ...(toPost[0] === undefined
        ? {}
        : keys.printQueue(organisationId, toPost[0].on, state.id)),
      ...(resident === undefined
        ? {}
        : keys.resident(
            organisationId,
            resident.value,
            state.receivedAt,
            state.id,
          )),
    };
    const attributes: Record<string, unknown> = {
      kind: itemKinds.complaint,
      organisationId,
      complaintId: state.id,
      version: state.version,
      state,
      reference: state.reference,
      status: state.status,
      classification: state.classification,
      channel: state.channel,
      ...((state.stage2?.handler ?? state.stage1?.handler)
        ? { handler: state.stage2?.handler ?? state.stage1?.handler }
        : {}),
      ...(nextDue === undefined
        ? {}
        : { nextDueOn: nextDue.dueOn, nextClock: nextDue.clockId }),
      ...(toPost.length === 0 ? {} : { printLetters: toPost }),
      ...index,
    };
    const key = keys.complaint(organisationId, state.id);
    if (expectedVersion === 0) {
      return {
        Put: {
          TableName: this.#table,
          Item: {
            ...key,
            ...attributes,
            ...(decision.trackingTokenHash === undefined
              ? {}
              : { trackingTokenHash: decision.trackingTokenHash }),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
    }
    // An update, not a put, keeps what only receipt writes (the token hash).
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':expected': expectedVersion };
    const sets = Object.entries(attributes).map(([name, value], i) => {
      names[`#a${i}`] = name;
      values[`:a${i}`] = value;
      return `#a${i} = :a${i}`;
    });
    const removes = [
      ...(nextDue === undefined
        ? ['queuePk', 'queueSk', 'nextDueOn', 'nextClock']
        : []),
      ...(toPost.length === 0 ? ['printPk', 'printSk', 'printLetters'] : []),
      ...(resident === undefined ? RESIDENT_INDEX : []),
    ];
    removes.forEach((name, i) => {
      names[`#r${i}`] = name;
    });
    return {
      Update: {
        TableName: this.#table,
        Key: key,
        UpdateExpression: [
          `SET ${sets.join(', ')}`,
          removes.length
            ? `REMOVE ${removes.map((_, i) => `#r${i}`).join(', ')}`
            : '',
        ]
          .filter(Boolean)
          .join(' '),
        // An anonymised case is never written back with its data again,
        // even by a decision made on what was read just before.
        ConditionExpression:
          '#version = :expected AND attribute_not_exists(#state.anonymisedOn)',
        ExpressionAttributeNames: {
          ...names,
          '#version': 'version',
          '#state': 'state',
        },
        ExpressionAttributeValues: values,
      },
    };
  }

  async #transact(
    items: TransactItem[],
    complaintId: string,
    expectedVersion: number,
  ): Promise<ConsumedCapacity[] | undefined> {
    try {
      const output = await this.#client.send(
        new TransactWriteCommand({
          TransactItems: items,
          ReturnConsumedCapacity: 'INDEXES',
        }),
      );
      return output.ConsumedCapacity;
    } catch (error) {
      // A version check that failed, or (in DynamoDB, never locally) another
      // transaction on the same item at the same moment: either way this
      // save lost a race and wrote nothing.
      const lost =
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.some(
          (r) =>
            r.Code === 'ConditionalCheckFailed' ||
            r.Code === 'TransactionConflict',
        );
      if (lost) {
        throw new VersionConflictError(complaintId, expectedVersion, {
          cause: error,
        });
      }
      throw error;
    }
  }
}

/**
 * A page token back as the key to start after. It comes from the caller,
 * so it must be a key of this index in this partition: any other shape (or
 * another partition) DynamoDB refuses with a ValidationException, which
 * would be a 500 rather than the caller's 400 (found by
 * test/integration/hostile-routes.test.ts with `?after=e30`, i.e. `{}`).
 */
function startKey(
  after: string,
  indexName: string,
  partition: { readonly name: string; readonly value: string },
): Record<string, unknown> {
  const index = Object.values(table.indexes).find((i) => i.name === indexName);
  const names = [
    table.partitionKey.name,
    table.sortKey.name,
    partition.name,
    index?.sortKey.name,
  ].sort();
  try {
    const key: unknown = JSON.parse(Buffer.from(after, 'base64url').toString());
    if (
      typeof key === 'object' &&
      key !== null &&
      !Array.isArray(key) &&
      Object.keys(key).sort().join() === names.join() &&
      Object.values(key).every((v) => typeof v === 'string' && v !== '') &&
      (key as Record<string, unknown>)[partition.name] === partition.value
    ) {
      return key as Record<string, unknown>;
    }
  } catch {
    // fall through: not a token we issued
  }
  throw new InvalidInputError('after', 'is not the next token of a page');
}

/** The by-resident index's attributes on a state item. */
const RESIDENT_INDEX = ['residentPk', 'residentSk'];

/**
 * On a state item: the day its erasure finished (state anonymised, event
 * items rewritten, files deleted).
 */
const ERASED = 'erasureCompletedOn';

/** The statuses a case ends at (it may still be reopened from them). */
const FINAL_STATUSES: ReadonlySet<string> = new Set([
  'closed',
  'withdrawn',
  'declined',
  'escalation-refused',
]);

/** BatchGetItem's most keys per request. */
const BATCH_GET_LIMIT = 100;

/** Tries of one batch before its unprocessed keys are an error. */
const BATCH_GET_ATTEMPTS = 8;

/** `YYYY-MM` months from `from` to `to`, both included, in order. */
function monthsBetween(from: string, to: string): string[] {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/;
  const a = month.exec(from);
  const b = month.exec(to);
  if (a === null || b === null) {
    throw new InvalidInputError('month', `not a YYYY-MM month: ${from}, ${to}`);
  }
  const out: string[] = [];
  let y = Number(a[1]);
  let m = Number(a[2]);
  const end = Number(b[1]) * 12 + Number(b[2]);
  while (y * 12 + m <= end) {
    out.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Reads of a filtered page before it is returned short. */
const MAX_FILTERED_READS = 10;

export interface WorkQueuePage {
  readonly limit?: number;
  readonly after?: string;
  /** Only cases at one of these statuses. */
  readonly statuses?: readonly string[];
  readonly handler?: string;
  readonly channel?: string;
}

function queueFilter(page: WorkQueuePage) {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (page.statuses !== undefined && page.statuses.length > 0) {
    names['#status'] = 'status';
    const list = page.statuses.map((status, i) => {
      values[`:s${i}`] = status;
      return `:s${i}`;
    });
    clauses.push(`#status IN (${list.join(', ')})`);
  }
  if (page.handler !== undefined) {
    names['#handler'] = 'handler';
    values[':handler'] = page.handler;
    clauses.push('#handler = :handler');
  }
  if (page.channel !== undefined) {
    names['#channel'] = 'channel';
    values[':channel'] = page.channel;
    clauses.push('#channel = :channel');
  }
  return clauses.length === 0
    ? undefined
    : { expression: clauses.join(' AND '), names, values };
}

/** The printed letters of a case not yet posted, oldest first. */
function lettersToPost(state: ComplaintState): PrintLetter[] {
  return state.letters
    .flatMap((l) =>
      l.status === 'queued-for-post' && l.pdfKey !== undefined
        ? [{ id: l.id, kind: l.kind, on: l.on, pdfKey: l.pdfKey }]
        : [],
    )
    .sort((a, b) => a.on.localeCompare(b.on));
}

const printLetterSchema = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  on: z.iso.date(),
  pdfKey: z.string().min(1),
});

export type PrintLetter = z.infer<typeof printLetterSchema>;

/** A print-queue entry, as the index projects it. */
const printQueueItemSchema = z.object({
  reference: z.string().min(1),
  printLetters: z.array(printLetterSchema).min(1),
});

export type PrintQueueItem = z.infer<typeof printQueueItemSchema>;

/** A work-queue entry, as the index projects it. */
const queueItemSchema = z.object({
  reference: z.string().min(1),
  status: z.string().min(1),
  nextDueOn: z.iso.date(),
  nextClock: z.string().min(1),
  handler: z.string().optional(),
  channel: z.string().min(1),
});

export type QueueItem = z.infer<typeof queueItemSchema>;

/** An event item as stored (keys aside): the outbox record. */
const eventItemSchema = z.object({
  kind: z.literal(itemKinds.event),
  organisationId: z.string().min(1),
  complaintId: z.string().min(1),
  version: z.number().int().positive(),
  at: instantSchema,
  events: z.array(complaintEventSchema).min(1),
  intents: z.array(intentSchema),
});

/** The state after `version`, folded from a history oldest first. */
function stateAtVersion(
  history: readonly StoredDecision[],
  version: number,
): ComplaintState | undefined {
  let state: ComplaintState | undefined;
  for (const decision of history) {
    if (decision.version > version) break;
    state = applyDecision(state, decision.events);
  }
  return state?.version === version ? state : undefined;
}

/** Reads an event item back (from a query or a stream image), validated. */
export function storedDecision(item: Record<string, unknown>): StoredDecision {
  const what = `event item ${String(item.complaintId)}#${String(item.version)}`;
  const { kind: _kind, ...decision } = parseRow(eventItemSchema, item, what);
  return decision;
}
