/** The highlight report built from a fixture warehouse: every figure checked against a hand count or a published one. */
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { Period, Value } from "@asckit/core"
import { WarehouseReader } from "@asckit/etl"
import { Effect, Either, Option } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { HighlightReport } from "../../src/index.js"
import { makeWarehouse, testConfig } from "./fixture.js"

const wh = makeWarehouse()
afterAll(wh.cleanup)

const quarter = Period.quarter(2025, 2)

const build = (config: HighlightReport.Config.HighlightConfig, baseDir = wh.dir) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const resolved = yield* HighlightReport.Config.resolveConfig(config, baseDir)
      const reader = yield* WarehouseReader.WarehouseReader
      return yield* HighlightReport.Build.build(reader, resolved, quarter)
    }).pipe(Effect.provide(WarehouseReader.layer(wh.path))),
  )

const row = (r: HighlightReport.Model.Report, id: string) => {
  const found = HighlightReport.Model.rows(r).find((x) => x.measure.id === id)
  if (!found) throw new Error(`no row ${id}`)
  return found
}
const at = (r: HighlightReport.Model.MeasureRow, label: string) =>
  r.series.find((p) => p.label === label)?.value

describe("highlight report: local measures from the warehouse", async () => {
  const report = await build(testConfig())

  it("waiting lists: people waiting at month end, and the median wait of the items waiting", () => {
    const na = row(report, "LOCAL:NA-WAITING-LIST")
    expect(na.series.map((p) => p.label).slice(-2)).toEqual(["Aug 2025", "Sep 2025"])
    expect(at(na, "Sep 2025")).toEqual(Value.available(3, 3))
    expect(at(na, "Aug 2025")).toEqual(Value.available(3, 3))
    expect(na.direction.direction).toBe("no-change")
    expect(na.rag).toBe("red") // 3 against a target of 2, lower is better
    const median = row(report, "LOCAL:NA-MEDIAN-DAYS")
    expect(at(median, "Sep 2025")).toEqual(Value.available(20, undefined, 4)) // 5, 10, 29, 60 → 19.5 → 20
    expect(at(median, "Aug 2025")).toEqual(Value.available(61, undefined, 3))
    expect(median.direction.direction).toBe("improving")
    // before the work-tray extract starts: not available, and why
    expect(at(median, "Feb 2025")).toEqual(
      Value.notAvailable(
        "the work-tray extract of waiting work (work_item) loaded starts on 2025-06-01, after Feb 2025",
      ),
    )
    // a month with nobody waiting has no median: not applicable
    const m = row(report, "LOCAL:NA-MEDIAN-DAYS").measure
    expect(HighlightReport.Measures.toValue(m, { numerator: 0, denominator: 0, median: 0 })._tag).toBe(
      "NotApplicable",
    )
    expect(at(row(report, "LOCAL:OT-WAITING-LIST"), "Sep 2025")).toEqual(Value.available(1, 1))
  })

  it("overdue reviews: last review (or the start of support) more than 12 months before the month end", () => {
    const r = row(report, "LOCAL:OVERDUE-REVIEWS")
    expect(at(r, "Sep 2025")).toEqual(Value.available(2, 2)) // P11, P13
    expect(at(r, "Aug 2025")).toEqual(Value.available(2, 2)) // P13, P14
    expect(at(row(report, "LOCAL:LTS-CLIENTS"), "Sep 2025")).toEqual(Value.available(5, 5))
    expect(at(row(report, "LOCAL:LTS-CLIENTS"), "Aug 2025")).toEqual(Value.available(6, 6))
  })

  it("contacts resolved at first contact, assessments completed, DoLS awaiting allocation", () => {
    const c = row(report, "LOCAL:FIRST-CONTACT-RESOLUTION")
    expect(at(c, "Sep 2025")).toEqual(Value.available(60, 6, 10))
    expect(at(c, "Aug 2025")).toEqual(Value.available(25, 1, 4))
    expect(c.direction).toMatchObject({ direction: "improving", change: 35 })
    expect(c.rag).toBe("green")
    expect(at(row(report, "LOCAL:ASSESSMENTS-COMPLETED"), "Sep 2025")).toEqual(Value.available(3, 3))
    const d = row(report, "LOCAL:DOLS-AWAITING-ALLOCATION")
    expect(at(d, "Sep 2025")).toEqual(Value.available(2, 2))
    expect(at(d, "Aug 2025")).toEqual(Value.available(3, 3))
  })

  it("safeguarding: concerns by month (small counts suppressed), Making Safeguarding Personal by quarter", () => {
    const c = row(report, "LOCAL:SAFEGUARDING-CONCERNS")
    expect(at(c, "Sep 2025")).toEqual(Value.available(6, 6))
    expect(at(c, "Aug 2025")?._tag).toBe("Suppressed")
    const asked = row(report, "LOCAL:MSP-ASKED")
    expect(asked.latest?.label).toBe("Q2 2025-26")
    expect(asked.latest?.value).toEqual(Value.available(62.5, 5, 8))
    // fully 2 + partly 1 of 4: a numerator below 5 is suppressed
    expect(row(report, "LOCAL:MSP-OUTCOMES-MET").latest?.value._tag).toBe("Suppressed")
  })

  it("complaints: upheld rate of decided complaints, and answered within 20 working days (bank holidays excluded)", () => {
    expect(row(report, "LOCAL:COMPLAINTS-UPHELD").latest?.value).toEqual(Value.available(60, 6, 10))
    const onTime = row(report, "LOCAL:COMPLAINTS-ON-TIME")
    expect(onTime.latest?.value).toEqual(Value.available(72.7, 8, 11))
    expect(onTime.rag).toBe("amber") // 2.3 points short of 75, within 5% of the target
    expect(row(report, "LOCAL:COMPLIMENTS").latest?.value).toEqual(Value.available(7, 7))
    expect(row(report, "LOCAL:FEEDBACK-RECEIVED").latest?.value).toEqual(Value.available(6, 6))
    expect(row(report, "LOCAL:PROGRESSION-MODEL-TRAINED").latest?.value).toEqual(Value.available(15, 15))
    const carers = row(report, "LOCAL:NEW-CARERS")
    expect(at(carers, "Sep 2025")).toEqual(Value.available(5, 5))
    expect(carers.direction.direction).toBe("worsening") // 8 → 5, higher is better
  })

  it("says why a value is missing: not computed, or nothing loaded before the data starts", () => {
    const r = row(report, "LOCAL:AT-HOME-91-DAYS")
    expect(r.reason).toMatch(/not computed by the highlight report: it needs hospital discharges/)
    // work items start in June 2025: October 2024 is before the extract
    const na = row(report, "LOCAL:NA-WAITING-LIST")
    expect(na.series).toHaveLength(8)
    for (const row_ of HighlightReport.Model.rows(report)) {
      for (const p of row_.series) {
        if (p.value._tag === "NotAvailable")
          expect(p.value.reason, `${row_.measure.id} ${p.label}`).toBeTruthy()
      }
      if (row_.latest?.value._tag !== "Available") expect(row_.reason, row_.measure.id).toBeTruthy()
    }
  })
})

