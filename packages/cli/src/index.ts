/**
 * @asckit/cli — the `asckit` command line, for programs that embed it.
 */
export * as Cli from "./Cli.js"
export { version } from "./version.js"
