import { cpSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect, Either, Schema } from "effect"
import ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import { CldSource, Derive, LasSource, Mapping, WarehouseReader } from "../../src/index.js"
import * as Identity from "../../src/sources/identity.js"
import { request, writeCld } from "../cld-fixtures.js"
import { suite } from "../contract/SourcePluginSuite.js"
import { load, query, tempDir } from "../helpers.js"

const fixtures = fileURLToPath(new URL("../fixtures/las/", import.meta.url))
const plugin = LasSource.plugin
const allFiles = Object.fromEntries(LasSource.reports.map((r) => [r, [`${r}.csv`]]))

suite(plugin, {
  config: { laCode: "999", files: allFiles },
  baseDir: fixtures,
  expect: { rowsRead: 40, rowsQuarantined: 10 },
  badConfig: { laCode: "999", files: {} },
})

const loadLas = (
  db: string,
  config: Record<string, unknown>,
  extra: { keepIdentifiers?: boolean; baseDir?: string; plugins?: ReadonlyArray<typeof plugin> } = {},
) =>
  load(db, extra.plugins ?? [plugin], {
    sources: [{ plugin: "las", config: { laCode: "999", ...config } }],
    baseDir: extra.baseDir ?? fixtures,
    derivations: Derive.all,
    ...(extra.keepIdentifiers === undefined ? {} : { keepIdentifiers: extra.keepIdentifiers }),
  })

type Q = { row_number: number; column: string | null; error_code: string; message: string }

