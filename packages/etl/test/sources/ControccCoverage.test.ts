/**
 * The ContrOCC fixtures cover the default code tables: `fixtures/controcc/all-codes/` holds every local value of
 * every table (codes.ts), with edge cases — UK and ISO dates, a quoted "1,050.00" cost, a service with every
 * optional value blank, a setting that does not fit the service (a finding), and a service no table maps
 * (quarantined, listed by `Mapping.unmapped`). The setting is not stored: it is checked against bed-based
 * services, so the test reads it back from the check (no `setting-mismatch` finding: the setting the service
 * implies; a finding: the setting it names).
 */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { ControccSource, Mapping, WarehouseReader } from "../../src/index.js"
import { suite } from "../contract/SourcePluginSuite.js"
import { load, query, tempDir } from "../helpers.js"
import { column, coverage, type Target } from "./coverage.js"

const fixtures = fileURLToPath(new URL("../fixtures/controcc/all-codes/", import.meta.url))
const plugin = ControccSource.plugin

// 35 agreements; one quarantined: a service no table maps
suite(plugin, {
  config: { laCode: "999", files: ["."] },
  baseDir: fixtures,
  expect: { rowsRead: 35, rowsQuarantined: 1 },
  badConfig: { laCode: "999", files: ["."], mapping: { codes: { Setting: { Garden: "Outdoors" } } } },
})

const loadControcc = (db: string, config: Record<string, unknown>) =>
  load(db, [plugin], {
    sources: [{ plugin: "controcc", config: { laCode: "999", ...config } }],
    baseDir: fixtures,
  })

/** The setting a bed-based service implies (as the plugin's check reads it). */
const implied = (r: Readonly<Record<string, unknown>>): string | null =>
  r.service_type === "Long term support: Nursing care" || r.service_component === "Short term nursing care"
    ? "Nursing"
    : r.service_type === "Long term support: Residential care" ||
        r.service_component === "Short term residential care"
      ? "Residential"
      : r.service_type === "Long term support: Community"
        ? "Community"
        : null

const setting: Target = {
  table: "event",
  read: (r, findings) => {
    const mismatch = findings.find((f) => f.code === "setting-mismatch")
    return mismatch === undefined ? implied(r) : /^is (\w+),/.exec(mismatch.message)?.[1]
  },
}

const event = (col: string) => column("event", col)
const targets = {
  "service-agreements": {
    "Service Type": event("service_type"),
    Service: event("service_component"),
    Setting: setting,
    "Delivery Mechanism": event("delivery_mechanism"),
    "End Reason": event("event_outcome"),
    "Cost Unit": event("cost_frequency_unit_type"),
  },
}

