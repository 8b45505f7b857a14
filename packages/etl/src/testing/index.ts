/**
 * @asckit/etl/testing — the source-plugin conformance suite, for a plugin's vitest tests:
 *
 * ```ts
 * import { suite } from "@asckit/etl/testing"
 * suite(myPlugin, { config, baseDir, expect: { rowsRead: 4, rowsQuarantined: 1 }, badConfig: {} })
 * ```
 *
 * Kept apart from the main entry so that `@asckit/etl` never loads vitest; this entry needs `vitest` installed.
 */

export { type SuiteOptions, suite } from "./SourcePluginSuite.js"
