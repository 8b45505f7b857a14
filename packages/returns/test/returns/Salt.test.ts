/**
 * The SALT-style tables from a small hand-built CLD submission, loaded through the real CLD plugin. Every figure
 * asserted below is worked out by hand from the fixture (see each person's comment) and read back from the
 * written workbook.
 */
import { join } from "node:path"
import { Period } from "@asckit/core"
import { beforeAll, describe, expect, it } from "vitest"
import { assessment, nhs, type Row, request, review, service } from "../../../etl/test/cld-fixtures.js"
import { ReturnDocument as Doc } from "../../src/index.js"
import * as Salt from "../../src/returns/salt/index.js"
import { suite } from "../contract/ReturnPluginSuite.js"
import { build, insert, loadCld, roundTrip, sheetCell, tempDir, withDb } from "./helpers.js"

const dir = tempDir("asckit-salt-")
const db = join(dir, "salt.sqlite")
const fy = Period.financialYear(2024)

/** A person: a valid NHS number from a 9-digit stem (the first stem with a valid check digit) and an LA id. */
const who = (n: number, extra: Row = {}): Row => {
  for (let stem = 943476000 + n * 10; ; stem++) {
    try {
      return { NHS_Number: nhs(String(stem)), LA_Person_Unique_Identifier: `P${n}`, ...extra }
    } catch {
      // no valid check digit for this stem: try the next
    }
  }
}

const stMax = (o: Row): Row =>
  service({
    Service_Type: "Short term support: ST-Max",
    Service_Component: "Reablement",
    Event_Reference: "STM",
    ...o,
  })

// Everyone is female, white British, born June 1940 (84 on 31 March 2025: 65+), physical support (personal care),
// no unpaid carer, unless stated.
const P1 = who(1)
const P2 = who(2, {
  Date_of_Birth: "1980-01-15", // 45: 18-64
  Gender: "Male",
  Primary_Support_Reason: "Learning Disability Support",
  Employment_Status: "Paid: 16 or more hours a week",
  Accommodation_Status: "Settled mainstream housing with family or friends",
})
const P3 = who(3)
const P4 = who(4)
const P5 = who(5)
const P6 = who(6, { Primary_Support_Reason: "Support with Memory and Cognition" })
const P7 = who(7)
const P8 = who(8)
const P9 = who(9, { Date_of_Death: "2024-03-01" })

