import { baseConfig } from '../shared/config.js';
import { lettersSettings } from './settings.js';

/** Parsed once at cold start; a bad environment fails the container. */
export const config = { ...baseConfig(), ...lettersSettings() };
