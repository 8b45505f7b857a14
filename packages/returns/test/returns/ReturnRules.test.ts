/**
 * Every rule of the SALT-style, SAC and DoLS returns' validation (`validate(figures, previous?)`), on crafted
 * figures: each fault fires its rule alone, with its severity and a message naming the figures compared, and the
 * clean figures are silent. Most of these rules cannot be broken through the warehouse (the SQL guarantees them);
 * the data-level faults that can be crafted are in Salt/Sac/Dols.test.ts.
 */
import { describe, expect, it } from "vitest"
import type { ReturnDocument as Doc } from "../../src/index.js"
import * as Dols from "../../src/returns/dols/validate.js"
import * as Sac from "../../src/returns/sac/validate.js"
import * as Salt from "../../src/returns/salt/validate.js"

/** A fault: how it changes the clean figures, the rule it fires, its severity, and what the message must name. */
interface Fault<F> {
  readonly rule: string
  readonly severity: "error" | "query"
  readonly fault: (f: F) => F
  /** Text the message must contain (the figures it compares, as shown). */
  readonly names: ReadonlyArray<string>
  /** How many findings of the rule (per band or activity rules fire once per band or activity broken). */
  readonly count?: number
  /** The message names the parts of its one figure, not the figure itself. */
  readonly partsNamed?: boolean
}

const shown = (n: number) => n.toLocaleString("en-GB")

/** Checks a fault fires its rule, and only it, with figures the message names. */
const fires = <F>(validate: (f: F) => ReadonlyArray<Doc.Finding>, clean: F, c: Fault<F>) => {
  const found = validate(c.fault(clean))
  expect(found.map((f) => f.rule)).toEqual(Array.from({ length: c.count ?? 1 }, () => c.rule))
  for (const f of found) {
    expect(f.severity).toBe(c.severity)
    for (const n of c.names) expect(f.message).toContain(n)
    // a comparison names each of its figures, with its value, in the message
    // a comparison names both figures with their values; a count of records, its number
    const figures = f.figures ?? []
    if (figures.length === 2)
      for (const fig of figures) expect(f.message).toContain(`${fig.label} (${shown(Number(fig.value))})`)
    else if (figures.length === 1 && Number(figures[0]!.value) > 0 && !c.partsNamed)
      expect(f.message).toContain(shown(Number(figures[0]!.value)))
  }
}

