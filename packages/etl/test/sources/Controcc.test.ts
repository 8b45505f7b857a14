import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import { CldSource, ControccSource, Derive, Mapping, WarehouseReader } from "../../src/index.js"
import { service, writeCld } from "../cld-fixtures.js"
import { suite } from "../contract/SourcePluginSuite.js"
import { load, query, tempDir } from "../helpers.js"

const fixtures = fileURLToPath(new URL("../fixtures/controcc/", import.meta.url))
const plugin = ControccSource.plugin

suite(plugin, {
  config: { laCode: "999", files: ["."] },
  baseDir: fixtures,
  expect: { rowsRead: 6, rowsQuarantined: 2 },
  badConfig: { laCode: "999", files: [] },
})

const loadControcc = (db: string, config: Record<string, unknown>, keepIdentifiers = false) =>
  load(db, [plugin], {
    sources: [{ plugin: "controcc", config: { laCode: "999", ...config } }],
    baseDir: fixtures,
    derivations: Derive.all,
    keepIdentifiers,
  })

describe("ContrOCC source", () => {
  const dir = tempDir("asckit-controcc-")

  it("loads service agreements as CLD services, codes mapped, ContrOCC's own service and provider kept", async () => {
    const db = join(dir, "all.sqlite")
    const s = await loadControcc(db, { files: ["."] })
    expect(s.files[0]).toMatchObject({ rowsRead: 6, rowsLoaded: 4, rowsQuarantined: 2, findings: 1 })
    expect(
      query(
        db,
        "select event_reference, event_type, client_type, service_type, service_component, delivery_mechanism, provider_cqc_location_id, provider_name, source_type, start_date, end_date, derived_end_date, event_outcome, unit_cost, cost_frequency_unit_type, planned_units_per_week, event_description, submission_start, submission_end from event order by event_reference",
      ),
    ).toEqual([
      {
        event_reference: "S1",
        event_type: "Service",
        client_type: "Service user",
        service_type: "Long term support: Residential care",
        service_component: "Long term residential care",
        delivery_mechanism: "CASSR commissioned support",
        provider_cqc_location_id: "1-123456789",
        provider_name: "Oak House",
        source_type: "Residential Placement",
        start_date: "2024-05-01",
        end_date: null,
        derived_end_date: null,
        event_outcome: null,
        unit_cost: 850.5,
        cost_frequency_unit_type: "Weekly",
        planned_units_per_week: 1,
        event_description: "Residential care placement",
        submission_start: "2024-04-01",
        submission_end: "2025-03-31",
      },
      expect.objectContaining({
        event_reference: "S2",
        service_type: "Long term support: Community",
        service_component: "Direct payment",
        delivery_mechanism: "Direct payment",
        end_date: "2025-01-10",
        event_outcome: "NFA: Deceased",
        unit_cost: 1200,
      }),
      // an unpaid carer support service is the carer's
      expect.objectContaining({
        event_reference: "S3",
        client_type: "Unpaid carer",
        service_type: "Unpaid carer support: Direct to unpaid carer",
        service_component: "Unpaid carer respite",
        cost_frequency_unit_type: "Weekly",
        event_outcome: "NFA: Support ended as planned",
      }),
      expect.objectContaining({ event_reference: "S4", service_type: "Long term support: Nursing care" }),
    ])
    expect(
      query(db, "select row_number, column, error_code from etl_quarantine order by row_number"),
    ).toEqual([
      { row_number: 6, column: "Service", error_code: "unmapped-code" },
      { row_number: 7, column: "Client ID", error_code: "missing-person-id" },
    ])
    expect(query(db, "select row_number, column, code, message, value from etl_finding")).toEqual([
      {
        row_number: 5,
        column: "Setting",
        code: "setting-mismatch",
        message:
          "is Community, but the service (Long term support: Nursing care: Long term nursing care) is delivered in a nursing setting",
        value: "Home",
      },
    ])
    const report = await Effect.runPromise(Mapping.unmapped().pipe(Effect.provide(WarehouseReader.layer(db))))
    expect(report).toEqual([
      {
        plugin: "controcc",
        stream: "service-agreements",
        column: "Service",
        value: "Gardening",
        table: "ServiceComponent",
        rows: 1,
      },
    ])
  })

  it("gives a service the same warehouse row as the same service in a CLD submission", async () => {
    const db = join(dir, "both.sqlite")
    const cld = join(dir, "cld.csv")
    writeCld(cld, [
      service({
        Reporting_Period_Start_Date: "2024-04-01",
        Reporting_Period_End_Date: "2025-03-31",
        Event_Reference: "S1",
        Event_Start_Date: "2024-05-01",
        Service_Type: "Long term support: Residential care",
        Service_Component: "Long term residential care",
        Event_Outcome: "",
      }),
    ])
    await load(db, [CldSource.plugin, plugin], {
      sources: [
        { plugin: "cld", config: { files: [cld] } },
        { plugin: "controcc", config: { laCode: "999", files: [fixtures] } },
      ],
      baseDir: dir,
      derivations: Derive.all,
    })
    // one row; equal precedence (same period, both open, no outcome), so the later file's version (ContrOCC's) wins
    expect(
      query(
        db,
        "select count(*) as n, max(provider_name) as provider from event where event_reference = 'S1'",
      ),
    ).toEqual([{ n: 1, provider: "Oak House" }])
  })

  it("maps a council's own labels and headers from its configuration", async () => {
    const db = join(dir, "council.sqlite")
    const path = join(dir, "council.csv")
    const text = readFileSync(join(fixtures, "service-agreements-2024-25.csv"), "utf8")
      .replace("Client ID", "Service User Ref")
      .replace("Gardening", "Garden Care")
    writeFileSync(path, text)
    const s = await loadControcc(db, {
      files: [path],
      mapping: {
        columns: { "service-agreements": { "Client ID": "Service User Ref" } },
        codes: { ServiceComponent: { "Garden Care": "Other long term" } },
      },
    })
    expect(s.files[0]).toMatchObject({ rowsLoaded: 5, rowsQuarantined: 1 })
    expect(
      query(db, "select service_component, source_type from event where event_reference = 'S5'"),
    ).toEqual([{ service_component: "Other long term", source_type: "Garden Care" }])
  })

  it("reads XLSX reports with dates and numbers stored as such", async () => {
    const db = join(dir, "xlsx.sqlite")
    const path = join(dir, "agreements.xlsx")
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet("Agreements")
    ws.addRow([
      "Period Start",
      "Period End",
      "Agreement ID",
      "Client ID",
      "Service Type",
      "Service",
      "Start Date",
      "Unit Cost",
      "Rate Unit",
    ])
    ws.addRow([
      new Date(Date.UTC(2024, 3, 1)),
      new Date(Date.UTC(2025, 2, 31)),
      123,
      456,
      "LT Community Support",
      "Home Care",
      new Date(Date.UTC(2024, 6, 1)),
      23.45,
      "Per Hour",
    ])
    await wb.xlsx.writeFile(path)
    const s = await loadControcc(db, { files: [path] })
    expect(s.files[0]).toMatchObject({ status: "loaded", rowsLoaded: 1 })
    expect(
      query(db, "select event_reference, start_date, unit_cost, cost_frequency_unit_type from event"),
    ).toEqual([
      {
        event_reference: "123",
        start_date: "2024-07-01",
        unit_cost: 23.45,
        cost_frequency_unit_type: "Hourly",
      },
    ])
  })

  it("keeps every default entry on its national list", () => {
    for (const t of ControccSource.spec.tables) expect(Mapping.badLabels(t, t.map), t.name).toEqual([])
  })
})