describe("highlight report: published values, ranks and comparators", async () => {
  const report = await build(testConfig())

  it("2A: Bury's published 82.3 ranks 2nd of the ten Greater Manchester councils (ODS-2425)", () => {
    const r = row(report, "ASCOF-2023:2A")
    expect(r.latest).toMatchObject({
      label: "2024-25",
      value: Value.available(82.3),
      origin: "published (DHSC ASCOF 2024-25 (ODS-2425))",
    })
    expect(r.rag).toBe("green")
    const gm = r.ranks.find((x) => x.groupId === "greater-manchester")
    expect(gm).toMatchObject({ rank: 2, of: 10, quartile: 1, year: "2024-25" })
    expect(r.ranks.find((x) => x.groupId === "cipfa")).toMatchObject({ reason: "not configured" })
    expect(r.comparators).toEqual([
      { id: "england", name: "England", year: "2024-25", value: Value.available(77.1, 142525, 184745) },
      { id: "region", name: "North West", year: "2024-25", value: Value.available(78.5, 23925, 30465) },
    ])
  })

  it("1D: Bury's published series, direction of travel and GM rank (64.3 in 2024-25 from 63.8: improving; 4th of 10)", () => {
    const r = row(report, "ASCOF-2023:1D")
    expect(r.series.map((p) => p.label)).toEqual([
      "2017-18",
      "2018-19",
      "2019-20",
      "2020-21",
      "2021-22",
      "2022-23",
      "2023-24",
      "2024-25",
    ])
    expect(r.series.map((p) => Value.toNumber(p.value))).toEqual([
      59.9,
      62.4,
      61.5,
      undefined,
      63.2,
      63.2,
      63.8,
      64.3,
    ])
    expect(at(r, "2020-21")?._tag).toBe("NotAvailable")
    expect(r.direction).toMatchObject({ direction: "improving", change: 0.5 })
    expect(r.ranks.find((x) => x.groupId === "greater-manchester")).toMatchObject({
      rank: 4,
      of: 10,
      quartile: 2,
    })
  })

  it("a council whose code is not published is ranked in the place of the council it stands in for", async () => {
    const standIn = await build(
      HighlightReport.Config.defaultConfig("999", {
        benchmarkAs: "305",
        councilName: "Synthetic Borough",
        obsessions: [{ id: "O5", title: "We listen", measures: [{ measure: "ASCOF-2023:1D" }] }],
        sections: [],
      }),
    )
    const r = row(standIn, "ASCOF-2023:1D")
    // 14 of 20 respondents satisfied → 70.0, computed from the survey responses; Bury's 64.3 is replaced
    expect(r.latest?.value).toEqual(Value.available(70, undefined, 20))
    expect(r.latest?.origin).toMatch(/computed from survey responses, unweighted/)
    expect(r.ranks.find((x) => x.groupId === "greater-manchester")).toMatchObject({ rank: 1, of: 10 })
    expect(standIn.notes).toContainEqual({
      label: "Compared as",
      value: "CASSR 305: the council takes its place in comparator groups",
    })
  })

  it("ranks in a CIPFA group read from the council's own file (here a made-up test list, not a CIPFA one)", async () => {
    const file = join(wh.dir, "neighbours.csv")
    writeFileSync(file, "subject,neighbour\n305,304\n305,309\n305,313\n")
    const r = row(
      await build(testConfig({ comparators: { cipfa: "neighbours.csv" }, sections: [] })),
      "ASCOF-2023:2A",
    )
    expect(r.ranks.find((x) => x.groupId === "cipfa")).toMatchObject({ rank: 2, of: 4 }) // 98.9, 82.3, 79.9, 72.1
  })
})