describe("SALT-style tables: validate", () => {
  const clean: Salt.Figures = {
    period: "2024-25",
    snapshot: "2025-03-31",
    keyFigures: [
      { key: "sts001-65+", label: "STS001 requests 65+", value: 400, kind: "count", sheet: "STS001" },
      { key: "lts001a-65+", label: "LTS001a clients 65+", value: 300, kind: "count", sheet: "LTS001a" },
    ],
    sts001StMax: { "18-64": 5, "65+": 20 },
    sts001Unclassified: 0,
    sts002a: { "18-64": 4, "65+": 18 },
    sts004: { discharged: 10, atHome: 8 },
    lts001a: { "18-64": 100, "65+": 300 },
    lts001b: { "18-64": 80, "65+": 250 },
    lts001bAllAges: 400,
    lts001bByGender: 400,
    lts001c: { "18-64": 60, "65+": 200 },
    psrUnknown: 0,
    lts002a: { "18-64": 30, "65+": 90 },
    lts002b: { "18-64": 20, "65+": 70 },
    lts004: { cohort: 40, table1: 40, table2: 40 },
  }
  const faults: ReadonlyArray<Fault<Salt.Figures>> = [
    {
      rule: "sts001-unclassified",
      severity: "query",
      fault: (f) => ({ ...f, sts001Unclassified: 3 }),
      names: ["STS001: 3 requests had no sequel"],
    },
    {
      rule: "sts002a-within-sts001",
      severity: "error",
      fault: (f) => ({ ...f, sts002a: { ...f.sts002a, "65+": 25 } }),
      names: [
        "STS002a aged 65 and over",
        "STS002a episodes (25)",
        "STS001 requests with an ST-Max sequel (20)",
      ],
    },
    {
      rule: "sts002a-within-sts001",
      severity: "error",
      fault: (f) => ({ ...f, sts002a: { "18-64": 6, "65+": 21 } }),
      names: ["is more than"],
      count: 2,
    },
    {
      rule: "sts004-within-denominator",
      severity: "error",
      fault: (f) => ({ ...f, sts004: { discharged: 10, atHome: 12 } }),
      names: ["at home after 91 days (12)", "discharged into reablement (10)"],
    },
    {
      rule: "lts001a-has-data",
      severity: "error",
      fault: (f) => {
        const none = { "18-64": 0, "65+": 0 }
        return {
          ...f,
          sts001StMax: none,
          sts002a: none,
          lts001a: none,
          lts001b: none,
          lts001c: none,
          lts002a: none,
          lts002b: none,
        }
      },
      names: ["no client is in long-term support in 2024-25"],
    },
    {
      rule: "lts001b-within-lts001a",
      severity: "error",
      fault: (f) => ({ ...f, lts001b: { ...f.lts001b, "18-64": 120 } }),
      names: ["LTS001b aged 18-64: clients on 2025-03-31", "LTS001b (120)", "LTS001a (100)"],
    },
    {
      rule: "lts001b-tables-1-within-2",
      severity: "error",
      fault: (f) => ({ ...f, lts001bAllAges: 320, lts001bByGender: 320 }),
      names: ["tables 1a + 1b (330)", "table 2 (320)"],
    },
    {
      rule: "lts001b-tables-3-within-2",
      severity: "error",
      fault: (f) => ({ ...f, lts001bByGender: 410 }),
      names: ["tables 3a + 3b + 3c (410)", "table 2 (400)"],
    },
    {
      rule: "lts001c-within-lts001b",
      severity: "error",
      fault: (f) => ({ ...f, lts001c: { ...f.lts001c, "65+": 260 } }),
      names: ["LTS001c aged 65 and over", "LTS001c (260)", "LTS001b (250)"],
    },
    {
      rule: "lts001-psr-unknown",
      severity: "query",
      fault: (f) => ({ ...f, psrUnknown: 7 }),
      names: ["LTS001a–c: 7 client counts have no primary support reason"],
    },
    {
      rule: "lts002a-within-lts001a",
      severity: "error",
      fault: (f) => ({ ...f, lts002a: { ...f.lts002a, "18-64": 101 } }),
      names: ["LTS002a (101)", "LTS001a (100)"],
    },
    {
      rule: "lts002b-within-lts001c",
      severity: "error",
      fault: (f) => ({ ...f, lts002b: { ...f.lts002b, "65+": 201 } }),
      names: ["LTS002b (201)", "LTS001c (200)"],
    },
    {
      rule: "lts004-table-1-cohort",
      severity: "error",
      fault: (f) => ({ ...f, lts004: { ...f.lts004, table1: 39 } }),
      names: ["table 1 total (39) differs from clients in the cohort (40)"],
    },
    {
      rule: "lts004-table-2-cohort",
      severity: "error",
      fault: (f) => ({ ...f, lts004: { ...f.lts004, table2: 41 } }),
      names: ["tables 2a + 2b + not recorded (41)", "clients in the cohort (40)"],
    },
  ]

  it("is silent on clean figures, with or without STS004, and against a similar last year", () => {
    expect(Salt.validate(clean)).toEqual([])
    expect(Salt.validate({ ...clean, sts004: undefined })).toEqual([])
    expect(Salt.validate(clean, { ...clean, period: "2023-24" })).toEqual([])
  })

  for (const c of faults)
    it(`fires ${c.rule} (${c.severity}) on a crafted fault${c.count ? ` in ${c.count} bands` : ""}`, () =>
      fires(Salt.validate, clean, c))

  it("queries a large year-on-year swing with both years side by side; none when last year has no data", () => {
    const last: Salt.Figures = {
      ...clean,
      period: "2023-24",
      keyFigures: clean.keyFigures.map((k) => (k.key === "lts001a-65+" ? { ...k, value: 200 } : k)),
    }
    const found = Salt.validate(clean, last)
    expect(found.map((f) => `${f.severity} ${f.rule} ${f.sheet}`)).toEqual(["query year-on-year LTS001a"])
    expect(found[0]!.message).toBe(
      "LTS001a clients 65+: 200 in 2023-24, 300 in 2024-25 (+100 (+50.0%)). Explain the change before submission.",
    )
    const empty = { ...last, keyFigures: last.keyFigures.map((k) => ({ ...k, value: 0 })) }
    expect(Salt.validate(clean, empty)).toEqual([])
  })
})