const rows: ReadonlyArray<Row> = [
  // P1, new client: request (discharge from hospital) → ST-Max two days later → long-term community support by
  // direct payment two days after it ends. STS001: ST-Max; STS002a: long-term support; LTS001a/b community DP.
  request({
    ...P1,
    Request_Route_of_Access: "Discharge from hospital",
    Event_Outcome: "Progress to reablement/ST-Max",
  }),
  stMax({
    ...P1,
    Event_Start_Date: "2024-04-10",
    Event_End_Date: "2024-05-10",
    Event_Outcome: "NFA: Support ended as planned",
  }),
  service({ ...P1, Event_Start_Date: "2024-05-12", Delivery_Mechanism: "Direct payment" }),
  // P2, 18-64, learning disability, in long-term community support since 2022: an existing client, so their request
  // is not in STS001; LTS001a/b/c; an unplanned (hospital) review with no change: LTS002a and LTS002b "same";
  // LTS004: paid 16+ hours, settled with family.
  service({ ...P2, Event_Start_Date: "2022-01-01", Event_Reference: "S2" }),
  request({
    ...P2,
    Event_Start_Date: "2024-06-01",
    Event_End_Date: "2024-06-05",
    Event_Outcome: "NFA: Information and advice or signposting",
  }),
  review({
    ...P2,
    Event_Start_Date: "2024-09-01",
    Event_End_Date: "2024-09-10",
    Review_Reason: "Unplanned: Hospital (planned and unplanned episodes)",
  }),
  // P3, new client: request ending in information and advice, nothing after: STS001 universal services.
  request({
    ...P3,
    Event_Start_Date: "2024-07-01",
    Event_End_Date: "2024-07-03",
    Event_Outcome: "NFA: Information and advice or signposting",
  }),
  // P4, new client: request (diversion) → assessment 3 days later ending self-funded: STS001 "other reason".
  request({
    ...P4,
    Event_Start_Date: "2024-08-01",
    Event_End_Date: "2024-08-02",
    Request_Route_of_Access: "Diversion from hospital services",
    Event_Outcome: "Progress to assessment, review or reassessment",
  }),
  assessment({
    ...P4,
    Event_Start_Date: "2024-08-05",
    Event_End_Date: "2024-08-20",
    Event_Outcome: "NFA: Self-funded client or under 12wk disregard",
  }),
  // P5, new client: request → assessment 60 days later (out of scope, > 28 days): the request's own outcome, not
  // mappable: STS001 "unable to classify" (a query).
  request({
    ...P5,
    Event_Start_Date: "2024-09-01",
    Event_End_Date: "2024-09-02",
    Event_Outcome: "Progress to assessment, review or reassessment",
  }),
  assessment({ ...P5, Event_Start_Date: "2024-11-01", Event_End_Date: "2024-11-10" }),
  // P6, memory and cognition, in residential care since 2023 (community support before): LTS001a/b/c residential;
  // a planned review with no change: LTS002b only.
  service({
    ...P6,
    Event_Start_Date: "2023-01-01",
    Service_Type: "Long term support: Residential care",
    Service_Component: "Long term residential care",
    Delivery_Mechanism: "",
  }),
  service({
    ...P6,
    Event_Start_Date: "2022-06-01",
    Event_End_Date: "2022-12-31",
    Event_Reference: "S6",
    Event_Outcome: "NFA: Support ended as planned",
  }),
  review({ ...P6, Event_Start_Date: "2024-10-01", Event_End_Date: "2024-10-01" }),
  // P7, in community support since June 2023 (an existing client): ST-Max in October (STS002b); an unplanned
  // (safeguarding) review in January, community support ends and nursing care starts five days later: LTS002a and
  // LTS002b "move to nursing care"; LTS001a/b nursing; LTS001c: one chain since 2023 (gap of one day).
  service({
    ...P7,
    Event_Start_Date: "2023-06-01",
    Event_End_Date: "2025-01-19",
    Event_Outcome: "Progress to support planning or services",
    Event_Reference: "S7",
  }),
  stMax({
    ...P7,
    Event_Start_Date: "2024-10-01",
    Event_End_Date: "2024-10-20",
    Event_Outcome: "Continuation of support or services",
  }),
  review({
    ...P7,
    Event_Start_Date: "2025-01-10",
    Event_End_Date: "2025-01-15",
    Review_Reason: "Unplanned: Safeguarding concern",
  }),
  service({
    ...P7,
    Event_Start_Date: "2025-01-20",
    Service_Type: "Long term support: Nursing care",
    Service_Component: "Long term nursing care",
    Delivery_Mechanism: "",
    Event_Reference: "S7N",
  }),
  // P8 with an NHS number (community support); the same LA person id without an NHS number on another row
  // (residential): NHS England leaves the LA-id-only person out, so P8 counts once, in community.
  service({ ...P8, Event_Start_Date: "2024-04-15" }),
  service({
    ...P8,
    NHS_Number: "",
    Event_Start_Date: "2024-04-20",
    Service_Type: "Long term support: Residential care",
    Service_Component: "Long term residential care",
    Delivery_Mechanism: "",
  }),
  // P9 died before the year: not counted in 2024-25.
  service({
    ...P9,
    Event_Start_Date: "2023-05-01",
    Event_End_Date: "2024-03-01",
    Event_Outcome: "NFA: Deceased",
  }),
  // Carers: C1 (55, LA id only) has a direct payment; C2 (17) had an assessment ending in information and advice.
  service({
    NHS_Number: "",
    LA_Person_Unique_Identifier: "C1",
    Client_Type: "Unpaid carer",
    Date_of_Birth: "1970-03-10",
    Service_Type: "Unpaid carer support: Direct to unpaid carer",
    Service_Component: "Unpaid carer respite",
    Delivery_Mechanism: "Direct payment",
    Event_Reference: "C1",
  }),
  assessment({
    NHS_Number: "",
    LA_Person_Unique_Identifier: "C2",
    Client_Type: "Unpaid carer",
    Date_of_Birth: "2008-01-10",
    Assessment_Type: "Unpaid carer assessment",
    Event_Start_Date: "2024-06-01",
    Event_End_Date: "2024-06-10",
    Event_Outcome: "NFA: Information and advice or signposting",
    Eligible_Needs_Identified: "No",
  }),
]

