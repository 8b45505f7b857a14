// Bench child: loads a generated borough's ONS population (`<dir>/population`, the ons-population source: ASCOF
// 2B/2C's denominators) and hospital-discharge extract (`<dir>/hospital`, the hospital source: ASCOF 2D) into a
// warehouse the CLD is already loaded into (bench/etl-load.mjs), with the same pseudonymisation key, so the
// hospital spells link to the CLD's people by pseudonymised NHS number. Not a timed benchmark: bench/run.mjs runs it
// after the timed CLD loads, before bench/ascof-measures.mjs, in a process of its own so that the measures' peak RSS
// is theirs alone. Files already loaded are skipped, so it can run again. Prints one JSON line.
//   node bench/etl-reference.mjs <borough dir> <warehouse.sqlite> [laCode = 999]
import {
  HospitalSource,
  OnsPopulationSource,
  Pipeline,
  Progress,
  Pseudonymiser,
  SourceRegistry,
  Warehouse,
} from "@asckit/etl"
import { Effect, Layer, Redacted } from "effect"

const [dir, db, laCode = "999"] = process.argv.slice(2)
if (dir === undefined || db === undefined) {
  console.error("usage: node bench/etl-reference.mjs <borough dir> <warehouse.sqlite> [laCode]")
  process.exit(2)
}
const t0 = performance.now()
const summary = await Effect.runPromise(
  Pipeline.run({
    sources: [
      { plugin: "ons-population", config: { files: ["population"] } },
      { plugin: "hospital", config: { files: ["hospital"], laCode } },
    ],
    baseDir: dir,
    derivations: [],
  }).pipe(
    Effect.provide(
      Layer.mergeAll(
        Warehouse.layer({ path: db }),
        SourceRegistry.layerWith([OnsPopulationSource.plugin, HospitalSource.plugin]),
        Pseudonymiser.layer(Redacted.make("bench-pseudonymisation-key")),
        Progress.layerSilent,
      ),
    ),
  ),
)
if (!summary.ok) {
  console.error(
    JSON.stringify(summary.files.map((f) => ({ path: f.path, status: f.status, message: f.message }))),
  )
  process.exit(1)
}
console.log(
  JSON.stringify({
    seconds: (performance.now() - t0) / 1000,
    streams: summary.streams.map((s) => ({
      plugin: s.plugin,
      stream: s.stream,
      files: s.files,
      loaded: s.loaded,
      skipped: s.skipped,
      rowsRead: s.rowsRead,
      rowsLoaded: s.rowsLoaded,
      rowsQuarantined: s.rowsQuarantined,
    })),
  }),
)
