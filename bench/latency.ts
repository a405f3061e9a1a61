/**
 * Handler latency (issue 9): each staff action, intake and read, warm, in
 * this process against DynamoDB Local, beside the bare DynamoDB calls it
 * cannot avoid, issued with the SDK on the handlers' own client against
 * the same table with items of the same size. Budget: the handler's median
 * at most 1.3× the bare calls' median.
 *
 * How the bare calls are made the same: each handler sample's calls are
 * recorded (marshalled, as they go on the wire) and, for the bare sample
 * that follows it, replayed on a shadow complaint, a copy of the case as
 * it stood before the handler ran, under a reference of the same length.
 * Only the calls the command needs are replayed; any other call the
 * handler makes is named in the row's note as avoidable. Samples alternate
 * handler, bare, handler, bare…, after unrecorded warm-up pairs; setup
 * (cases, events, shadows) is never timed.
 */
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { keys } from '../functions/shared/adapters/dynamodb/keys.js';
import { lambdaContext } from '../infra/local/lambda-runtime.js';
import { itemSize } from './item-size.js';
import {
  acquire,
  advance,
  apiEvent,
  type BenchStack,
  type Case,
  commandedCase,
  intakeEvent,
  lifecycle,
  officer,
  organisationId,
  receivedCase,
  release,
  type Step,
  staffIntakeEvent,
  step,
  stepEvent,
  tableName,
} from './lifecycle.js';
import {
  type BenchRow,
  type Measure,
  median,
  ratioRow,
  spread,
} from './support.js';

const LIMIT = 1.3;
const WARMUP = 5;

export const measure: Measure = async (context) => {
  const samples = context.quick ? 8 : 50;
  const count = WARMUP + samples;
  const stack = await acquire({
    root: context.root,
    standIns: false,
    log: context.log,
  });
  const recorder = record(stack.dynamoDb);
  const bench = new LatencyBench(stack, recorder, count);
  try {
    const rows: BenchRow[] = [];
    // DynamoDB Local is a JVM: let its JIT settle before anything is timed.
    context.log('latency: warming DynamoDB Local (untimed lifecycles)');
    await warm(stack, context.quick ? 5 : 20);
    context.log(`latency: ${samples} samples each after ${WARMUP} warm-up`);
    const web = await bench.intake('intake', intakeEvent, [
      'UpdateItem',
      'UpdateItem',
      'TransactWriteItems',
    ]);
    rows.push(web.row);
    rows.push(
      (
        await bench.intake('staff-intake', staffIntakeEvent, [
          'UpdateItem',
          'TransactWriteItems',
        ])
      ).row,
    );
    let cases = web.cases;
    for (const name of ['acknowledge', 'respond', 'escalate']) {
      const done = await bench.command(step(name), cases);
      rows.push(done.row);
      cases = done.cases;
    }
    rows.push(await bench.queuePage());
    context.log('latency: stage 2 (untimed setup)');
    const stage2 = [step('acknowledge stage 2'), step('respond stage 2')];
    cases = await Promise.all(cases.map((c) => advance(stack, c, stage2)));
    const closed = await bench.command(step('close'), cases);
    rows.push(closed.row);
    rows.push(await bench.caseRead(closed.cases));
    return rows;
  } finally {
    recorder.remove();
    await release();
  }
};

/** Whole lifecycles, reads included, untimed. */
async function warm(stack: BenchStack, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    const made = receivedCase(await stack.invoke('intake', intakeEvent()));
    await stack.invoke('staff-intake', staffIntakeEvent());
    await advance(stack, made, lifecycle);
    await stack.invoke(
      'staff-queries',
      apiEvent({ method: 'GET', path: '/staff/queue', user: officer }),
    );
    await stack.invoke(
      'staff-queries',
      apiEvent({
        method: 'GET',
        path: `/staff/complaints/${made.reference}`,
        user: officer,
      }),
    );
  }
}

// ── recording the handlers' calls ───────────────────────────────────────

