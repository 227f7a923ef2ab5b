import { defineConfig } from "vitest/config";

// Five tiers (package: the npm package, executable and completion as users install them) (DESIGN §7). `npm test` runs them all; each has its own script too.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/unit/**/*.test.ts"],
          setupFiles: ["test/support/fail-on-warning.ts"],
        },
      },
      {
        test: {
          name: "component",
          include: ["views/**/*.test.tsx", "test/component/**/*.test.tsx"],
          setupFiles: ["test/support/fail-on-warning.ts"],
          env: { NODE_ENV: "test" },
        },
      },
      {
        test: {
          name: "tui",
          include: ["test/tui/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "package",
          include: ["test/package/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "cluster",
          include: ["test/cluster/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 3_600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
