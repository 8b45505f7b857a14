/** ASCOF 4B, 6A and 6B from their sources, checked by hand on small fixtures. */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Period, Value } from "@asckit/core"
import {
  CqcDirectorySource,
  Pipeline,
  Progress,
  Pseudonymiser,
  PublishedValuesSource,
  SourceRegistry,
  Warehouse,
  WarehouseReader,
} from "@asckit/etl"
import { Effect, Layer, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Other from "../../src/measures/other/index.js"

const fixtures = (name: string) =>
  fileURLToPath(new URL(`../../../etl/test/fixtures/${name}/`, import.meta.url))
const dir = mkdtempSync(join(tmpdir(), "asckit-other-"))
const db = join(dir, "w.sqlite")
afterAll(() => rmSync(dir, { recursive: true, force: true }))

beforeAll(async () => {
  const layers = Layer.mergeAll(
    Warehouse.layer({ path: db }),
    SourceRegistry.layerWith([PublishedValuesSource.plugin, CqcDirectorySource.plugin]),
    Pseudonymiser.layer(Redacted.make("other-test-key-0123")),
    Progress.layerSilent,
  )
  await Effect.runPromise(
    Effect.gen(function* () {
      yield* Pipeline.run({
        sources: [{ plugin: "published-values", config: { files: ["."] } }],
        baseDir: fixtures("published-values"),
      })
      yield* Pipeline.run({
        sources: [{ plugin: "cqc-directory", config: { files: ["."], asAt: "2025-04-01" } }],
        baseDir: fixtures("cqc-directory"),
      })
      // Safeguarding enquiries, as the LAS source would load them.
      const w = yield* Warehouse.Warehouse
      yield* w.use("fixture enquiries", (_db, s) => {
        const insert = s.prepare(
          `insert into safeguarding_enquiry (la_code, enquiry_id, enquiry_type, start_date, concluded_date, result_of_action, row_key, run_id, file_id, row_number)
           values ('305', ?, ?, '2024-04-01', ?, ?, ?, 'fixture', 0, 0)`,
        )
        const rows: Array<[string, string, string | null, string | null]> = [
          ["E1", "s42", "2024-06-01", "Risk reduced"],
          ["E2", "s42", "2024-07-01", "Risk removed"],
          ["E3", "s42", "2024-08-01", "Risk removed"],
          ["E4", "s42", "2025-01-01", "Risk remained"],
          ["E5", "s42", "2025-02-01", null], // no risk identified: not counted
          ["E6", "other", "2024-09-01", "Risk reduced"], // not a section 42 enquiry
          ["E7", "s42", "2025-04-01", "Risk reduced"], // concluded after the year
          ["E8", "s42", null, null], // still open
        ]
        for (const [id, type, concluded, result] of rows) insert.run(id, type, concluded, result, id)
      })
    }).pipe(Effect.provide(layers)),
  )
})

const run = <A>(f: (r: WarehouseReader.Service) => Effect.Effect<A, unknown>) =>
  Effect.runPromise(
    Effect.flatMap(WarehouseReader.WarehouseReader, f).pipe(Effect.provide(WarehouseReader.layer(db))),
  )

const fy = Period.unsafeParse("2024-25")

describe("4B, 6A, 6B", () => {
  it("4B: reduced + removed over reduced + removed + remained, concluded s42 enquiries in the year (3 / 4 → 75.0)", async () => {
    const r = await run((reader) => Other.compute4B(reader, { laCode: "305", period: fy }))
    expect(r).toMatchObject({ numerator: 3, denominator: 4, status: "ok" })
    expect(r.value).toEqual(Value.available(75, 3, 4))
    const none = await run((reader) => Other.compute4B(reader, { laCode: "304", period: fy }))
    expect(none.status).toBe("not-available")
  })

  it("6A: as published by ASC-WDS (Bury 2024-25: 19.0)", async () => {
    const r = await run((reader) => Other.compute6A(reader, { laCode: "305", period: fy }))
    expect(r.value).toEqual(Value.available(19))
    expect(r.note).toContain("ASC-WDS")
    expect((await run((reader) => Other.compute6A(reader, { laCode: "313", period: fy }))).value._tag).toBe(
      "Suppressed",
    ) // published [c]
    expect((await run((reader) => Other.compute6A(reader, { laCode: "306", period: fy }))).status).toBe(
      "not-available",
    )
  })

  it("6B: residential locations rated good or outstanding, not-yet-rated in the denominator (2 / 4 → 50.0)", async () => {
    const r = await run((reader) =>
      Other.compute6B(reader, { laCode: "305", period: Period.unsafeParse("2025-26") }),
    )
    expect(r).toMatchObject({ numerator: 2, denominator: 4 })
    expect(Value.toNumber(r.value)).toBe(50)
    // the download is dated after 2024-25 ends: nothing to use for that year
    expect((await run((reader) => Other.compute6B(reader, { laCode: "305", period: fy }))).status).toBe(
      "not-available",
    )
  })

  it("over a rolling 12 months: 4B by the conclusion dates in it, 6A for its financial year, 6B from its end", async () => {
    // 12 months to 2025-26 Q1 (July 2024 to June 2025): E2, E3 removed, E7 reduced, E4 remained; E1 (June 2024)
    // concluded before it. 3 / 4 → 75.0 — a different four enquiries from the financial year's.
    const rolling = Period.rolling12(Period.quarter(2025, 1))
    const r4B = await run((reader) => Other.compute4B(reader, { laCode: "305", period: rolling }))
    expect(r4B).toMatchObject({ numerator: 3, denominator: 4, period: "12 months to 2025-26 Q1" })
    expect(r4B.value).toEqual(Value.available(75, 3, 4))
    // 12 months to 2024-25 Q3 (January to December 2024): E1 reduced, E2, E3 removed. 3 / 3 → 100.0
    const toDecember = Period.rolling12(Period.quarter(2024, 3))
    const r4Bdec = await run((reader) => Other.compute4B(reader, { laCode: "305", period: toDecember }))
    expect([r4Bdec.numerator, r4Bdec.denominator, Value.toNumber(r4Bdec.value)]).toEqual([3, 3, 100])
    // 6A: ASC-WDS publishes by financial year; a rolling period takes that of its end (2024-25 for December 2024).
    const r6A = await run((reader) => Other.compute6A(reader, { laCode: "305", period: toDecember }))
    expect(r6A).toMatchObject({ status: "ok", period: "12 months to 2024-25 Q3" })
    expect(r6A.value).toEqual(Value.available(19))
    expect((await run((reader) => Other.compute6A(reader, { laCode: "305", period: rolling }))).status).toBe(
      "not-available",
    ) // 2025-26: none loaded
    // 6B: the latest download on or before the period's end — 1 April 2025 is before 30 June 2025, after December 2024.
    const r6B = await run((reader) => Other.compute6B(reader, { laCode: "305", period: rolling }))
    expect([r6B.numerator, r6B.denominator, Value.toNumber(r6B.value)]).toEqual([2, 4, 50])
    expect(
      (await run((reader) => Other.compute6B(reader, { laCode: "305", period: toDecember }))).status,
    ).toBe("not-available")
  })
})