/** One DynamoDB call as it went on the wire: operation and marshalled input. */
interface Call {
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

interface Recorder {
  /** The calls since the last `take`, and forgets them. */
  take(): Call[];
  remove(): void;
}

const RECORDER = 'benchLatencyRecorder';

/**
 * Records every call on the client. At the build step the document
 * client's input is already marshalled, so a call can be replayed on the
 * low-level client as it was sent.
 */
function record(client: DynamoDBClient): Recorder {
  let calls: Call[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push({
        operation: String(context.commandName).replace(/Command$/, ''),
        input: args.input as Record<string, unknown>,
      });
      return next(args);
    },
    { step: 'build', name: RECORDER, override: true },
  );
  return {
    take: () => {
      const taken = calls;
      calls = [];
      return taken;
    },
    remove: () => {
      client.middlewareStack.remove(RECORDER);
    },
  };
}

/** A recorded call as a command to send again. */
function commandOf(call: Call) {
  const input = structuredClone(call.input) as never;
  switch (call.operation) {
    case 'GetItem':
      return new GetItemCommand(input);
    case 'Query':
      return new QueryCommand(input);
    case 'UpdateItem':
      return new UpdateItemCommand(input);
    case 'PutItem':
      return new PutItemCommand(input);
    case 'TransactWriteItems':
      return new TransactWriteItemsCommand(input);
    default:
      throw new Error(`No replay for ${call.operation}`);
  }
}

/**
 * Splits the handler's calls into those the command needs (`needed`, in
 * order, by operation) and the rest.
 */
function split(
  calls: readonly Call[],
  needed: readonly string[],
): { kept: Call[]; extra: Call[] } {
  const wanted = [...needed];
  const kept: Call[] = [];
  const extra: Call[] = [];
  for (const call of calls) {
    if (wanted[0] === call.operation) {
      wanted.shift();
      kept.push(call);
    } else extra.push(call);
  }
  if (wanted.length > 0) {
    throw new Error(
      `Expected ${needed.join(', ')}; the handler made ${calls.map((c) => c.operation).join(', ')}`,
    );
  }
  return { kept, extra };
}

/** Every string in `value` with `from` replaced by `to` (a deep copy). */
function rekey<T>(value: T, from: string, to: string): T {
  if (typeof value === 'string') return value.replaceAll(from, to) as T;
  if (Array.isArray(value)) return value.map((v) => rekey(v, from, to)) as T;
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, rekey(v, from, to)]),
    ) as T;
  }
  return value;
}

let shadows = 0;

/** A reference of the same length no counter will reach: `HTH-<yyyy>-9nnnnn`. */
function shadowOf(reference: string): string {
  shadows += 1;
  return `${reference.slice(0, -6)}${900_000 + shadows}`;
}

// ── the measure ─────────────────────────────────────────────────────────

interface Timings {
  readonly handler: number[];
  readonly bare: number[];
  readonly alternative: number[];
}

/** One round: a handler sample, then its bare calls. */
interface Trial {
  /** Untimed: snapshot what the bare calls will copy. */
  readonly before?: () => Promise<void>;
  /** The handler's event, built before the clock starts. */
  readonly event: () => unknown;
  /**
   * Untimed: reads the handler's answer and recorded calls, prepares the
   * bare calls, and returns them to be timed (with an alternative
   * reference, where a row has one).
   */
  readonly after: (result: APIGatewayProxyStructuredResultV2) => Promise<{
    readonly bare: () => Promise<unknown>;
    readonly alternative?: () => Promise<unknown>;
  }>;
}

class LatencyBench {
  readonly #stack: BenchStack;
  readonly #recorder: Recorder;
  readonly #count: number;

  constructor(stack: BenchStack, recorder: Recorder, count: number) {
    this.#stack = stack;
    this.#recorder = recorder;
    this.#count = count;
  }

