/**
 * The HTTP face of the local Scheduler: the AWS operations (see api.ts) at
 * the paths the SDK uses, and the local controls under `/_local/`:
 *
 * - `GET  /_local/clock` → `{ now }`
 * - `POST /_local/clock` with `{ "advanceSeconds": n }` or `{ "set": iso }`
 *   → `{ now }` once what fell due has run (the clock only moves forward)
 * - `GET  /_local/fired` → `{ firings }`, recent attempts, newest last
 * - `GET  /_local/dead-letters` → `{ deadLetters }`
 * - `GET  /_local/schedules` → `{ schedules }`, with each one's next time
 * - `POST /_local/faults` (see faults.ts) makes API calls or invocations
 *   fail; `DELETE /_local/faults` clears; `GET /_local/faults` →
 *   `{ injected }`. For fault tests and demos: nothing in AWS has it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type ApiContext,
  type ApiResult,
  createSchedule,
  deleteSchedule,
  getSchedule,
  listSchedules,
  updateSchedule,
} from './api.js';
import { ApiError } from './errors.js';
import { applyFaultRequest, type SchedulerOperation } from './faults.js';

const MAX_BODY_BYTES = 1024 * 1024;

type Handler = (
  context: ApiContext,
  request: {
    name: string;
    query: URLSearchParams;
    body: () => Promise<unknown>;
  },
) => Promise<ApiResult> | ApiResult;

const scheduleOperations: Record<string, Handler> = {
  POST: async (c, r) => createSchedule(c, r.name, await r.body()),
  PUT: async (c, r) => updateSchedule(c, r.name, await r.body()),
  GET: (c, r) => getSchedule(c, r.name, r.query),
  DELETE: (c, r) => deleteSchedule(c, r.name, r.query),
};

/** Each method's operation, for the fault switch. */
const operationNames: Record<string, SchedulerOperation> = {
  POST: 'CreateSchedule',
  PUT: 'UpdateSchedule',
  GET: 'GetSchedule',
  DELETE: 'DeleteSchedule',
};

/**
 * The request listener for `node:http`'s `createServer`.
 *
 * @example
 * createServer(requestListener(context, log)).listen(4566);
 */
export function requestListener(
  context: ApiContext,
  log: (line: string) => void,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(context, req, res).catch((error: unknown) => {
      log(`scheduler: ${req.method} ${req.url} failed: ${String(error)}`);
      sendError(
        res,
        new ApiError('InternalServerException', 500, String(error)),
      );
    });
  };
}

async function handle(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://scheduler.local');
  const method = req.method ?? 'GET';
  const segments = url.pathname.split('/').slice(1);
  const body = () => readJson(req);

  if (segments[0] === '_local') {
    await handleLocal(context, method, segments[1] ?? '', body, res);
    return;
  }
  try {
    let result: ApiResult | undefined;
    if (segments[0] === 'schedules' && segments.length === 1) {
      if (method === 'GET') {
        context.faults?.checkOperation('ListSchedules');
        result = listSchedules(context, url.searchParams);
      }
    } else if (segments[0] === 'schedules' && segments.length === 2) {
      const operation = scheduleOperations[method];
      const name = operationNames[method];
      if (operation && name) {
        context.faults?.checkOperation(name);
        result = await operation(context, {
          name: decodeLabel(segments[1] ?? ''),
          query: url.searchParams,
          body,
        });
        // As in AWS, a change is kept before it is acknowledged: a stack
        // killed right after a 200 still has the schedule when restarted.
        if (method !== 'GET') await context.engine.flush();
      }
    }
    if (result === undefined) {
      throw new ApiError(
        'UnknownOperationException',
        404,
        `The local Scheduler does not implement ${method} ${url.pathname}; it serves CreateSchedule, GetSchedule, UpdateSchedule, DeleteSchedule and ListSchedules.`,
      );
    }
    send(res, 200, result);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    sendError(res, error);
  }
}

async function handleLocal(
  context: ApiContext,
  method: string,
  resource: string,
  body: () => Promise<unknown>,
  res: ServerResponse,
): Promise<void> {
  const { engine } = context;
  const clock = () => ({ now: new Date(engine.now()).toISOString() });
  const route = `${method} ${resource}`;
  try {
    switch (route) {
      case 'GET clock':
        return send(res, 200, clock());
      case 'POST clock': {
        const request = (await body()) as {
          advanceSeconds?: unknown;
          set?: unknown;
        } | null;
        if (typeof request?.advanceSeconds === 'number') {
          await engine.advance(request.advanceSeconds * 1000);
        } else if (typeof request?.set === 'string') {
          const instant = Date.parse(request.set);
          if (Number.isNaN(instant)) {
            return send(res, 400, { message: `Not a date: ${request.set}` });
          }
          await engine.setNow(instant);
        } else {
          return send(res, 400, {
            message: 'Send {"advanceSeconds": n} or {"set": "<ISO date>"}',
          });
        }
        return send(res, 200, clock());
      }
      case 'GET fired':
        return send(res, 200, { firings: engine.firings() });
      case 'GET dead-letters':
        return send(res, 200, { deadLetters: engine.deadLetters() });
      case 'GET schedules':
        return send(res, 200, {
          schedules: engine.all().map((s) => ({
            ...s,
            nextDue:
              s.nextDue === null ? null : new Date(s.nextDue).toISOString(),
          })),
        });
      case 'GET faults':
      case 'POST faults':
      case 'DELETE faults': {
        const faults = context.faults?.control;
        if (faults === undefined) break;
        if (method === 'POST') applyFaultRequest(faults, await body());
        if (method === 'DELETE') faults.clear();
        return send(res, 200, { injected: faults.injected() });
      }
    }
    return send(res, 404, { message: `No local control ${route}` });
  } catch (error) {
    if (error instanceof RangeError || error instanceof ApiError) {
      return send(res, 400, { message: error.message });
    }
    throw error;
  }
}

function decodeLabel(label: string): string {
  try {
    return decodeURIComponent(label);
  } catch {
    throw new ApiError(
      'ValidationException',
      400,
      `Bad name in path: ${label}`,
    );
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new ApiError(
        'ValidationException',
        400,
        `Request body is over ${MAX_BODY_BYTES} bytes`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(
      'SerializationException',
      400,
      'Request body is not valid JSON',
    );
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify({ Message: error.message });
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-errortype': error.type,
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}