describe("LAS source", () => {
  const dir = tempDir("asckit-las-")

  it("loads every report into its tables, codes mapped to national labels", async () => {
    const db = join(dir, "all.sqlite")
    const s = await loadLas(db, { files: allFiles })
    expect(s.ok).toBe(true)
    const by = Object.fromEntries(
      s.streams.map((x) => [x.stream, [x.rowsRead, x.rowsLoaded, x.rowsQuarantined]]),
    )
    expect(by).toEqual({
      people: [5, 3, 2],
      carers: [2, 2, 0],
      contacts: [5, 3, 2],
      requests: [5, 3, 2],
      assessments: [5, 4, 1],
      reviews: [5, 4, 1],
      "work-tray": [4, 3, 1],
      "safeguarding-concerns": [3, 3, 0],
      "safeguarding-enquiries": [3, 2, 1],
      "safeguarding-risks": [3, 3, 0],
    })
    expect(
      query(
        db,
        "select event_type, event_reference, client_type, start_date, end_date, event_outcome, route_of_access, assessment_type, eligible_needs_identified, method_of_assessment, review_reason, review_outcomes_achieved, method_of_review, source_type, due_date, team, total_hours_caring_per_week as hours, submission_end from event order by event_reference",
      ),
    ).toEqual([
      {
        event_type: "Assessment",
        event_reference: "A1",
        client_type: "Service user",
        start_date: "2024-04-10",
        end_date: "2024-04-20",
        event_outcome: "Progress to support planning or services",
        route_of_access: null,
        assessment_type: "Long term assessment",
        eligible_needs_identified: "Yes",
        method_of_assessment: "Face to face",
        review_reason: null,
        review_outcomes_achieved: null,
        method_of_review: null,
        source_type: "Care Act Assessment",
        due_date: null,
        team: "Locality Team North",
        hours: null,
        submission_end: "2025-03-31",
      },
      expect.objectContaining({
        event_reference: "A2",
        assessment_type: "Short term assessment",
        source_type: "Occupational Therapy Assessment",
        eligible_needs_identified: "No",
        method_of_assessment: "Face to face",
      }),
      expect.objectContaining({
        event_reference: "A3",
        client_type: "Unpaid carer",
        assessment_type: "Unpaid carer assessment",
        end_date: null,
        event_outcome: null,
        hours: 35,
      }),
      // "lots" of caring hours is not a number: kept, as null, with a finding
      expect.objectContaining({ event_reference: "A5", source_type: "Care Act Reassessment", hours: null }),
      expect.objectContaining({
        event_reference: "R1",
        event_type: "Request",
        route_of_access: "Discharge from hospital",
        event_outcome: "Progress to assessment, review or reassessment",
        source_type: "Hospital Referral",
      }),
      expect.objectContaining({
        event_reference: "R2",
        client_type: "Unpaid carer",
        route_of_access: "Community/other route",
      }),
      expect.objectContaining({ event_reference: "R3", end_date: null, event_outcome: null }),
      expect.objectContaining({
        event_reference: "V1",
        event_type: "Review",
        review_reason: "Planned",
        due_date: "2024-11-01",
        review_outcomes_achieved: "Fully achieved",
        method_of_review: "Telephone",
        event_outcome: "Continuation of support or services",
      }),
      expect.objectContaining({
        event_reference: "V2",
        review_reason: "Unplanned: Hospital (planned and unplanned episodes)",
        event_outcome: "NFA: Deceased",
      }),
      expect.objectContaining({
        event_reference: "V3",
        review_reason: "Planned",
        due_date: "2025-03-01",
        end_date: null,
      }),
      expect.objectContaining({ event_reference: "V4", due_date: null }),
    ])
    expect(
      query(
        db,
        "select contact_id, route, outcome, outcome_source, person_id is null as anonymous from contact order by contact_id",
      ),
    ).toEqual([
      {
        contact_id: "CT1",
        route: "Discharge from hospital",
        outcome: "new-case",
        outcome_source: "Progress to Assessment",
        anonymous: 0,
      },
      {
        contact_id: "CT2",
        route: "Community/other route",
        outcome: "resolved-other",
        outcome_source: "Resolved - Information and Advice",
        anonymous: 1,
      },
      {
        contact_id: "CT3",
        route: "Community/other route",
        outcome: "safeguarding",
        outcome_source: "safeguarding",
        anonymous: 0,
      },
    ])
    expect(
      query(
        db,
        "select item_id, work_type, work_type_source, entered_date, allocated_date, closed_date from work_item order by item_id",
      ),
    ).toEqual([
      {
        item_id: "W1",
        work_type: "needs-assessment",
        work_type_source: "Awaiting Care Act Assessment",
        entered_date: "2024-04-09",
        allocated_date: "2024-04-10",
        closed_date: null,
      },
      {
        item_id: "W2",
        work_type: "ot-assessment",
        work_type_source: "Awaiting OT Assessment",
        entered_date: "2025-03-01",
        allocated_date: null,
        closed_date: null,
      },
      {
        item_id: "W3",
        work_type: "other",
        work_type_source: "Awaiting Allocation - Other",
        entered_date: "2025-02-01",
        allocated_date: null,
        closed_date: "2025-02-15",
      },
    ])
    expect(
      query(db, "select concern_id, outcome, decision_date from safeguarding_concern order by concern_id"),
    ).toEqual([
      { concern_id: "SC1", outcome: "s42-enquiry", decision_date: "2024-06-03" },
      { concern_id: "SC2", outcome: "no-enquiry", decision_date: "2024-07-16" },
      { concern_id: "SC3", outcome: "open", decision_date: null },
    ])
    expect(query(db, "select * from safeguarding_enquiry where enquiry_id = 'SE1'")).toEqual([
      expect.objectContaining({
        concern_id: "SC1",
        enquiry_type: "s42",
        concluded_date: "2024-07-30",
        risk_assessment_outcome: "Risk identified and action taken",
        result_of_action: "Risk reduced",
        lacked_capacity: "Yes",
        supported_by_advocate: "Yes",
        msp_asked: "Yes - outcomes expressed",
        msp_achieved: "Fully achieved",
      }),
    ])
    expect(
      query(
        db,
        "select enquiry_id, type_of_risk, source_of_risk, location_of_risk from safeguarding_risk order by enquiry_id, type_of_risk",
      ),
    ).toEqual([
      {
        enquiry_id: "SE1",
        type_of_risk: "Financial or Material",
        source_of_risk: "Other - Known to Individual",
        location_of_risk: "Own Home",
      },
      {
        enquiry_id: "SE1",
        type_of_risk: "Neglect and Acts of Omission",
        source_of_risk: "Service Provider",
        location_of_risk: "Care Home - Residential",
      },
      { enquiry_id: "SE2", type_of_risk: "Self-Neglect", source_of_risk: null, location_of_risk: "Own Home" },
    ])
    expect(
      query(
        db,
        "select client_type, gender, ethnicity, birth_year, birth_month, date_of_death, primary_support_reason, accommodation_status, employment_status, has_unpaid_carer, client_funding_status, hearing_impairment, dementia, postcode_district, as_at from person where client_type = 'Service user' and birth_year is not null order by birth_year",
      ),
    ).toEqual([
      {
        client_type: "Service user",
        gender: "Female",
        ethnicity: "White: English, Welsh, Scottish, Northern Irish or British",
        birth_year: 1940,
        birth_month: 6,
        date_of_death: null,
        primary_support_reason: "Physical Support: Personal Care Support",
        accommodation_status: "Owner occupier or shared ownership scheme",
        employment_status: "Not in paid employment: Not actively seeking work or retired",
        has_unpaid_carer: "Yes",
        client_funding_status: "Joint client and social care funded",
        hearing_impairment: "Yes",
        dementia: "Unknown",
        postcode_district: "BL9",
        as_at: "2025-03-31",
      },
      expect.objectContaining({
        gender: "Male",
        ethnicity: "Asian or Asian British: Pakistani",
        birth_year: 1958,
        date_of_death: "2025-01-10",
        accommodation_status: "Registered nursing home",
        client_funding_status: "Fully social care funded",
      }),
    ])
    // the third person's date of birth is impossible: kept without it
    expect(
      query(db, "select count(*) as n from person where client_type = 'Service user' and birth_year is null"),
    ).toEqual([{ n: 1 }])
    expect(
      query(db, "select client_type, count(*) as n from person group by client_type order by client_type"),
    ).toEqual([
      { client_type: "Service user", n: 3 },
      { client_type: "Unpaid carer", n: 2 },
    ])
    // carer links join the cared-for people's LA person id pseudonyms
    expect(
      query(
        db,
        "select count(*) as n from carer_link c join person p on p.la_person_id_pseudo = c.cared_for_la_person_id_pseudo",
      ),
    ).toEqual([{ n: 3 }])
  })

  it("quarantines bad rows with the file, row and column, and keeps invalid optional values as findings", async () => {
    const db = join(dir, "bad.sqlite")
    await loadLas(db, { files: allFiles })
    const rows = (stream: string) =>
      query<Q>(
        db,
        "select row_number, column, error_code from etl_quarantine where stream = ? order by row_number, column",
        stream,
      )
    expect(rows("people")).toEqual([
      { row_number: 5, column: "Ethnicity", error_code: "unmapped-code" },
      { row_number: 6, column: "Person ID", error_code: "missing-person-id" },
    ])
    expect(rows("contacts")).toEqual([
      { row_number: 5, column: "Contact Source", error_code: "unmapped-code" },
      { row_number: 6, column: "Contact Date", error_code: "invalid-date" },
    ])
    expect(rows("requests")).toEqual([
      { row_number: 5, column: "Decision Date", error_code: "end-before-start" },
      { row_number: 6, column: "Route of Access", error_code: "blank-mandatory" },
    ])
    expect(rows("assessments")).toEqual([
      { row_number: 5, column: "Assessment Type", error_code: "unmapped-code" },
    ])
    expect(rows("reviews")).toEqual([{ row_number: 6, column: "Review Reason", error_code: "unmapped-code" }])
    expect(rows("work-tray")).toEqual([
      { row_number: 5, column: "Date Allocated", error_code: "end-before-start" },
    ])
    expect(rows("safeguarding-enquiries")).toEqual([
      { row_number: 4, column: "Enquiry Type", error_code: "unmapped-code" },
    ])
    const message = query<Q>(
      db,
      "select message from etl_quarantine where stream = 'contacts' and row_number = 5",
    )[0]?.message
    expect(message).toBe(
      '"Carrier Pigeon" has no mapping in the RouteOfAccess code table (RequestRouteOfAccess labels): add it to mapping.codes.RouteOfAccess in the configuration, or to the codes file',
    )
    expect(
      query(
        db,
        "select stream, row_number, column, code, value from etl_finding order by stream, row_number, column",
      ),
    ).toEqual([
      {
        stream: "assessments",
        row_number: 6,
        column: "Hours Caring Per Week",
        code: "invalid-number",
        value: "lots",
      },
      { stream: "people", row_number: 4, column: "Date of Birth", code: "invalid-date", value: null },
      { stream: "people", row_number: 4, column: "NHS Number", code: "invalid-nhs-number", value: null },
      { stream: "reviews", row_number: 5, column: "Due Date", code: "invalid-date", value: "01/13/2024" },
    ])
  })

  it("lists unmapped values with their row counts, and maps them once the council adds them", async () => {
    const db = join(dir, "unmapped.sqlite")
    const path = join(dir, "contacts.csv")
    const header = readFileSync(join(fixtures, "contacts.csv"), "utf8").split("\n")[0]
    const rows = ["Carrier Pigeon", "Carrier Pigeon", "Carrier Pigeon", "Telegram"].map(
      (route, i) =>
        `01/04/2024,31/03/2025,X${i},P${i},,02/04/2024,${route},Progress to Assessment,Front Door`,
    )
    writeFileSync(path, [header, ...rows].join("\n"))
    const first = await loadLas(db, { files: { contacts: [path] } })
    expect(first.files[0]).toMatchObject({ rowsRead: 4, rowsLoaded: 0, rowsQuarantined: 4 })
    const report = await Effect.runPromise(
      Mapping.unmapped({ runId: first.runId }).pipe(Effect.provide(WarehouseReader.layer(db))),
    )
    expect(report).toEqual([
      {
        plugin: "las",
        stream: "contacts",
        column: "Contact Source",
        value: "Carrier Pigeon",
        table: "RouteOfAccess",
        rows: 3,
      },
      {
        plugin: "las",
        stream: "contacts",
        column: "Contact Source",
        value: "Telegram",
        table: "RouteOfAccess",
        rows: 1,
      },
    ])
    // the council maps them (inline codes win over a codes file, which wins over the defaults) and loads again
    const codesFile = join(dir, "codes.json")
    writeFileSync(
      codesFile,
      JSON.stringify({ RouteOfAccess: { Telegram: "Prison", "Carrier Pigeon": "Prison" } }),
    )
    writeFileSync(path, `${readFileSync(path, "utf8")}\n`) // a new version of the file
    const second = await loadLas(db, {
      files: { contacts: [path] },
      mapping: { codesFile, codes: { RouteOfAccess: { "carrier   pigeon": "Community/other route" } } },
    })
    expect(second.files[0]).toMatchObject({ rowsLoaded: 4, rowsQuarantined: 0 })
    expect(query(db, "select route, count(*) as n from contact group by route order by route")).toEqual([
      { route: "Community/other route", n: 3 },
      { route: "Prison", n: 1 },
    ])
  })

  it("fails a report whose columns do not fit the layout, naming what is missing and what is unexpected", async () => {
    const db = join(dir, "mismatch.sqlite")
    const path = join(dir, "requests-renamed.csv")
    const text = readFileSync(join(fixtures, "requests.csv"), "utf8")
      .replace("Request Date", "Date Requested")
      .replace("Route of Access", "Access Route")
    writeFileSync(path, text)
    const s = await loadLas(db, { files: { requests: [path] } })
    expect(s.ok).toBe(false)
    expect(s.files[0]?.status).toBe("failed")
    expect(s.files[0]?.error).toMatchObject({ problem: "missing-columns", row: 1, column: "Request Date" })
    expect(s.files[0]?.message).toBe(
      `${path}, row 1: the columns do not match the LAS requests for support report layout: missing columns "Request Date" (headers looked for: "Request Date", "Start Date"), "Route of Access" (headers looked for: "Route of Access", "Contact Source", "Referral Source"); columns not in the layout: "Date Requested", "Access Route". If the report names a column differently, map it in the configuration: mapping.columns.requests = { "Request Date": "<the header in the file>" }.`,
    )
    expect(query(db, "select count(*) as n from event")).toEqual([{ n: 0 }])
    // with the council's headers mapped, it loads
    const ok = await loadLas(db, {
      files: { requests: [path] },
      mapping: {
        columns: { requests: { "Request Date": "Date Requested", "Route of Access": ["Access Route"] } },
      },
    })
    expect(ok.files[0]).toMatchObject({ status: "loaded", rowsLoaded: 3 })
    // and a council that wants no surprises can fail on unknown columns too
    const strictPath = join(dir, "requests-extra.csv")
    writeFileSync(
      strictPath,
      readFileSync(join(fixtures, "requests.csv"), "utf8").replace(
        "Adults Cared For",
        "Adults Cared For,Worker",
      ),
    )
    const strict = await loadLas(db, {
      files: { requests: [strictPath] },
      mapping: { unexpectedColumns: "error" },
    })
    expect(strict.files[0]?.error).toMatchObject({ problem: "malformed", row: 1 })
    expect(strict.files[0]?.message).toContain(
      'requests-extra.csv, row 1: the columns do not match the LAS requests for support report layout: column not in the layout: "Worker".',
    )
  })

  it("rejects a mapping that does not fit the plugin when the configuration is read", () => {
    const decode = Schema.decodeUnknownEither(plugin.config)
    const bad = decode({
      laCode: "999",
      files: { requests: ["x"] },
      mapping: {
        columns: { requests: { "Request Datum": "X" }, referrals: {} },
        codes: { RouteOfAccess: { Pigeon: "By air" }, Colours: {} },
      },
    })
    expect(Either.isLeft(bad)).toBe(true)
    const message = Either.isLeft(bad) ? String(bad.left) : ""
    expect(message).toContain(
      'columns.requests: no column "Request Datum" in the LAS requests for support report layout',
    )
    expect(message).toContain('columns: no layout "referrals"')
    expect(message).toContain(
      'codes.RouteOfAccess: "Pigeon" is mapped to "By air", which is not a RequestRouteOfAccess label',
    )
    expect(message).toContain('codes: no code table "Colours"')
  })

  it("fails the load with a configuration error when the codes file is missing or wrong", async () => {
    const db = join(dir, "codesfile.sqlite")
    await expect(loadLas(db, { files: allFiles, mapping: { codesFile: "nowhere.json" } })).rejects.toThrow(
      /the mapping's codes file cannot be read/,
    )
    const badFile = join(dir, "bad-codes.json")
    writeFileSync(badFile, JSON.stringify({ Gender: { Bloke: "Man" } }))
    await expect(loadLas(db, { files: allFiles, mapping: { codesFile: badFile } })).rejects.toThrow(
      /"Bloke" is mapped to "Man", which is not a Gender label/,
    )
  })

  it("identifies people and keys events exactly as the CLD source does, so both routes give one row", async () => {
    const db = join(dir, "both.sqlite")
    const cld = join(dir, "cld.csv")
    // the same request as R1 in the LAS fixture, as a CLD submission row
    writeCld(cld, [
      request({
        Reporting_Period_Start_Date: "2024-04-01",
        Reporting_Period_End_Date: "2025-03-31",
        Event_Reference: "R1",
        Request_Route_of_Access: "Discharge from hospital",
        Event_Description: "Contact / request for support",
      }),
    ])
    const lasOnly = join(dir, "las-requests")
    cpSync(join(fixtures, "requests.csv"), join(lasOnly, "requests.csv"), { recursive: true })
    await load(db, [CldSource.plugin, plugin], {
      sources: [
        { plugin: "cld", config: { files: [cld] } },
        { plugin: "las", config: { laCode: "999", files: { requests: [lasOnly] } } },
      ],
      baseDir: dir,
      derivations: Derive.all,
    })
    const r1 = query<{ n: number; people: number; file_plugin: string }>(
      db,
      "select count(*) as n, count(distinct person_id) as people, max(f.plugin) as file_plugin from event e join etl_file f on f.id = e.file_id where event_reference = 'R1'",
    )
    // one row: the LAS version (same period, same key) replaced the CLD one, as a later file does
    expect(r1).toEqual([{ n: 1, people: 1, file_plugin: "las" }])
    expect(query(db, "select count(*) as n from etl_quarantine where error_code = 'duplicate'")).toEqual([
      { n: 0 },
    ])
  })

  it("stores no raw identifier unless asked to, and keeps them when asked", async () => {
    const db = join(dir, "pii.sqlite")
    await loadLas(db, { files: allFiles })
    const bytes =
      readFileSync(db).toString("latin1") + readFileSync(`${db}-wal`, { flag: "a+" }).toString("latin1")
    for (const secret of ["9434765919", "P0001", "C0001", "BL9 0EJ", "15/06/1940"])
      expect(bytes).not.toContain(secret)
    const kept = join(dir, "pii-kept.sqlite")
    await loadLas(kept, { files: { people: ["people.csv"] } }, { keepIdentifiers: true })
    expect(
      query(kept, "select nhs_number_raw, la_person_id_raw from person order by la_person_id_raw"),
    ).toEqual([
      { nhs_number_raw: "9434765919", la_person_id_raw: "999:P0001" },
      { nhs_number_raw: null, la_person_id_raw: "999:P0002" },
      { nhs_number_raw: null, la_person_id_raw: "999:P0003" },
    ])
  })

  it("reads XLSX reports, and takes the LA code from the report when it has one", async () => {
    const db = join(dir, "xlsx.sqlite")
    const path = join(dir, "contacts.xlsx")
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet("Contacts")
    ws.addRow([
      "LA Code",
      "Period Start",
      "Period End",
      "Contact ID",
      "Person ID",
      "Contact Date",
      "Contact Outcome",
    ])
    ws.addRow([
      "998",
      new Date(Date.UTC(2024, 3, 1)),
      new Date(Date.UTC(2025, 2, 31)),
      "X1",
      "P9",
      new Date(Date.UTC(2024, 4, 2)),
      "DoLS Request",
    ])
    ws.addRow([
      "",
      new Date(Date.UTC(2024, 3, 1)),
      new Date(Date.UTC(2025, 2, 31)),
      "X2",
      "P9",
      new Date(Date.UTC(2024, 4, 3)),
      "DoLS Request",
    ])
    await wb.xlsx.writeFile(path)
    const s = await loadLas(db, { files: { contacts: [path] } })
    expect(s.files[0]).toMatchObject({ status: "loaded", rowsLoaded: 2 })
    expect(query(db, "select la_code, contact_date, outcome from contact order by contact_id")).toEqual([
      { la_code: "998", contact_date: "2024-05-02", outcome: "dols" },
      { la_code: "999", contact_date: "2024-05-03", outcome: "dols" },
    ])
  })

  it("identifies people as DHSC does, from whichever of NHS number and LA id a row has", () => {
    expect(Identity.identify("999", "943 476 5919", "P1")).toEqual({
      personKey: "9434765919",
      nhsNumber: "9434765919",
      laPersonId: "999:P1",
      nhsInvalid: false,
    })
    expect(Identity.identify("999", "1234567890", "P1")).toMatchObject({
      personKey: "999:P1",
      nhsInvalid: true,
    })
    expect(Identity.identify("999", "1234567890", null)).toMatchObject({ code: "invalid-nhs-number" })
    expect(Identity.identify("999", null, null)).toMatchObject({ code: "missing-person-id" })
    // postcodes are kept as districts; a district on its own (as a submission built from the warehouse writes it)
    expect(
      ["BL9 0EJ", "bl90ej", "M1 1AE", "BL9", "SB3", "9XX", "BL9 0"].map(Identity.postcodeDistrict),
    ).toEqual(["BL9", "BL9", "M1", "BL9", "SB3", null, null])
  })

  it("lists every default layout and code table as an override a council can copy", () => {
    const d = Mapping.defaults(LasSource.spec)
    expect(Object.keys(d.columns ?? {})).toEqual(LasSource.Layouts.layouts.map((l) => l.name))
    expect(new Set(LasSource.Layouts.layouts.map((l) => l.name))).toEqual(new Set(LasSource.reports))
    expect(d.codes.RouteOfAccess?.["Hospital Discharge"]).toBe("Discharge from hospital")
    // every default entry maps to a label of its national list
    for (const t of LasSource.spec.tables) expect(Mapping.badLabels(t, t.map), t.name).toEqual([])
  })
})