  /**
   * Handler, bare (and the alternative reference, if any), in turn, for
   * each case; the first WARMUP rounds unrecorded.
   */
  async #interleave(
    fn: Parameters<BenchStack['handler']>[0],
    trial: (index: number) => Trial,
  ): Promise<Timings> {
    const handler = await this.#stack.handler(fn);
    const timings: Timings = { handler: [], bare: [], alternative: [] };
    for (let index = 0; index < this.#count; index += 1) {
      const t = trial(index);
      await t.before?.();
      const event = t.event();
      const context = lambdaContext(fn);
      this.#recorder.take();
      const started = performance.now();
      const result = (await handler(
        event,
        context,
      )) as APIGatewayProxyStructuredResultV2;
      const handlerMs = performance.now() - started;
      const status = result.statusCode ?? 200;
      if (status >= 400) throw new Error(`${fn}: ${status} ${result.body}`);
      const references = await t.after(result);
      const bareMs = await time(references.bare);
      const alternativeMs =
        references.alternative === undefined
          ? undefined
          : await time(references.alternative);
      if (index < WARMUP) continue;
      timings.handler.push(handlerMs);
      timings.bare.push(bareMs);
      if (alternativeMs !== undefined) timings.alternative.push(alternativeMs);
    }
    return timings;
  }

  /** A new complaint (web form or staff), against its counter, rate and save. */
  async intake(
    fn: 'intake' | 'staff-intake',
    event: () => unknown,
    needed: readonly string[],
  ): Promise<{ row: BenchRow; cases: Case[] }> {
    const cases: Case[] = [];
    let extra: Call[] = [];
    let sizes = '';
    const timings = await this.#interleave(fn, () => ({
      event,
      after: async (result) => {
        const made = receivedCase(result);
        cases.push(made);
        const calls = split(this.#recorder.take(), needed);
        extra = calls.extra;
        sizes = writtenSizes(calls.kept);
        const shadow = shadowOf(made.reference);
        const commands = rekey(calls.kept, made.reference, shadow).map(
          commandOf,
        );
        return { bare: () => sendAll(this.#stack.dynamoDb, commands) };
      },
    }));
    return {
      cases,
      row: row(fn, timings, {
        calls: needed,
        extra,
        what:
          fn === 'intake'
            ? `rate-limit UpdateItem ADD, reference counter UpdateItem ADD, TransactWriteItems (state put + event put: ${sizes})`
            : `reference counter UpdateItem ADD, TransactWriteItems (state put + event put: ${sizes})`,
      }),
    };
  }

  /** A staff command: consistent GetItem of the state, then the save. */
  async command(
    command: Step,
    cases: readonly Case[],
  ): Promise<{ row: BenchRow; cases: Case[] }> {
    const after: Case[] = [];
    let extra: Call[] = [];
    let sizes = '';
    const needed = ['GetItem', 'TransactWriteItems'];
    const timings = await this.#interleave(command.fn, (index) => {
      const on = cases[index];
      if (on === undefined) throw new Error('not enough cases');
      let before: Record<string, unknown> | undefined;
      return {
        before: async () => {
          const { Item } = await this.#stack.observer.send(
            new GetItemCommand({
              TableName: tableName,
              Key: marshalledKey(keys.complaint(organisationId, on.reference)),
              ConsistentRead: true,
            }),
          );
          before = Item;
        },
        event: () => stepEvent(command, on),
        after: async (result) => {
          after.push(commandedCase(on, result));
          const calls = split(this.#recorder.take(), needed);
          extra = calls.extra;
          const shadow = shadowOf(on.reference);
          // The shadow stands as the case stood before the command.
          await this.#stack.observer.send(
            new PutItemCommand({
              TableName: tableName,
              Item: rekey(before ?? {}, on.reference, shadow) as never,
            }),
          );
          sizes = `state ${kb(itemSize((before ?? {}) as never))} before, ${writtenSizes(calls.kept)} put`;
          const commands = rekey(calls.kept, on.reference, shadow).map(
            commandOf,
          );
          return { bare: () => sendAll(this.#stack.dynamoDb, commands) };
        },
      };
    });
    return {
      cases: after,
      row: row(`${command.fn}: ${command.name}`, timings, {
        calls: needed,
        extra,
        what: `consistent GetItem of the state, TransactWriteItems (state update on its version + event put: ${sizes})`,
      }),
    };
  }

  /** GET /staff/queue: one page of the work-queue index. */
  async queuePage(): Promise<BenchRow> {
    let extra: Call[] = [];
    let found = 0;
    const timings = await this.#interleave('staff-queries', () => ({
      event: () =>
        apiEvent({ method: 'GET', path: '/staff/queue', user: officer }),
      after: async (result) => {
        found = (JSON.parse(String(result.body)) as { items: unknown[] }).items
          .length;
        const calls = split(this.#recorder.take(), ['Query']);
        extra = calls.extra;
        const commands = calls.kept.map(commandOf);
        return { bare: () => sendAll(this.#stack.dynamoDb, commands) };
      },
    }));
    return row('staff-queries: work queue page', timings, {
      calls: ['Query'],
      extra,
      what: `the work-queue index Query (a page of ${found})`,
    });
  }

  /**
   * GET /staff/complaints/{reference}: the state and its events in one
   * consistent Query of the case's partition (the state item shares the
   * events' partition), the call it cannot avoid.
   */
  async caseRead(cases: readonly Case[]): Promise<BenchRow> {
    let extra: Call[] = [];
    let items = 0;
    const timings = await this.#interleave('staff-queries', (index) => {
      const on = cases[index % cases.length];
      if (on === undefined) throw new Error('no cases');
      return {
        event: () =>
          apiEvent({
            method: 'GET',
            path: `/staff/complaints/${on.reference}`,
            user: officer,
          }),
        after: async () => {
          const calls = split(this.#recorder.take(), ['Query']);
          extra = calls.extra;
          const commands = calls.kept.map(commandOf);
          return {
            bare: async () => {
              for (const command of commands) {
                const answer = await this.#stack.dynamoDb.send(
                  command as never,
                );
                items = (answer as { Count?: number }).Count ?? 0;
              }
            },
          };
        },
      };
    });
    return row('staff-queries: case read', timings, {
      calls: ['Query'],
      extra,
      what: `one consistent Query of the case's partition (${items} items: the state and its events)`,
    });
  }
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function sendAll(
  client: DynamoDBClient,
  commands: readonly ReturnType<typeof commandOf>[],
): Promise<void> {
  for (const command of commands) await client.send(command as never);
}

