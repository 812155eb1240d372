import { defineConfig } from 'vitest/config';
import projects from './vitest.workspace';

export default defineConfig({
  test: {
    projects,
    // Resilience suites start real servers; nothing should take this long unless it hangs.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
