/**
 * Checks a CreateSchedule / UpdateSchedule request as the service does,
 * field by field, with the constraints the API reference states, and turns
 * it into the schedule's settings. Every violation is reported at once,
 * named by its member path, as AWS does.
 */
import { type Violation, validationError } from './errors.js';
import { isValidTimeZone, parseExpression } from './expressions.js';
import type {
  ActionAfterCompletion,
  FlexibleTimeWindow,
  ScheduleSettings,
  ScheduleState,
  Target,
} from './model.js';

/** AWS's defaults for a target's RetryPolicy. */
export const defaultRetryPolicy = {
  MaximumRetryAttempts: 185,
  MaximumEventAgeInSeconds: 86_400,
} as const;

const NAME = /^[0-9a-zA-Z-_.]+$/;
const CLIENT_TOKEN = /^[a-zA-Z0-9-_]+$/;
const ROLE_ARN = /^arn:aws(-[a-z]+)?:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const SQS_ARN = /^arn:aws(-[a-z]+)?:sqs:[a-z0-9-]+:\d{12}:[a-zA-Z0-9\-_]+$/;

/** Collects violations while reading one untyped request body. */
class Checker {
  readonly violations: Violation[] = [];

  fail(field: string, value: unknown, constraint: string): undefined {
    this.violations.push({ field, value, constraint });
    return undefined;
  }

  string(
    field: string,
    value: unknown,
    rule: { min?: number; max: number; pattern?: RegExp; required?: boolean },
  ): string | undefined {
    if (value === undefined || value === null) {
      return rule.required
        ? this.fail(field, value, 'Member must not be null')
        : undefined;
    }
    if (typeof value !== 'string') {
      return this.fail(field, value, 'Member must be a string');
    }
    const min = rule.min ?? 1;
    if (value.length < min) {
      return this.fail(
        field,
        value,
        `Member must have length greater than or equal to ${min}`,
      );
    }
    if (value.length > rule.max) {
      return this.fail(
        field,
        value,
        `Member must have length less than or equal to ${rule.max}`,
      );
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      return this.fail(
        field,
        value,
        `Member must satisfy regular expression pattern: ${rule.pattern.source.replace(/^\^|\$$/g, '')}`,
      );
    }
    return value;
  }

  integer(
    field: string,
    value: unknown,
    min: number,
    max: number,
  ): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      return this.fail(field, value, 'Member must be an integer');
    }
    if (value < min) {
      return this.fail(
        field,
        value,
        `Member must have value greater than or equal to ${min}`,
      );
    }
    if (value > max) {
      return this.fail(
        field,
        value,
        `Member must have value less than or equal to ${max}`,
      );
    }
    return value;
  }

  oneOf<T extends string>(
    field: string,
    value: unknown,
    allowed: readonly T[],
  ): T | undefined {
    if (value === undefined || value === null) return undefined;
    if (
      typeof value === 'string' &&
      (allowed as readonly string[]).includes(value)
    ) {
      return value as T;
    }
    return this.fail(
      field,
      value,
      `Member must satisfy enum value set: [${allowed.join(', ')}]`,
    );
  }

  object(field: string, value: unknown, required: boolean) {
    if (value === undefined || value === null) {
      if (required) this.fail(field, value, 'Member must not be null');
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      return this.fail(field, value, 'Member must be a structure');
    }
    return value as Record<string, unknown>;
  }

  /** restJson1 sends timestamps as epoch seconds; ISO text is let through. */
  timestamp(field: string, value: unknown): number | undefined {
    if (value === undefined || value === null) return undefined;
    const ms =
      typeof value === 'number'
        ? value * 1000
        : typeof value === 'string'
          ? Number.isFinite(Number(value))
            ? Number(value) * 1000
            : Date.parse(value)
          : Number.NaN;
    return Number.isFinite(ms)
      ? Math.round(ms)
      : this.fail(field, value, 'Member must be a timestamp');
  }
}

/** Throws a ValidationException unless `name` is a valid schedule name. */
export function checkName(field: string, name: string): void {
  const check = new Checker();
  check.string(field, name, { max: 64, pattern: NAME, required: true });
  if (check.violations.length > 0) throw validationError(check.violations);
}

/** A schedule group name from a query, defaulted and checked. */
export function checkGroupName(value: string | null | undefined): string {
  if (value === undefined || value === null) return 'default';
  checkName('groupName', value);
  return value;
}

export interface ScheduleRequest {
  readonly groupName: string;
  readonly clientToken?: string;
  readonly settings: ScheduleSettings;
}

/**
 * Reads a Create/UpdateSchedule body, or throws the ValidationException
 * AWS would.
 *
 * @example
 * readScheduleRequest({ ScheduleExpression: 'rate(5 minutes)', … });
 */
