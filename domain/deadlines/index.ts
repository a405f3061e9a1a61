export * from './clocks.js';
export * from './schedules.js';
