import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/bin/hearth.js';

describe('cdk-nag AWS Solutions checks', () => {
  it.each(['dev', 'prod'])(
    'the %s app synthesizes with no unacknowledged finding',
    (stage) => {
      const { app } = buildApp(stage);

      // With the checks registered as a validation plugin, synth fails on any
      // error-level finding that has not been acknowledged with a reason.
      expect(() => app.synth()).not.toThrow();
    },
  );
});