describe("ContrOCC code coverage", () => {
  const dir = tempDir("asckit-controcc-coverage-")
  const db = join(dir, "coverage.sqlite")
  const path = join(fixtures, "service-agreements.csv")

  it("loads every value of every default code table to its national label", async () => {
    const s = await loadControcc(db, { files: ["."] })
    expect(s.files[0]).toMatchObject({ rowsRead: 35, rowsLoaded: 34, rowsQuarantined: 1, findings: 1 })
    for (const c of ControccSource.layout.columns.filter((x) => x.codes !== undefined))
      expect(
        targets["service-agreements"][c.name as keyof (typeof targets)["service-agreements"]],
        c.name,
      ).toBeDefined()
    const result = coverage({
      db,
      files: [{ path, layout: ControccSource.layout }],
      tables: ControccSource.spec.tables,
      targets,
    })
    expect(result.untargeted).toEqual([])
    expect(result.mismatches).toEqual([])
    expect(result.uncovered).toEqual([])
    expect(Object.values(result.checked).reduce((a, b) => a + b, 0)).toBe(82)
  })

  it("quarantines the unmapped service, lists it, and keeps blank optional values and findings", async () => {
    expect(query(db, "select row_number, column, error_code from etl_quarantine")).toEqual([
      { row_number: 36, column: "Service", error_code: "unmapped-code" },
    ])
    expect(query(db, "select row_number, column, code, value from etl_finding")).toEqual([
      { row_number: 35, column: "Setting", code: "setting-mismatch", value: "Home" },
    ])
    const report = await Effect.runPromise(Mapping.unmapped().pipe(Effect.provide(WarehouseReader.layer(db))))
    expect(report).toEqual([
      {
        plugin: "controcc",
        stream: "service-agreements",
        column: "Service",
        value: "Dog Walking",
        table: "ServiceComponent",
        rows: 1,
      },
    ])
    expect(
      query(
        db,
        "select start_date, end_date, event_outcome, delivery_mechanism, provider_name, provider_cqc_location_id, unit_cost, cost_frequency_unit_type, planned_units_per_week, event_description from event where event_reference = 'KS033'",
      ),
    ).toEqual([
      {
        start_date: "2024-07-01",
        end_date: null,
        event_outcome: null,
        delivery_mechanism: null,
        provider_name: null,
        provider_cqc_location_id: null,
        unit_cost: null,
        cost_frequency_unit_type: null,
        planned_units_per_week: null,
        event_description: null,
      },
    ])
    // UK and ISO dates, a quoted cost with a thousands separator, carers' services as the carer's
    expect(
      query(
        db,
        "select event_reference, start_date, end_date, unit_cost, client_type from event where event_reference in ('KS001', 'KS002', 'KS028', 'KS032') order by event_reference",
      ),
    ).toEqual([
      {
        event_reference: "KS001",
        start_date: "2024-04-01",
        end_date: "2025-01-01",
        unit_cost: 25,
        client_type: "Service user",
      },
      {
        event_reference: "KS002",
        start_date: "2024-05-02",
        end_date: "2025-01-02",
        unit_cost: 38.5,
        client_type: "Service user",
      },
      expect.objectContaining({ event_reference: "KS028", client_type: "Unpaid carer" }),
      expect.objectContaining({ event_reference: "KS032", start_date: "2024-06-04", unit_cost: 1050 }),
    ])
  })

  it("fails a report whose columns do not fit the layout, naming what is missing and what is unexpected", async () => {
    const renamed = join(dir, "renamed.csv")
    writeFileSync(
      renamed,
      readFileSync(path, "utf8").replace("Service Type", "Service Kind").replace("Client ID", "Customer"),
    )
    const mdb = join(dir, "mismatch.sqlite")
    const s = await loadControcc(mdb, { files: [renamed] })
    expect(s.ok).toBe(false)
    expect(s.files[0]?.status).toBe("failed")
    expect(s.files[0]?.error).toMatchObject({ problem: "missing-columns", row: 1, column: "Client ID" })
    expect(s.files[0]?.message).toBe(
      `${renamed}, row 1: the columns do not match the ContrOCC service agreements report layout: missing columns "Client ID" (headers looked for: "Client ID", "Person ID", "LAS Person ID", "Client Reference"), "Service Type" (headers looked for: "Service Type", "Service Category"); columns not in the layout: "Customer", "Service Kind". If the report names a column differently, map it in the configuration: mapping.columns.service-agreements = { "Client ID": "<the header in the file>" }.`,
    )
    expect(query(mdb, "select count(*) as n from event")).toEqual([{ n: 0 }])
    // with the council's headers mapped, it loads
    const ok = await loadControcc(mdb, {
      files: [renamed],
      mapping: {
        columns: { "service-agreements": { "Client ID": "Customer", "Service Type": ["Service Kind"] } },
      },
    })
    expect(ok.files[0]).toMatchObject({ status: "loaded", rowsLoaded: 34, rowsQuarantined: 1 })
    // an extra column is read past by default, and fails the file when the council asks for no surprises
    const extra = join(dir, "extra.csv")
    writeFileSync(
      extra,
      readFileSync(path, "utf8")
        .split("\n")
        .map((line, i) => (line === "" ? line : `${line},${i === 0 ? "Budget Code" : "B1"}`))
        .join("\n"),
    )
    const edb = join(dir, "extra.sqlite")
    const lenient = await loadControcc(edb, { files: [extra] })
    expect(lenient.files[0]).toMatchObject({ status: "loaded", rowsLoaded: 34 })
    const strict = await loadControcc(join(dir, "strict.sqlite"), {
      files: [extra],
      mapping: { unexpectedColumns: "error" },
    })
    expect(strict.files[0]?.status).toBe("failed")
    expect(strict.files[0]?.error).toMatchObject({ problem: "malformed", row: 1 })
    expect(strict.files[0]?.message).toContain(
      'extra.csv, row 1: the columns do not match the ContrOCC service agreements report layout: column not in the layout: "Budget Code".',
    )
  })
})
