#!/usr/bin/env node
// `pnpm etl` / `pnpm asckit`: build what is stale (turbo caches the rest), then run the asckit CLI.
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" }
const build = spawnSync("pnpm", ["run", "-s", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env })
if (build.status !== 0) {
  console.error("asckit: the build failed; run `pnpm build` to see the errors.")
  process.exit(build.status ?? 1)
}
const args = process.argv.slice(2).filter((a, i) => !(i === 1 && a === "--"))
const cli = spawnSync(process.execPath, [fileURLToPath(new URL("../packages/cli/dist/bin.js", import.meta.url)), ...args], {
  stdio: "inherit",
  env,
})
process.exit(cli.status ?? 1)
