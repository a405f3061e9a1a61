/**
 * Capacity units (issue 9): one standard complaint's life (intake,
 * acknowledge, respond, escalate, acknowledge and respond at stage 2,
 * close) run through the handlers against DynamoDB Local, and the outbox
 * consumers (letters, schedules, links) run after each step off the
 * table's stream, as in AWS. Every call on the handlers' DynamoDB client
 * asks for `ReturnConsumedCapacity: 'INDEXES'` (an SDK middleware: no
 * production code changes), and what DynamoDB reports, table and each
 * index, is set beside the figure the README's access-pattern table
 * predicts for the same items, sized by AWS's item-size rules
 * (./item-size.ts) from the items as they were before and after each
 * write. Then a work-queue page and one case page (reads).
 *
 * DynamoDB Local bills index writes inside TransactWriteItems twice, as
 * it bills the items; the README (and AWS, which updates indexes after the
 * commit) counts them once. The prediction keeps AWS's rule, so a row
 * where Local's doubling shows fails, and its note gives the figure as
 * Local bills it, to show the item sizes agree.
 */
import {
  type AttributeValue,
  type ConsumedCapacity,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { outboxFilterPattern, table } from '../functions/shared/table.js';
import { streamArnOf } from '../infra/local/create-table.js';
import {
  localCredentials,
  localRegion,
} from '../infra/local/dynamodb-local.js';
import { lambdaContext } from '../infra/local/lambda-runtime.js';
import { matches } from '../infra/local/stream-poller.js';
import { type FunctionName, outboxConsumers } from '../infra/routes.js';
import {
  indexEntry,
  itemSize,
  readUnits,
  type TableSpec,
  type WriteCost,
  writeCost,
  writeUnits,
} from './item-size.js';
import {
  acquire,
  apiEvent,
  type BenchStack,
  type Case,
  currentCase,
  intakeEvent,
  lifecycle,
  officer,
  receivedCase,
  release,
  stepEvent,
  tableName,
} from './lifecycle.js';
import type { BenchRow, Measure } from './support.js';

const LIFECYCLE_WCU = 45;
const LIFECYCLE_RCU = 20;
/** The queue page's default size (functions/staff-queries/page.ts). */
const QUEUE_PAGE = 25;

export const measure: Measure = async (context) => {
  const stack = await acquire({
    root: context.root,
    standIns: true,
    log: context.log,
  });
  const meter = new Meter(stack.dynamoDb, stack.observer);
  let outbox: Outbox | undefined;
  try {
    outbox = await Outbox.open(stack, meter);
    context.log('capacity: one lifecycle, with the outbox consumers');
    meter.at('intake', 'command');
    let on: Case = receivedCase(await stack.invoke('intake', intakeEvent()));
    await outbox.drain('intake');
    for (const step of lifecycle) {
      // If-Match as the case page showed it, letters recorded included: a
      // stale version costs the command a Query of the events since.
      on = await currentCase(stack, on.reference);
      meter.at(step.name, 'command');
      await stack.invoke(step.fn, stepEvent(step, on));
      await outbox.drain(step.name);
    }
    context.log('capacity: a full work-queue page and the case page');
    meter.at('setup', 'setup');
    for (let i = 0; i < QUEUE_PAGE; i += 1) {
      await stack.invoke('intake', intakeEvent());
    }
    meter.at('work queue page', 'read');
    await stack.invoke(
      'staff-queries',
      apiEvent({ method: 'GET', path: '/staff/queue', user: officer }),
    );
    meter.at('case page', 'read');
    await stack.invoke(
      'staff-queries',
      apiEvent({
        method: 'GET',
        path: `/staff/complaints/${on.reference}`,
        user: officer,
      }),
    );
    return rowsOf(meter.metered, outbox.consumersSeen);
  } finally {
    outbox?.close();
    meter.remove();
    await release();
  }
};

// ── metering every call ─────────────────────────────────────────────────

/** Capacity units by table and by index. */
interface Units {
  readonly table: number;
  readonly indexes: Readonly<Record<string, number>>;
}

/** One call, metered and predicted. */
interface Metered {
  /** The lifecycle step (or read) it belongs to. */
  readonly step: string;
  /** `command`, `read`, `setup`, or the outbox consumer that made it. */
  readonly source: string;
  readonly operation: string;
  readonly kind: 'read' | 'write';
  /** What DynamoDB Local reported. */
  readonly measured: Units;
  /** The README's rules (AWS's) on the items' real sizes. */
  readonly predicted: Units;
  /** The same, with index writes in a transaction doubled as Local bills them. */
  readonly asLocalBills: Units;
  /** The items written or read, by size. */
  readonly items: readonly string[];
  /**
   * Index units the README's wording ("per index the item is in") would
   * add for index entries a write leaves exactly as they were: DynamoDB
   * writes nothing to those.
   */
  readonly unchangedEntries: number;
  /** The size of each complaint state item as a write left it, in bytes. */
  readonly stateSizes: readonly number[];
}

const tableSpec: TableSpec = {
  partitionKey: table.partitionKey.name,
  sortKey: table.sortKey.name,
  indexes: Object.values(table.indexes).map((index) => ({
    name: index.name,
    partitionKey: index.partitionKey.name,
    sortKey: index.sortKey.name,
    projection: index.projection,
  })),
};

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem']);
const WRITES = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'TransactWriteItems',
]);
const ASK = 'benchReturnConsumedCapacity';
const METER = 'benchCapacityMeter';

