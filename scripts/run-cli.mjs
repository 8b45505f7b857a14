#!/usr/bin/env node
// `pnpm etl` / `pnpm asckit`: build what is stale (turbo caches the rest), then run the asckit CLI.
// `pnpm etl` with no configuration runs the demo: it generates the synthetic borough once (into .asckit/demo)
// and loads it with examples/demo/asckit.config.json into the default warehouse (.asckit/warehouse.sqlite).
import { spawnSync } from "node:child_process"
import { existsSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" }
const run = (args, opts = {}) => spawnSync(process.execPath, args, { stdio: "inherit", env, ...opts })

const build = spawnSync("pnpm", ["run", "-s", "build"], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
  env,
})
if (build.status !== 0) {
  console.error("asckit: the build failed; run `pnpm build` to see the errors.")
  process.exit(build.status ?? 1)
}
let args = process.argv.slice(2).filter((a, i) => !(i === 1 && a === "--"))
const hasConfig = args.some((a) => a === "--config" || a === "-c" || a.startsWith("--config="))
if (args[0] === "etl" && !hasConfig && !existsSync("asckit.config.json")) {
  const demo = `${root}.asckit/demo`
  if (!existsSync(`${demo}/.complete`)) {
    console.log("No configuration given: generating the synthetic demo borough (once) …")
    const gen = run([
      `${root}examples/dist/borough/cli.js`,
      "--out",
      `${demo}/cld`,
      "--scale",
      "1",
      "--seed",
      "1",
      "--faults",
      "--mix-releases",
      "--uk-dates",
      "some",
    ])
    if (gen.status !== 0) process.exit(gen.status ?? 1)
    writeFileSync(`${demo}/.complete`, "")
  }
  console.log("Loading the synthetic demo borough (examples/demo/asckit.config.json) …")
  args = ["etl", "--config", `${root}examples/demo/asckit.config.json`, ...args.slice(1)]
}
const cli = run([`${root}packages/cli/dist/bin.js`, ...args])
process.exit(cli.status ?? 1)
