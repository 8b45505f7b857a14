/**
 * A council's own source plugin: reablement episodes from a local tracker spreadsheet (its own column names and
 * codes), loaded as CLD short-term (ST-Max) service events beside the CLD submissions. It shows the contract: a
 * config Schema, a stream with a row Schema, key, write mode and sink, an `extract` built on the tabular reader,
 * and registration through a layer.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import {
  Fields,
  Pipeline,
  Progress,
  Pseudonymiser,
  SourcePlugin,
  SourceRegistry,
  Tabular,
  Warehouse,
  WarehouseSchema,
} from "@asckit/etl"
import { Effect, Layer, Redacted, Schema, Stream } from "effect"

// The tracker's own headers → our column names.
const headers: Record<string, string> = {
  "client id": "clientId",
  "reablement start": "start",
  "reablement end": "end",
  outcome: "outcome",
}
// The tracker's outcome codes → CLD Release 2 event outcomes.
const outcomes: Record<string, string> = {
  NFS: "NFA: Support ended as planned",
  LTC: "Progress to support planning or services",
  HOSP: "Admitted to hospital",
}

const Row = Schema.Struct({
  clientId: Fields.required(Fields.text, "the client id"),
  start: Fields.required(Fields.date, "the start date"),
  end: Fields.date,
  outcome: Fields.lenient(Fields.code("reablement outcome", (s) => outcomes[s.toUpperCase()])),
})

/** Reablement episodes from the local tracker, as ST-Max service events. */
export const reablementTracker = SourcePlugin.make({
  id: "reablement-tracker",
  description: "Reablement episodes from the local tracker spreadsheet",
  config: Schema.Struct({ file: Schema.String, laCode: Schema.String }),
  streams: [
    SourcePlugin.stream({
      name: "episodes",
      description: "one row per reablement episode",
      row: Row,
      key: ["clientId", "start"],
      mode: "merge",
      identifiers: ["clientId"],
      identifierColumns: ["clientId"],
      sink: {
        primary: {
          table: WarehouseSchema.event,
          map: (r) => ({
            laCode: "999",
            personId: r.clientId,
            eventType: "Service",
            clientType: "Service user",
            startDate: r.start,
            endDate: r.end,
            derivedEndDate: r.end,
            eventOutcome: r.outcome,
            serviceType: "Short term support: ST-Max",
            serviceComponent: "Reablement",
          }),
        },
      },
    }),
  ],
  inputs: (config, context) =>
    Effect.succeed([{ stream: "episodes", path: join(context.baseDir, config.file) }]),
  extract: (_config, input) =>
    Stream.unwrap(
      Effect.map(Tabular.probe(input.path), (probe) =>
        Tabular.table(probe, {
          canonical: (h) => headers[h.trim().toLowerCase()],
          required: ["clientId", "start"],
          columns: Object.values(headers),
        }),
      ),
    ),
})

/** Runs the example: loads a small tracker export through the plugin and prints what was loaded and rejected. */
export const main = async (): Promise<void> => {
  // A tracker export, with one unknown outcome code (kept, as a finding) and one row without a start (quarantined).
  const dir = mkdtempSync(join(tmpdir(), "asckit-custom-"))
  writeFileSync(
    join(dir, "tracker.csv"),
    "Client ID,Reablement start,Reablement end,Outcome\n" +
      "C-101,2025-04-07,2025-05-02,NFS\n" +
      "C-102,14/04/2025,09/05/2025,LTC\n" +
      "C-103,2025-04-22,2025-05-20,XYZ\n" +
      "C-104,,2025-05-21,NFS\n",
  )
  const layers = Layer.mergeAll(
    Warehouse.layer({ path: join(dir, "warehouse.sqlite") }),
    SourceRegistry.layerWith([reablementTracker]),
    Pseudonymiser.layer(Redacted.make("example-key-for-synthetic-data")),
    Progress.layerSilent,
  )
  const summary = await Effect.runPromise(
    Pipeline.run({
      sources: [{ plugin: "reablement-tracker", config: { file: "tracker.csv", laCode: "999" } }],
      baseDir: dir,
    }).pipe(Effect.provide(layers)),
  )
  rmSync(dir, { recursive: true, force: true })
  const [f] = summary.files
  console.log(
    `read ${f!.rowsRead}, loaded ${f!.rowsLoaded}, quarantined ${f!.rowsQuarantined}, findings ${f!.findings}`,
  )
  for (const r of f!.rejects) console.log(`row ${r.row}, ${r.column}: ${r.code}`)
}

// Run when executed directly (`node examples/dist/custom-source-plugin.js`), not when a test imports the plugin.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
