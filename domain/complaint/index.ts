export * from './available.js';
export type * from './commands.js';
export * from './decide.js';
export type * from './events.js';
export { bookkeepingEvents } from './events.js';
export { applyDecision, evolve, stageOf } from './evolve.js';
export * from './intents.js';
export type * from './model.js';