let doc: Doc.Document
beforeAll(async () => {
  const s = await loadCld(db, dir, [{ name: "cld-2024-25.csv", rows }])
  expect(s.files[0]).toMatchObject({ status: "loaded", rowsQuarantined: 0, rowsLoaded: rows.length })
  doc = await build(Salt.plugin, db, fy)
})

suite(Salt.plugin, { warehouse: () => db, config: {}, period: fy, laCode: "999" })

const table = (id: string) => {
  for (const s of doc.sheets) for (const t of s.tables) if (t.id === id) return t
  throw new Error(`no table ${id}`)
}
const at = (id: string, row: string, column: string) => Doc.at(table(id), row, column)?.value

describe("SALT-style tables from CLD", () => {
  it("STS001: requests from new clients by sequel and route of access (existing clients left out)", () => {
    expect(at("STS001-1b", "Short Term Support: ST-Max", "Discharge from hospital")).toBe(1)
    expect(
      at("STS001-1b", "Universal Services / Signposted to other services", "Community/other route"),
    ).toBe(1)
    expect(at("STS001-1b", "No Services Provided - other reason", "Diversion from hospital services")).toBe(1)
    expect(at("STS001-1b", "Unable to classify (CLD: outcome not mappable)", "Community/other route")).toBe(1)
    expect(at("STS001-1b", "Total", "Total")).toBe(4)
    expect(at("STS001-1a", "Total", "Total")).toBe(0) // P2 is an existing client
    expect(Doc.at(table("STS001-1b"), "End of Life", "Total")?.marker).toBe("[x]")
  })

  it("STS002a and STS002b: new clients' ST-Max by what happened next; existing clients' ST-Max", () => {
    expect(at("STS002a-1", "Long Term Support (any setting)", "65 and over")).toBe(1)
    expect(at("STS002a-1", "Total", "Total")).toBe(1)
    expect(at("STS002a-2", "Long Term Support (any setting)", "Discharge from hospital")).toBe(1)
    expect(at("STS002b-1", "65 and over", "Completed episodes of ST-Max")).toBe(1)
    expect(at("STS002b-1", "Total", "Completed episodes of ST-Max")).toBe(1)
  })

  it("LTS001a/b/c: each client once, in the highest setting; the LA-id-only duplicate and the dead left out", () => {
    expect(at("LTS001a-1a", "Learning Disability Support", "CASSR commissioned support")).toBe(1)
    expect(at("LTS001a-1a", "Total", "Total")).toBe(1)
    expect(at("LTS001a-1b", "Physical Support: Personal Care Support", "Direct payment")).toBe(1)
    expect(at("LTS001a-1b", "Physical Support: Personal Care Support", "CASSR commissioned support")).toBe(1) // P8 once
    expect(at("LTS001a-1b", "Support with Memory and Cognition", "All")).toBe(0)
    expect(at("LTS001a-1b", "Total", "Total")).toBe(4)
    expect(at("LTS001b-1b", "Total", "Total")).toBe(4)
    expect(at("LTS001b-2", "No", "Total")).toBe(5)
    expect(at("LTS001b-3a", "White / English, Welsh, Scottish, Northern Irish or British", "Total")).toBe(1)
    expect(at("LTS001b-3b", "White / English, Welsh, Scottish, Northern Irish or British", "Total")).toBe(4)
    expect(at("LTS001c-1a", "Total", "Total")).toBe(1)
    expect(at("LTS001c-1b", "Total", "Total")).toBe(2)
  })

  it("LTS001a puts residential before community, by NHS England's hierarchy", () => {
    const t = table("LTS001a-1b")
    const residential = Doc.cells(t).filter(
      (c) => c.row[0] === "Support with Memory and Cognition" && c.column[0] === "Residential",
    )
    expect(residential.map((c) => c.cell.value)).toEqual([1])
  })

  it("LTS002a/b: reviews by setting, significant event and sequel", () => {
    expect(
      at(
        "LTS002a-1a",
        "Community / Unplanned: Hospital (planned and unplanned episodes)",
        "Long-term support continued in the same setting",
      ),
    ).toBe(1)
    expect(
      at(
        "LTS002a-1b",
        "Community / Unplanned: Safeguarding concern",
        "Move to nursing care (from community)",
      ),
    ).toBe(1)
    expect(at("LTS002a-1b", "Total / ", "Total")).toBe(1) // P6's planned review without a move is not in LTS002a
    expect(at("LTS002b-1b", "Residential", "Long-term support continued in the same setting")).toBe(1)
    expect(at("LTS002b-1b", "Community", "Move to nursing care (from community)")).toBe(1)
    expect(at("LTS002b-1a", "Community", "Long-term support continued in the same setting")).toBe(1)
  })

  it("LTS003 and LTS004", () => {
    expect(at("LTS003-1", "Direct Payment only", "Carer aged 26-64")).toBe(1)
    expect(
      at("LTS003-1", "Information, Advice and Other Universal Services / Signposting", "Carer aged under 18"),
    ).toBe(1)
    expect(at("LTS003-1", "Total", "Total")).toBe(2)
    expect(at("LTS004-1", "Paid: 16 or more hours a week", "Male")).toBe(1)
    expect(at("LTS004-2a", "Settled mainstream housing with family or friends", "Male")).toBe(1)
    expect(at("LTS004-2b", "Total", "Total")).toBe(0)
  })

  it("STS004 is not available without hospital discharges, and says so", () => {
    expect(
      Doc.at(table("STS004-1"), "Of which: still at home 91 days after discharge", "Aged 65 and over")
        ?.marker,
    ).toBe("[x]")
    expect(doc.notes).toContainEqual({
      label: "STS004",
      value: "not available: no hospital discharges loaded",
    })
  })

  it("writes a workbook whose cells read back as the hand-computed figures", async () => {
    const wb = await roundTrip(doc, join(dir, "salt.xlsx"))
    const sts001 = wb.getWorksheet("STS001")!
    expect(
      sheetCell(sts001, "STS001 Table 1b", "Short Term Support: ST-Max", "Discharge from hospital"),
    ).toBe(1)
    expect(sheetCell(sts001, "STS001 Table 1b", "Total", "Total")).toBe(4)
    const lts001a = wb.getWorksheet("LTS001a")!
    expect(sheetCell(lts001a, "LTS001a Table 1b", "Total", "Total")).toBe(4)
    const lts003 = wb.getWorksheet("LTS003")!
    expect(sheetCell(lts003, "LTS003 Table 1", "Direct Payment only", "Carer aged 26-64")).toBe(1)
    expect(sheetCell(lts003, "LTS003 Table 1", "Part Direct Payment", "Carer aged 26-64")).toBe("[x]")
    const notes = wb.getWorksheet("Notes")!
    const text: Array<string> = []
    notes.eachRow((r) => text.push(r.values?.toString() ?? ""))
    expect(text.join("\n")).toMatch(
      new RegExp(`cld-2024-25\\.csv \\(cld/events, ${rows.length} rows loaded\\) sha256 [0-9a-f]{64}`),
    )
    expect(text.join("\n")).toContain("asckit version")
  })

  it("is internally consistent: no errors; the unclassifiable request is a query", () => {
    expect(Doc.errors(doc)).toEqual([])
    expect(doc.findings.map((f) => f.rule)).toEqual(["sts001-unclassified"])
  })

  it("queries large year-on-year swings, with both years' figures, at the configured threshold", async () => {
    // 2023-24 from the same warehouse: LTS001a 65+ had P6, P7, P9 (3); 2024-25 has 4 (+33%)
    const tight = await build(Salt.plugin, db, fy, { swing: { percent: 20, minimum: 1 } })
    const swing = tight.findings.find((f) => f.rule === "year-on-year" && f.table === "LTS001a-1b")
    expect(swing?.figures).toEqual([
      { label: "2023-24", value: 3 },
      { label: "2024-25", value: 4 },
      { label: "change", value: "+1 (+33.3%)" },
    ])
    expect(doc.findings.some((f) => f.rule === "year-on-year")).toBe(false)
  })

  it("queries client counts without a primary support reason (lts001-psr-unknown)", async () => {
    // P20: in long-term community support from May 2024 with no primary support reason recorded: "Not recorded or
    // invalid" in LTS001a and LTS001b (not LTS001c: under 12 months)
    const dbPsr = join(dir, "psr.sqlite")
    const summary = await loadCld(dbPsr, dir, [
      {
        name: "cld-psr.csv",
        rows: [service({ ...who(20), Event_Start_Date: "2024-05-01", Primary_Support_Reason: "" })],
      },
    ])
    expect(summary.ok).toBe(true)
    const conflict = await build(Salt.plugin, dbPsr, fy)
    expect(Doc.errors(conflict)).toEqual([])
    const f = conflict.findings.find((x) => x.rule === "lts001-psr-unknown")
    expect(f).toMatchObject({
      severity: "query",
      sheet: "LTS001a",
      message:
        "LTS001a–c: 2 client counts have no primary support reason, or conflicting ones, on the rows used. Correct the primary support reason in the case-management system.",
      figures: [{ label: "records", value: 2 }],
    })
  })

  it("errors when the period has no long-term support at all (CLD not loaded for it)", async () => {
    const empty = await build(Salt.plugin, db, Period.financialYear(2015))
    expect(Doc.errors(empty).map((f) => f.rule)).toEqual(["lts001a-has-data"])
  })
})

