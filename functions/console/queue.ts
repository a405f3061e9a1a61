/**
 * The work queue: open cases by next due date, from the work-queue index
 * a page at a time, each with its clock state at a glance; filtered by
 * stage, handler and channel with a GET form that works without script.
 */
import type { IsoDate, Policy } from '@hearth/domain';
import * as z from 'zod';
import type {
  QueueItem,
  WorkQueuePage,
} from '../shared/adapters/dynamodb/complaint-repository.js';
import { clockState } from '../shared/case-views.js';
import { channels } from '../shared/contracts/index.js';
import { formatDate } from '../shared/pages/render.js';
import { casePath } from './case-page.js';
import {
  channelLabel,
  channelLabels,
  clockName,
  clockTag,
  statusLabel,
} from './labels.js';

const PAGE_SIZE = 25;

const stageStatuses = {
  '1': ['stage1-received', 'stage1-acknowledged', 'stage1-responded'],
  '2': ['stage2-received', 'stage2-acknowledged', 'stage2-responded'],
} as const;

const filterSchema = z.object({
  stage: z.enum(['1', '2']).optional().catch(undefined),
  handler: z
    .string()
    .trim()
    .max(500)
    .optional()
    .catch(undefined)
    .transform((v) => (v === '' ? undefined : v)),
  channel: z.enum(channels).optional().catch(undefined),
  after: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,2000}$/)
    .optional()
    .catch(undefined),
});

export type QueueFilters = z.infer<typeof filterSchema>;

/** The query string as filters: anything unrecognised is no filter. */
export function queueFilters(
  query: Readonly<Record<string, string | undefined>> | undefined,
): QueueFilters {
  const parsed = filterSchema.safeParse(query ?? {});
  return parsed.success ? parsed.data : { handler: undefined };
}

/** The repository's page request for the filters. */
export function queueRequest(filters: QueueFilters): WorkQueuePage {
  return {
    limit: PAGE_SIZE,
    ...(filters.after === undefined ? {} : { after: filters.after }),
    ...(filters.stage === undefined
      ? {}
      : { statuses: stageStatuses[filters.stage] }),
    ...(filters.handler === undefined ? {} : { handler: filters.handler }),
    ...(filters.channel === undefined ? {} : { channel: filters.channel }),
  };
}

/** Everything `console/queue.njk` shows. */
export function queueContext(
  page: { items: readonly QueueItem[]; next?: string },
  filters: QueueFilters,
  today: IsoDate,
  policy: Policy,
) {
  const keep = new URLSearchParams();
  if (filters.stage !== undefined) keep.set('stage', filters.stage);
  if (filters.handler !== undefined) keep.set('handler', filters.handler);
  if (filters.channel !== undefined) keep.set('channel', filters.channel);
  const nextQuery = new URLSearchParams(keep);
  if (page.next !== undefined) nextQuery.set('after', page.next);
  return {
    title: 'Work queue',
    section: 'queue' as const,
    filters: {
      stage: [
        { value: '', text: 'Any stage' },
        { value: '1', text: 'Stage 1' },
        { value: '2', text: 'Stage 2' },
      ].map((o) => ({ ...o, selected: o.value === (filters.stage ?? '') })),
      channel: [
        { value: '', text: 'Any channel' },
        ...channels.map((c) => ({ value: c, text: channelLabels[c] })),
      ].map((o) => ({ ...o, selected: o.value === (filters.channel ?? '') })),
      handler: filters.handler ?? '',
      active:
        filters.stage !== undefined ||
        filters.channel !== undefined ||
        filters.handler !== undefined,
    },
    items: page.items.map((i) => ({
      reference: i.reference,
      href: casePath(i.reference),
      status: statusLabel(i.status),
      clock: clockName(i.nextClock),
      dueOn: formatDate(i.nextDueOn),
      tag: clockTag(clockState(i.nextDueOn, today, policy)),
      handler: i.handler ?? 'Not assigned',
      channel: channelLabel(i.channel),
    })),
    next: page.next === undefined ? undefined : `/console?${nextQuery}`,
    first:
      filters.after === undefined
        ? undefined
        : `/console${keep.size > 0 ? `?${keep}` : ''}`,
  };
}
