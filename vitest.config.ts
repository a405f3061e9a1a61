import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
    coverage: {
      provider: 'v8',
      include: ['domain/**/*.ts'],
      exclude: ['domain/**/*.d.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: {
        'domain/**': { lines: 95, statements: 95, functions: 95, branches: 90 },
      },
    },
  },
});
