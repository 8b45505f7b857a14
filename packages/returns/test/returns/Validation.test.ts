/** The shared validation rules, each on a crafted fault and on clean figures. */
import { describe, expect, it } from "vitest"
import { ReturnDocument as D } from "../../src/index.js"
import * as V from "../../src/Validation.js"

const doc = (cells: ReadonlyArray<D.Cell>, id = "t"): D.Document => ({
  returnId: "x",
  title: "X",
  period: "2024-25",
  sheets: [
    {
      name: "S",
      title: "S",
      tables: [
        {
          id,
          title: "Table",
          rowHeaders: ["Row"],
          columnHeaders: [cells.map((_, i) => `c${i}`)],
          rows: [{ header: ["r"], cells }],
        },
      ],
    },
  ],
  findings: [],
  notes: [],
  queries: { q: { description: "q" } },
})

describe("consistency rules", () => {
  it("atMost: an error with both figures when a subset is larger than its set; silent otherwise", () => {
    const a = { label: "LTS001b", value: 5 }
    const b = { label: "LTS001a", value: 4 }
    const [f] = V.atMost("subset", "LTS001b within LTS001a", a, b, { sheet: "LTS001b", table: "t" })
    expect(f).toMatchObject({
      severity: "error",
      rule: "subset",
      sheet: "LTS001b",
      table: "t",
      figures: [a, b],
    })
    expect(f!.message).toBe("LTS001b within LTS001a: LTS001b (5) is more than LTS001a (4).")
    expect(V.atMost("subset", "x", { label: "a", value: 4 }, b)).toEqual([])
    expect(V.atMost("subset", "x", { label: "a", value: null }, b)).toEqual([])
  })

  it("equal and required", () => {
    expect(V.equal("eq", "x", { label: "a", value: 3 }, { label: "b", value: 4 })[0]?.severity).toBe("error")
    expect(V.equal("eq", "x", { label: "a", value: 4 }, { label: "b", value: 4 })).toEqual([])
    expect(V.required("req", "no data", { label: "n", value: 0 })[0]).toMatchObject({
      severity: "error",
      message: "no data",
    })
    expect(V.required("req", "no data", { label: "n", value: 3 })).toEqual([])
    expect(V.flagged("f", "m", 0)).toEqual([])
    expect(V.flagged("f", "m", 2)[0]?.severity).toBe("query")
  })

  it("impossibleValues: negative, fractional counts and percentages over 100 are errors", () => {
    const bad = doc([
      D.count(-1, "q"),
      D.count(2.5, "q"),
      D.measure(101, "percent1", "q"),
      D.measure(Number.NaN, "decimal1", "q"),
    ])
    expect(V.impossibleValues(bad).map((f) => f.message)).toEqual([
      "Table, r, c0: -1 is not a possible value (negative or not a number).",
      "Table, r, c1: a count of 2.5 is not a whole number.",
      "Table, r, c2: 101% is above 100%.",
      "Table, r, c3: NaN is not a possible value (negative or not a number).",
    ])
    expect(V.impossibleValues(doc([D.measure(130, "percent0", "q")]), { percentOver100: ["t"] })).toEqual([])
    expect(V.impossibleValues(doc([D.count(0, "q"), D.measure(100, "percent1", "q")]))).toEqual([])
  })

  it("mandatoryCells: a mandatory cell without a figure is an error", () => {
    const [f] = V.mandatoryCells(
      doc([D.count(1, "q"), D.measure(null, "integer", "q", "[x]"), D.count(null, "q")]),
      ["t"],
    )
    expect(f).toMatchObject({
      severity: "error",
      rule: "mandatory-cells",
      figures: [{ label: "cells without a figure", value: 2 }],
    })
    expect(V.mandatoryCells(doc([D.count(1, "q")]), ["t"])).toEqual([])
    expect(V.mandatoryCells(doc([D.count(null, "q")]), ["other"])).toEqual([])
  })
})

describe("year-on-year swings", () => {
  const periods = { current: "2024-25", previous: "2023-24" }
  const count = (key: string, value: number | null) => ({ key, label: key, value, kind: "count" as const })
  const pct = (value: number, base: number) => ({
    key: "p",
    label: "p",
    value,
    kind: "percent" as const,
    base,
  })

  it("queries a count moving by at least 20% and at least 10, with both years side by side", () => {
    const [f] = V.swings([count("a", 130)], [count("a", 100)], periods)
    expect(f).toMatchObject({
      severity: "query",
      rule: "year-on-year",
      figures: [
        { label: "2023-24", value: 100 },
        { label: "2024-25", value: 130 },
        { label: "change", value: "+30 (+30.0%)" },
      ],
    })
    expect(V.swings([count("a", 119)], [count("a", 100)], periods)).toEqual([]) // 19%
    expect(V.swings([count("a", 14)], [count("a", 10)], periods)).toEqual([]) // 40% but only 4
    expect(V.swings([count("a", 0)], [count("a", 12)], periods)).toHaveLength(1) // −100%
    expect(V.swings([count("a", 12)], [count("a", 0)], periods)[0]?.figures?.[2]).toEqual({
      label: "change",
      value: "new this year",
    })
    expect(V.swings([count("a", 9)], [count("a", 0)], periods)).toEqual([])
    expect(V.swings([count("a", null)], [count("a", 100)], periods)).toEqual([])
    expect(V.swings([count("b", 500)], [count("a", 100)], periods)).toEqual([])
  })

  it("queries a percentage moving by 10 points or more when both years have enough cases", () => {
    expect(V.swings([pct(40, 50)], [pct(55, 60)], periods)[0]?.figures?.[2]).toEqual({
      label: "change",
      value: "-15.0 points",
    })
    expect(V.swings([pct(46, 50)], [pct(55, 60)], periods)).toEqual([])
    expect(V.swings([pct(33, 3)], [pct(100, 1)], periods)).toEqual([]) // too few cases
  })

  it("follows the configured thresholds", () => {
    const tight = { percent: 5, minimum: 1, points: 2 }
    expect(V.swings([count("a", 106)], [count("a", 100)], periods, tight)).toHaveLength(1)
    expect(V.swings([count("a", 106)], [count("a", 100)], periods)).toEqual([])
  })

  it("hasData and summary", () => {
    expect(V.hasData([count("a", 0), count("b", null)])).toBe(false)
    expect(V.hasData([count("a", 0), count("b", 2)])).toBe(true)
    const d = V.withFindings(doc([D.count(1, "q")]), [
      { severity: "error", rule: "e", message: "e" },
      { severity: "query", rule: "q", message: "q" },
      { severity: "query", rule: "q", message: "q" },
    ])
    expect(V.summary(d)).toEqual({ errors: 1, queries: 2 })
  })
})
