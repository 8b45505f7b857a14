import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { CqcDirectorySource, PublishedValuesSource } from "../src/index.js"
import { suite } from "./contract/SourcePluginSuite.js"
import { load, query, tempDir } from "./helpers.js"

const pv = fileURLToPath(new URL("./fixtures/published-values/", import.meta.url))
const cqc = fileURLToPath(new URL("./fixtures/cqc-directory/", import.meta.url))

suite(PublishedValuesSource.plugin, {
  config: { files: ["."], source: "ASC-WDS" },
  baseDir: pv,
  expect: { rowsRead: 6, rowsQuarantined: 1 },
  badConfig: { files: [] },
})

suite(CqcDirectorySource.plugin, {
  config: { files: ["."], asAt: "2025-04-01" },
  baseDir: cqc,
  expect: { rowsRead: 7, rowsQuarantined: 1 },
  badConfig: { files: ["x.csv"], asAt: "April 2025" },
})

describe("published values", () => {
  const dir = tempDir("asckit-pv-")
  it("resolves councils, regions and England, keeps markers, and names what it cannot place", async () => {
    const db = join(dir, "pv.sqlite")
    await load(db, [PublishedValuesSource.plugin], {
      sources: [{ plugin: "published-values", config: { files: ["."] } }],
      baseDir: pv,
    })
    expect(
      query(
        db,
        "select geography_level, geography_code, outcome, marker, year from benchmark_value order by geography_code",
      ),
    ).toEqual([
      { geography_level: "council", geography_code: "304", outcome: 15.6, marker: null, year: "2024-25" },
      { geography_level: "council", geography_code: "305", outcome: 19, marker: null, year: "2024-25" },
      { geography_level: "council", geography_code: "313", outcome: null, marker: "[c]", year: "2024-25" },
      { geography_level: "england", geography_code: "England", outcome: 23.7, marker: null, year: "2024-25" },
      { geography_level: "region", geography_code: "NW", outcome: 23.5, marker: null, year: "2024-25" },
    ])
    expect(query(db, "select row_number, column, error_code from etl_quarantine")).toEqual([
      { row_number: 6, column: "geography", error_code: "unknown-geography" },
    ])
  })
})

describe("CQC care directory", () => {
  const dir = tempDir("asckit-cqc-")
  it("classifies residential locations and normalises ratings (blank = not yet rated)", async () => {
    const db = join(dir, "cqc.sqlite")
    await load(db, [CqcDirectorySource.plugin], {
      sources: [{ plugin: "cqc-directory", config: { files: ["."], asAt: "2025-04-01" } }],
      baseDir: cqc,
    })
    expect(
      query(db, "select location_id, care_type, rating from provider_rating order by location_id"),
    ).toEqual([
      { location_id: "1-100001", care_type: "residential", rating: "Good" },
      { location_id: "1-100002", care_type: "residential", rating: "Outstanding" },
      { location_id: "1-100003", care_type: "residential", rating: "Requires improvement" },
      { location_id: "1-100004", care_type: "residential", rating: "Not yet rated" },
      { location_id: "1-100005", care_type: "community", rating: "Good" },
      { location_id: "1-100006", care_type: "residential", rating: "Inadequate" },
    ])
    expect(query(db, "select row_number, column, error_code from etl_quarantine")).toEqual([
      { row_number: 8, column: "localAuthority", error_code: "blank-mandatory" },
    ])
  })
})
