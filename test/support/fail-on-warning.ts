// Vitest setup (unit and component tiers): a test fails when anything calls
// process.emitWarning while it runs. The analyzer and the engines turn a check's
// throw into a warning (analysis never throws), so without this a `toEqual([])`
// would pass on a fixture where the check threw. A test that means to provoke a
// warning says so with expectWarnings (test/support/warnings.ts).
import { afterEach } from "vitest";
import { takeWarnings } from "./warnings.js";

afterEach(() => {
  const warnings = takeWarnings();
  if (warnings.length > 0) {
    throw new Error(`process.emitWarning was called during the test:\n  ${warnings.join("\n  ")}`);
  }
});
