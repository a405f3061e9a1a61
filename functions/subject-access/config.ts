/**
 * The subject access function's configuration: the base variables and
 * the landlord, whose letters the export reproduces. Parsed once at cold
 * start; a bad environment fails the container naming each variable.
 */
import { baseConfig, parseEnv } from '../shared/config.js';
import { landlordEnvSchema, landlordOf } from '../shared/landlord.js';

export const config = {
  ...baseConfig(),
  landlord: landlordOf(parseEnv(landlordEnvSchema, process.env)),
};
