/**
 * The conformance suite every source plugin passes. It lives in `src/testing` and ships as `@asckit/etl/testing`
 * so councils' own plugins can run it too; this path is kept for the package's own tests.
 */
export { type SuiteOptions, suite } from "../../src/testing/index.js"
