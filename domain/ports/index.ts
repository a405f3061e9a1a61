export type * from './complaint-repository.port.js';
