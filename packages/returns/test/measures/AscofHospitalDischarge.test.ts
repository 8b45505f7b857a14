/**
 * ASCOF 2D(1) and 2D(2) by DHSC's rules (Create_ASCOF_2D.sql) on hand-built CLD and a SUS-like extract loaded
 * through the hospital plugin: the qualifying discharges (65+, exclusions, not in long-term care when admitted), the
 * link to reablement (discharged 7 days before to 3 days after it starts, the latest discharge kept) and the 84-day
 * outcome (no emergency readmission, death or care-home admission).
 */
import { Period, Value } from "@asckit/core"
import { beforeAll, describe, expect, it } from "vitest"
import { computeAll, loadWarehouse, person, service, stMax, tempDir } from "./ascof-fixtures.js"

const P = {
  remained: person(), // discharged 3 days before reablement, nothing after
  tooEarly: person(), // discharged 8 days before: not linked
  sevenBefore: person(), // discharged exactly 7 days before: linked
  threeAfter: person(), // discharged 3 days after it started: linked; readmitted within 84 days
  fourAfter: person(), // 4 days after: not linked
  readmitted84: person(), // emergency readmission on day 84: not remained
  readmitted85: person(), // on day 85: remained
  elective: person(), // an elective readmission does not count
  died: person({ Date_of_Death: "2024-07-31" }), // died 30 days after discharge
  diedDay85: person({ Date_of_Death: "2024-09-24" }), // died 85 days after: remained for the 84 days
  careHome: person(), // long-term residential care from day 40
  aged64: person({ Date_of_Birth: "1960-03-01" }), // too young
  mentalHealth: person(), // treatment function 710: excluded
  inNursing: person(), // in long-term nursing care when admitted: excluded
  twoDischarges: person(), // two discharges in the window: the later one, counted once
  lastDay: person(), // discharged on 30 March 2025, reablement from 1 April
  beforeYear: person(), // discharged before the year
} as const

const cld = [
  stMax(P.remained, "2024-06-04", "2024-06-30", "NFA: Support ended as planned"),
  stMax(P.tooEarly, "2024-06-09", "2024-06-30", "NFA: Support ended as planned"),
  stMax(P.sevenBefore, "2024-06-09", "2024-06-30", "NFA: Support ended as planned"),
  stMax(P.threeAfter, "2024-06-07", "2024-06-30", "NFA: Support ended as planned"),
  stMax(P.fourAfter, "2024-06-07", "2024-06-30", "NFA: Support ended as planned"),
  stMax(P.readmitted84, "2024-07-02", "2024-07-25", "NFA: Support ended as planned"),
  stMax(P.readmitted85, "2024-07-02", "2024-07-25", "NFA: Support ended as planned"),
  stMax(P.elective, "2024-07-02", "2024-07-25", "NFA: Support ended as planned"),
  stMax(P.died, "2024-07-03", "2024-07-20", "NFA: Support ended as planned"),
  stMax(P.diedDay85, "2024-07-03", "2024-07-20", "NFA: Support ended as planned"),
  stMax(P.careHome, "2024-07-02", "2024-07-25", "Progress to support planning or services"),
  service({
    ...P.careHome,
    Event_Start_Date: "2024-08-10",
    Service_Type: "Long term support: Residential care",
    Service_Component: "Long term residential care",
  }),
  stMax(P.aged64, "2024-06-04", "2024-06-30", "NFA: Support ended as planned"),
  stMax(P.mentalHealth, "2024-06-04", "2024-06-30", "NFA: Support ended as planned"),
  service({
    ...P.inNursing,
    Event_Start_Date: "2023-06-01",
    Service_Type: "Long term support: Nursing care",
    Service_Component: "Long term nursing care",
  }),
  stMax(P.inNursing, "2024-06-03", "2024-06-30", "NFA: Support ended as planned"),
  stMax(P.twoDischarges, "2024-06-05", "2024-06-30", "NFA: Support ended as planned"),
  stMax(P.lastDay, "2025-04-01", "2025-04-20", "NFA: Support ended as planned"),
  stMax(P.beforeYear, "2024-04-01", "2024-04-20", "NFA: Support ended as planned"),
]

let n = 0
/** A spell: NHS number, age, admission, discharge, then admission method, treatment function, management type. */
const spell = (
  who: { NHS_Number: string },
  age: number,
  admitted: string,
  discharged: string,
  method = "21",
  tf = "300",
  mt = "EM",
) => `${who.NHS_Number},E${++n},${age},${admitted},${discharged},${method},1,19,${tf},${mt}`