describe("STS004 with hospital discharges loaded", () => {
  const db4 = join(dir, "sts004.sqlite")
  const P10 = who(10)
  const P11 = who(11)
  const P12 = who(12)
  const P13 = who(13)
  const P14 = who(14, { Date_of_Birth: "1964-02-01" })
  let doc4: Doc.Document
  beforeAll(async () => {
    await loadCld(db4, dir, [
      {
        name: "cld-sts004.csv",
        rows: [
          stMax({
            ...P10,
            Event_Start_Date: "2024-11-05",
            Event_End_Date: "2024-11-30",
            Event_Outcome: "NFA: Support ended as planned",
          }),
          stMax({
            ...P11,
            Event_Start_Date: "2024-12-02",
            Event_End_Date: "2024-12-20",
            Event_Outcome: "Progress to support planning or services",
          }),
          service({
            ...P11,
            Event_Start_Date: "2025-01-15",
            Service_Type: "Long term support: Residential care",
            Service_Component: "Long term residential care",
            Delivery_Mechanism: "",
          }),
          stMax({
            ...P12,
            Event_Start_Date: "2024-11-20",
            Event_End_Date: "2024-12-10",
            Event_Outcome: "NFA: Support ended as planned",
          }),
          stMax({
            ...P13,
            Event_Start_Date: "2024-09-11",
            Event_End_Date: "2024-09-30",
            Event_Outcome: "NFA: Support ended as planned",
          }),
          stMax({
            ...P14,
            Event_Start_Date: "2024-11-02",
            Event_End_Date: "2024-11-20",
            Event_Outcome: "NFA: Support ended as planned",
          }),
        ],
      },
    ])
    const idOf = (start: string) =>
      withDb(
        db4,
        (s) =>
          (s.prepare("select person_id from event where start_date = ?").get(start) as { person_id: string })
            .person_id,
      )
    const episode = (id: string, pid: string, admitted: string, discharged: string, age: number) => ({
      la_code: "999",
      episode_id: id,
      person_id: pid,
      age_at_discharge: age,
      admission_date: admitted,
      discharge_date: discharged,
    })
    insert(db4, "hospital_episode", [
      episode("h10", idOf("2024-11-05"), "2024-10-20", "2024-11-03", 84), // 2 days before ST-Max: linked; at home on day 91
      episode("h11", idOf("2024-12-02"), "2024-11-25", "2024-12-01", 84), // linked; in residential care on day 91
      episode("h12", idOf("2024-11-20"), "2024-11-01", "2024-11-10", 70), // ST-Max 10 days later: not linked
      episode("h13", idOf("2024-09-11"), "2024-09-01", "2024-09-10", 84), // September: outside 1 Oct – 31 Dec
      episode("h14", idOf("2024-11-02"), "2024-10-25", "2024-11-01", 60), // under 65
    ])
    doc4 = await build(Salt.plugin, db4, fy)
  })

  it("counts 65+ discharges into reablement in October–December and those at home 91 days later", () => {
    const t = doc4.sheets.find((s) => s.name === "STS004")!.tables[0]!
    expect(
      Doc.at(
        t,
        "Older people (65+) discharged from hospital into reablement, 1 October to 31 December",
        "Aged 65 and over",
      )?.value,
    ).toBe(2)
    expect(Doc.at(t, "Of which: still at home 91 days after discharge", "Aged 65 and over")?.value).toBe(1)
    expect(Doc.at(t, "Proportion still at home (%)", "Aged 65 and over")?.value).toBe(50)
    expect(doc4.notes).toContainEqual({ label: "STS004", value: "hospital discharges loaded" })
    expect(Doc.errors(doc4)).toEqual([])
  })
})