describe("highlight report: sections", async () => {
  const report = await build(testConfig())
  const report2 = await build(
    testConfig({
      suppressSmallNumbers: false,
      obsessions: [{ id: "x", title: "x", measures: [{ measure: "LOCAL:COMPLIMENTS" }] }],
    }),
  )
  const section = (id: string) => report.sections.find((s) => s.id === id)!
  const table = (s: string, t: string) => section(s).tables.find((x) => x.id === t)!

  it("waiting lists by month and by team, with the median", () => {
    const t = table("waiting", "waiting")
    const sep = t.rows.at(-1)!
    expect(sep.header).toEqual(["Sep 2025"])
    expect(sep.cells[0]!.value).toBe(3)
    expect(sep.cells[1]!.value).toBe(20)
    expect(sep.cells[2]!.value).toBe(1)
    const teams = table("waiting", "waiting-teams")
    expect(teams.rows.map((r) => [...r.header, r.cells[0]!.value, r.cells[2]!.value])).toEqual([
      ["Needs assessment", "East", 2, 29], // P1 twice (W1, W6) counted once, and P2 (W2, 29 days)
      ["Needs assessment", "West", 1, 60],
      ["OT assessment", "OT", 1, 29],
    ])
  })

  it("safeguarding: open enquiries by team, small teams suppressed", () => {
    const open = table("safeguarding", "safeguarding-open")
    expect(open.rows.map((r) => [r.header[0], r.cells[0]!.value ?? r.cells[0]!.marker])).toEqual([
      ["East", "[c]"],
      ["West", 5],
    ])
    const west = open.rows.find((r) => r.header[0] === "West")!
    expect(west.cells[1]!.value).toBe(27) // 29, 28, 27, 26, 25 days open at 30 September
    expect(west.cells[2]!.value).toBe(29)
  })

  it("services: people in long-term support on the 1st by setting, counted once in the total", () => {
    const t = table("services", "services-long-term")
    const sep = t.rows.at(-1)!
    expect(sep.header).toEqual(["1 Sep 2025"])
    const cols = t.columnHeaders[0]!
    const v = (c: string) => sep.cells[cols.indexOf(c)]!.value
    expect([v("Community"), v("Residential care"), v("Nursing care"), v("People")]).toEqual([4, 2, 1, 6])
  })

  it("complaints by month: outcomes, and answered within 20 working days by the month of the answer", () => {
    const t = table("complaints", "complaints")
    const cols = t.columnHeaders[0]!
    const month = (m: string) => t.rows.find((r) => r.header[0] === m)!
    const v = (m: string, c: string) => {
      const cell = month(m).cells[cols.indexOf(c)]!
      return cell.marker ?? cell.value
    }
    expect(v("Jul 2025", "Answered")).toBe(10) // 8, rounded to the nearest 5 (small-number convention)
    expect(v("Jul 2025", "Answered within 20 working days (%)")).toBe(87.5) // 7 of the exact 8: C5 a day late
    expect(v("Jul 2025", "Closed: not upheld")).toBe("[c]") // 4
    // September: C1 on time (thanks to the bank holiday), C2 late — but 2 answered is below 5
    expect(v("Sep 2025", "Answered within 20 working days (%)")).toBe("[c]")
    const unsuppressed = report2.sections
      .find((x) => x.id === "complaints")!
      .tables.find((x) => x.id === "complaints")!
    const sep = unsuppressed.rows.find((r) => r.header[0] === "Sep 2025")!
    expect(sep.cells[cols.indexOf("Answered within 20 working days (%)")]!.value).toBe(50)
    expect(v("Aug 2025", "Closed: withdrawn")).toBe("[c]")
  })

  it("DoLS active applications by stage and urgency; sections without data say so", () => {
    const active = table("dols", "dols-active")
    expect(active.rows[0]!.cells.map((c) => c.marker ?? c.value)).toEqual(["[c]", "[c]", "[c]"]) // 1 urgent + 1 standard
    expect(section("market").gaps).toEqual([
      "no CQC care directory download on or before 2025-09-30 is loaded (provider_rating)",
    ])
    expect(section("contacts").gaps).toEqual([])
  })

  it("the latest quarter loaded (for running the report after a load)", async () => {
    const latest = await Effect.runPromise(
      Effect.flatMap(WarehouseReader.WarehouseReader, (r) => HighlightReport.latestQuarter(r, "305")).pipe(
        Effect.provide(WarehouseReader.layer(wh.path)),
      ),
    )
    expect(latest).toEqual(Option.some(quarter)) // CLD submissions loaded to 30 September 2025
  })

  it("the period must be a quarter", () => {
    expect(Either.isLeft(HighlightReport.parsePeriod("2025-26"))).toBe(true)
    expect(HighlightReport.parsePeriod("2025-26Q2")).toEqual(Either.right(quarter))
  })
})
