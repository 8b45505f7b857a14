/**
 * The Safeguarding Adults Collection from hand-built rows inserted into the safeguarding tables (their source
 * plugins are tested on their own), person details in `person`, an ONS population and a SAR log. Every figure
 * below is worked out by hand from the rows (see the comments) and read back from the workbook.
 */
import { join } from "node:path"
import { Period } from "@asckit/core"
import { beforeAll, describe, expect, it } from "vitest"
import { ReturnDocument as Doc } from "../../src/index.js"
import * as Sac from "../../src/returns/sac/index.js"
import { suite } from "../contract/ReturnPluginSuite.js"
import { build, insert, roundTrip, sheetCell, tempDir } from "./helpers.js"

const dir = tempDir("asckit-sac-")
const fy = Period.financialYear(2024)
const config = { populationGeography: "E09999999" }

const person = (
  id: string,
  y: number,
  m: number,
  gender: string | null,
  ethnicity: string | null,
  psr: string | null,
  la?: string,
) => ({
  la_code: "999",
  person_id: id,
  as_at: "2025-03-31",
  la_person_id_pseudo: la ?? null,
  nhs_number_pseudo: la === undefined ? null : id,
  birth_year: y,
  birth_month: m,
  gender,
  ethnicity,
  primary_support_reason: psr,
})

const concern = (id: string, pid: string | null, received: string) => ({
  la_code: "999",
  concern_id: id,
  person_id: pid,
  received_date: received,
  outcome: "s42-enquiry",
})

const enquiry = (
  id: string,
  pid: string | null,
  type: string,
  start: string,
  concluded: string | null,
  a: Partial<Record<"outcome" | "result" | "capacity" | "advocate" | "asked" | "achieved", string>> = {},
) => ({
  la_code: "999",
  enquiry_id: id,
  person_id: pid,
  enquiry_type: type,
  start_date: start,
  concluded_date: concluded,
  risk_assessment_outcome: a.outcome ?? null,
  result_of_action: a.result ?? null,
  lacked_capacity: a.capacity ?? null,
  supported_by_advocate: a.advocate ?? null,
  msp_asked: a.asked ?? null,
  msp_achieved: a.achieved ?? null,
})

const risk = (enquiry: string, type: string, source: string, location: string) => ({
  la_code: "999",
  enquiry_id: enquiry,
  type_of_risk: type,
  source_of_risk: source,
  location_of_risk: location,
})

