/**
 * The DoLS return from hand-built applications inserted into `dols_application` (the DoLS source plugin is tested
 * on its own). Figures worked out by hand in the comments, and read back from the workbook.
 */
import { join } from "node:path"
import { Period } from "@asckit/core"
import { beforeAll, describe, expect, it } from "vitest"
import { ReturnDocument as Doc } from "../../src/index.js"
import * as Dols from "../../src/returns/dols/index.js"
import { suite } from "../contract/ReturnPluginSuite.js"
import { build, insert, roundTrip, sheetCell, tempDir } from "./helpers.js"

const dir = tempDir("asckit-dols-")
const fy = Period.financialYear(2024)

const app = (
  ref: string,
  received: string,
  urgent: 0 | 1 | null,
  status: "granted" | "not-granted" | "withdrawn" | "open",
  signedOff: string | null,
  more: Record<string, string | number | null> = {},
) => ({
  la_code: "999",
  application_ref: ref,
  person_id: `person-${ref}`,
  managing_authority_cqc: "1-000000001",
  received_date: received,
  urgent,
  age_assessment: 1,
  mental_health_assessment: 1,
  mental_capacity_assessment: 1,
  no_refusals_assessment: 1,
  eligibility_assessment: 1,
  best_interests_assessment: 1,
  signed_off_date: signedOff,
  status,
  age_band: "85+",
  gender: "Female",
  ...more,
})

const seed = (db: string) =>
  insert(db, "dols_application", [
    // standard, 15 days, granted
    app("a1", "2024-04-05", 0, "granted", "2024-04-20", {
      authorisation_start: "2024-04-20",
      authorisation_end: "2025-04-19",
    }),
    // standard, 40 days, not granted
    app("a2", "2024-05-01", 0, "not-granted", "2024-06-10", {
      not_granted_reason: "Mental capacity requirement not met",
      mental_capacity_assessment: 2,
    }),
    // urgent, 7 days, granted
    app("a3", "2024-06-01", 1, "granted", "2024-06-08", {
      authorisation_start: "2024-06-08",
      authorisation_end: "2024-12-07",
    }),
    // standard, still open at the year end
    app("a4", "2024-09-01", 0, "open", null, { best_interests_assessment: 0 }),
    // received last year, withdrawn this year after 131 days
    app("a5", "2023-12-01", 0, "withdrawn", "2024-04-10", { not_granted_reason: "Application withdrawn" }),
    // granted last year, the authorisation ended before this year: not active
    app("a6", "2023-06-01", 0, "granted", "2023-06-20", {
      authorisation_start: "2023-06-20",
      authorisation_end: "2024-02-01",
    }),
    // urgent, received in March, open
    app("a7", "2025-03-20", 1, "open", null),
    // received in 2022, never signed off: active, not completed at the year end
    app("a8", "2022-01-01", 0, "open", null),
  ])

const db = join(dir, "dols.sqlite")
let doc: Doc.Document
beforeAll(async () => {
  seed(db)
  doc = await build(Dols.plugin, db, fy)
})

suite(Dols.plugin, { warehouse: () => db, config: {}, period: fy, laCode: "999" })

const summary = (d: Doc.Document) => d.sheets[0]!.tables[0]!
const value = (d: Doc.Document, label: string) =>
  summary(d).rows.find((r) => r.header[0] === label)?.cells[0]?.value

