/**
 * ASCOF 2E(1), 2E(2a), 2E(2b) by DHSC's rules (Create_ASCOF_2E_2425_Onwards.sql, Create_personal_details_table.sql)
 * on hand-built CLD: settled or not by the accommodation status at the end of the period, each inference rule for
 * an unknown status, the known-first and as-at-the-period-end choice between submissions, and the cohort's age.
 */
import { Period, Value } from "@asckit/core"
import { beforeAll, describe, expect, it } from "vitest"
import { computeAll, loadWarehouse, person, service, tempDir } from "./ascof-fixtures.js"

const fy = Period.financialYear(2024)
const LD = { Primary_Support_Reason: "Learning Disability Support", Date_of_Birth: "1990-02-14" }
const WA = { Date_of_Birth: "1980-02-14" }
const OLD = { Date_of_Birth: "1945-02-14" }
const unknown = { Accommodation_Status: "" }

const lt = (who: object, o: object = {}) => service({ ...who, Event_Start_Date: "2024-01-10", ...o })
const q1 = { Reporting_Period_Start_Date: "2023-10-01", Reporting_Period_End_Date: "2024-09-30" }
const q4 = { Reporting_Period_Start_Date: "2024-04-01", Reporting_Period_End_Date: "2025-03-31" }

const P = {
  settled: person({ ...LD, Accommodation_Status: "Owner occupier or shared ownership scheme" }),
  homeSupport: person({ ...LD, ...unknown }), // community + home support: presumed at home (settled)
  daySupport: person({ ...LD, ...unknown }), // community + another component: presumed in community (not)
  residential: person({ ...LD, ...unknown }), // residential care: registered care home (not)
  sharedLives: person({ ...LD, ...unknown }), // Shared Lives scheme (settled)
  supportedLiving: person({ ...LD, ...unknown }), // supported accommodation (settled)
  extraCare: person({ ...WA, ...unknown }), // sheltered / extra care housing (settled)
  prison: person({ ...WA, ...unknown }), // prison (not)
  knownEarlier: person({ ...WA }), // known in an earlier submission, unknown in the latest: the known one
  laterKnown: person({ ...WA }), // care home at the period end, owner occupier in a later submission: care home
  twoServices: person({ ...WA, ...unknown }), // open short-term and long-term services: long term wins
  almost65: person({ Date_of_Birth: "1960-04-20", Accommodation_Status: "Tenant: Private landlord" }),
  careHome: person({ ...OLD, Accommodation_Status: "Registered care home" }),
  owner: person({ ...OLD, Accommodation_Status: "Owner occupier or shared ownership scheme" }),
  endedBefore: person({ ...OLD }), // long-term support ended before the year: not in the cohort
  child: person({
    Date_of_Birth: "2007-06-14",
    Accommodation_Status: "Settled mainstream housing with family or friends",
  }),
} as const

const rows = [
  lt(P.settled),
  lt(P.homeSupport),
  lt(P.daySupport, { Service_Component: "Day support" }),
  lt(P.residential, {
    Service_Type: "Long term support: Residential care",
    Service_Component: "Long term residential care",
  }),
  lt(P.sharedLives, { Service_Component: "Shared Lives" }),
  lt(P.supportedLiving, { Service_Component: "Community supported living" }),
  lt(P.extraCare, { Service_Component: "Extra care housing" }),
  lt(P.prison, { Service_Type: "Long term support: Prison", Service_Component: "Other long term" }),
  lt(P.knownEarlier, { ...q1, Accommodation_Status: "Tenant: Private landlord" }),
  lt(P.knownEarlier, { ...q4, Accommodation_Status: "Unknown" }),
  lt(P.laterKnown, { ...q4, Accommodation_Status: "Registered care home" }),
  lt(P.laterKnown, { Accommodation_Status: "Owner occupier or shared ownership scheme" }),
  lt(P.twoServices, {
    Event_Reference: "ST",
    Event_Start_Date: "2024-02-01",
    Service_Type: "Short term support: Ongoing low level",
    Service_Component: "Equipment",
  }),
  lt(P.twoServices),
  lt(P.almost65),
  lt(P.careHome, {
    Service_Type: "Long term support: Residential care",
    Service_Component: "Long term residential care",
  }),
  lt(P.owner),
  lt(P.endedBefore, {
    Event_Start_Date: "2023-05-01",
    Event_End_Date: "2024-03-31",
    Event_Outcome: "NFA: Support ended as planned",
  }),
  lt(P.child),
]

describe("ASCOF 2E (DHSC Create_ASCOF_2E_2425_Onwards.sql)", () => {
  const dir = tempDir("asckit-2e-")
  let db = ""
  beforeAll(async () => {
    db = await loadWarehouse(dir, "accommodation", rows)
  })

  it("2E(1): working-age learning-disability clients, unknown statuses inferred from their latest service", async () => {
    const r = (await computeAll(db, fy))["2E(1)"]!
    // settled: owner occupier, presumed at home, Shared Lives, supported living; not: presumed in community, care home.
    expect([r.numerator, r.denominator]).toEqual([4, 6])
    expect(r.value).toEqual(Value.available(66.7, 4, 6))
  })

  it("2E(2a): every working-age client, the known status chosen over a later unknown, as at the period end", async () => {
    const r = (await computeAll(db, fy))["2E(2a)"]!
    // the six above; extra care (settled), prison (not), known earlier (settled), care home at the end (not), long
    // term over short term (presumed at home: settled), 64 at the end by the proxy date of birth (settled).
    expect([r.numerator, r.denominator]).toEqual([8, 12])
    expect(r.note).toContain("unknown or presumed status are in the denominators")
  })

  it("2E(2b): clients aged 65+, in long-term support during the year", async () => {
    const r = (await computeAll(db, fy))["2E(2b)"]!
    expect([r.numerator, r.denominator]).toEqual([1, 2])
  })

  it("over a rolling 12 months: the clients in long-term support during it, their status at its end", async () => {
    // 12 months to 2024-25 Q1 (July 2023 to June 2024): the 65+ cohort adds endedBefore (long-term support to
    // 31 March 2024, owner occupier: settled) to careHome (not) and owner (settled).
    const r = (await computeAll(db, Period.rolling12(Period.quarter(2024, 1))))["2E(2b)"]!
    expect([r.numerator, r.denominator, r.period]).toEqual([2, 3, "12 months to 2024-25 Q1"])
    expect(r.value).toEqual(Value.available(66.7, 2, 3))
    // 12 months to 2023-24 Q3 (calendar 2023): only endedBefore's support (from May 2023) had started.
    const early = (await computeAll(db, Period.rolling12(Period.quarter(2023, 3))))["2E(2b)"]!
    expect([early.numerator, early.denominator]).toEqual([1, 1])
  })
})