/** The clean fixture. */
const seed = (db: string) => {
  insert(db, "person", [
    person("p1", 1950, 5, "Female", "White: Irish", "Physical Support: Access and Mobility Only"), // 74: 65-74
    person("p2", 1930, 1, "Male", "Asian or Asian British: Indian", "Support with Memory and Cognition"), // 95: 95+
    person("p3", 1990, 7, "Other", null, null), // 34: 18-64, gender and ethnicity not known, PSR not known
    // p4 has no CLD record: age unknown, "No Support Reason"
    person(
      "nhs-5",
      1945,
      2,
      "Male",
      "Black, Black British, Caribbean or African: African",
      "Learning Disability Support",
      "la-5",
    ), // 80
  ])
  insert(db, "safeguarding_concern", [
    concern("c1", "p1", "2024-04-10"),
    concern("c2", "p1", "2024-06-10"), // p1 twice: 2 cases, 1 individual
    concern("c3", "p2", "2024-08-01"),
    concern("c4", "p3", "2024-09-01"),
    concern("c5", "p4", "2024-12-01"),
    concern("c6", null, "2025-01-01"), // no person: one individual
    concern("c7", "p2", "2024-03-15"), // last year
  ])
  insert(db, "safeguarding_enquiry", [
    enquiry("e1", "p1", "s42", "2024-05-01", "2024-06-01", {
      outcome: "Risk identified and action taken",
      result: "Risk reduced",
      capacity: "Yes",
      advocate: "Yes",
      asked: "Yes - outcomes expressed",
      achieved: "Fully achieved",
    }),
    enquiry("e2", "p1", "s42", "2024-07-01", "2024-08-01", {
      outcome: "Risk - inconclusive and action taken", // the LAS source's spelling
      capacity: "Yes",
      advocate: "No",
      asked: "Yes - outcomes expressed",
      achieved: "Partially achieved",
    }),
    enquiry("e3", "p2", "s42", "2024-09-01", "2024-10-15", {
      outcome: "Risk identified and action taken",
      result: "Risk removed",
      capacity: "No",
      asked: "Yes - no outcomes expressed",
    }),
    enquiry("e4", "p3", "other", "2024-10-01", null),
    enquiry("e5", "la-5", "s42", "2025-01-05", "2025-03-01", {
      outcome: "No risk identified and no action taken",
      capacity: "Don't know",
      asked: "No",
    }),
    enquiry("e6", "p4", "s42", "2025-03-20", null),
    // started last year, concluded this year
    enquiry("e7", "p2", "s42", "2024-02-01", "2024-04-20", {
      outcome: "Enquiry ceased at individual's request and no action taken",
      capacity: "Not recorded",
      asked: "Not recorded",
    }),
  ])
  insert(db, "safeguarding_risk", [
    risk("e1", "Physical", "Service Provider", "Care Home - Residential"),
    risk("e1", "Financial or Material", "Other - Known to Individual", "Own Home"),
    risk("e2", "Psychological", "Other - Known to Individual", "Own Home"),
    risk("e3", "Physical", "Other - Known to Individual", "Own Home"),
    risk("e3", "Self-Neglect", "Other - Known to Individual", "Own Home"),
    risk("e5", "Neglect and Acts of Omission", "Service Provider", "In a community service"),
    risk("e7", "Domestic Abuse", "Other - Unknown to Individual", "Other"),
  ])
  insert(
    db,
    "population_estimate",
    Array.from({ length: 91 }, (_, age) => ({
      geography_code: "E09999999",
      year: 2024,
      sex: "Total",
      age,
      value: age >= 18 ? 100 : 50, // 18+: 73 single years × 100 = 7,300
    })),
  )
  insert(db, "local_record", [
    {
      dataset: "sars",
      la_code: "999",
      record_id: "s1",
      record_date: "2024-05-01",
      end_date: "2024-11-01",
      category: "One or more individuals died",
      attributes: JSON.stringify({ individualsDied: 1, individualsSurvived: 0 }),
    },
    {
      dataset: "sars",
      la_code: "999",
      record_id: "s2",
      record_date: "2024-06-01",
      end_date: "2025-02-01",
      category: "No individuals died",
      attributes: JSON.stringify({ individualsDied: 0, individualsSurvived: 2 }),
    },
    {
      dataset: "sars",
      la_code: "999",
      record_id: "s3",
      record_date: "2024-06-01",
      end_date: null,
      category: "No individuals died",
    }, // not concluded
  ])
}

const db = join(dir, "sac.sqlite")
let doc: Doc.Document
beforeAll(async () => {
  seed(db)
  doc = await build(Sac.plugin, db, fy, config)
})

suite(Sac.plugin, { warehouse: () => db, config, period: fy, laCode: "999" })

const table = (d: Doc.Document, id: string) => {
  for (const s of d.sheets) for (const t of s.tables) if (t.id === id) return t
  throw new Error(`no table ${id}`)
}
const at = (id: string, row: string, column: string) => Doc.at(table(doc, id), row, column)?.value

