#!/usr/bin/env node
// `pnpm etl` / `pnpm asckit`: build what is stale (turbo caches the rest), then run the asckit CLI.
// `pnpm etl` with no configuration runs the demo: it generates the synthetic borough once (into .asckit/demo/borough:
// CLD submissions, LAS, ContrOCC, DoLS, spreadsheets, hospital, population, surveys, CQC, turnover) and loads it with
// examples/demo/asckit.config.json into the default warehouse (.asckit/warehouse.sqlite), which then writes the
// returns and the highlight report into .asckit/out.
import { spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
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
  // Every source kind the borough writes (examples/demo/asckit.config.json loads them all), with the faults, mixed
  // CLD releases and UK dates a real council's files have.
  const generator = [
    "--out",
    `${demo}/borough`,
    "--scale",
    "1",
    "--seed",
    "1",
    "--faults",
    "--mix-releases",
    "--uk-dates",
    "some",
    "--all",
  ]
  // The marker records the generator's arguments and a hash of its code: when either changes, the borough is
  // written again.
  const marker = `${demo}/.complete`
  const code = createHash("sha256")
  const dist = `${root}examples/dist/borough`
  const modules = readdirSync(dist).filter((f) => f.endsWith(".js"))
  for (const f of modules.sort()) code.update(readFileSync(`${dist}/${f}`))
  const stamp = JSON.stringify({ generator, code: code.digest("hex") })
  if (!existsSync(marker) || readFileSync(marker, "utf8") !== stamp) {
    console.log("No configuration given: generating the synthetic demo borough (once) …")
    // A new borough replaces the old one: its warehouse and outputs go too.
    for (const old of [demo, `${root}.asckit/warehouse.sqlite`, `${root}.asckit/out`])
      rmSync(old, { recursive: true, force: true })
    for (const suffix of ["-wal", "-shm"]) rmSync(`${root}.asckit/warehouse.sqlite${suffix}`, { force: true })
    const gen = run([`${root}examples/dist/borough/cli.js`, ...generator])
    if (gen.status !== 0) process.exit(gen.status ?? 1)
    writeFileSync(marker, stamp)
  }
  console.log("Loading the synthetic demo borough (examples/demo/asckit.config.json) …")
  args = ["etl", "--config", `${root}examples/demo/asckit.config.json`, ...args.slice(1)]
}
const cli = run([`${root}packages/cli/dist/bin.js`, ...args])
process.exit(cli.status ?? 1)