export function readScheduleRequest(body: unknown): ScheduleRequest {
  const check = new Checker();
  const input = check.object('body', body, true) ?? {};

  const groupName =
    check.string('groupName', input.GroupName, { max: 64, pattern: NAME }) ??
    'default';
  const clientToken = check.string('clientToken', input.ClientToken, {
    max: 64,
    pattern: CLIENT_TOKEN,
  });
  const expression = check.string(
    'scheduleExpression',
    input.ScheduleExpression,
    { max: 256, required: true },
  );
  if (expression !== undefined) {
    const parsed = parseExpression(expression);
    if (!parsed.ok) {
      check.fail(
        'scheduleExpression',
        expression,
        `Invalid Schedule Expression: ${parsed.reason}`,
      );
    }
  }
  const timeZone = check.string(
    'scheduleExpressionTimezone',
    input.ScheduleExpressionTimezone,
    { max: 50 },
  );
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    check.fail(
      'scheduleExpressionTimezone',
      timeZone,
      'Member must be a valid IANA time zone',
    );
  }
  const state =
    check.oneOf<ScheduleState>('state', input.State, ['ENABLED', 'DISABLED']) ??
    'ENABLED';
  const action =
    check.oneOf<ActionAfterCompletion>(
      'actionAfterCompletion',
      input.ActionAfterCompletion,
      ['NONE', 'DELETE'],
    ) ?? 'NONE';
  const description = check.string('description', input.Description, {
    min: 0,
    max: 512,
  });
  const kmsKeyArn = check.string('kmsKeyArn', input.KmsKeyArn, { max: 2048 });
  const startDate = check.timestamp('startDate', input.StartDate);
  const endDate = check.timestamp('endDate', input.EndDate);
  if (
    startDate !== undefined &&
    endDate !== undefined &&
    endDate <= startDate
  ) {
    check.fail('endDate', input.EndDate, 'Member must be after startDate');
  }
  const window = readWindow(check, input.FlexibleTimeWindow);
  const target = readTarget(check, input.Target);

  if (
    check.violations.length > 0 ||
    expression === undefined ||
    window === undefined ||
    target === undefined
  ) {
    throw validationError(check.violations);
  }
  return {
    groupName,
    ...(clientToken === undefined ? {} : { clientToken }),
    settings: {
      expression,
      state,
      actionAfterCompletion: action,
      flexibleTimeWindow: window,
      target,
      ...(timeZone === undefined ? {} : { timeZone }),
      ...(description === undefined ? {} : { description }),
      ...(kmsKeyArn === undefined ? {} : { kmsKeyArn }),
      ...(startDate === undefined ? {} : { startDate }),
      ...(endDate === undefined ? {} : { endDate }),
    },
  };
}

function readWindow(
  check: Checker,
  value: unknown,
): FlexibleTimeWindow | undefined {
  const window = check.object('flexibleTimeWindow', value, true);
  if (window === undefined) return undefined;
  const mode = window.Mode;
  if (mode === undefined || mode === null) {
    return check.fail(
      'flexibleTimeWindow.mode',
      mode,
      'Member must not be null',
    );
  }
  const checked = check.oneOf('flexibleTimeWindow.mode', mode, [
    'OFF',
    'FLEXIBLE',
  ] as const);
  const minutes = check.integer(
    'flexibleTimeWindow.maximumWindowInMinutes',
    window.MaximumWindowInMinutes,
    1,
    1440,
  );
  if (checked === 'FLEXIBLE' && minutes === undefined) {
    return check.fail(
      'flexibleTimeWindow.maximumWindowInMinutes',
      window.MaximumWindowInMinutes,
      'Member must not be null when mode is FLEXIBLE',
    );
  }
  if (checked === undefined) return undefined;
  return minutes === undefined
    ? { Mode: checked }
    : { Mode: checked, MaximumWindowInMinutes: minutes };
}

function readTarget(check: Checker, value: unknown): Target | undefined {
  const target = check.object('target', value, true);
  if (target === undefined) return undefined;
  const arn = check.string('target.arn', target.Arn, {
    max: 1600,
    required: true,
  });
  const roleArn = check.string('target.roleArn', target.RoleArn, {
    max: 1600,
    pattern: ROLE_ARN,
    required: true,
  });
  // The API states a minimum length for Input and no maximum.
  const input = check.string('target.input', target.Input, {
    max: Number.POSITIVE_INFINITY,
  });
  const retry = check.object('target.retryPolicy', target.RetryPolicy, false);
  const attempts = check.integer(
    'target.retryPolicy.maximumRetryAttempts',
    retry?.MaximumRetryAttempts,
    0,
    185,
  );
  const age = check.integer(
    'target.retryPolicy.maximumEventAgeInSeconds',
    retry?.MaximumEventAgeInSeconds,
    60,
    86_400,
  );
  const deadLetter = check.object(
    'target.deadLetterConfig',
    target.DeadLetterConfig,
    false,
  );
  const deadLetterArn = check.string(
    'target.deadLetterConfig.arn',
    deadLetter?.Arn,
    { max: 1600, pattern: SQS_ARN },
  );
  if (arn === undefined || roleArn === undefined) return undefined;
  return {
    ...target,
    Arn: arn,
    RoleArn: roleArn,
    ...(input === undefined ? {} : { Input: input }),
    ...(deadLetter === undefined
      ? {}
      : {
          DeadLetterConfig:
            deadLetterArn === undefined ? {} : { Arn: deadLetterArn },
        }),
    RetryPolicy: {
      MaximumRetryAttempts: attempts ?? defaultRetryPolicy.MaximumRetryAttempts,
      MaximumEventAgeInSeconds:
        age ?? defaultRetryPolicy.MaximumEventAgeInSeconds,
    },
  };
}
