/**
 * ASCOF 3D(1a) and 3D(2a) by DHSC's rules (Create_ASCOF_3D_2425_Onwards.sql) on hand-built CLD: the snapshot on the
 * period's last day (31 March; a rolling period's end), one setting per person by DHSC's hierarchy (nursing >
 * residential > community with a direct payment > … > prison), a direct-payment component counting as a direct
 * payment, and an unknown delivery mechanism kept in the denominator.
 */
import { Period, Value } from "@asckit/core"
import { beforeAll, describe, expect, it } from "vitest"
import { computeAll, loadWarehouse, person, service, tempDir } from "./ascof-fixtures.js"

const community = (who: object, mechanism: string, o: object = {}) =>
  service({ ...who, Event_Start_Date: "2024-01-10", Delivery_Mechanism: mechanism, ...o })
const DP = "Direct payment"
const PB = "CASSR managed personal budget"
const CS = "CASSR commissioned support"
const ended = (date: string) => ({ Event_End_Date: date, Event_Outcome: "NFA: Support ended as planned" })

const P = {
  dp: person(),
  budget: person(),
  commissioned: person(),
  dpComponent: person(),
  nursingToo: person(),
  residentialToo: person(),
  endedDayBefore: person(),
  endedOnTheDay: person(),
  unknown: person(),
  diedDayBefore: person({ Date_of_Death: "2025-03-30" }),
  diedOnTheDay: person({ Date_of_Death: "2025-03-31" }),
  dpAndCommissioned: person(),
  prisonToo: person(),
  child: person({ Date_of_Birth: "2008-01-10" }),
  startsAfter: person(),
  endedInJanuary: person(),
} as const

const rows = [
  community(P.dp, DP),
  community(P.budget, PB),
  community(P.commissioned, CS),
  community(P.dpComponent, CS, { Service_Component: "Direct payment" }),
  community(P.nursingToo, DP),
  community(P.nursingToo, "", {
    Service_Type: "Long term support: Nursing care",
    Service_Component: "Long term nursing care",
  }),
  community(P.residentialToo, CS),
  community(P.residentialToo, "", {
    Service_Type: "Long term support: Residential care",
    Service_Component: "Long term residential care",
  }),
  community(P.endedDayBefore, DP, ended("2025-03-30")),
  community(P.endedOnTheDay, DP, ended("2025-03-31")),
  community(P.unknown, ""),
  community(P.diedDayBefore, DP),
  community(P.diedOnTheDay, CS),
  community(P.dpAndCommissioned, CS),
  community(P.dpAndCommissioned, DP, { Service_Component: "Day support" }),
  community(P.prisonToo, CS),
  community(P.prisonToo, CS, {
    Service_Type: "Long term support: Prison",
    Service_Component: "Other long term",
  }),
  community(P.child, DP),
  community(P.startsAfter, DP, { Event_Start_Date: "2025-04-01" }),
  community(P.endedInJanuary, DP, ended("2025-01-15")),
]

describe("ASCOF 3D (DHSC Create_ASCOF_3D_2425_Onwards.sql)", () => {
  const dir = tempDir("asckit-3d-")
  let db = ""
  beforeAll(async () => {
    db = await loadWarehouse(dir, "self-directed", rows)
  })

  it("counts long-term community clients on 31 March, each in their highest setting", async () => {
    const r = await computeAll(db, Period.financialYear(2024))
    // denominator: dp, budget, commissioned, dpComponent, endedOnTheDay, unknown, diedOnTheDay, dpAndCommissioned,
    // prisonToo (community outranks prison). Not: nursing or residential too, ended or died the day before, the
    // child, a service starting after 31 March, one ended in January.
    // 3D(1a): dp, budget, dpComponent, endedOnTheDay, dpAndCommissioned; 3D(2a): the same less the budget.
    expect([r["3D(1a)"]?.numerator, r["3D(1a)"]?.denominator]).toEqual([5, 9])
    expect([r["3D(2a)"]?.numerator, r["3D(2a)"]?.denominator]).toEqual([4, 9])
    expect(r["3D(1a)"]?.value).toEqual(Value.available(55.6, 5, 9))
    expect(r["3D(2a)"]?.value).toEqual(Value.available(44.4, 4, 9))
    expect(r["3D(1a)"]?.note).toContain("1 with an unknown delivery mechanism")
  })

  it("takes a rolling period's snapshot on its last day (31 December for the 12 months to 2024-25 Q3)", async () => {
    const r = await computeAll(db, Period.rolling12(Period.quarter(2024, 3)))
    // On 31 December also: ended or died in March, ended in January (all direct payments).
    expect([r["3D(1a)"]?.numerator, r["3D(1a)"]?.denominator]).toEqual([8, 12])
    expect([r["3D(2a)"]?.numerator, r["3D(2a)"]?.denominator]).toEqual([7, 12])
    expect(r["3D(1a)"]?.note).toContain("on 2024-12-31")
  })
})
