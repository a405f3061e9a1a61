/**
 * The one DynamoDB table (DESIGN §3): its keys, indexes, stream and TTL,
 * defined once for CDK, the runtime and the local stack. Dependency-free:
 * infra/ imports this file. Key values are spelled only by
 * `adapters/dynamodb/keys.ts`.
 */
export const table = {
  /** The logical name; deployments add a stage prefix. */
  name: 'hearth',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  /** Expired idempotency records are deleted by DynamoDB's TTL. */
  ttlAttribute: 'expiresAt',
  /** The outbox: event items reach the letters and schedules jobs. */
  streamViewType: 'NEW_IMAGE',
  indexes: {
    /** Open cases by next due date (the staff work queue). Sparse. */
    workQueue: {
      name: 'work-queue',
      partitionKey: { name: 'queuePk', type: 'S' },
      sortKey: { name: 'queueSk', type: 'S' },
      projection: [
        'reference',
        'status',
        'nextDueOn',
        'nextClock',
        'handler',
        'channel',
      ],
    },
    /** Complaints by organisation and month received (reports). */
    reporting: {
      name: 'by-month-received',
      partitionKey: { name: 'monthPk', type: 'S' },
      sortKey: { name: 'monthSk', type: 'S' },
      projection: ['reference', 'status', 'classification', 'channel'],
    },
    /**
     * Cases with a printed letter not yet posted, oldest letter first (the
     * print queue). Sparse: on the state item only while one waits.
     */
    printQueue: {
      name: 'print-queue',
      partitionKey: { name: 'printPk', type: 'S' },
      sortKey: { name: 'printSk', type: 'S' },
      projection: ['reference', 'printLetters'],
    },
    /**
     * A resident's complaints, by a hash of their one identifier (for a
     * subject access request), oldest first. Sparse: on the state item
     * only while it holds personal data (anonymisation removes it).
     */
    byResident: {
      name: 'by-resident',
      partitionKey: { name: 'residentPk', type: 'S' },
      sortKey: { name: 'residentSk', type: 'S' },
      projection: ['reference'],
    },
  },
} as const;

/**
 * The stream filter of the outbox consumers (letters, schedules): only new
 * event items pass (Lambda event filtering; the local poller applies the
 * same pattern), so state updates and counters never wake them.
 */
export const outboxFilterPattern = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { kind: { S: ['event'] } } },
} as const;

export type IndexName =
  (typeof table.indexes)[keyof typeof table.indexes]['name'];
