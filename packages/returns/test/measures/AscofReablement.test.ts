/**
 * ASCOF 2A by DHSC's rules, each at its edge, on hand-built CLD loaded through the real CLD plugin and pipeline:
 * clustering (7 vs 8 days apart), the new-client rule (90 vs 91 days), the sequel window (7 vs 8 days) and the
 * sequel hierarchy (death beats a service, long term beats short term, equipment means ongoing low level…).
 */
import { Period, Value } from "@asckit/core"
import { beforeAll, describe, expect, it } from "vitest"
import { Ascof } from "../../src/index.js"
import {
  computeAll,
  loadWarehouse,
  person,
  pseudonym,
  read,
  request,
  review,
  service,
  stMax,
  tempDir,
} from "./ascof-fixtures.js"

const fy = Period.financialYear(2024)
const rolling = Period.rolling12(Period.quarter(2025, 1)) // July 2024 to June 2025

const lt = (who: object, start: string, end: string | undefined, o: object = {}) =>
  service({
    ...who,
    Event_Reference: `LT-${start}`,
    Event_Start_Date: start,
    Event_End_Date: end ?? "",
    Event_Outcome: end === undefined ? "" : "NFA: Support ended for other reason",
    ...o,
  })

// One person per rule, named by the scenario letter.
const P = {
  A: person(), // two ST-Max events 7 days apart: one episode
  B: person(), // 8 days apart: two episodes
  C: person(), // long-term support ended 90 days before: not a new client
  D: person(), // ended 91 days before: a new client
  E: person(), // long-term support still open: not a new client
  F: person({ Date_of_Death: "2024-06-25" }), // died 5 days after, a service had started: deceased
  G: person(), // long-term and short-term services after: long term
  H: person(), // equipment delivered during the episode: ongoing low level
  J: person(), // admitted to hospital
  K1: person(), // a service starting 7 days after the end: the sequel
  K2: person(), // 8 days after: not the sequel
  L: person(), // short-term residential care after: its own outcome
  M: person(), // a review nested near the end gives the outcome
  N: person({ Date_of_Birth: "2008-01-10" }), // under 18
  O: person(), // episode ending after the year (in the rolling period)
  Q: person(), // a request after the episode gives the outcome
  R: person(), // nothing usable: unable to classify
} as const

const rows = [
  stMax(P.A, "2024-05-01", "2024-05-20", "Continuation of support or services"),
  stMax(P.A, "2024-05-27", "2024-06-10", "NFA: Support ended as planned"),
  stMax(P.B, "2024-05-01", "2024-05-20", "NFA: Support ended as planned"),
  stMax(P.B, "2024-05-28", "2024-06-10", "NFA: Support ended as planned"),
  lt(P.C, "2023-06-01", "2024-02-01"),
  stMax(P.C, "2024-05-01", "2024-05-20", "NFA: Support ended as planned"),
  lt(P.D, "2023-06-01", "2024-01-31"),
  stMax(P.D, "2024-05-01", "2024-05-20", "NFA: Support ended as planned"),
  lt(P.E, "2023-06-01", undefined),
  stMax(P.E, "2024-05-01", "2024-05-20", "NFA: Support ended as planned"),
  stMax(P.F, "2024-06-01", "2024-06-20", "NFA: Support ended as planned"),
  lt(P.F, "2024-06-22", "2024-06-25", { Event_Outcome: "NFA: Deceased" }),
  stMax(P.G, "2024-06-01", "2024-06-20", "Progress to support planning or services"),
  service({
    ...P.G,
    Event_Reference: "G2",
    Event_Start_Date: "2024-06-21",
    Event_End_Date: "2024-08-01",
    Event_Outcome: "NFA: Support ended as planned",
    Service_Type: "Short term support: Ongoing low level",
    Service_Component: "Other short term",
  }),
  lt(P.G, "2024-06-24", undefined),
  stMax(P.H, "2024-07-01", "2024-07-30", "Continuation of support or services"),
  service({
    ...P.H,
    Event_Reference: "H2",
    Event_Start_Date: "2024-07-05",
    Event_End_Date: "2024-07-05",
    Event_Outcome: "NFA: Support ended as planned",
    Service_Type: "Short term support: Ongoing low level",
    Service_Component: "Equipment",
  }),
  stMax(P.J, "2024-08-01", "2024-08-20", "Admitted to hospital"),
  stMax(P.K1, "2024-09-01", "2024-09-20", "Progress to support planning or services"),
  lt(P.K1, "2024-09-27", undefined, {
    Service_Type: "Long term support: Residential care",
    Service_Component: "Long term residential care",
  }),
  stMax(P.K2, "2024-09-01", "2024-09-20", "NFA: Support ended as planned"),
  lt(P.K2, "2024-09-28", undefined, {
    Service_Type: "Long term support: Residential care",
    Service_Component: "Long term residential care",
  }),
  stMax(P.L, "2024-10-01", "2024-10-20", "Progress to support planning or services"),
  service({
    ...P.L,
    Event_Reference: "L2",
    Event_Start_Date: "2024-10-21",
    Event_End_Date: "2024-11-15",
    Event_Outcome: "NFA: Support ended as planned",
    Service_Type: "Short term support: Other short term",
    Service_Component: "Short term residential care",
  }),
  stMax(P.M, "2024-11-01", "2024-11-30", "Continuation of support or services"),
  review({
    ...P.M,
    Event_Start_Date: "2024-11-10",
    Event_End_Date: "2024-11-25",
    Event_Outcome: "NFA: Information and advice or signposting",
    Review_Reason: "Review of short term support",
  }),
  stMax(P.N, "2024-05-01", "2024-05-20", "NFA: Support ended as planned"),
  stMax(P.O, "2025-03-20", "2025-04-05", "NFA: Support ended as planned"),
  stMax(P.Q, "2024-12-01", "2024-12-20", "Continuation of support or services"),
  request({
    ...P.Q,
    Event_Start_Date: "2024-12-22",
    Event_End_Date: "2024-12-22",
    Event_Outcome: "NFA: Information and advice or signposting",
  }),
  stMax(P.R, "2025-01-05", "2025-01-25", "Progress to assessment, review or reassessment"),
]