describe("DoLS return", () => {
  it("summarises the year with the catalogue's DoLS measures", () => {
    expect(value(doc, "DoLS applications received in the year")).toBe(5) // a1, a2, a3, a4, a7
    expect(value(doc, "of which included an urgent authorisation")).toBe(2)
    expect(value(doc, "DoLS applications that included an urgent authorisation")).toBe(40)
    expect(value(doc, "DoLS applications completed in the year")).toBe(4) // a1, a2, a3, a5
    expect(value(doc, "of which granted")).toBe(2)
    expect(value(doc, "of which not granted")).toBe(1)
    expect(value(doc, "of which withdrawn")).toBe(1)
    expect(value(doc, "Completed DoLS applications that were granted")).toBe(50)
    expect(value(doc, "Standard applications (no urgent authorisation) completed in the year")).toBe(3) // a1, a2, a5
    expect(value(doc, "of which completed within 21 days")).toBe(1) // a1
    expect(value(doc, "Standard DoLS applications completed within 21 days")).toBe(33)
    expect(value(doc, "Mean number of days to complete a DoLS application (days)")).toBe(48) // (15+40+7+131)/4 = 48.25
    expect(value(doc, "DoLS applications not completed at the end of the year")).toBe(3) // a4, a7, a8
  })

  it("lists every application active in the year, in the collection layout, without person references", () => {
    const cases = doc.sheets[1]!.tables[0]!
    expect(cases.rows.map((r) => r.header[0])).toEqual(["a8", "a5", "a1", "a2", "a3", "a4", "a7"])
    expect(Doc.at(cases, "a2", "Reason not granted")?.value).toBe("Mental capacity requirement not met")
    expect(Doc.at(cases, "a2", "Mental capacity assessment")?.value).toBe(2)
    expect(Doc.at(cases, "a1", "Application status")?.value).toBe("Granted")
    expect(Doc.at(cases, "a1", "Person reference")?.value).toBeNull()
  })

  it("reads back from the workbook, dates as dates", async () => {
    const wb = await roundTrip(doc, join(dir, "dols.xlsx"))
    expect(
      sheetCell(
        wb.getWorksheet("Summary")!,
        "DoLS key measures",
        "DoLS applications received in the year",
        "Value",
      ),
    ).toBe(5)
    const received = sheetCell(
      wb.getWorksheet("Cases")!,
      "DoLS applications active",
      "a1",
      "Date application received",
    )
    expect(received).toEqual(new Date(Date.UTC(2024, 3, 5)))
  })

  it("is silent on clean data but for the query that the council's references must be added", () => {
    expect(doc.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(["query dols-references-to-add"])
    expect(doc.findings[0]!.message).toBe(
      "DoLS: the case-level sheet's 7 rows have no person reference and the warehouse's pseudonymised application reference: put in the council's application and person references from the DoLS system before submission.",
    )
  })

  it("fires its validations on crafted faults, naming the file and row", async () => {
    const bad = join(dir, "dols-faults.sqlite")
    seed(bad)
    insert(bad, "dols_application", [
      app("f1", "2024-07-01", 0, "open", "2024-07-10"), // open but signed off
      app("f2", "2024-07-01", 0, "granted", null), // granted, no sign-off, no authorisation dates
      app("f3", "2024-07-01", null, "not-granted", "2024-07-30"), // no reason; urgency unknown
      app("f4", "2024-08-01", 0, "withdrawn", "2024-07-25", { not_granted_reason: "Application withdrawn" }), // signed off before received
    ])
    const faulty = await build(Dols.plugin, bad, fy)
    expect(faulty.findings.map((f) => `${f.severity} ${f.rule}`).sort()).toEqual([
      "error dols-closed-not-signed-off",
      "error dols-open-signed-off",
      "error dols-signed-off-before-received",
      "query dols-granted-without-dates",
      "query dols-not-granted-without-reason",
      "query dols-references-to-add",
      "query dols-urgency-unknown",
    ])
    const open = faulty.findings.find((f) => f.rule === "dols-open-signed-off")!
    expect(open.message).toMatch(
      /^DoLS: 1 applications are open .* \(e\.g\. \/fixtures\/dols_application-\d+\.csv row 2\)\.$/,
    )
  })

  it("names the rows signed off before they were received", async () => {
    const bad = join(dir, "dols-dates.sqlite")
    insert(bad, "dols_application", [
      app("d1", "2024-08-01", 0, "granted", "2024-07-25", {
        authorisation_start: "2024-07-25",
        authorisation_end: "2025-07-24",
      }),
    ])
    const faulty = await build(Dols.plugin, bad, fy)
    const f = faulty.findings.find((x) => x.rule === "dols-signed-off-before-received")!
    expect(f.severity).toBe("error")
    expect(f.message).toMatch(
      /^DoLS: 1 applications were signed off before they were received \(e\.g\. \/fixtures\/dols_application-\d+\.csv row 2\)\.$/,
    )
    expect(f.figures).toEqual([{ label: "applications", value: 1 }])
  })

  it("queries large year-on-year swings, with both years' figures, at the configured threshold", async () => {
    // 2023-24 from the same warehouse: received a5, a6 (2); completed a6 (1, standard, 19 days: 100% within 21);
    // not completed at 31 March 2024 a5, a8 (2). 2024-25: 5, 4, 3, 33%.
    const tight = await build(Dols.plugin, db, fy, { swing: { percent: 20, minimum: 1 } })
    const swings = tight.findings.filter((f) => f.rule === "year-on-year")
    expect(swings.map((f) => f.message.slice(0, f.message.indexOf(":")))).toEqual([
      "DoLS applications received",
      "DoLS applications completed",
      "DoLS applications not completed at the year end",
      "Standard applications completed within 21 days",
    ])
    expect(swings[0]!.figures).toEqual([
      { label: "2023-24", value: 2 },
      { label: "2024-25", value: 5 },
      { label: "change", value: "+3 (+150.0%)" },
    ])
    expect(swings[3]!.figures).toEqual([
      { label: "2023-24", value: 100 },
      { label: "2024-25", value: 33 },
      { label: "change", value: "-67.0 points" },
    ])
    expect(swings.every((f) => f.severity === "query" && f.sheet === "Summary")).toBe(true)
    expect(doc.findings.some((f) => f.rule === "year-on-year")).toBe(false)
  })

  it("errors when no applications are loaded for the year", async () => {
    const empty = await build(Dols.plugin, db, Period.financialYear(2019))
    expect(Doc.errors(empty).map((f) => f.rule)).toEqual(["dols-has-data"])
  })
})