describe("Safeguarding Adults Collection: validate", () => {
  const clean: Sac.Figures = {
    period: "2024-25",
    activities: {
      concerns: { sg1a: 50, sg1b: 50, sg1c: 50, sg1d: 50, sg1f: 60 },
      s42: { sg1a: 30, sg1b: 30, sg1c: 30, sg1d: 30, sg1f: 35 },
      other: { sg1a: 10, sg1b: 10, sg1c: 10, sg1d: 10, sg1f: 12 },
    },
    concluded: 30,
    sg2c: 30,
    sg2cIdentifiedAction: 12,
    sg2e: 10,
    sg3aLackedCapacity: 8,
    sg3aAdvocate: 5,
    sg3aAll: 30,
    sg4aAsked: 30,
    sg4aExpressed: 20,
    sg4aAchieved: 18,
    conversion: 78,
    mspAchieved: 80,
    unplaced: {
      sg2cOutcome: 0,
      noRisk: 0,
      riskTypeOrLocation: 0,
      riskSource: 0,
      labels: 0,
      advocateWithoutCapacity: 0,
      noPerson: 0,
      under18: 0,
      enquiryType: 0,
    },
  }
  const activity = (a: Sac.Activity, change: Partial<Sac.ActivityFigures>) => (f: Sac.Figures) => ({
    ...f,
    activities: { ...f.activities, [a]: { ...f.activities[a], ...change } },
  })
  const unplaced = (change: Partial<Sac.Unplaced>) => (f: Sac.Figures) => ({
    ...f,
    unplaced: { ...f.unplaced, ...change },
  })
  const faults: ReadonlyArray<Fault<Sac.Figures>> = [
    {
      rule: "sg1a-within-sg1f",
      severity: "error",
      fault: activity("concerns", { sg1f: 45 }),
      names: ["SG1a Safeguarding Concerns", "SG1a individuals (50)", "SG1f cases (45)"],
    },
    {
      rule: "sg1b-equals-sg1a",
      severity: "error",
      fault: activity("s42", { sg1b: 29 }),
      names: ["SG1b Section 42 Enquiries", "SG1b total (29) differs from SG1a total (30)"],
    },
    {
      rule: "sg1c-equals-sg1a",
      severity: "error",
      fault: activity("other", { sg1c: 11 }),
      names: ["SG1c Other Enquiries", "SG1c total (11)", "SG1a total (10)"],
    },
    {
      rule: "sg1d-equals-sg1a",
      severity: "error",
      fault: activity("concerns", { sg1d: 51 }),
      names: ["SG1d total (51)", "SG1a total (50)"],
    },
    {
      rule: "sg1f-s42-mandatory",
      severity: "error",
      fault: activity("s42", { sg1a: 0, sg1b: 0, sg1c: 0, sg1d: 0, sg1f: 0 }),
      names: ["no section 42 enquiries started in 2024-25"],
    },
    {
      rule: "sg2c-within-concluded",
      severity: "error",
      fault: (f) => ({ ...f, sg2c: 31 }),
      names: ["SG2c total (31)", "concluded section 42 enquiries (30)"],
    },
    {
      rule: "sg2e-within-sg2c",
      severity: "error",
      fault: (f) => ({ ...f, sg2e: 13 }),
      names: ["SG2e total (13)", "SG2c risk identified and action taken (12)"],
    },
    {
      rule: "sg3a-advocate-within-yes",
      severity: "error",
      fault: (f) => ({ ...f, sg3aAdvocate: 9 }),
      names: ["supported by an advocate, family or friend (9)", "lacked capacity (8)"],
    },
    {
      rule: "sg3a-equals-concluded",
      severity: "error",
      fault: (f) => ({ ...f, sg3aAll: 29 }),
      names: ["SG3a yes + no + don't know + not recorded (29)", "concluded section 42 enquiries (30)"],
    },
    {
      rule: "sg4a-achieved-within-expressed",
      severity: "error",
      fault: (f) => ({ ...f, sg4aAchieved: 21 }),
      names: ["fully + partially + not achieved (21)", "asked and outcomes expressed (20)"],
    },
    {
      rule: "sg4a-asked-within-concluded",
      severity: "error",
      fault: (f) => ({ ...f, sg4aAsked: 31 }),
      names: ["SG4a total (31)", "concluded section 42 enquiries (30)"],
    },
    {
      rule: "sg2c-not-recorded",
      severity: "query",
      fault: unplaced({ sg2cOutcome: 2 }),
      names: ["SG2c: 2 concluded section 42 enquiries have no (or an unrecognised) risk assessment outcome"],
    },
    {
      rule: "sg2-no-risk",
      severity: "query",
      fault: unplaced({ noRisk: 3 }),
      names: ["3 concluded section 42 enquiries record no type of risk"],
    },
    {
      rule: "sg2-unrecognised",
      severity: "query",
      fault: unplaced({ riskTypeOrLocation: 2, riskSource: 1 }),
      names: ["2 risk records have a type or location not on the SAC lists", "1 have no recognised source"],
      partsNamed: true,
    },
    {
      rule: "sg-labels-unrecognised",
      severity: "query",
      fault: unplaced({ labels: 4 }),
      names: ["SG2e/SG3a/SG4a: 4 answers are not on the SAC lists"],
    },
    {
      rule: "sg3a-advocate-without-capacity",
      severity: "query",
      fault: unplaced({ advocateWithoutCapacity: 1 }),
      names: ["SG3a: 1 concluded section 42 enquiries record support from an advocate"],
    },
    {
      rule: "sg1-no-person",
      severity: "query",
      fault: unplaced({ noPerson: 2 }),
      names: ["SG1: 2 concerns or enquiries have no person id"],
    },
    {
      rule: "sg1a-under-18",
      severity: "query",
      fault: unplaced({ under18: 1 }),
      names: ["SG1a: 1 individuals were under 18"],
    },
    {
      rule: "sg1f-enquiry-type",
      severity: "query",
      fault: unplaced({ enquiryType: 5 }),
      names: ["SG1f: 5 enquiries started in the year are neither section 42 nor other enquiries"],
    },
    {
      rule: "conversion-over-100",
      severity: "query",
      fault: (f) => ({ ...f, conversion: 120 }),
      names: ["The conversion rate is 120%", "enquiries (47), concerns (60)"],
    },
  ]

  it("is silent on clean figures, a conversion rate of exactly 100% or none, and a similar last year", () => {
    expect(Sac.validate(clean)).toEqual([])
    expect(Sac.validate({ ...clean, conversion: 100 })).toEqual([])
    expect(Sac.validate({ ...clean, conversion: null, mspAchieved: null })).toEqual([])
    expect(Sac.validate(clean, { ...clean, period: "2023-24" })).toEqual([])
  })

  for (const c of faults)
    it(`fires ${c.rule} (${c.severity}) on a crafted fault`, () => fires(Sac.validate, clean, c))

  it("conversion-over-100 gives the enquiries and concerns behind the rate", () => {
    const [f] = Sac.validate({ ...clean, conversion: 120 })
    expect(f).toMatchObject({ sheet: "Measures", table: "measures" })
    expect(f!.figures).toEqual([
      { label: "enquiries", value: 47 }, // 35 + 12
      { label: "concerns", value: 60 },
    ])
  })

  it("queries large year-on-year swings (counts and percentages) with both years; none without last year's data", () => {
    const last: Sac.Figures = {
      ...clean,
      period: "2023-24",
      activities: { ...clean.activities, concerns: { ...clean.activities.concerns, sg1f: 40 } },
      conversion: 60,
    }
    const found = Sac.validate(clean, last)
    expect(found.map((f) => `${f.rule} ${f.table}`)).toEqual(["year-on-year SG1f", "year-on-year measures"])
    expect(found[0]!.figures).toEqual([
      { label: "2023-24", value: 40 },
      { label: "2024-25", value: 60 },
      { label: "change", value: "+20 (+50.0%)" },
    ])
    expect(found[1]!.message).toContain("Conversion rate: 60 in 2023-24, 78 in 2024-25 (+18.0 points)")
    const none: Sac.Figures = {
      ...clean,
      period: "2023-24",
      activities: {
        concerns: { sg1a: 0, sg1b: 0, sg1c: 0, sg1d: 0, sg1f: 0 },
        s42: { sg1a: 0, sg1b: 0, sg1c: 0, sg1d: 0, sg1f: 0 },
        other: { sg1a: 0, sg1b: 0, sg1c: 0, sg1d: 0, sg1f: 0 },
      },
      concluded: 0,
      conversion: null,
      mspAchieved: null,
    }
    expect(Sac.validate(clean, none)).toEqual([])
  })
})

