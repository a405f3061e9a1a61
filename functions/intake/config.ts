import { baseConfig } from '../shared/config.js';

/** Parsed once at cold start; a bad environment fails the container. */
export const config = baseConfig();
