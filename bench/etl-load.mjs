// Bench child: loads a generated borough into a fresh warehouse through the whole pipeline (read, decode,
// validate, pseudonymise, deduplicate, load, derive). Prints one JSON line. `--no-workers` reads the files in the
// main thread (the configuration's `"workers": false`).
import { rmSync } from "node:fs"
import { join } from "node:path"
import { CldSource, Derive, Pipeline, Progress, Pseudonymiser, SourceRegistry, Warehouse } from "@asckit/etl"
import { Effect, Layer, Redacted } from "effect"

const [dir, db, mode] = process.argv.slice(2)
rmSync(db, { force: true })
rmSync(`${db}-wal`, { force: true })
let peak = 0
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
const layers = Layer.mergeAll(
  Warehouse.layer({ path: db }),
  SourceRegistry.layerWith([CldSource.plugin]),
  Pseudonymiser.layer(Redacted.make("bench-pseudonymisation-key")),
  Progress.layerSilent,
)
const t0 = performance.now()
const summary = await Effect.runPromise(
  Pipeline.run({
    sources: [{ plugin: "cld", config: { files: [join(dir, "cld")] } }],
    baseDir: dir,
    derivations: Derive.all,
    workers: mode !== "--no-workers",
  }).pipe(Effect.provide(layers)),
)
const seconds = (performance.now() - t0) / 1000
clearInterval(sample)
const rows = summary.streams.reduce((n, s) => n + s.rowsRead, 0)
const loaded = summary.streams.reduce((n, s) => n + s.rowsLoaded, 0)
console.log(
  JSON.stringify({
    rows,
    loaded,
    quarantined: summary.streams.reduce((n, s) => n + s.rowsQuarantined, 0),
    duplicate: summary.streams.reduce((n, s) => n + s.rowsDuplicate, 0),
    seconds,
    rowsPerSecond: rows / seconds,
    peakRssMB: Math.max(peak, process.resourceUsage().maxRSS * 1024) / 1e6,
  }),
)
