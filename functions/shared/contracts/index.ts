/**
 * zod contracts for what crosses a function boundary or sits in storage:
 * the complaint's state item, its event items (events and outbox intents),
 * the Scheduler payload for the deadline job, and each year's
 * self-assessment and annual report. Each schema is checked at
 * compile time against the domain type it stores (`drift.ts`).
 */
export * from './api-event.schema.js';
export * from './command.schema.js';
export * from './complaint-event.schema.js';
export * from './complaint-state.schema.js';
export {
  allOf,
  type DriftedVariants,
  type Exact,
  type NoneDrifted,
  type Normalize,
} from './drift.js';
export * from './intent.schema.js';
export * from './primitives.js';
export * from './schedule-input.schema.js';
export * from './self-assessment.schema.js';
export { formatPath, parseRow, StoredRowError } from './stored-row.js';
