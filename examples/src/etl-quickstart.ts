import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CldSource, Derive, Pipeline, Progress, Pseudonymiser, SourceRegistry, Warehouse } from "@asckit/etl"
import { Effect, Layer, Redacted } from "effect"

// Load two quarterly CLD submissions (they overlap, as real ones do) into a fresh warehouse.
const warehouse = join(mkdtempSync(join(tmpdir(), "asckit-")), "warehouse.sqlite")
const layers = Layer.mergeAll(
  Warehouse.layer({ path: warehouse }),
  SourceRegistry.layerWith([CldSource.plugin]),
  Pseudonymiser.layer(Redacted.make("example-key-for-synthetic-data")),
  Progress.layerSilent,
)
const load = Pipeline.run({
  sources: [{ plugin: "cld", config: { files: ["packages/etl/test/fixtures/cld/"] } }],
  baseDir: process.cwd(),
  derivations: Derive.all,
})
const summary = await Effect.runPromise(load.pipe(Effect.provide(layers)))
for (const f of summary.files) {
  console.log(
    `${f.path.split("/").pop()}: ${f.rowsRead} read, ${f.rowsLoaded} loaded, ${f.rowsQuarantined} quarantined`,
  )
  for (const r of f.rejects) console.log(`  row ${r.row}, ${r.column}: ${r.message}`)
}
