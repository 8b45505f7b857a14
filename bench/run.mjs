#!/usr/bin/env node
// `pnpm bench`: the ETL load benchmark. For each borough scale (default ×1 and ×10) it generates the synthetic
// borough once (cached in bench/tmp), then in separate processes measures
//   - the pipeline: `asckit etl` end to end into a fresh warehouse;
//   - the same without worker threads (`"workers": false`: less memory, slower);
//   - the ceiling: plain better-sqlite3 prepared inserts of the same rows (each row read, once) into the same
//     `event` table of a fresh warehouse, one transaction, parsing and key hashing done before the timing;
// and reports rows/s, the pipeline's share of the ceiling, and peak RSS. Results: bench/results/etl-load.json.
// Then, on the largest scale's warehouse, the CLD-based ASCOF measures (bench/ascof-measures.mjs) against a plain
// aggregate scan of the same events timed in the same process. 2B/2C need the borough's ONS population and 2D(1)/
// 2D(2) its hospital-discharge extract: both are written beside the CLD files (bench/tmp/borough-x<scale>/
// population and hospital, as `generateBorough`'s extracts write them) and loaded into that warehouse untimed
// (bench/etl-reference.mjs), after the timed CLD loads — so the ETL figures above stay a CLD-only load, comparable
// with the ceiling. The ASCOF step fails unless all ten measures are computed. Results:
// bench/results/ascof-measures.json.
//   node bench/run.mjs [--scales 1,10] [--only ascof]
// `--only ascof` skips the ETL comparison (and leaves bench/results/etl-load.json alone): the largest scale's
// borough is loaded once, untimed, into a fresh warehouse, then the ASCOF step runs as above.
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, writeFileSync } from "node:fs"
import { cpus, totalmem } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import {
  generateBorough,
  MODEL_END,
  MODEL_START,
  simulatePeople,
  writeHospitalExtract,
  writePopulation,
} from "@asckit/examples/borough"

const here = fileURLToPath(new URL(".", import.meta.url))
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : fallback
}
const scales = arg("scales", "1,10").split(",").map(Number)
const only = arg("only", undefined)
if (only !== undefined && only !== "ascof") {
  console.error(`--only takes "ascof", got ${only}`)
  process.exit(2)
}
const tmp = join(here, "tmp")
mkdirSync(join(here, "results"), { recursive: true })

const lastLine = (text) => JSON.parse(text.trim().split("\n").at(-1))
const child = (script, ...args) =>
  lastLine(
    execFileSync(process.execPath, [join(here, script), ...args], { encoding: "utf8", maxBuffer: 1 << 20 }),
  )
// A child that prints its JSON line and then exits non-zero when its check fails (the ASCOF step): the result is
// still returned, to be written and reported before failing.
const checkedChild = (script, ...args) => {
  try {
    return child(script, ...args)
  } catch (e) {
    if (typeof e?.stdout === "string" && e.stdout.trim() !== "") return lastLine(e.stdout)
    throw e
  }
}

const ensureBorough = async (scale) => {
  const dir = join(tmp, `borough-x${scale}`)
  if (!existsSync(join(dir, "cld", "manifest-done"))) {
    process.stderr.write(`generating the ×${scale} borough in ${dir} …\n`)
    await generateBorough({ outDir: join(dir, "cld"), scale, seed: 1 })
    writeFileSync(join(dir, "cld", "manifest-done"), "")
  }
  return dir
}

// The borough's ONS population and hospital extract, for ASCOF 2B/2C and 2D: the same writers and options as
// `generateBorough({ extracts: { population: true, hospital: true } })`, without writing the CLD files again.
const ensureReferenceExtracts = async (scale, dir) => {
  const done = join(dir, "reference-done")
  if (existsSync(done)) return
  process.stderr.write(`×${scale}: writing the borough's population and hospital extract …\n`)
  await writePopulation({ outDir: join(dir, "population"), scale })
  await writeHospitalExtract(simulatePeople({ seed: 1, scale }), {
    path: join(dir, "hospital", "sus-apc-discharges.csv"),
    seed: 1,
    scale,
    from: MODEL_START,
    to: MODEL_END,
  })
  writeFileSync(done, "")
}

const n = (x, d = 0) => x.toLocaleString("en-GB", { maximumFractionDigits: d, minimumFractionDigits: d })

