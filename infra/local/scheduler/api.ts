/**
 * The Scheduler operations Hearth uses, in the shapes
 * `@aws-sdk/client-scheduler` 3.1169 sends and reads (restJson1, schema
 * serde in its dist-cjs/index.js):
 *
 * - CreateSchedule  POST   /schedules/{Name}  body: the rest of the input
 * - UpdateSchedule  PUT    /schedules/{Name}  body: as Create
 * - GetSchedule     GET    /schedules/{Name}?groupName=
 * - DeleteSchedule  DELETE /schedules/{Name}?groupName=&clientToken=
 * - ListSchedules   GET    /schedules?ScheduleGroup=&NamePrefix=&State=
 *                                     &NextToken=&MaxResults=
 *
 * Timestamps travel as epoch seconds both ways (restJson1's default).
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from './engine.js';
import {
  type ApiError,
  conflict,
  notFound,
  validationError,
} from './errors.js';
import type { FaultSwitch } from './faults.js';
import type { StoredSchedule } from './model.js';
import { checkGroupName, checkName, readScheduleRequest } from './validate.js';

export interface ApiContext {
  readonly engine: Engine;
  readonly region: string;
  readonly accountId: string;
  /** The local fault switch (off unless a test turns a fault on). */
  readonly faults?: FaultSwitch;
}

/** An operation's successful answer: always 200 and a JSON body. */
export type ApiResult = Record<string, unknown>;

const seconds = (ms: number) => ms / 1000;

export function scheduleArn(
  context: ApiContext,
  groupName: string,
  name: string,
): string {
  return `arn:aws:scheduler:${context.region}:${context.accountId}:schedule/${groupName}/${name}`;
}

function missing(groupName: string, name: string): ApiError {
  return notFound(`Schedule ${name} does not exist in group ${groupName}.`);
}

/** CreateSchedule: a new name in its group, else ConflictException. */
export function createSchedule(
  context: ApiContext,
  name: string,
  body: unknown,
): ApiResult {
  checkName('name', name);
  const request = readScheduleRequest(body);
  const existing = context.engine.get(request.groupName, name);
  if (existing !== undefined) {
    // The SDK retries with the same ClientToken; that is not a conflict.
    if (
      request.clientToken !== undefined &&
      existing.clientToken === request.clientToken
    ) {
      return { ScheduleArn: existing.arn };
    }
    throw conflict(`Schedule ${name} already exists.`);
  }
  const now = context.engine.now();
  const stored = context.engine.put({
    ...request.settings,
    id: randomUUID(),
    name,
    groupName: request.groupName,
    arn: scheduleArn(context, request.groupName, name),
    ...(request.clientToken === undefined
      ? {}
      : { clientToken: request.clientToken }),
    creationDate: now,
    lastModificationDate: now,
    rateAnchor: now,
  });
  return { ScheduleArn: stored.arn };
}

/** UpdateSchedule: replaces every setting of an existing schedule. */
export function updateSchedule(
  context: ApiContext,
  name: string,
  body: unknown,
): ApiResult {
  checkName('name', name);
  const request = readScheduleRequest(body);
  const existing = context.engine.get(request.groupName, name);
  if (existing === undefined) throw missing(request.groupName, name);
  const stored = context.engine.put({
    ...request.settings,
    id: existing.id,
    name,
    groupName: existing.groupName,
    arn: existing.arn,
    ...(existing.clientToken === undefined
      ? {}
      : { clientToken: existing.clientToken }),
    creationDate: existing.creationDate,
    lastModificationDate: context.engine.now(),
    rateAnchor: context.engine.now(),
  });
  return { ScheduleArn: stored.arn };
}

export function getSchedule(
  context: ApiContext,
  name: string,
  query: URLSearchParams,
): ApiResult {
  checkName('name', name);
  const groupName = checkGroupName(query.get('groupName'));
  const s = context.engine.get(groupName, name);
  if (s === undefined) throw missing(groupName, name);
  return {
    Arn: s.arn,
    Name: s.name,
    GroupName: s.groupName,
    ScheduleExpression: s.expression,
    ScheduleExpressionTimezone: s.timeZone ?? 'UTC',
    State: s.state,
    ...(s.description === undefined ? {} : { Description: s.description }),
    ...(s.startDate === undefined ? {} : { StartDate: seconds(s.startDate) }),
    ...(s.endDate === undefined ? {} : { EndDate: seconds(s.endDate) }),
    ...(s.kmsKeyArn === undefined ? {} : { KmsKeyArn: s.kmsKeyArn }),
    Target: s.target,
    FlexibleTimeWindow: s.flexibleTimeWindow,
    ActionAfterCompletion: s.actionAfterCompletion,
    CreationDate: seconds(s.creationDate),
    LastModificationDate: seconds(s.lastModificationDate),
  };
}

export function deleteSchedule(
  context: ApiContext,
  name: string,
  query: URLSearchParams,
): ApiResult {
  checkName('name', name);
  const groupName = checkGroupName(query.get('groupName'));
  if (!context.engine.remove(groupName, name)) {
    throw missing(groupName, name);
  }
  return {};
}

const MAX_RESULTS = 100;

/** ListSchedules: summaries by group then name, a page at a time. */
export function listSchedules(
  context: ApiContext,
  query: URLSearchParams,
): ApiResult {
  const group = query.get('ScheduleGroup');
  if (group !== null) checkName('groupName', group);
  const prefix = query.get('NamePrefix');
  if (prefix !== null) checkName('namePrefix', prefix);
  const state = query.get('State');
  if (state !== null && state !== 'ENABLED' && state !== 'DISABLED') {
    throw validationError([
      {
        field: 'state',
        value: state,
        constraint: 'Member must satisfy enum value set: [ENABLED, DISABLED]',
      },
    ]);
  }
  const max = readMaxResults(query.get('MaxResults'));
  const after = readNextToken(query.get('NextToken'));

  const matching = context.engine
    .all()
    .filter(
      (s) =>
        (group === null || s.groupName === group) &&
        (prefix === null || s.name.startsWith(prefix)) &&
        (state === null || s.state === state),
    )
    .filter((s) => after === undefined || cursorOf(s) > after);
  const page = matching.slice(0, max);
  const last = page.at(-1);
  return {
    Schedules: page.map((s) => ({
      Arn: s.arn,
      Name: s.name,
      GroupName: s.groupName,
      State: s.state,
      CreationDate: seconds(s.creationDate),
      LastModificationDate: seconds(s.lastModificationDate),
      Target: { Arn: s.target.Arn },
    })),
    ...(matching.length > max && last !== undefined
      ? { NextToken: Buffer.from(cursorOf(last)).toString('base64url') }
      : {}),
  };
}

/** Sorts as `Engine.all()` does: group, then name (neither has a space). */
const cursorOf = (s: StoredSchedule) => `${s.groupName} ${s.name}`;

function readMaxResults(value: string | null): number {
  if (value === null) return MAX_RESULTS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_RESULTS) {
    throw validationError([
      {
        field: 'maxResults',
        value,
        constraint: `Member must be an integer from 1 to ${MAX_RESULTS}`,
      },
    ]);
  }
  return n;
}

function readNextToken(value: string | null): string | undefined {
  if (value === null) return undefined;
  const cursor = Buffer.from(value, 'base64url').toString();
  if (!/^[0-9a-zA-Z-_.]+ [0-9a-zA-Z-_.]+$/.test(cursor)) {
    throw validationError([
      {
        field: 'nextToken',
        value,
        constraint: 'Member must be a NextToken this service returned',
      },
    ]);
  }
  return cursor;
}