type Item = Record<string, AttributeValue>;
type Input = Record<string, unknown>;

/** Where one item write lands. */
interface Target {
  readonly key: Item;
  readonly transactional: boolean;
}

/**
 * The middleware pair on the handlers' client: one asks every call for
 * its consumed capacity (before the document client marshals the input),
 * the other, once the input is marshalled, reads each written item before
 * and after the call with a client of its own (never metered) and keeps
 * what was reported beside what the rules predict.
 */
class Meter {
  readonly metered: Metered[] = [];
  readonly #client: DynamoDBClient;
  readonly #observer: DynamoDBClient;
  #step = 'none';
  #source = 'none';

  constructor(client: DynamoDBClient, observer: DynamoDBClient) {
    this.#client = client;
    this.#observer = observer;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = operationOf(context.commandName);
        if (!READS.has(operation) && !WRITES.has(operation)) return next(args);
        return next({
          ...args,
          input: {
            ...(args.input as Input),
            ReturnConsumedCapacity: 'INDEXES',
          },
        });
      },
      { step: 'initialize', name: ASK, override: true },
    );
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = operationOf(context.commandName);
        const input = args.input as Input;
        if (WRITES.has(operation)) {
          const targets = writeTargets(operation, input);
          const before = await this.#images(targets);
          const result = await next(args);
          const after = await this.#images(targets);
          this.#write(operation, result.output, targets, before, after);
          return result;
        }
        const result = await next(args);
        if (READS.has(operation)) await this.#read(operation, input, result);
        return result;
      },
      { step: 'build', name: METER, override: true },
    );
  }

  /** Calls from now on belong to this step and source. */
  at(step: string, source: string): void {
    this.#step = step;
    this.#source = source;
  }

  remove(): void {
    this.#client.middlewareStack.remove(ASK);
    this.#client.middlewareStack.remove(METER);
  }

  async #images(targets: readonly Target[]): Promise<(Item | undefined)[]> {
    return Promise.all(
      targets.map(
        async (target) =>
          (
            await this.#observer.send(
              new GetItemCommand({
                TableName: tableName,
                Key: target.key,
                ConsistentRead: true,
              }),
            )
          ).Item,
      ),
    );
  }

  #write(
    operation: string,
    output: unknown,
    targets: readonly Target[],
    before: readonly (Item | undefined)[],
    after: readonly (Item | undefined)[],
  ): void {
    const costs = targets.map((target, i) =>
      writeCost(before[i], after[i], tableSpec, target.transactional),
    );
    const doubled = targets.map((target, i) => {
      const cost = costs[i] as WriteCost;
      if (!target.transactional) return cost;
      return {
        table: cost.table,
        indexes: Object.fromEntries(
          Object.entries(cost.indexes).map(([name, n]) => [name, 2 * n]),
        ),
      };
    });
    let unchangedEntries = 0;
    targets.forEach((_, i) => {
      for (const index of tableSpec.indexes) {
        const was = indexEntry(before[i], tableSpec, index);
        const is = indexEntry(after[i], tableSpec, index);
        if (
          was !== undefined &&
          is !== undefined &&
          (costs[i]?.indexes[index.name] ?? 0) === 0
        ) {
          unchangedEntries += writeUnits(itemSize(is));
        }
      }
    });
    const stateSizes = targets.flatMap((target, i) => {
      const image = after[i];
      return itemName(target.key) === 'state' && image !== undefined
        ? [itemSize(image)]
        : [];
    });
    this.metered.push({
      unchangedEntries,
      stateSizes,
      step: this.#step,
      source: this.#source,
      operation,
      kind: 'write',
      measured: reported(output),
      predicted: sum(costs),
      asLocalBills: sum(doubled),
      items: targets.map((target, i) => {
        const sizes = [before[i], after[i]].map((image) =>
          image === undefined ? '–' : kb(itemSize(image)),
        );
        return `${itemName(target.key)} ${sizes.join('→')}`;
      }),
    });
  }

  async #read(
    operation: string,
    input: Input,
    result: { output: unknown },
  ): Promise<void> {
    const consistent = input.ConsistentRead === true;
    let bytes = 0;
    let index: string | undefined;
    let count = 0;
    if (operation === 'GetItem') {
      // Billed on the whole item, whatever the projection returns.
      const { Item } = await this.#observer.send(
        new GetItemCommand({
          TableName: tableName,
          Key: input.Key as Item,
          ConsistentRead: true,
        }),
      );
      bytes = Item === undefined ? 0 : itemSize(Item);
      count = Item === undefined ? 0 : 1;
    } else if (operation === 'Query') {
      // Billed on every item read: whole items from the table, projected
      // entries from an index; re-read without projection or filter.
      const { Items = [] } = await this.#observer.send(
        new QueryCommand(unprojected(input) as never),
      );
      bytes = Items.reduce((total, item) => total + itemSize(item), 0);
      count = Items.length;
      index = typeof input.IndexName === 'string' ? input.IndexName : undefined;
    } else {
      throw new Error(`No capacity rule for ${operation}`);
    }
    const units = readUnits(bytes, consistent);
    const predicted: Units =
      index === undefined
        ? { table: units, indexes: {} }
        : { table: 0, indexes: { [index]: units } };
    this.metered.push({
      step: this.#step,
      source: this.#source,
      operation,
      kind: 'read',
      measured: reported(result.output),
      predicted,
      asLocalBills: predicted,
      unchangedEntries: 0,
      stateSizes: [],
      items: [
        `${operation === 'Query' ? `${count} items` : 'item'} ${kb(bytes)}${consistent ? ' (consistent)' : ''}`,
      ],
    });
  }
}

