import { Either, Option, Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as Catalogue from "../src/Catalogue.js"
import * as Ascof2014 from "../src/catalogue/Ascof2014.js"
import * as Measure from "../src/Measure.js"

/** ODS-2425 sheet "Contents": metric → "2022 to 2023 Code", verbatim (examples/data/ascof-2024-25.ods). */
const odsContents2022Codes: Record<string, string> = {
  "1A": "1A",
  "1B": "1J",
  "1C": "1D",
  "1D": "3A",
  "1E": "3B",
  "2A": "2D",
  "2B": "2A(1)",
  "2C": "2A(2)",
  "2D(1)": "2B(1)",
  "2D(2)": "2B(2)",
  "2E(1)": "1G",
  "2E(2a)": "Not applicable",
  "2E(2b)": "Not applicable",
  "3A": "1B",
  "3B": "3C",
  "3C(1)": "3D(1)",
  "3C(2)": "3D(2)",
  "3D(1a)": "1C(1a)",
  "3D(2a)": "1C(1b)",
  "4A": "4A",
  "4B": "Not applicable",
  "5A(1)": "1I(1)",
  "5A(2)": "1I(2)",
  "6A": "Not applicable",
  "6B": "Not applicable",
}
/** Not in Contents (not published in 2024-25); ODS-2425 Comparability_over_time_log. */
const comparabilityLogOnly: Record<string, string> = { "3D(1b)": "1C(1B)", "3D(2b)": "1C(2B)" }
/** The two documented corrections: 3D(2a)'s typo (log: 1C(2A)); 1C sub-codes upper-cased as in the log. */
const corrected = (metric: string, code: string): string =>
  metric === "3D(2a)"
    ? "1C(2A)"
    : code.replace(/^1C\((\d)([ab])\)$/, (_, n: string, l: string) => `1C(${n}${l.toUpperCase()})`)

const ascof2023Codes = [
  ...["1A", "1B", "1C", "1D", "1E", "2A", "2B", "2C", "2D(1)", "2D(2)", "2E(1)", "2E(2a)", "2E(2b)"],
  ...[
    "3A",
    "3B",
    "3C(1)",
    "3C(2)",
    "3D(1a)",
    "3D(1b)",
    "3D(2a)",
    "3D(2b)",
    "4A",
    "4B",
    "5A(1)",
    "5A(2)",
    "6A",
    "6B",
  ],
]
const ascof2014Codes = [
  ...[
    "1A",
    "1B",
    "1C(1A)",
    "1C(1B)",
    "1C(2A)",
    "1C(2B)",
    "1D",
    "1E",
    "1F",
    "1G",
    "1H",
    "1I(1)",
    "1I(2)",
    "1J",
  ],
  ...[
    "2A(1)",
    "2A(2)",
    "2B(1)",
    "2B(2)",
    "2C(1)",
    "2C(2)",
    "2C(3)",
    "2D",
    "3A",
    "3B",
    "3C",
    "3D(1)",
    "3D(2)",
  ],
  ...["4A", "4B"],
]

const codesOf = (ms: ReadonlyArray<Measure.Measure>) => ms.map((m) => m.code)
const ascof23 = (code: string) => Option.getOrThrow(Catalogue.find("ASCOF", "2023", code))
const hasSource = (m: Measure.Measure, id: Measure.DataSourceId) => m.source.some((s) => s.id === id)

const validUserMeasure = (code: string): Measure.MeasureInput => ({
  id: `LOCAL-TEST:${code}`,
  framework: "local",
  frameworkVersion: "test",
  code,
  title: `Test measure ${code}`,
  shortTitle: code,
  objective: { code: "T", name: "Test" },
  unit: "count",
  decimals: 0,
  polarity: "no-judgement",
  frequency: "monthly",
  source: [{ id: "local" }],
  numerator: "Things counted",
  suppression: { rule: "none", threshold: 0 },
})

describe("the built-in catalogue", () => {
  it("holds only measures that validate and re-encode unchanged", () => {
    const encode = Schema.encodeSync(Measure.Measure)
    for (const m of Catalogue.all) {
      const decoded = Measure.validate(encode(m))
      expect(Either.isRight(decoded), m.id).toBe(true)
      expect(encode(Either.getOrThrow(decoded))).toEqual(encode(m))
    }
  })

  it("has unique ids of the form PREFIX:code", () => {
    const ids = Catalogue.all.map((m) => m.id)
    expect(new Set(ids).size).toBe(ids.length)
    const prefix = { "ASCOF-2023": "ASCOF-2023", "ASCOF-2014": "ASCOF-2014", "SAC-2024": "SAC" } as Record<
      string,
      string
    >
    for (const m of Catalogue.all) {
      const expected =
        prefix[`${m.framework}-${m.frameworkVersion}`] ?? (m.framework === "local" ? "LOCAL" : m.framework)
      expect(m.id).toBe(`${expected}:${m.code}`)
    }
  })

  it("has short titles of at most 40 characters", () => {
    const tooLong = Catalogue.all.filter((m) => m.shortTitle.length > 40).map((m) => m.id)
    expect(tooLong).toEqual([])
  })

  it("summarises its frameworks", () => {
    expect(
      Catalogue.frameworks.map((f) => [f.framework, f.version, f.measureCount, f.objectives.length]),
    ).toEqual([
      ["ASCOF", "2023", 27, 6],
      ["ASCOF", "2014", 29, 4],
      ["SAC", "2024", 12, 4],
      ["DoLS", "2023", 7, 3],
      ["local", "example", 21, 6],
    ])
    expect(Catalogue.all).toHaveLength(27 + 29 + 12 + 7 + 21)
  })
})

describe("ASCOF 2023", () => {
  it("has all 27 measures and sub-measures in order", () => {
    expect(codesOf(Catalogue.ascof2023)).toEqual(ascof2023Codes)
    expect(new Set(Catalogue.ascof2023.map((m) => m.objective.name))).toEqual(
      new Set([
        "Quality of life",
        "Independence",
        "Empowerment (information and advice)",
        "Safety",
        "Social connections",
        "Continuity and quality of care",
      ]),
    )
  })

  it("has exactly the 2022-23 codes of the ODS Contents sheet (with the two documented corrections)", () => {
    const expected = { ...odsContents2022Codes, ...comparabilityLogOnly }
    expect(Object.keys(expected).sort()).toEqual([...ascof2023Codes].sort())
    for (const m of Catalogue.ascof2023) {
      const ods = expected[m.code]!
      expect(
        m.legacyCodes.map((c) => c.code),
        m.code,
      ).toEqual(ods === "Not applicable" ? [] : [corrected(m.code, ods)])
      for (const c of m.legacyCodes)
        expect(c).toEqual({ framework: "ASCOF", version: "2014", code: c.code, lastYear: "2022-23" })
    }
    expect(ascof23("3D(2a)").notes.join(" ")).toMatch(/1C\(1b\).*typo.*1C\(2A\)/)
  })

  it("publishes 1B to 3 decimal places and everything else to 1", () => {
    for (const m of Catalogue.ascof2023) expect(m.decimals, m.code).toBe(m.code === "1B" ? 3 : 1)
  })

  it("uses scores for 1A-1C, rates per 100,000 for 2B/2C and percentages otherwise", () => {
    const unitOf = (code: string) =>
      ["1A", "1B", "1C"].includes(code) ? "score" : ["2B", "2C"].includes(code) ? "rate-per-100k" : "percent"
    for (const m of Catalogue.ascof2023) expect(m.unit, m.code).toBe(unitOf(m.code))
    // Bury 2024-25 2C: 312 / 36,500 × 100,000 = 854.8 (domain.md §7.1)
    expect((312 / 36_500) * Measure.multiplierOf(ascof23("2C"))).toBeCloseTo(854.79, 2)
  })

  it("marks 2B, 2C and 6A lower-is-better and flags inferred polarity", () => {
    const lower = Catalogue.ascof2023.filter((m) => m.polarity === "lower-is-better").map((m) => m.code)
    expect(lower).toEqual(["2B", "2C", "6A"])
    expect(Catalogue.ascof2023.every((m) => m.polarity !== "no-judgement")).toBe(true)
    for (const code of ["2D(2)", "6A"]) expect(ascof23(code).notes.join(" "), code).toMatch(/inferred/i)
  })

  it("makes the SACE measures biennial and the rest annual", () => {
    const biennial = Catalogue.ascof2023.filter((m) => m.frequency === "biennial").map((m) => m.code)
    expect(biennial).toEqual(["1C", "1E", "3B", "3C(2)", "5A(2)"])
    expect(Catalogue.ascof2023.filter((m) => hasSource(m, "SACE")).map((m) => m.code)).toEqual(biennial)
    expect(Catalogue.ascof2023.every((m) => m.frequency === "biennial" || m.frequency === "annual")).toBe(
      true,
    )
    const old = Catalogue.ascof2014.filter((m) => m.frequency === "biennial").map((m) => m.code)
    expect(old).toEqual(["1D", "1I(2)", "3B", "3C", "3D(2)"])
  })

  it("breaks every CLD series in 2024-25, and 2D also for the 91-day → 12-week change", () => {
    const cld = Catalogue.ascof2023.filter((m) => hasSource(m, "CLD"))
    expect(codesOf(cld)).toEqual([
      ...["2A", "2B", "2C", "2D(1)", "2D(2)", "2E(1)", "2E(2a)", "2E(2b)"],
      ...["3D(1a)", "3D(1b)", "3D(2a)", "3D(2b)"],
    ])
    for (const m of cld) {
      expect(
        m.seriesBreaks.some((b) => b.fromYear === "2024-25" && /CLD|Client Level Data/.test(b.reason)),
        m.code,
      ).toBe(true)
      expect(m.suppression, m.code).toEqual({
        rule: "numerator-or-denominator",
        threshold: 5,
        roundCountsTo: 5,
        roundCountsAt: "aggregate",
      })
      expect(Measure.breaksBetween(m, "2023-24", "2024-25"), m.code).not.toHaveLength(0)
    }
    expect(
      ascof23("2D(1)").seriesBreaks.some((b) => /91 days/.test(b.reason) && /12 weeks/.test(b.reason)),
    ).toBe(true)
    expect(ascof23("1B").seriesBreaks.map((b) => b.fromYear)).toEqual(["2020-21", "2020-21"])
    expect(Measure.breaksBetween(ascof23("1A"), "2019-20", "2020-21")).toHaveLength(1)
  })

  it("suppresses survey, 4B, 6A and 6B values as published", () => {
    const survey = { rule: "respondents", threshold: 5, roundCountsTo: 5, roundCountsAt: "all" }
    for (const m of Catalogue.ascof2023.filter((m) => hasSource(m, "ASCS") || hasSource(m, "SACE")))
      expect(m.suppression, m.code).toEqual(survey)
    expect(ascof23("4B").suppression).toEqual({
      rule: "numerator-or-denominator",
      threshold: 5,
      roundCountsTo: 5,
      roundCountsAt: "all",
    })
    expect(ascof23("6A").suppression.rule).toBe("none")
    expect(ascof23("6B").suppression.rule).toBe("none")
    expect(ascof23("6A").numerator).toMatch(/not published/i)
    expect(ascof23("6A").denominator).toMatch(/not published/i)
  })

  it("leaves 3D(1b) and 3D(2b) unpublished and converts start years", () => {
    expect(Catalogue.ascof2023.filter((m) => !m.published).map((m) => m.code)).toEqual(["3D(1b)", "3D(2b)"])
    expect(ascof23("1A").firstYear).toBe("2010-11")
    expect(ascof23("1B").firstYear).toBe("2016-17")
    expect(ascof23("2A").firstYear).toBe("2024-25")
    expect(ascof23("4B").firstYear).toBe("2023-24")
  })
})

describe("ASCOF 2014 and the link to 2023", () => {
  it("has the 29 measures of the 2014 framework, ending in 2022-23 (2C in 2019-20)", () => {
    expect(codesOf(Catalogue.ascof2014)).toEqual(ascof2014Codes)
    for (const m of Catalogue.ascof2014)
      expect(m.lastYear, m.code).toBe(m.code.startsWith("2C") ? "2019-20" : "2022-23")
    expect(Catalogue.ascof2014.find((m) => m.code === "1J")?.decimals).toBe(3)
    const lower = Catalogue.ascof2014.filter((m) => m.polarity === "lower-is-better").map((m) => m.code)
    expect(lower).toEqual(["2A(1)", "2A(2)", "2C(1)", "2C(2)", "2C(3)"])
  })

  it("maps every 2023 legacy code to a 2014 measure and back", () => {
    expect(Ascof2014.successorOf.size).toBe(22)
    expect(Ascof2014.predecessorOf.size).toBe(22)
    for (const [oldId, newId] of Ascof2014.successorOf) {
      expect(Option.isSome(Catalogue.byId(oldId)), oldId).toBe(true)
      expect(Ascof2014.predecessorOf.get(newId)).toBe(oldId)
      expect(Option.map(Catalogue.successorOf(oldId), (m) => m.id)).toEqual(Option.some(newId))
      expect(Option.map(Catalogue.predecessorOf(newId), (m) => m.id)).toEqual(Option.some(oldId))
      const round = Option.flatMap(Catalogue.successorOf(oldId), Catalogue.predecessorOf)
      expect(Option.map(round, (m) => m.id)).toEqual(Option.some(oldId))
    }
    expect(Ascof2014.successorOf.get("ASCOF-2014:2D")).toBe("ASCOF-2023:2A")
    expect(Ascof2014.successorOf.get("ASCOF-2014:1C(2A)")).toBe("ASCOF-2023:3D(2a)")
    expect(Ascof2014.successorOf.get("ASCOF-2014:1J")).toBe("ASCOF-2023:1B")
  })

  it("has no successor for removed measures and no predecessor for new ones", () => {
    const noSuccessor = Catalogue.ascof2014
      .filter((m) => Option.isNone(Catalogue.successorOf(m)))
      .map((m) => m.code)
    expect(noSuccessor).toEqual(["1E", "1F", "1H", "2C(1)", "2C(2)", "2C(3)", "4B"])
    const noPredecessor = Catalogue.ascof2023
      .filter((m) => Option.isNone(Catalogue.predecessorOf(m)))
      .map((m) => m.code)
    expect(noPredecessor).toEqual(["2E(2a)", "2E(2b)", "4B", "6A", "6B"])
    expect(Option.isNone(Catalogue.successorOf("NOPE:1"))).toBe(true)
  })
})

describe("SAC, DoLS and local measures", () => {
  it("define the SAC conversion rates, rates per 100,000 and MSP measures", () => {
    const sac = (code: string) => Option.getOrThrow(Catalogue.byId(`SAC:${code}`))
    expect(sac("CONVERSION-RATE").numerator).toMatch(/Section 42 enquiries \+ other enquiries/)
    expect(sac("CONVERSION-RATE").polarity).toBe("no-judgement")
    expect(sac("CONVERSION-RATE-S42").notes.join(" ")).toMatch(/many councils/i)
    expect(sac("S42-PER-100K").unit).toBe("rate-per-100k")
    expect(sac("MSP-ASKED").notes.join(" ")).toMatch(/\[U\]/)
    for (const code of ["MSP-ASKED", "MSP-FULLY-ACHIEVED", "MSP-ACHIEVED"])
      expect(sac(code).polarity).toBe("higher-is-better")
    for (const m of Catalogue.sac.filter((m) => m.unit === "count")) {
      expect(m.polarity).toBe("no-judgement")
      expect(m.suppression).toEqual({ rule: "count", threshold: 5, roundCountsTo: 5, roundCountsAt: "all" })
    }
  })

  it("define the DoLS timeliness measures", () => {
    const dols = (code: string) => Option.getOrThrow(Catalogue.byId(`DoLS:${code}`))
    expect(dols("COMPLETED-WITHIN-21-DAYS")).toMatchObject({ unit: "percent", polarity: "higher-is-better" })
    expect(dols("MEAN-DAYS-TO-COMPLETE")).toMatchObject({ unit: "days", polarity: "lower-is-better" })
    expect(dols("URGENT-SHARE").polarity).toBe("no-judgement")
  })

  it("define the local highlight-report measures", () => {
    const local = (code: string) => Option.getOrThrow(Catalogue.byId(`LOCAL:${code}`))
    expect(local("NA-WAITING-LIST")).toMatchObject({
      unit: "count",
      polarity: "lower-is-better",
      frequency: "monthly",
    })
    expect(local("NA-MEDIAN-DAYS")).toMatchObject({
      unit: "days",
      polarity: "lower-is-better",
      frequency: "monthly",
    })
    expect(local("ST-NO-FURTHER-REQUEST").notes.join(" ")).toMatch(/ASCOF-2023:2A/)
    expect(local("AT-HOME-91-DAYS").notes.join(" ")).toMatch(/ASCOF-2014:2B\(1\)/)
    for (const m of Catalogue.local.filter((m) => m.suppression.rule === "none"))
      expect(m.notes.join(" "), m.id).toMatch(/internal/i)
  })
})

describe("the measures issue 2 asks for, pinned by id", () => {
  // Each listed measure of the foundation issue (§4), with the id users and reports refer to it by. Renaming or
  // dropping one of these ids is a breaking change: this table is the check.
  const pinned: ReadonlyArray<
    readonly [asked: string, id: string, expected: Partial<Record<"unit" | "polarity" | "frequency", string>>]
  > = [
    // SAC: both conversion-rate definitions, MSP asked %, outcomes fully or partly achieved %, s42 per 100k
    ["SAC conversion rate (all enquiries)", "SAC:CONVERSION-RATE", { unit: "percent" }],
    ["SAC conversion rate (s42 only)", "SAC:CONVERSION-RATE-S42", { unit: "percent" }],
    ["SAC MSP asked %", "SAC:MSP-ASKED", { unit: "percent", polarity: "higher-is-better" }],
    [
      "SAC outcomes fully achieved %",
      "SAC:MSP-FULLY-ACHIEVED",
      { unit: "percent", polarity: "higher-is-better" },
    ],
    [
      "SAC outcomes fully or partly achieved %",
      "SAC:MSP-ACHIEVED",
      { unit: "percent", polarity: "higher-is-better" },
    ],
    ["SAC s42 per 100k", "SAC:S42-PER-100K", { unit: "rate-per-100k" }],
    // DoLS: applications, % of standard applications completed within 21 days, mean days to complete
    ["DoLS applications", "DoLS:APPLICATIONS-RECEIVED", { unit: "count" }],
    [
      "DoLS % standard within 21 days",
      "DoLS:COMPLETED-WITHIN-21-DAYS",
      { unit: "percent", polarity: "higher-is-better" },
    ],
    [
      "DoLS mean days to complete",
      "DoLS:MEAN-DAYS-TO-COMPLETE",
      { unit: "days", polarity: "lower-is-better" },
    ],
    // local: the quarterly highlight report's measures
    [
      "needs-assessment waiting list",
      "LOCAL:NA-WAITING-LIST",
      { unit: "count", polarity: "lower-is-better" },
    ],
    ["median days waiting", "LOCAL:NA-MEDIAN-DAYS", { unit: "days", polarity: "lower-is-better" }],
    ["safeguarding outcomes asked", "LOCAL:MSP-ASKED", { unit: "percent", polarity: "higher-is-better" }],
    [
      "safeguarding outcomes met",
      "LOCAL:MSP-OUTCOMES-MET",
      { unit: "percent", polarity: "higher-is-better" },
    ],
    ["short-term services, no further request", "LOCAL:ST-NO-FURTHER-REQUEST", { unit: "percent" }],
    ["65+ at home after hospital discharge", "LOCAL:AT-HOME-91-DAYS", { unit: "percent" }],
    ["people trained in the progression model", "LOCAL:PROGRESSION-MODEL-TRAINED", { unit: "count" }],
    ["ease of finding information", "LOCAL:EASY-TO-FIND-INFO", { unit: "percent" }],
    ["social contact", "LOCAL:SOCIAL-CONTACT", { unit: "percent" }],
    ["feedback received", "LOCAL:FEEDBACK-RECEIVED", { unit: "count" }],
    ["new carers registered", "LOCAL:NEW-CARERS", { unit: "count" }],
  ]
  const frameworkOf = { SAC: "SAC", DoLS: "DoLS", LOCAL: "local" } as const

  it.each(pinned)("%s is %s", (_asked, id, expected) => {
    const m = Option.getOrThrowWith(
      Catalogue.byId(id),
      () => new Error(`${id} is missing from the catalogue`),
    )
    const [prefix, code] = id.split(":") as [keyof typeof frameworkOf, string]
    expect(m).toMatchObject({ id, code, framework: frameworkOf[prefix], ...expected })
    expect(Catalogue.all).toContain(m)
  })

  it("lists each framework's pinned measures in its own list", () => {
    const ids = (ms: ReadonlyArray<Measure.Measure>) => new Set<string>(ms.map((m) => m.id))
    for (const [, id] of pinned) {
      const list = id.startsWith("SAC:")
        ? Catalogue.sac
        : id.startsWith("DoLS:")
          ? Catalogue.dols
          : Catalogue.local
      expect(ids(list).has(id), id).toBe(true)
    }
  })
})

describe("lookups", () => {
  it("finds measures by id and by framework code", () => {
    expect(Option.map(Catalogue.byId("ASCOF-2023:2C"), (m) => m.code)).toEqual(Option.some("2C"))
    expect(Option.isNone(Catalogue.byId("ascof-2023:2c"))).toBe(true)
    expect(Option.map(Catalogue.find("ASCOF", "2014", "2A(2)"), (m) => m.id)).toEqual(
      Option.some("ASCOF-2014:2A(2)"),
    )
    expect(Option.map(Catalogue.find("ascof", "2023", "3d(2A)"), (m) => m.id)).toEqual(
      Option.some("ASCOF-2023:3D(2a)"),
    )
    expect(Option.isNone(Catalogue.find("ASCOF", "2023", "2F"))).toBe(true)
  })

  it("names near matches when an id is unknown", () => {
    const error = Either.flip(Catalogue.get("ASCOF-2023:2c"))
    expect(Either.isRight(error)).toBe(true)
    const e = Either.getOrThrow(error)
    expect(e._tag).toBe("MeasureDefinitionError")
    expect(e.id).toBe("ASCOF-2023:2c")
    expect(e.message).toMatch(/Unknown measure id "ASCOF-2023:2c"\. Did you mean ASCOF-2023:2C/)
    expect(Either.getOrThrow(Either.flip(Catalogue.get("SAC:CONVERSION"))).message).toContain(
      "SAC:CONVERSION-RATE",
    )
    expect(Either.getOrThrow(Either.flip(Catalogue.get("zzz"))).message).toMatch(/No id is close/)
    expect(Either.map(Catalogue.get("DoLS:GRANTED"), (m) => m.unit)).toEqual(Either.right("percent"))
  })
})

describe("define", () => {
  it("builds a user catalogue, on its own or on top of the built-in one", () => {
    const own = Either.getOrThrow(
      Catalogue.define([validUserMeasure("A"), Measure.make(validUserMeasure("B"))]),
    )
    expect(own.all.map((m) => m.id)).toEqual(["LOCAL-TEST:A", "LOCAL-TEST:B"])
    expect(own.frameworks).toEqual([
      { framework: "local", version: "test", measureCount: 2, objectives: [{ code: "T", name: "Test" }] },
    ])
    const extended = Either.getOrThrow(Catalogue.define([validUserMeasure("A")], { base: Catalogue.builtIn }))
    expect(extended.all).toHaveLength(Catalogue.all.length + 1)
    expect(Either.isRight(extended.get("ASCOF-2023:1A"))).toBe(true)
  })

  it("links a user measure to its predecessor through legacyCodes", () => {
    const renamed = {
      ...validUserMeasure("NEW"),
      legacyCodes: [{ framework: "local", version: "test", code: "A", lastYear: "2024-25" }],
    }
    const cat = Either.getOrThrow(Catalogue.define([validUserMeasure("A"), renamed]))
    expect(Option.map(cat.successorOf("LOCAL-TEST:A"), (m) => m.id)).toEqual(Option.some("LOCAL-TEST:NEW"))
    expect(Option.map(cat.predecessorOf("LOCAL-TEST:NEW"), (m) => m.id)).toEqual(Option.some("LOCAL-TEST:A"))
  })

  it("rejects duplicate ids, within the inputs and against the base", () => {
    const result = Catalogue.define([validUserMeasure("A"), validUserMeasure("A")])
    const e = Either.getOrThrow(Either.flip(result))
    expect(e.id).toBe("LOCAL-TEST:A")
    expect(e.message).toBe("Invalid catalogue: 1 problem\n- duplicate id LOCAL-TEST:A: #1 and #2")
    const clash = { ...validUserMeasure("1A"), id: "ASCOF-2023:1A" }
    const withBase = Either.getOrThrow(Either.flip(Catalogue.define([clash], { base: Catalogue.builtIn })))
    expect(withBase.message).toContain("duplicate id ASCOF-2023:1A: base catalogue and #1")
  })

  it("rejects invalid definitions with a readable error naming each one", () => {
    const badUnit = { ...validUserMeasure("B"), unit: "percentage" }
    const badId = { ...validUserMeasure("C"), id: "no colon here" }
    const e = Either.getOrThrow(Either.flip(Catalogue.define([validUserMeasure("A"), badUnit, badId, 42])))
    expect(e.id).toBe("LOCAL-TEST:B")
    expect(e.message).toMatch(/^Invalid catalogue: 3 problems\n/)
    expect(e.message).toContain("- #2 (LOCAL-TEST:B): Invalid measure definition:")
    expect(e.message).toMatch(/unit[\s\S]*"percentage"/)
    expect(e.message).toContain("- #3 (no colon here): Invalid measure definition:")
    expect(e.message).toContain("a measure id is FRAMEWORK[-VERSION]:CODE")
    expect(e.message).toContain("- #4: Invalid measure definition:")
  })

  it("makes Measure.make throw the readable error too", () => {
    expect(() => Measure.make({ ...validUserMeasure("A"), decimals: 9 })).toThrow(/decimals/)
  })
})
