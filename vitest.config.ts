import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/fault/**/*.test.ts',
    ],
    environment: 'node',
    // Integration tests start real servers on port 0; no test relies on wall-clock timing.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