function operationOf(commandName: unknown): string {
  return String(commandName).replace(/Command$/, '');
}

/** Every item a write touches, with its key. */
function writeTargets(operation: string, input: Input): Target[] {
  const keyOf = (
    action: { Item?: Item; Key?: Item } | undefined,
  ): Item | undefined => {
    if (action === undefined) return undefined;
    if (action.Key !== undefined) return action.Key;
    const item = action.Item;
    if (item === undefined) return undefined;
    const pk = item[tableSpec.partitionKey];
    const sk = item[tableSpec.sortKey];
    if (pk === undefined || sk === undefined) return undefined;
    return { [tableSpec.partitionKey]: pk, [tableSpec.sortKey]: sk };
  };
  if (operation === 'TransactWriteItems') {
    const actions = (input.TransactItems ?? []) as Record<
      string,
      { Item?: Item; Key?: Item } | undefined
    >[];
    return actions.flatMap((action) => {
      const key = keyOf(
        action.Put ?? action.Update ?? action.Delete ?? action.ConditionCheck,
      );
      return key === undefined ? [] : [{ key, transactional: true }];
    });
  }
  const key = keyOf(input as { Item?: Item; Key?: Item });
  return key === undefined ? [] : [{ key, transactional: false }];
}

/** A query's input without what narrows what it returns, not what it reads. */
function unprojected(input: Input): Input {
  const {
    ProjectionExpression: _projection,
    FilterExpression: _filter,
    Select: _select,
    ReturnConsumedCapacity: _capacity,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ...rest
  } = input as Input & {
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  };
  const used = String(rest.KeyConditionExpression ?? '');
  const keep = <T>(entries: Record<string, T> | undefined) =>
    entries === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(entries).filter(([name]) =>
            new RegExp(`${name}(?![\\w])`).test(used),
          ),
        );
  const keptNames = keep(names);
  const keptValues = keep(values);
  return {
    ...rest,
    ...(keptNames === undefined || Object.keys(keptNames).length === 0
      ? {}
      : { ExpressionAttributeNames: keptNames }),
    ...(keptValues === undefined || Object.keys(keptValues).length === 0
      ? {}
      : { ExpressionAttributeValues: keptValues }),
  };
}