const results = []
for (const scale of only === "ascof" ? [] : scales) {
  const dir = await ensureBorough(scale)
  process.stderr.write(`×${scale}: pipeline …\n`)
  const warehouse = join(tmp, `pipeline-x${scale}.sqlite`)
  const pipeline = child("etl-load.mjs", dir, warehouse)
  process.stderr.write(`×${scale}: pipeline without worker threads …\n`)
  const single = child("etl-load.mjs", dir, join(tmp, `single-x${scale}.sqlite`), "--no-workers")
  process.stderr.write(`×${scale}: ceiling …\n`)
  const ceiling = child("etl-ceiling.mjs", dir, join(tmp, `ceiling-x${scale}.sqlite`))
  results.push({
    scale,
    rows: pipeline.rows,
    ceiling,
    pipeline,
    shareOfCeiling: pipeline.rowsPerSecond / ceiling.rowsPerSecond,
    withoutWorkers: { ...single, shareOfCeiling: single.rowsPerSecond / ceiling.rowsPerSecond },
  })
}

if (only === undefined) {
  const out = {
    benchmark: "etl-load",
    date: new Date().toISOString(),
    node: process.version,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 1e9) },
    target: "pipeline ≥ 40% of the ceiling's rows/s; peak RSS flat as the borough grows",
    results,
  }
  writeFileSync(join(here, "results", "etl-load.json"), `${JSON.stringify(out, null, 2)}\n`)
  console.log(
    "scale  rows        ceiling rows/s  pipeline rows/s  share  pipeline s  peak RSS MB (pipeline / ceiling)",
  )
  for (const r of results) {
    console.log(
      `×${String(r.scale).padEnd(5)} ${n(r.rows).padStart(10)}  ${n(r.ceiling.rowsPerSecond).padStart(14)}  ${n(r.pipeline.rowsPerSecond).padStart(15)}  ${n(r.shareOfCeiling * 100, 0).padStart(4)}%  ${n(r.pipeline.seconds, 1).padStart(10)}  ${n(r.pipeline.peakRssMB)} / ${n(r.ceiling.peakRssMB)}`,
    )
  }
  for (const r of results) {
    const w = r.withoutWorkers
    console.log(
      `×${r.scale} without worker threads: ${n(w.rowsPerSecond)} rows/s (${n(w.shareOfCeiling * 100)}% of the ceiling), ${n(w.seconds, 1)} s, peak RSS ${n(w.peakRssMB)} MB`,
    )
  }
  console.log(`written: bench/results/etl-load.json`)
}

const largest = Math.max(...scales)
const largestDir = await ensureBorough(largest)
await ensureReferenceExtracts(largest, largestDir)
const ascofWarehouse = join(tmp, `pipeline-x${largest}.sqlite`)
if (only === "ascof") {
  process.stderr.write(`×${largest}: loading the CLD (untimed) …\n`)
  child("etl-load.mjs", largestDir, ascofWarehouse)
}
process.stderr.write(`×${largest}: loading the population and hospital extract (untimed) …\n`)
const reference = child("etl-reference.mjs", largestDir, ascofWarehouse, "999")
process.stderr.write(`×${largest}: ASCOF measures …\n`)
const ascof = checkedChild("ascof-measures.mjs", ascofWarehouse, "999", "2024-25")
const ascofOut = {
  benchmark: "ascof-measures",
  date: new Date().toISOString(),
  node: process.version,
  scale: largest,
  target:
    "every CLD-based ASCOF measure (all ten computed) for a year in a few seconds on a laptop; reported as multiples of one plain scan",
  ...ascof,
  reference,
  totalOverBaseline: ascof.totalMs / Math.max(1, ascof.baseline.ms),
}
writeFileSync(join(here, "results", "ascof-measures.json"), `${JSON.stringify(ascofOut, null, 2)}\n`)
console.log(
  `ASCOF measures ×${largest} (${n(ascof.baseline.events)} events, ${n(ascof.baseline.people)} people): ${ascof.computed} of ${ascof.codes} computed; all ${n(ascof.totalMs)} ms in one pass, ${n(ascof.sumOfMeasuresMs)} ms one by one; baseline scan ${n(ascof.baseline.ms)} ms (×${n(ascofOut.totalOverBaseline, 1)}); peak RSS ${n(ascof.peakRssMB)} MB`,
)
console.log(`written: bench/results/ascof-measures.json`)
if (ascof.computed !== ascof.codes) {
  const missing = Object.entries(ascof.measures)
    .filter(([, m]) => m.status !== "ok")
    .map(([code, m]) => `${code} (${m.status}${m.reason === undefined ? "" : `: ${m.reason}`})`)
  console.error(
    `ASCOF benchmark failed: ${ascof.computed} of ${ascof.codes} measures computed; not: ${missing.join(", ")}`,
  )
  process.exit(1)
}