/** Expected final outcome and DHSC sequel step per episode, by scenario (two for B). */
const expected: Record<string, ReadonlyArray<readonly [string, string]>> = {
  A: [["NFA: Support ended as planned", "4"]],
  B: [
    ["NFA: Support ended as planned", "4"],
    ["NFA: Support ended as planned", "4"],
  ],
  D: [["NFA: Support ended as planned", "4"]],
  F: [["NFA: Deceased", "1"]],
  G: [["Long term support: Community", "3"]],
  H: [["Short term support: Ongoing low level", "5"]],
  J: [["Admitted to hospital", "2"]],
  K1: [["Long term support: Residential care", "3"]],
  K2: [["NFA: Support ended as planned", "4"]],
  L: [["Short term support: Residential or Nursing care", "3"]],
  M: [["NFA: Information and advice or signposting", "4"]],
  Q: [["NFA: Information and advice or signposting", "4"]],
  R: [["Progress to assessment, review or reassessment", "6"]],
}

describe("ASCOF 2A (DHSC Create_ASCOF_2A_2425_Onwards.sql)", () => {
  const dir = tempDir("asckit-2a-")
  let db = ""
  beforeAll(async () => {
    db = await loadWarehouse(dir, "reablement", rows)
  })

  const episodes = (period: Period.Period) =>
    read(db, (r) => Ascof.Reablement.episodes(r, Ascof.context(r, { laCode: "999", period })))

  const byScenario = async (period: Period.Period) => {
    const names = new Map(Object.entries(P).map(([k, v]) => [pseudonym(v.NHS_Number), k]))
    const out: Record<string, Array<readonly [string, string]>> = {}
    for (const e of await episodes(period)) {
      const name = names.get(e.personId) ?? "?"
      out[name] = [...(out[name] ?? []), [e.outcome, e.step] as const]
    }
    return out
  }

  it("finds each episode's sequel by DHSC's rules and steps", async () => {
    expect(await byScenario(fy)).toEqual(expected)
  })

  it("clusters ST-Max events no more than 7 days apart (A: one episode) and not 8 (B: two)", async () => {
    const eps = await episodes(fy)
    const of = (k: keyof typeof P) => eps.filter((e) => e.personId === pseudonym(P[k].NHS_Number))
    expect(of("A").map((e) => [e.start, e.end])).toEqual([["2024-05-01", "2024-06-10"]])
    expect(of("B").map((e) => [e.start, e.end])).toEqual([
      ["2024-05-01", "2024-05-20"],
      ["2024-05-28", "2024-06-10"],
    ])
  })

  it("counts only new clients: long-term support ending 91 days before (D) but not 90 (C), nor still open (E)", async () => {
    const s = await byScenario(fy)
    expect(s.C).toBeUndefined()
    expect(s.D).toBeDefined()
    expect(s.E).toBeUndefined()
  })

  it("leaves out people under 18 and episodes ending outside the period", async () => {
    const s = await byScenario(fy)
    expect(s.N).toBeUndefined()
    expect(s.O).toBeUndefined()
  })

  it("counts episodes: numerator and denominator from DHSC's outcome lists, the value from the catalogue measure", async () => {
    const r = (await computeAll(db, fy))["2A"]!
    // numerator A, B×2, D, H, K2, M, Q; denominator also G, K1, L (long term, short-term residential);
    // F (deceased), J (hospital) and R (unclassified) are in neither.
    expect([r.status, r.numerator, r.denominator]).toEqual(["ok", 8, 11])
    expect(r.value).toEqual(Value.available(72.7, 8, 11))
    expect(r.measureId).toBe("ASCOF-2023:2A")
    expect(r.sql).toContain("Short term support: ST-Max")
    expect(r.sql).toContain("'999'")
  })

  it("computes a rolling 12 months (July 2024 to June 2025): the episodes ending in it", async () => {
    const s = await byScenario(rolling)
    expect(Object.keys(s).sort()).toEqual(["H", "J", "K1", "K2", "L", "M", "O", "Q", "R"])
    const r = (await computeAll(db, rolling))["2A"]!
    expect([r.numerator, r.denominator, r.period]).toEqual([5, 7, "12 months to 2025-26 Q1"])
  })
})