/** What a response's ConsumedCapacity says, by table and index. */
function reported(output: unknown): Units {
  const consumed = (output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
  const list = (
    consumed === undefined
      ? []
      : Array.isArray(consumed)
        ? consumed
        : [consumed]
  ) as ConsumedCapacity[];
  if (list.length === 0) throw new Error('No ConsumedCapacity reported');
  let tableUnits = 0;
  const indexes: Record<string, number> = {};
  for (const entry of list) {
    tableUnits += entry.Table?.CapacityUnits ?? entry.CapacityUnits ?? 0;
    for (const [name, units] of Object.entries(
      entry.GlobalSecondaryIndexes ?? {},
    )) {
      indexes[name] = (indexes[name] ?? 0) + (units.CapacityUnits ?? 0);
    }
  }
  return { table: tableUnits, indexes };
}

function sum(all: readonly Units[]): Units {
  const indexes: Record<string, number> = {};
  let tableUnits = 0;
  for (const units of all) {
    tableUnits += units.table;
    for (const [name, n] of Object.entries(units.indexes)) {
      indexes[name] = (indexes[name] ?? 0) + n;
    }
  }
  return { table: tableUnits, indexes };
}

function total(units: Units): number {
  return Object.values(units.indexes).reduce((a, b) => a + b, units.table);
}

/** What an item is, from its key: state, event, counter, rate, idempotency. */
function itemName(key: Item): string {
  const pk = key[tableSpec.partitionKey]?.S ?? '';
  const sk = key[tableSpec.sortKey]?.S ?? '';
  if (sk === 'STATE') return 'state';
  if (sk.startsWith('EVENT#')) return 'event';
  if (sk.startsWith('REFERENCE#')) return 'counter';
  if (sk.startsWith('HOUR#')) return 'rate limit';
  if (pk.includes('#IDEMPOTENCY')) return 'idempotency';
  return sk;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(2)} KB`;
}

// ── the outbox, as Lambda's stream event source mapping delivers it ─────

/**
 * Delivers the table's stream to the outbox consumers, in order, when
 * asked (never in the background, so nothing a consumer writes lands
 * inside a command's before and after reads).
 */
class Outbox {
  readonly consumersSeen = new Set<string>();
  readonly #stack: BenchStack;
  readonly #meter: Meter;
  readonly #client: DynamoDBStreamsClient;
  readonly #streamArn: string;
  /** Each consumer's position in each shard. */
  readonly #positions = new Map<string, Map<string, string>>();

  private constructor(
    stack: BenchStack,
    meter: Meter,
    client: DynamoDBStreamsClient,
    streamArn: string,
  ) {
    this.#stack = stack;
    this.#meter = meter;
    this.#client = client;
    this.#streamArn = streamArn;
  }

  static async open(stack: BenchStack, meter: Meter): Promise<Outbox> {
    const client = new DynamoDBStreamsClient({
      endpoint: stack.endpoint,
      region: localRegion,
      credentials: localCredentials,
    });
    const outbox = new Outbox(
      stack,
      meter,
      client,
      await streamArnOf(stack.observer, tableName),
    );
    // Whatever the stream already holds is not this lifecycle's.
    await outbox.#pass(async () => undefined);
    return outbox;
  }

  /** Runs the consumers until the stream has nothing more for any. */
  async drain(step: string): Promise<void> {
    const deliver = async (name: FunctionName, records: StreamRecord[]) => {
      this.consumersSeen.add(name);
      this.#meter.at(step, name);
      const handler = await this.#stack.handler(name);
      const answer = (await handler(
        {
          Records: records.map((record) => ({
            ...record,
            eventSourceARN: this.#streamArn,
            awsRegion: localRegion,
          })),
        },
        lambdaContext(name),
      )) as DynamoDBBatchResponse | undefined;
      if ((answer?.batchItemFailures ?? []).length > 0) {
        throw new Error(`${name} failed a record after ${step}`);
      }
    };
    while (await this.#pass(deliver)) {
      // A consumer's own writes are new records: pass again.
    }
  }

  close(): void {
    this.#client.destroy();
  }

  /** One pass over every shard for every consumer; true if any were delivered. */
  async #pass(
    deliver: (name: FunctionName, records: StreamRecord[]) => Promise<void>,
  ): Promise<boolean> {
    const { StreamDescription } = await this.#client.send(
      new DescribeStreamCommand({ StreamArn: this.#streamArn }),
    );
    let delivered = false;
    for (const name of outboxConsumers) {
      const positions = this.#positions.get(name) ?? new Map<string, string>();
      this.#positions.set(name, positions);
      for (const shard of StreamDescription?.Shards ?? []) {
        if (shard.ShardId === undefined) continue;
        const records = await this.#read(shard.ShardId, positions);
        const matching = records.filter((record) =>
          matches(outboxFilterPattern, record),
        );
        if (matching.length > 0) {
          await deliver(name, matching);
          delivered = true;
        }
      }
    }
    return delivered;
  }

  /** Every record after the consumer's position in a shard; moves it on. */
  async #read(
    shardId: string,
    positions: Map<string, string>,
  ): Promise<StreamRecord[]> {
    const after = positions.get(shardId);
    const { ShardIterator } = await this.#client.send(
      new GetShardIteratorCommand({
        StreamArn: this.#streamArn,
        ShardId: shardId,
        ...(after === undefined
          ? { ShardIteratorType: 'TRIM_HORIZON' }
          : {
              ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
              SequenceNumber: after,
            }),
      }),
    );
    const out: StreamRecord[] = [];
    let iterator = ShardIterator;
    while (iterator !== undefined) {
      const page = await this.#client.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }),
      );
      const records = page.Records ?? [];
      if (records.length === 0) break;
      out.push(...records);
      iterator = page.NextShardIterator;
    }
    const last = out.at(-1)?.dynamodb?.SequenceNumber;
    if (last !== undefined) positions.set(shardId, last);
    return out;
  }
}

// ── the rows ────────────────────────────────────────────────────────────

function rowsOf(
  metered: readonly Metered[],
  consumers: ReadonlySet<string>,
): BenchRow[] {
  const steps = ['intake', ...lifecycle.map((s) => s.name)];
  const rows: BenchRow[] = [];
  for (const step of steps) {
    const calls = metered.filter(
      (m) => m.step === step && m.source === 'command',
    );
    rows.push(compare(`${step}: WCU`, 'WCU', writes(calls)));
    const reads = calls.filter((m) => m.kind === 'read');
    if (reads.length > 0) rows.push(compare(`${step}: RCU`, 'RCU', reads));
  }
  const bookkeeping = metered.filter(
    (m) =>
      m.source !== 'command' && m.source !== 'read' && m.source !== 'setup',
  );
  for (const consumer of consumers) {
    const calls = bookkeeping.filter((m) => m.source === consumer);
    if (calls.length === 0) continue;
    const perStep = steps
      .map((step) => {
        const n = total(
          sum(
            writes(calls.filter((m) => m.step === step)).map((m) => m.measured),
          ),
        );
        return n === 0 ? '' : `${step} ${n}`;
      })
      .filter(Boolean)
      .join(', ');
    rows.push(
      compare(
        `${consumer} (outbox, whole life): WCU`,
        'WCU',
        writes(calls),
        `by step: ${perStep}`,
      ),
    );
    const reads = calls.filter((m) => m.kind === 'read');
    if (reads.length > 0) {
      rows.push(compare(`${consumer} (outbox, whole life): RCU`, 'RCU', reads));
    }
  }
  const silent = [...consumers].filter(
    (c) => !bookkeeping.some((m) => m.source === c),
  );
  const commands = metered.filter((m) => m.source === 'command');
  const lifetime = [...commands, ...bookkeeping];
  const silentNote =
    silent.length === 0 ? '' : ` (${silent.join(', ')}: no table calls)`;
  rows.push(
    compare('lifecycle, commands only: WCU', 'WCU', writes(commands)),
    compare(
      'lifecycle, commands only: RCU',
      'RCU',
      commands.filter((m) => m.kind === 'read'),
    ),
    compare(
      'lifecycle with bookkeeping: WCU',
      'WCU',
      writes(lifetime),
      `commands and outbox consumers${silentNote}`,
    ),
    compare(
      'lifecycle with bookkeeping: RCU',
      'RCU',
      lifetime.filter((m) => m.kind === 'read'),
      `commands and outbox consumers${silentNote}`,
    ),
  );
  rows.push(
    budgetRow('WCU', LIFECYCLE_WCU, writes(lifetime), writes(commands)),
    budgetRow(
      'RCU',
      LIFECYCLE_RCU,
      lifetime.filter((m) => m.kind === 'read'),
      commands.filter((m) => m.kind === 'read'),
    ),
  );
  for (const read of ['work queue page', 'case page']) {
    rows.push(
      compare(
        `${read}: RCU`,
        'RCU',
        metered.filter((m) => m.step === read && m.kind === 'read'),
      ),
    );
  }
  return rows;
}

function writes(calls: readonly Metered[]): Metered[] {
  return calls.filter((m) => m.kind === 'write');
}

/** Measured against predicted: they must be equal. */
function compare(
  name: string,
  unit: 'WCU' | 'RCU',
  calls: readonly Metered[],
  extra?: string,
): BenchRow {
  const measured = sum(calls.map((m) => m.measured));
  const predicted = sum(calls.map((m) => m.predicted));
  const asLocal = sum(calls.map((m) => m.asLocalBills));
  const value = total(measured);
  const expected = total(predicted);
  const equal = Math.abs(value - expected) < 1e-9;
  const localDiffers = Math.abs(total(asLocal) - expected) > 1e-9;
  const unchanged = calls.reduce((n, m) => n + m.unchangedEntries, 0);
  const parts = [
    calls.length <= 3
      ? calls.map((m) => `${m.operation} [${m.items.join(', ')}]`).join('; ')
      : `${calls.length} calls`,
    `measured/predicted: ${breakdown(measured, predicted)}`,
    ...(localDiffers
      ? [
          `DynamoDB Local bills index writes inside a transaction twice; as it bills them the prediction is ${total(asLocal)}${Math.abs(total(asLocal) - value) < 1e-9 ? ' (= measured)' : ''}`,
        ]
      : []),
    ...(unchanged > 0
      ? [
          `the README's "per index the item is in" would add ${unchanged} for index entries these writes leave as they were; DynamoDB writes none (AWS's GSI rules; Local agrees)`,
        ]
      : []),
    ...(extra === undefined ? [] : [extra]),
  ];
  return {
    group: 'capacity',
    name,
    value,
    unit,
    reference: { name: 'predicted', value: expected },
    ...(expected === 0 && value === 0 ? {} : { ratio: value / expected }),
    budget: '= predicted',
    pass: equal,
    note: parts.join('; '),
  };
}

function breakdown(measured: Units, predicted: Units): string {
  const names = [
    ...new Set([
      ...Object.keys(measured.indexes),
      ...Object.keys(predicted.indexes),
    ]),
  ].sort();
  return [
    `table ${measured.table}/${predicted.table}`,
    ...names.map(
      (name) =>
        `${name} ${measured.indexes[name] ?? 0}/${predicted.indexes[name] ?? 0}`,
    ),
  ].join(', ');
}

/** The lifecycle's budget, judged on AWS's figure with bookkeeping. */
function budgetRow(
  unit: 'WCU' | 'RCU',
  limit: number,
  lifetime: readonly Metered[],
  commands: readonly Metered[],
): BenchRow {
  const predicted = total(sum(lifetime.map((m) => m.predicted)));
  const measured = total(sum(lifetime.map((m) => m.measured)));
  const commandsOnly = total(sum(commands.map((m) => m.predicted)));
  const parts = [
    "judged on the whole life with bookkeeping, by AWS's rules (the predicted figure)",
    `DynamoDB Local reported ${measured}`,
    `commands alone ${commandsOnly}, outbox bookkeeping ${predicted - commandsOnly}`,
  ];
  if (unit === 'WCU') {
    const transactions = lifetime.filter(
      (m) => m.operation === 'TransactWriteItems',
    );
    const doubling = sum(transactions.map((m) => m.predicted)).table / 2;
    const indexes =
      total(sum(lifetime.map((m) => m.predicted))) -
      sum(lifetime.map((m) => m.predicted)).table;
    const states = lifetime.flatMap((m) => m.stateSizes);
    parts.push(
      `of it: the transactions' doubling ${doubling}, index writes ${indexes}; ` +
        `the state item written ${states.length} times at ${kb(Math.min(...states))}–${kb(Math.max(...states))}`,
    );
  } else {
    parts.push(
      'each letter reads the state twice (deliverLetters, then execute to record it) and its whole history once (stateAt), in functions/letters/deliver.ts',
    );
  }
  return {
    group: 'capacity',
    name: `lifecycle ${unit} (budget)`,
    value: predicted,
    unit,
    ratio: predicted / limit,
    budget: `≤ ${limit} ${unit}`,
    pass: predicted <= limit,
    note: parts.join('; '),
  };
}
