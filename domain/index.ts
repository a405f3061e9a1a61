/**
 * Hearth's domain: the public surface. Nothing outside domain/ imports
 * anything else from it.
 */
export * from './calendar/index.js';
export * from './complaint/index.js';
export * from './deadlines/index.js';
export * from './errors.js';
export * from './letters/index.js';
export * from './policy/index.js';
export * from './policy/index.js';
export * from './ports/index.js';
export * from './privacy/index.js';
export * from './reporting/index.js';