const sus = [
  spell(P.remained, 84, "2024-05-25", "2024-06-01"),
  spell(P.tooEarly, 84, "2024-05-25", "2024-06-01"),
  spell(P.sevenBefore, 84, "2024-05-25", "2024-06-02"),
  spell(P.threeAfter, 84, "2024-06-01", "2024-06-10"),
  spell(P.threeAfter, 84, "2024-08-20", "2024-08-25"), // readmitted (day 71)
  spell(P.fourAfter, 84, "2024-06-05", "2024-06-11"),
  spell(P.readmitted84, 84, "2024-06-25", "2024-07-01"),
  spell(P.readmitted84, 84, "2024-09-23", "2024-09-28"), // day 84
  spell(P.readmitted85, 84, "2024-06-25", "2024-07-01"),
  spell(P.readmitted85, 84, "2024-09-24", "2024-09-29"), // day 85
  spell(P.elective, 84, "2024-06-25", "2024-07-01"),
  spell(P.elective, 84, "2024-07-31", "2024-08-02", "11", "300", "EL"), // elective: not a readmission
  spell(P.died, 84, "2024-06-25", "2024-07-01"),
  spell(P.diedDay85, 84, "2024-06-25", "2024-07-01"),
  spell(P.careHome, 84, "2024-06-25", "2024-07-01"),
  spell(P.aged64, 64, "2024-05-25", "2024-06-01"),
  spell(P.mentalHealth, 84, "2024-05-25", "2024-06-01", "21", "710"),
  spell(P.inNursing, 84, "2024-05-25", "2024-06-01"),
  spell(P.twoDischarges, 84, "2024-05-20", "2024-05-30"),
  spell(P.twoDischarges, 84, "2024-06-01", "2024-06-03"),
  spell(P.lastDay, 84, "2025-03-20", "2025-03-30"),
  spell(P.beforeYear, 84, "2024-03-20", "2024-03-30"),
]

describe("ASCOF 2D (DHSC Create_ASCOF_2D.sql)", () => {
  const dir = tempDir("asckit-2d-")
  let db = ""
  beforeAll(async () => {
    db = await loadWarehouse(dir, "discharges", cld, sus)
  })

  it("2D(2): discharges followed by reablement, of all qualifying discharges of people 65+", async () => {
    const r = (await computeAll(db, Period.financialYear(2024)))["2D(2)"]!
    // Qualifying (18): every spell discharged in the year except the 64-year-old's, the mental-health one, the one
    // admitted from nursing care (and the one before the year) — readmissions are discharges too.
    // Into reablement (11): remained, sevenBefore, threeAfter, readmitted84/85, elective, died, diedDay85, careHome,
    // twoDischarges (once), lastDay.
    expect([r.status, r.numerator, r.denominator]).toEqual(["ok", 11, 18])
    expect(r.value).toEqual(Value.available(61.1, 11, 18))
  })

  it("2D(1): of those, the people who stayed in the community for 84 days", async () => {
    const r = (await computeAll(db, Period.financialYear(2024)))["2D(1)"]!
    // Remained: remained, sevenBefore, readmitted85, elective, diedDay85, twoDischarges, lastDay. Not: threeAfter
    // and readmitted84 (emergency readmission by day 84), died (day 30), careHome.
    expect([r.numerator, r.denominator]).toEqual([7, 11])
    expect(r.value).toEqual(Value.available(63.6, 7, 11))
    expect(r.note).toContain(
      "2 were readmitted as an emergency, 1 died, 1 began long-term residential or nursing care",
    )
    // The extract ends with the year's last discharge: the note says the follow-up is not complete.
    expect(r.note).toContain("outcomes of the latest discharges are incomplete")
  })

  it("over a rolling 12 months: the discharges in it, whenever the reablement or the 84 days fall", async () => {
    // 12 months to 2024-25 Q1 (July 2023 to June 2024). Qualifying (8): remained, tooEarly, sevenBefore, threeAfter
    // (its 25 August readmission is after the period), fourAfter, twoDischarges (both), beforeYear (30 March 2024);
    // the 1 July discharges fall after it. Into reablement (5): remained, sevenBefore, threeAfter, twoDischarges
    // (once), beforeYear.
    const rs = await computeAll(db, Period.rolling12(Period.quarter(2024, 1)))
    expect([rs["2D(2)"]!.numerator, rs["2D(2)"]!.denominator, rs["2D(2)"]!.period]).toEqual([
      5,
      8,
      "12 months to 2024-25 Q1",
    ])
    expect(rs["2D(2)"]!.value).toEqual(Value.available(62.5, 5, 8))
    // Remained 84 days (4): all but threeAfter, readmitted as an emergency on day 71 (20 August, after the period:
    // the follow-up runs past its end).
    expect([rs["2D(1)"]!.numerator, rs["2D(1)"]!.denominator]).toEqual([4, 5])
    expect(rs["2D(1)"]!.value).toEqual(Value.available(80, 4, 5))
  })
})
