/**
 * The LAS fixtures cover the default code tables: `fixtures/las/all-codes/` holds every local value of every table
 * (codes.ts), with edge cases — UK and ISO dates, blank optional values, an anonymous contact, an open request,
 * assessment, enquiry and concern, and a contact outcome no table maps (quarantined, listed by `Mapping.unmapped`).
 */
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { LasSource, Mapping, WarehouseReader } from "../../src/index.js"
import { suite } from "../contract/SourcePluginSuite.js"
import { load, query, tempDir } from "../helpers.js"
import { column, coverage, type Target } from "./coverage.js"

const fixtures = fileURLToPath(new URL("../fixtures/las/all-codes/", import.meta.url))
const plugin = LasSource.plugin
const files = Object.fromEntries(LasSource.reports.map((r) => [r, [`${r}.csv`]]))

// 111 rows over the ten reports; one quarantined: the contact outcome no table maps
suite(plugin, {
  config: { laCode: "999", files },
  baseDir: fixtures,
  expect: { rowsRead: 111, rowsQuarantined: 1 },
  badConfig: { laCode: "999", files: { referrals: ["x.csv"] } },
})

const person = (col: string) => column("person", col)
const event = (col: string) => column("event", col)
const personDetails = {
  Gender: person("gender"),
  Ethnicity: person("ethnicity"),
  Accommodation: person("accommodation_status"),
  "Employment Status": person("employment_status"),
}
/** Where each coded LAS column is stored. */
const targets: Record<string, Record<string, Target>> = {
  people: {
    "Client Type": person("client_type"),
    ...personDetails,
    "Primary Support Reason": person("primary_support_reason"),
    "Has Unpaid Carer": person("has_unpaid_carer"),
    "Funding Status": person("client_funding_status"),
    Autism: person("autism_spectrum_disorder"),
    "Visual Impairment": person("visual_impairment"),
    "Hearing Impairment": person("hearing_impairment"),
    Dementia: person("dementia"),
  },
  carers: personDetails,
  contacts: { "Contact Source": column("contact", "route"), "Contact Outcome": column("contact", "outcome") },
  requests: {
    "Client Type": event("client_type"),
    "Route of Access": event("route_of_access"),
    Outcome: event("event_outcome"),
  },
  assessments: {
    "Client Type": event("client_type"),
    "Assessment Type": event("assessment_type"),
    Outcome: event("event_outcome"),
    "Eligible Needs": event("eligible_needs_identified"),
    "Assessment Method": event("method_of_assessment"),
  },
  reviews: {
    "Client Type": event("client_type"),
    "Review Reason": event("review_reason"),
    Outcome: event("event_outcome"),
    "Outcomes Met": event("review_outcomes_achieved"),
    "Review Method": event("method_of_review"),
  },
  "work-tray": { "Work Type": column("work_item", "work_type") },
  "safeguarding-concerns": { "Concern Outcome": column("safeguarding_concern", "outcome") },
  "safeguarding-enquiries": {
    "Enquiry Type": column("safeguarding_enquiry", "enquiry_type"),
    "Risk Outcome": column("safeguarding_enquiry", "risk_assessment_outcome"),
    "Result of Action": column("safeguarding_enquiry", "result_of_action"),
    "Lacked Capacity": column("safeguarding_enquiry", "lacked_capacity"),
    Advocate: column("safeguarding_enquiry", "supported_by_advocate"),
    "MSP Asked": column("safeguarding_enquiry", "msp_asked"),
    "MSP Outcomes Achieved": column("safeguarding_enquiry", "msp_achieved"),
  },
  "safeguarding-risks": {
    "Type of Risk": column("safeguarding_risk", "type_of_risk"),
    "Source of Risk": column("safeguarding_risk", "source_of_risk"),
    "Location of Risk": column("safeguarding_risk", "location_of_risk"),
  },
}

describe("LAS code coverage", () => {
  const dir = tempDir("asckit-las-coverage-")
  const db = join(dir, "coverage.sqlite")

  it("loads every value of every default code table to its national label", async () => {
    const s = await load(db, [plugin], {
      sources: [{ plugin: "las", config: { laCode: "999", files } }],
      baseDir: fixtures,
    })
    expect(s.ok).toBe(true)
    const layouts = new Map(LasSource.Layouts.layouts.map((l) => [l.name, l]))
    const result = coverage({
      db,
      files: LasSource.reports.map((r) => ({ path: join(fixtures, `${r}.csv`), layout: layouts.get(r)! })),
      tables: LasSource.spec.tables,
      targets,
    })
    expect(result.untargeted).toEqual([])
    expect(result.mismatches).toEqual([])
    expect(result.uncovered).toEqual([])
    // every coded column of every layout is checked, and every table has values
    for (const l of LasSource.Layouts.layouts)
      for (const c of l.columns.filter((x) => x.codes !== undefined))
        expect(targets[l.name]?.[c.name], `${l.name}.${c.name}`).toBeDefined()
    expect(Object.values(result.checked).reduce((a, b) => a + b, 0)).toBe(
      LasSource.spec.tables.reduce((n, t) => n + Object.keys(t.map).length, 0),
    )
  })

  it("quarantines only the unmapped contact outcome, lists it, and keeps blank optional values as nulls", async () => {
    expect(query(db, "select stream, row_number, column, error_code from etl_quarantine")).toEqual([
      { stream: "contacts", row_number: 16, column: "Contact Outcome", error_code: "unmapped-code" },
    ])
    expect(query(db, "select count(*) as n from etl_finding")).toEqual([{ n: 0 }])
    const report = await Effect.runPromise(Mapping.unmapped().pipe(Effect.provide(WarehouseReader.layer(db))))
    expect(report).toEqual([
      {
        plugin: "las",
        stream: "contacts",
        column: "Contact Outcome",
        value: "Passed to Neighbouring Council",
        table: "ContactOutcome",
        rows: 1,
      },
    ])
    // an anonymous contact with no route or outcome
    expect(
      query(
        db,
        "select person_id, route, outcome, outcome_source, team from contact where contact_id = 'KCT014'",
      ),
    ).toEqual([{ person_id: null, route: null, outcome: null, outcome_source: null, team: null }])
    // UK and ISO dates read alike
    expect(
      query(
        db,
        "select contact_id, contact_date from contact where contact_id in ('KCT001', 'KCT002') order by contact_id",
      ),
    ).toEqual([
      { contact_id: "KCT001", contact_date: "2024-04-02" },
      { contact_id: "KCT002", contact_date: "2024-04-03" },
    ])
    // a person with nothing but the mandatory columns
    expect(
      query(
        db,
        "select gender, ethnicity, birth_year, accommodation_status, primary_support_reason, dementia, postcode_district from person where row_number = 25 and client_type = 'Service user'",
      ),
    ).toEqual([
      {
        gender: null,
        ethnicity: null,
        birth_year: null,
        accommodation_status: null,
        primary_support_reason: null,
        dementia: null,
        postcode_district: null,
      },
    ])
    // an open request, assessment and enquiry: no end, no outcome
    expect(
      query(
        db,
        "select event_reference, end_date, event_outcome from event where event_reference in ('KR012', 'KA010') order by event_reference",
      ),
    ).toEqual([
      { event_reference: "KA010", end_date: null, event_outcome: null },
      { event_reference: "KR012", end_date: null, event_outcome: null },
    ])
    expect(
      query(
        db,
        "select concluded_date, risk_assessment_outcome, msp_asked from safeguarding_enquiry where enquiry_id = 'KSE008'",
      ),
    ).toEqual([{ concluded_date: null, risk_assessment_outcome: null, msp_asked: null }])
  })
})
