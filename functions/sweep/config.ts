import { baseConfig, schedulingConfig } from '../shared/config.js';

export const config = { ...baseConfig(), scheduling: schedulingConfig() };