describe("DoLS: validate", () => {
  const clean: Dols.Figures = {
    period: "2024-25",
    summary: {
      received: 100,
      received_urgent: 60,
      received_urgency_unknown: 0,
      completed: 90,
      granted: 50,
      not_granted: 30,
      withdrawn: 10,
      standard_completed: 40,
      within_21: 10,
      completed_urgency_unknown: 0,
      days_total: 9000,
      not_completed: 30,
      active: 130,
    },
    casesListed: 130,
    problems: [],
  }
  const references = "dols-references-to-add"
  const without = (found: ReadonlyArray<Doc.Finding>) => found.filter((f) => f.rule !== references)
  const validate = (f: Dols.Figures) => without(Dols.validate(f))
  const summary = (change: Partial<Dols.Summary>) => (f: Dols.Figures) => ({
    ...f,
    summary: { ...f.summary, ...change },
  })
  const problem = (rule: string, severity: "error" | "query") => (f: Dols.Figures) => ({
    ...f,
    problems: [
      { severity, rule, n: 4, path: "/dols/DoLS_999_2024-25.csv", row_number: 5 },
      { severity, rule, n: 4, path: null, row_number: 9 },
    ],
  })
  const faults: ReadonlyArray<Fault<Dols.Figures>> = [
    {
      rule: "dols-has-data",
      severity: "error",
      fault: summary({ received: 0, received_urgent: 0 }),
      names: ["no applications were received in 2024-25"],
    },
    {
      rule: "dols-completed-by-status",
      severity: "error",
      fault: summary({ granted: 51 }),
      names: ["granted + not granted + withdrawn (91) differs from completed (90)"],
    },
    {
      rule: "dols-within-21-within-standard",
      severity: "error",
      fault: summary({ within_21: 41 }),
      names: ["within 21 days (41) is more than standard applications completed (40)"],
    },
    {
      rule: "dols-cases-listed",
      severity: "error",
      fault: (f) => ({ ...f, casesListed: 129 }),
      names: ["case-level rows (129) differs from active applications (130)"],
    },
    ...(
      [
        [
          "dols-open-signed-off",
          "error",
          "applications are open (not yet signed off) but have a sign-off date",
        ],
        [
          "dols-closed-not-signed-off",
          "error",
          "applications are granted, not granted or withdrawn but have no sign-off date",
        ],
        [
          "dols-signed-off-before-received",
          "error",
          "applications were signed off before they were received",
        ],
        [
          "dols-granted-without-dates",
          "query",
          "granted applications have no authorisation start or end date",
        ],
        ["dols-not-granted-without-reason", "query", "applications not granted have no reason"],
        [
          "dols-urgency-unknown",
          "query",
          "applications do not record whether an urgent authorisation was included",
        ],
      ] as const
    ).map(([rule, severity, text]) => ({
      rule,
      severity,
      fault: problem(rule, severity),
      names: [`DoLS: 4 ${text}`, "(e.g. /dols/DoLS_999_2024-25.csv row 5; (unknown file) row 9)"],
    })),
  ]

  it("is silent on clean figures but for the references query, and against a similar last year", () => {
    expect(validate(clean)).toEqual([])
    expect(validate({ ...clean, summary: { ...clean.summary, granted: 50 } })).toEqual([])
    expect(without(Dols.validate(clean, { ...clean, period: "2023-24" }))).toEqual([])
  })

  for (const c of faults)
    it(`fires ${c.rule} (${c.severity}) on a crafted fault`, () => fires(validate, clean, c))

  it("queries, while the case-level sheet has rows, that the council's references must be added", () => {
    const found = Dols.validate(clean)
    expect(found).toEqual([
      {
        severity: "query",
        rule: references,
        message:
          "DoLS: the case-level sheet's 130 rows have no person reference and the warehouse's pseudonymised application reference: put in the council's application and person references from the DoLS system before submission.",
        sheet: "Cases",
        table: "dols-cases",
        figures: [{ label: "case-level rows", value: 130 }],
      },
    ])
    const none = summary({ received: 0, active: 0 })({ ...clean, casesListed: 0 })
    expect(Dols.validate(none).map((f) => f.rule)).toEqual(["dols-has-data"])
  })

  it("queries large year-on-year swings (counts and percentages) with both years; none without last year's data", () => {
    const last: Dols.Figures = {
      ...clean,
      period: "2023-24",
      summary: { ...clean.summary, received: 60, within_21: 30 },
    }
    const found = without(Dols.validate(clean, last))
    expect(found.map((f) => `${f.rule} ${f.sheet}`)).toEqual(["year-on-year Summary", "year-on-year Summary"])
    expect(found[0]!.message).toBe(
      "DoLS applications received: 60 in 2023-24, 100 in 2024-25 (+40 (+66.7%)). Explain the change before submission.",
    )
    expect(found[1]!.figures).toEqual([
      { label: "2023-24", value: 75 },
      { label: "2024-25", value: 25 },
      { label: "change", value: "-50.0 points" },
    ])
    const empty: Dols.Figures = {
      ...clean,
      period: "2023-24",
      summary: Object.fromEntries(Object.keys(clean.summary).map((k) => [k, 0])) as unknown as Dols.Summary,
    }
    expect(without(Dols.validate(clean, empty))).toEqual([])
  })
})