function marshalledKey(key: { pk: string; sk: string }) {
  return { pk: { S: key.pk }, sk: { S: key.sk } };
}

/** The items a call list puts, by name and size. */
function writtenSizes(calls: readonly Call[]): string {
  const puts = calls.flatMap((call) =>
    call.operation === 'TransactWriteItems'
      ? (
          call.input.TransactItems as {
            Put?: { Item: Record<string, AttributeValue> };
          }[]
        ).flatMap((t) => (t.Put === undefined ? [] : [t.Put.Item]))
      : [],
  );
  return puts
    .map((item) => {
      const sk = item.sk?.S ?? '';
      const name =
        sk === 'STATE' ? 'state' : sk.startsWith('EVENT#') ? 'event' : sk;
      return `${name} ${kb(itemSize(item))}`;
    })
    .join(', ');
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function fmt(value: number): string {
  return value.toFixed(2);
}

function row(
  name: string,
  timings: Timings,
  reference: {
    readonly calls: readonly string[];
    readonly extra: readonly Call[];
    readonly what: string;
  },
): BenchRow {
  const avoidable =
    reference.extra.length === 0
      ? ''
      : ` The handler also made ${reference.extra.map((c) => c.operation).join(', ')}: not in the reference (avoidable).`;
  const paired = median(
    timings.handler.map((ms, i) => ms / (timings.bare[i] ?? Number.NaN)),
  );
  return ratioRow({
    group: 'latency',
    name,
    value: median(timings.handler),
    unit: 'ms',
    spread: spread(timings.handler),
    reference: { name: 'bare calls', value: median(timings.bare) },
    limit: LIMIT,
    note:
      `n=${timings.handler.length}; bare: ${reference.what}; ` +
      `bare IQR ${fmt(spread(timings.bare))} ms; ` +
      `median of the pairs' own ratios ${fmt(paired)}×.${avoidable}`,
  });
}
