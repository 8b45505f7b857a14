#!/usr/bin/env node
// The README's test command (`pnpm test`): build every package, run every vitest project, then print the
// `N passed, N failed` line that CI reads. Extra arguments go to vitest (e.g. `pnpm test packages/core`).
// With ASCKIT_TEST_SUMMARY=<file>, the counts are also written there as JSON ({ passed, failed, skipped }), so
// `.ci/run` can print one count line for the whole run after its other steps.
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" }
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: "inherit", env })

/** Prints the count line (and writes the summary file when asked for), then exits with `status`. */
const finish = (passed, failed, skipped, status) => {
  if (process.env.ASCKIT_TEST_SUMMARY)
    writeFileSync(process.env.ASCKIT_TEST_SUMMARY, `${JSON.stringify({ passed, failed, skipped })}\n`)
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`)
  process.exit(status)
}

const build = run("pnpm", ["run", "-s", "build"])
if (build.status !== 0) {
  console.error(
    "\nThe build failed, so no test ran. Fix the TypeScript errors above, then run `pnpm test` again.",
  )
  finish(0, 1, 0, 1)
}

// Headless Chromium (Debian's package) renders the HTML highlight report in a test. Install it when missing and
// we can (root with apt-get, as on CI and fresh machines here); otherwise that test says why it cannot run.
const hasChromium = () => spawnSync("sh", ["-c", "command -v chromium"], { stdio: "ignore" }).status === 0
if (
  !hasChromium() &&
  process.getuid?.() === 0 &&
  spawnSync("sh", ["-c", "command -v apt-get"]).status === 0
) {
  console.log("Installing Debian's chromium for the HTML rendering test (once) …")
  spawnSync(
    "sh",
    [
      "-c",
      "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium",
    ],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  )
}
if (hasChromium())
  env.ASCKIT_CHROMIUM = spawnSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).stdout.trim()

const report = `${root}.vitest-report.json`
rmSync(report, { force: true })
const vitest = run("pnpm", [
  "exec",
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
])

let passed = 0
let failed = 0
let skipped = 0
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, "utf8"))
  passed = json.numPassedTests ?? 0
  failed = json.numFailedTests ?? 0
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0)
  // A test file that fails to load has no failed test of its own: count it, so it cannot pass silently.
  const brokenFiles = (json.testResults ?? []).filter(
    (f) => f.status === "failed" && (f.assertionResults ?? []).every((a) => a.status !== "failed"),
  ).length
  failed += brokenFiles
} else {
  failed = 1
}
const status = vitest.status === 0 && failed === 0 ? 0 : 1
if (status !== 0 && failed === 0) failed = 1
finish(passed, failed, skipped, status)
