/**
 * Helpers for the ASCOF CLD measure tests: hand-built CLD rows (the etl tests' builders) loaded through the real CLD
 * and hospital plugins and pipeline (with DHSC's derived end dates) into a temp warehouse, then read back through a
 * read-only `WarehouseReader`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Period } from "@asckit/core"
import {
  CldSource,
  Derive,
  HospitalSource,
  Pipeline,
  Progress,
  Pseudonymiser,
  SourceRegistry,
  Warehouse,
  WarehouseReader,
} from "@asckit/etl"
import { Effect, Layer, Redacted } from "effect"
import { afterAll, expect } from "vitest"
import { nhs, type Row, service, writeCld } from "../../../etl/test/cld-fixtures.js"
import { Ascof } from "../../src/index.js"

export { assessment, nhs, request, review, service } from "../../../etl/test/cld-fixtures.js"

/** The pseudonymisation key of the tests. */
export const testKey = Redacted.make("ascof-measures-test-key-0123")

/** The pseudonym the warehouse gives an NHS number (the person id of someone with one). */
export const pseudonym = (nhsNumber: string): string => Pseudonymiser.make(testKey).pseudonymise(nhsNumber)

/** A fresh temp folder, removed after the test file. */
export const tempDir = (prefix: string): string => {
  const d = mkdtempSync(join(tmpdir(), prefix))
  afterAll(() => rmSync(d, { recursive: true, force: true }))
  return d
}

/** The submission every fixture row belongs to: a long one, so history before the year and follow-up after it load. */
export const submission: Row = {
  Reporting_Period_Start_Date: "2023-04-01",
  Reporting_Period_End_Date: "2025-06-30",
}

let next = 700_000_000

const eventFields = new Set([
  "Event_Type",
  "Event_Reference",
  "Event_Start_Date",
  "Event_End_Date",
  "Event_Outcome",
  "Service_Type",
  "Service_Component",
  "Delivery_Mechanism",
])

/** The person fields of the etl fixtures' base row (LA 999, born June 1940, owner occupier…). */
const basePerson: Row = Object.fromEntries(Object.entries(service()).filter(([k]) => !eventFields.has(k)))

/** A new person: their own NHS number and LA id, with the fixture submission and any other person fields. */
export const person = (fields: Row = {}): Row & { readonly NHS_Number: string } => {
  for (;;) {
    const nine = String(next++)
    try {
      const n = nhs(nine)
      return {
        ...basePerson,
        ...submission,
        NHS_Number: n,
        LA_Person_Unique_Identifier: `L${nine}`,
        ...fields,
      }
    } catch {
      // no check digit exists for this base: try the next one
    }
  }
}

/** A reablement (ST-Max) service of `who` (`end`/`outcome` undefined: still open), with overrides. */
export const stMax = (
  who: Row,
  start: string,
  end: string | undefined,
  outcome: string | undefined,
  o: Row = {},
): Row => ({
  ...who,
  Event_Type: "Service",
  Event_Reference: `S-${start}`,
  Event_Start_Date: start,
  Event_End_Date: end ?? "",
  Event_Outcome: outcome ?? "",
  Service_Type: "Short term support: ST-Max",
  Service_Component: "Reablement",
  Delivery_Mechanism: "CASSR commissioned support",
  ...o,
})

/** Writes rows (and an optional hospital extract, as CSV lines) and loads them into a fresh warehouse. */
export const loadWarehouse = async (
  dir: string,
  name: string,
  rows: ReadonlyArray<Row>,
  hospital?: ReadonlyArray<string>,
): Promise<string> => {
  const db = join(dir, `${name}.sqlite`)
  const cld = join(dir, `${name}.csv`)
  writeCld(cld, rows)
  const sources: Array<Pipeline.SourceConfig> = [{ plugin: "cld", config: { files: [cld] } }]
  if (hospital !== undefined) {
    const sus = join(dir, `${name}-sus.csv`)
    writeFileSync(
      sus,
      `${[
        "NHS_Number,Episode_Id,Age_At_Discharge,Admission_Date,Discharge_Date,Admission_Method,Discharge_Method,Discharge_Destination,Treatment_Function_Code,Management_Type",
        ...hospital,
      ].join("\r\n")}\r\n`,
    )
    sources.push({ plugin: "hospital", config: { files: [sus], laCode: "999" } })
  }
  const layers = Layer.mergeAll(
    Warehouse.layer({ path: db }),
    SourceRegistry.layerWith([CldSource.plugin, HospitalSource.plugin]),
    Pseudonymiser.layer(testKey),
    Progress.layerSilent,
  )
  const summary = await Effect.runPromise(
    Pipeline.run({ sources, baseDir: dir, derivations: Derive.all, workers: false }).pipe(
      Effect.provide(layers),
    ),
  )
  // Every fixture row is meant to load: a quarantined one would be a broken fixture, not a measure rule.
  expect(summary.files.flatMap((f) => f.rejects.filter((r) => r.code !== "duplicate"))).toEqual([])
  expect(summary.files.map((f) => f.status)).toEqual(summary.files.map(() => "loaded"))
  return db
}

/** Runs an effect needing the read-only warehouse at `db`. */
export const read = <A, E>(
  db: string,
  f: (reader: WarehouseReader.Service) => Effect.Effect<A, E>,
): Promise<A> =>
  Effect.runPromise(
    Effect.flatMap(WarehouseReader.WarehouseReader, f).pipe(Effect.provide(WarehouseReader.layer(db))),
  )

/** Computes every CLD ASCOF measure, by code. */
export const computeAll = (
  db: string,
  period: Period.Period,
  laCode = "999",
): Promise<Readonly<Record<string, Ascof.Result>>> =>
  read(db, (r) =>
    Effect.map(Ascof.computeAll(r, { period, laCode }), (rs) =>
      Object.fromEntries(rs.map((x) => [x.code, x])),
    ),
  )

/** Writes ONS-like single-year population rows (ages 0–90, `Total`) for a geography and mid-year. */
export const insertPopulation = (
  db: string,
  geography: string,
  year: number,
  value: (age: number) => number,
): Promise<void> =>
  Effect.runPromise(
    Effect.scoped(
      Effect.flatMap(Warehouse.make({ path: db }), (w) =>
        w.use("fixture population", (_db, s) => {
          const insert = s.prepare(
            `insert into population_estimate (geography_code, year, sex, age, value, row_key, run_id, file_id, row_number)
             values (?, ?, 'Total', ?, ?, ?, 'fixture', 0, 0)`,
          )
          for (let age = 0; age <= 90; age++)
            insert.run(geography, year, age, value(age), `${geography}-${year}-${age}`)
        }),
      ),
    ),
  )