describe("Safeguarding Adults Collection", () => {
  it("SG1a–SG1d count individuals, once per column; SG1f counts cases", () => {
    expect(at("SG1a", "65-74", "Safeguarding Concerns")).toBe(1)
    expect(at("SG1a", "95+", "Safeguarding Concerns")).toBe(1)
    expect(at("SG1a", "18-64", "Safeguarding Concerns")).toBe(1)
    expect(at("SG1a", "Age unknown", "Safeguarding Concerns")).toBe(2) // p4 (no CLD record), c6 (no person)
    expect(at("SG1a", "Total", "Safeguarding Concerns")).toBe(5)
    expect(at("SG1a", "Total", "Section 42 Enquiries")).toBe(4) // p1, p2, la-5 (matched by LA id), p4
    expect(at("SG1a", "75-84", "Section 42 Enquiries")).toBe(1)
    expect(at("SG1a", "18-64", "Other Enquiries")).toBe(1)
    expect(at("SG1b", "Male", "Section 42 Enquiries")).toBe(2)
    expect(at("SG1b", "Not Known", "Safeguarding Concerns")).toBe(3) // p3 (Other), p4, c6
    expect(at("SG1c", "Black / African / Caribbean / Black British", "Section 42 Enquiries")).toBe(1)
    expect(at("SG1c", "Undeclared / Not Known", "Safeguarding Concerns")).toBe(3)
    expect(at("SG1d", "Learning Disability Support", "Section 42 Enquiries")).toBe(1)
    expect(at("SG1d", "No Support Reason", "Section 42 Enquiries")).toBe(1) // p4
    expect(at("SG1d", "Not Known", "Other Enquiries")).toBe(1) // p3
    expect(at("SG1f", "Total Number of Safeguarding Concerns", "Number")).toBe(6)
    expect(at("SG1f", "Total Number of Section 42 Safeguarding Enquiries", "Number")).toBe(5)
    expect(at("SG1f", "Total Number of Other Safeguarding Enquiries", "Number")).toBe(1)
    expect(
      Doc.at(table(doc, "SG1e"), doc.sheets[0]!.tables[4]!.rows[0]!.header[0]!, "Section 42 Enquiries")
        ?.marker,
    ).toBe("[x]")
  })

  it("SG2a/SG2b allow multiple counts; SG2c, SG2e, SG3a, SG4a count concluded section 42 enquiries", () => {
    expect(at("SG2a", "Physical Abuse", "Service Provider")).toBe(1)
    expect(at("SG2a", "Physical Abuse", "Other - Known to individual")).toBe(1)
    expect(at("SG2a", "Physical Abuse", "All sources (enquiries)")).toBe(2)
    expect(at("SG2a", "Self-Neglect", "Other - Known to individual")).toBe(1)
    expect(at("SG2b", "Own Home", "Other - Known to individual")).toBe(3) // e1, e2, e3 (e3 twice → once)
    expect(at("SG2b", "In a Community Service", "Service Provider")).toBe(1)
    expect(at("SG2c", "Risk identified and action taken", "Concluded section 42 enquiries")).toBe(2)
    expect(
      at("SG2c", "Risk Assessment inconclusive and action taken", "Concluded section 42 enquiries"),
    ).toBe(1)
    expect(at("SG2c", "Total", "Concluded section 42 enquiries")).toBe(5) // e1, e2, e3, e5, e7
    expect(at("SG2e", "Risk reduced", "Concluded section 42 enquiries")).toBe(1)
    expect(at("SG2e", "Risk removed", "Concluded section 42 enquiries")).toBe(1)
    expect(at("SG3a", "Yes, they lacked capacity", "Concluded section 42 enquiries")).toBe(2)
    expect(at("SG3a", "Not recorded", "Concluded section 42 enquiries")).toBe(1)
    expect(
      at(
        "SG3a",
        "Of the enquiries recorded as Yes, in how many of these cases was support provided by an advocate, family or friend",
        "Concluded section 42 enquiries",
      ),
    ).toBe(1)
    expect(
      at("SG4a", "Yes, they were asked and outcomes were expressed", "Concluded section 42 enquiries"),
    ).toBe(2)
    expect(at("SG4a", "Total", "Concluded section 42 enquiries")).toBe(5)
    expect(at("SG4a-achieved", "Fully Achieved", "Concluded section 42 enquiries")).toBe(1)
    expect(at("SG5a", "Where one or more individuals died", "Number of SARs")).toBe(1)
    expect(at("SG5a", "Total", "Number of SARs")).toBe(2) // s3 is not concluded
    expect(at("SG5b", "Who suffered serious harm and survived", "Number of individuals")).toBe(2)
  })

  it("derived measures: both conversion rates, proportion s42, rates per 100,000 adults, MSP, ASCOF 4B", () => {
    const m = table(doc, "measures")
    const value = (title: string) => m.rows.find((r) => r.header[0] === title)?.cells[2]?.value
    expect(value("Concern to enquiry conversion rate")).toBe(100) // (5 + 1) / 6
    expect(value("Concern to s42 conversion rate")).toBe(83) // 5 / 6 = 83.3
    expect(value("S42 share of enquiries")).toBe(83)
    expect(value("Concerns per 100k adults")).toBe(82) // 6 / 7,300 × 100,000 = 82.2
    expect(value("S42 enquiries per 100k adults")).toBe(68) // 68.5 → 68
    expect(value("Other enquiries per 100k adults")).toBe(14) // 13.7
    expect(value("MSP: asked about desired outcomes")).toBe(60) // 3 / 5
    expect(value("MSP: outcomes fully achieved")).toBe(50) // 1 / 2
    expect(value("MSP: outcomes fully or partly achieved")).toBe(100)
    expect(value("S42 risk reduced or removed")).toBe(100) // (1 + 1) / 2
    expect(m.rows.find((r) => r.header[0] === "Concerns per 100k adults")?.cells[1]).toMatchObject({
      value: 7300,
      kind: "measure", // the population is not rounded in publication
    })
  })

  it("rates are [x] when no population is loaded for the council", async () => {
    const none = await build(Sac.plugin, db, fy, {})
    const m = table(none, "measures")
    expect(m.rows.find((r) => r.header[0] === "Concerns per 100k adults")?.cells[2]?.marker).toBe("[x]")
  })

  it("reads back from the workbook", async () => {
    const wb = await roundTrip(doc, join(dir, "sac.xlsx"))
    expect(sheetCell(wb.getWorksheet("SG1")!, "SG1a", "Total", "Section 42 Enquiries")).toBe(4)
    expect(
      sheetCell(wb.getWorksheet("SG1f")!, "SG1f", "Total Number of Safeguarding Concerns", "Number"),
    ).toBe(6)
    expect(sheetCell(wb.getWorksheet("SG2")!, "SG2b", "Own Home", "Other - Known to individual")).toBe(3)
    expect(
      sheetCell(
        wb.getWorksheet("Measures")!,
        "Derived measures",
        "Concerns per 100k adults / Safeguarding concerns received in the year / Population aged 18 and over in the area",
        "Value",
        2,
      ),
    ).toBe(82)
  })

  it("has no errors on clean data; the concern without a person id is listed for sign-off", () => {
    expect(doc.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(["query sg1-no-person"])
  })

  it("fires each data validation on crafted faults", async () => {
    const bad = join(dir, "sac-faults.sqlite")
    seed(bad)
    insert(bad, "person", [person("young", 2010, 1, "Female", null, null)])
    insert(bad, "safeguarding_concern", [concern("c8", "young", "2024-10-01")])
    insert(bad, "safeguarding_enquiry", [
      // no risk recorded; a result of action without a risk identified; advocacy without lacking capacity;
      // outcomes achieved though not asked; no person
      enquiry("e8", null, "s42", "2024-11-01", "2024-12-01", {
        outcome: "No risk identified and action taken",
        result: "Risk removed",
        capacity: "No",
        advocate: "Yes",
        asked: "No",
        achieved: "Fully achieved",
      }),
      enquiry("e9", "p1", "Section 44", "2024-11-01", null),
    ])
    insert(bad, "safeguarding_risk", [risk("e1", "Bullying", "Service Provider", "Own Home")])
    const faulty = await build(Sac.plugin, bad, fy, config)
    const rules = faulty.findings.map((f) => `${f.severity} ${f.rule}`).sort()
    expect(rules).toEqual([
      "error sg2e-within-sg2c",
      "error sg4a-achieved-within-expressed",
      "query sg1-no-person",
      "query sg1a-under-18",
      "query sg1f-enquiry-type",
      "query sg2-no-risk",
      "query sg2-unrecognised",
      "query sg3a-advocate-without-capacity",
    ])
    const sg2e = faulty.findings.find((f) => f.rule === "sg2e-within-sg2c")!
    expect(sg2e.figures).toEqual([
      { label: "SG2e total", value: 3 },
      { label: "SG2c risk identified and action taken", value: 2 },
    ])
  })

  it("fires the rules data can break: duplicate ids, unrecorded or unrecognised answers, conversion over 100%", async () => {
    const bad = join(dir, "sac-duplicates.sqlite")
    seed(bad)
    insert(bad, "safeguarding_enquiry", [
      // concluded with no risk assessment outcome, and a capacity answer not on the SAC list
      enquiry("e10", "p1", "s42", "2024-11-01", "2024-12-01", {
        capacity: "Maybe",
        asked: "Yes - outcomes expressed",
      }),
      // one enquiry loaded three times with different answers: counted once as concluded, three times in SG2c,
      // SG3a and SG4a
      enquiry("e11", "p2", "s42", "2024-11-01", "2024-12-01", {
        outcome: "Risk identified and action taken",
        capacity: "Yes",
        asked: "No",
      }),
      enquiry("e11", "p2", "s42", "2024-11-01", "2024-12-01", {
        outcome: "No risk identified and no action taken",
        capacity: "No",
        asked: "Not recorded",
      }),
      enquiry("e11", "p2", "s42", "2024-11-01", "2024-12-01", {
        outcome: "Risk - inconclusive and action taken",
        capacity: "Don't know",
        asked: "Yes - no outcomes expressed",
      }),
      // one other enquiry recorded against two people: 2 other enquiries (e4, e12), 3 individuals
      enquiry("e12", "p1", "other", "2024-11-01", null),
      enquiry("e12", "p2", "other", "2024-11-01", null),
    ])
    insert(bad, "safeguarding_risk", [
      risk("e10", "Physical", "Service Provider", "Own Home"),
      risk("e11", "Physical", "Service Provider", "Own Home"),
    ])
    const faulty = await build(Sac.plugin, bad, fy, config)
    expect(faulty.findings.map((f) => `${f.severity} ${f.rule}`).sort()).toEqual([
      "error sg1a-within-sg1f",
      "error sg2c-within-concluded",
      "error sg3a-equals-concluded",
      "error sg4a-asked-within-concluded",
      "query conversion-over-100",
      "query sg-labels-unrecognised",
      "query sg1-no-person",
      "query sg2c-not-recorded",
    ])
    const find = (rule: string) => faulty.findings.find((f) => f.rule === rule)!
    // concluded: e1, e2, e3, e5, e7, e10, e11 (7); SG2c: 5 + e11 three times (e10 has no outcome)
    expect(find("sg2c-within-concluded").message).toBe(
      "SG2c: each concluded section 42 enquiry has one risk assessment outcome: SG2c total (8) is more than concluded section 42 enquiries (7).",
    )
    expect(find("sg3a-equals-concluded").figures).toEqual([
      { label: "SG3a yes + no + don't know + not recorded", value: 8 }, // 5 + e11 three times (e10's "Maybe" in no row)
      { label: "concluded section 42 enquiries", value: 7 },
    ])
    expect(find("sg4a-asked-within-concluded").figures).toEqual([
      { label: "SG4a total", value: 9 }, // 5 + e10 + e11 three times
      { label: "concluded section 42 enquiries", value: 7 },
    ])
    expect(find("sg1a-within-sg1f").message).toBe(
      "SG1a Other Enquiries: individuals cannot outnumber cases: SG1a individuals (3) is more than SG1f cases (2).",
    )
    expect(find("sg2c-not-recorded").figures).toEqual([{ label: "records", value: 1 }])
    expect(find("sg-labels-unrecognised").figures).toEqual([{ label: "records", value: 1 }])
    // (7 section 42 + 2 other) / 6 concerns = 150%
    expect(find("conversion-over-100").message).toBe(
      "The conversion rate is 150%: more enquiries started than concerns were received — enquiries (9), concerns (6). Check enquiries started from earlier years' concerns.",
    )
  })

  it("queries large year-on-year swings, with both years' figures, at the configured threshold", async () => {
    // 2023-24 from the same warehouse: concern c7 and enquiry e7 (p2): 1 concern, 1 section 42 enquiry, 1 individual,
    // none concluded, conversion 100%. 2024-25: 6 concerns, 5 and 1 enquiries, 4 individuals, 5 concluded, 100%.
    const tight = await build(Sac.plugin, db, fy, { ...config, swing: { percent: 20, minimum: 1 } })
    const swings = tight.findings.filter((f) => f.rule === "year-on-year")
    expect(
      swings.map((f) => `${f.severity} ${f.table}: ${f.message.slice(0, f.message.indexOf(":"))}`),
    ).toEqual([
      "query SG1f: SG1f safeguarding concerns",
      "query SG1f: SG1f section 42 enquiries",
      "query SG1f: SG1f other enquiries",
      "query SG1a: SG1a individuals in section 42 enquiries",
      "query SG2c: Concluded section 42 enquiries",
    ])
    expect(swings[0]!.figures).toEqual([
      { label: "2023-24", value: 1 },
      { label: "2024-25", value: 6 },
      { label: "change", value: "+5 (+500.0%)" },
    ])
    expect(swings[2]!.message).toBe(
      "SG1f other enquiries: 0 in 2023-24, 1 in 2024-25 (new this year). Explain the change before submission.",
    )
    expect(doc.findings.some((f) => f.rule === "year-on-year")).toBe(false)
  })

  it("errors when no section 42 enquiries are loaded for the year (mandatory SG1a/SG1f)", async () => {
    const empty = await build(Sac.plugin, db, Period.financialYear(2020), config)
    expect(Doc.errors(empty).map((f) => f.rule)).toEqual(["sg1f-s42-mandatory"])
  })
})
