/** Choosing the year to rank a measure in, survey years of a biennial measure, and ranks that are not a group of one. */
import { Catalogue, Value } from "@asckit/core"
import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { HighlightReport } from "../../src/index.js"

const { Published } = HighlightReport

const measure = (id: string) => Option.getOrThrow(Catalogue.byId(id))

const pv = (
  year: string,
  code: string,
  value: Value.Value,
  level = "council",
): HighlightReport.Published.PublishedValue => ({ year, level, code, value, source: null })

describe("latestYear: the year to rank in", () => {
  // 6A as the synthetic borough loads it: DHSC's tables to 2024-25, and its own ASC-WDS value for 2025-26
  const turnover = [
    pv("2023-24", "305", Value.available(24)),
    pv("2023-24", "304", Value.available(25)),
    pv("2024-25", "305", Value.available(23)),
    pv("2024-25", "304", Value.available(22)),
    pv("2024-25", "306", Value.notAvailable()),
    pv("2024-25", "England", Value.available(23.7), "england"),
    pv("2025-26", "999", Value.available(21.8)),
  ]

  it("ignores the council's own code, so its own 2025-26 row does not make a year of one", () => {
    expect(Published.latestYear(turnover, "2025-26", { exclude: "999" })).toBe("2024-25")
    // only with the council itself counted and a minimum of one would 2025-26 be chosen
    expect(Published.latestYear(turnover, "2025-26", { minimum: 1 })).toBe("2025-26")
  })

  it("needs at least two councils with values (markers do not count), and stays at or before the report year", () => {
    const one = [
      ...turnover,
      pv("2025-26", "304", Value.available(20)),
      pv("2025-26", "306", Value.notAvailable()),
    ]
    expect(Published.latestYear(one, "2025-26", { exclude: "999" })).toBe("2024-25")
    expect(Published.latestYear(turnover, "2023-24", { exclude: "999" })).toBe("2023-24")
    expect(Published.latestYear([pv("2024-25", "305", Value.notApplicable())], "2025-26")).toBeUndefined()
  })

  it("skips the [z] years of a biennial survey", () => {
    const sace = [
      pv("2023-24", "305", Value.available(7.3)),
      pv("2023-24", "304", Value.available(7.1)),
      pv("2024-25", "305", Value.notApplicable()),
      pv("2024-25", "304", Value.notApplicable()),
    ]
    expect(Published.latestYear(sace, "2025-26", { exclude: "999" })).toBe("2023-24")
  })
})

describe("isSurveyYear: a biennial measure's survey years", () => {
  const sace = [
    pv("2018-19", "England", Value.available(7.5), "england"),
    pv("2019-20", "England", Value.notApplicable(), "england"),
    pv("2020-21", "England", Value.notApplicable(), "england"),
    pv("2021-22", "England", Value.available(7.3), "england"),
    pv("2022-23", "England", Value.notApplicable(), "england"),
    pv("2023-24", "England", Value.available(7.3), "england"),
    pv("2023-24", "305", Value.notAvailable()),
    pv("2024-25", "England", Value.notApplicable(), "england"),
    pv("2024-25", "305", Value.notApplicable()),
  ]

  it("reads the published years: a value makes a survey year, only [z] does not", () => {
    expect(Published.isSurveyYear(sace, "2023-24")).toBe(true)
    expect(Published.isSurveyYear(sace, "2024-25")).toBe(false)
    // 2020-21 was postponed to 2021-22 (COVID-19): published as [z]
    expect(Published.isSurveyYear(sace, "2020-21")).toBe(false)
    expect(Published.isSurveyYear(sace, "2021-22")).toBe(true)
  })

  it("continues the two-year cycle from the latest survey published; nothing to tell before the first", () => {
    expect(Published.isSurveyYear(sace, "2025-26")).toBe(true)
    expect(Published.isSurveyYear(sace, "2026-27")).toBe(false)
    expect(Published.isSurveyYear(sace, "2027-28")).toBe(true)
    expect(Published.isSurveyYear(sace, "2016-17")).toBeUndefined()
    expect(Published.isSurveyYear([], "2025-26")).toBeUndefined()
  })
})

describe("ranks", () => {
  const m = measure("ASCOF-2023:6A")
  const groups = Published.groups("305", { cipfa: undefined, region: true, greaterManchester: true })

  it("gives a reason instead of ranking a group where no other member has a value", () => {
    const values = [pv("2025-26", "999", Value.available(21.8))]
    const ranks = Published.ranks(m, values, "2025-26", Value.available(21.8), "305", groups)
    expect(ranks.map((r) => [r.groupId, r.rank, r.of, r.reason])).toEqual([
      ["cipfa", undefined, 0, "not configured"],
      ["region", undefined, 0, "no other North West council has a published 2025-26 value"],
      [
        "greater-manchester",
        undefined,
        0,
        "no other Greater Manchester council has a published 2025-26 value",
      ],
      ["england", undefined, 0, "no other England council has a published 2025-26 value"],
    ])
  })

  it("ranks the council in its stand-in's place among the members with values (lower turnover is better)", () => {
    const values = [
      pv("2024-25", "305", Value.available(30)),
      pv("2024-25", "304", Value.available(22)),
      pv("2024-25", "306", Value.available(25)),
      pv("2024-25", "307", Value.notAvailable()),
    ]
    const gm = Published.ranks(m, values, "2024-25", Value.available(20.6), "305", groups).find(
      (r) => r.groupId === "greater-manchester",
    )
    expect(gm).toMatchObject({ rank: 1, of: 3, year: "2024-25" })
  })

  it("comparators: England and the region, a value before a marker when two tables publish one", () => {
    const values = [
      pv("2024-25", "England", Value.notAvailable(), "england"),
      pv("2024-25", "England", Value.available(23.7), "england"),
    ]
    expect(Published.comparators(values, "2024-25", "305")).toEqual([
      { id: "england", name: "England", year: "2024-25", value: Value.available(23.7) },
      {
        id: "region",
        name: "North West",
        year: "2024-25",
        value: Value.notAvailable("no published 2024-25 North West value is loaded"),
      },
    ])
  })
})
