import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
        setupFiles: ['./scripts/group-by-polyfill.js'],
        globalSetup: ['./scripts/vitest-global-setup.js'],
        testTimeout: 30_000,
        hookTimeout: 60_000,
    },
});
