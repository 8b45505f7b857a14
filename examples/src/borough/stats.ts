/**
 * Plain counts over the borough model, used to check that the simulation is plausible (tests, CLI summary).
 * They follow the DHSC definitions in spirit (domain.md §1.5) but on the model's own, clean events; the real
 * measures live in `@asckit/core` and the returns package.
 */
import { Cld, LocalDate } from "@asckit/core"
import type { CldEvent, Person } from "./model.js"
import { accommodationOn } from "./model.js"

const LT_RES = new Set(["Long term support: Residential care", "Long term support: Nursing care"])
const isLt = (e: CldEvent): boolean =>
  e.type === "Service" && e.serviceType !== undefined && e.serviceType.startsWith("Long term support")
const covers = (e: CldEvent, date: string): boolean =>
  e.start <= date && (e.end === undefined || e.end >= date)
const alive = (p: Person, date: string): boolean => p.dateOfDeath === undefined || p.dateOfDeath >= date
const ageOn = (p: Person, date: string): number =>
  LocalDate.dhscAge(p.birthYear, p.birthMonth, date as LocalDate.LocalDate)

/** The financial year starting 1 April `startYear` as ISO start and end dates. */
export const financialYear = (startYear: number): { readonly start: string; readonly end: string } => ({
  start: `${startYear}-04-01`,
  end: `${startYear + 1}-03-31`,
})

/** People in long-term support on `date` (service users with a long-term service covering it), by age group. */
export const longTermOn = (
  people: Iterable<Person>,
  date: string,
): { total: number; age18to64: number; age65plus: number; community: number; directPayment: number } => {
  let total = 0
  let old = 0
  let community = 0
  let dp = 0
  for (const p of people) {
    if (p.clientType !== "Service user" || !alive(p, date)) continue
    const lts = p.events.filter((e) => isLt(e) && covers(e, date))
    if (lts.length === 0) continue
    total++
    if (ageOn(p, date) >= 65) old++
    if (lts.every((e) => e.serviceType === "Long term support: Community")) {
      community++
      if (
        lts.some((e) => e.deliveryMechanism === "Direct payment" || e.serviceComponent === "Direct payment")
      )
        dp++
    }
  }
  return { total, age18to64: total - old, age65plus: old, community, directPayment: dp }
}

/** Events of `type` starting in [start, end], for service users and carers, per month on average. */
export const perMonth = (
  people: Iterable<Person>,
  type: Cld.EventType,
  start: string,
  end: string,
): number => {
  let n = 0
  for (const p of people)
    for (const e of p.events) if (e.type === type && e.start >= start && e.start <= end) n++
  const months =
    (LocalDate.daysBetween(start as LocalDate.LocalDate, end as LocalDate.LocalDate) + 1) / (365.25 / 12)
  return n / months
}

/** ST-Max (reablement) services starting in [start, end], per month. */
export const reablementPerMonth = (people: Iterable<Person>, start: string, end: string): number => {
  let n = 0
  for (const p of people)
    for (const e of p.events)
      if (e.serviceType === "Short term support: ST-Max" && e.start >= start && e.start <= end) n++
  return (
    n /
    ((LocalDate.daysBetween(start as LocalDate.LocalDate, end as LocalDate.LocalDate) + 1) / (365.25 / 12))
  )
}

/**
 * New long-term residential or nursing admissions starting in [start, end] (ASCOF 2B/2C style: the person has
 * no earlier long-term residential or nursing service), by age at admission.
 */
export const admissions = (
  people: Iterable<Person>,
  start: string,
  end: string,
): { age18to64: number; age65plus: number } => {
  let young = 0
  let old = 0
  for (const p of people) {
    let first: string | undefined
    for (const e of p.events)
      if (e.type === "Service" && LT_RES.has(e.serviceType ?? "") && (first === undefined || e.start < first))
        first = e.start
    if (first === undefined || first < start || first > end) continue
    const age = ageOn(p, first)
    if (age >= 65) old++
    else if (age >= 18) young++
  }
  return { age18to64: young, age65plus: old }
}

const EXCLUDED_SEQUELS = new Set([
  "NFA: Deceased",
  "Admitted to hospital",
  "NFA: Support declined",
  "NFA: Referral to NHS services or NHS funded social care",
  "NFA: Self-funded client or under 12wk disregard",
])

/**
 * ASCOF 2A-style share of reablement episodes for new clients ending in [start, end] that need no further
 * long-term (or short-term residential/nursing) support in the 7 days after: deaths, hospital admissions,
 * declined, NHS- and self-funded outcomes are excluded from both parts (domain.md §1.5).
 */
export const reablementNoFurtherSupport = (
  people: Iterable<Person>,
  start: string,
  end: string,
): { episodes: number; denominator: number; numerator: number; share: number } => {
  let episodes = 0
  let num = 0
  let den = 0
  for (const p of people) {
    for (const r of p.events) {
      if (
        r.serviceType !== "Short term support: ST-Max" ||
        r.end === undefined ||
        r.end < start ||
        r.end > end
      )
        continue
      // new client: no long-term service open, or ending within 91 days, before the reablement started
      const existing = p.events.some(
        (e) =>
          isLt(e) &&
          e.start < r.start &&
          (e.end === undefined ||
            LocalDate.daysBetween(e.end as LocalDate.LocalDate, r.start as LocalDate.LocalDate) < 91),
      )
      if (existing) continue
      episodes++
      const windowEnd = LocalDate.addDays(r.end as LocalDate.LocalDate, 7)
      if (p.dateOfDeath !== undefined && p.dateOfDeath <= windowEnd) continue
      if (r.outcome !== undefined && EXCLUDED_SEQUELS.has(r.outcome)) continue
      const further = p.events.some(
        (e) =>
          e !== r &&
          e.type === "Service" &&
          e.start >= r.start &&
          e.start <= windowEnd &&
          (e.end === undefined || e.end > (r.end as string)) &&
          (isLt(e) ||
            e.serviceComponent === "Short term residential care" ||
            e.serviceComponent === "Short term nursing care"),
      )
      den++
      if (!further) num++
    }
  }
  return { episodes, denominator: den, numerator: num, share: den === 0 ? 0 : num / den }
}

/** Share of people 65+ in long-term support at the start of [start, end] who die during it. */
export const deathRate65 = (people: Iterable<Person>, start: string, end: string): number => {
  let n = 0
  let died = 0
  for (const p of people) {
    if (p.clientType !== "Service user" || !alive(p, start) || ageOn(p, start) < 65) continue
    if (!p.events.some((e) => isLt(e) && covers(e, start))) continue
    n++
    if (p.dateOfDeath !== undefined && p.dateOfDeath <= end) died++
  }
  return n === 0 ? 0 : died / n
}

/** Share of long-term clients on `date` whose accommodation is settled (ASCOF 2E flags), by age group. */
export const settledShare = (
  people: Iterable<Person>,
  date: string,
): { age18to64: number; age65plus: number } => {
  const c = { y: 0, ys: 0, o: 0, os: 0 }
  for (const p of people) {
    if (p.clientType !== "Service user" || !alive(p, date)) continue
    if (!p.events.some((e) => isLt(e) && covers(e, date))) continue
    const settled = Cld.settledAccommodation(accommodationOn(p, date as LocalDate.LocalDate) ?? "Unknown")
    if (ageOn(p, date) >= 65) {
      c.o++
      if (settled) c.os++
    } else {
      c.y++
      if (settled) c.ys++
    }
  }
  return { age18to64: c.y === 0 ? 0 : c.ys / c.y, age65plus: c.o === 0 ? 0 : c.os / c.o }
}

/** A one-screen summary of the borough for financial year `startYear` (used by the CLI). */
export const summary = (people: ReadonlyArray<Person>, startYear = 2024): Record<string, number | string> => {
  const fy = financialYear(startYear)
  const lt = longTermOn(people, fy.end)
  const adm = admissions(people, fy.start, fy.end)
  const reab = reablementNoFurtherSupport(people, fy.start, fy.end)
  const settled = settledShare(people, fy.end)
  return {
    year: `${startYear}-${String(startYear + 1).slice(2)}`,
    peopleInLongTermSupport: lt.total,
    share65plus: round(lt.age65plus / Math.max(1, lt.total)),
    directPaymentShareOfCommunity: round(lt.directPayment / Math.max(1, lt.community)),
    requestsPerMonth: round(perMonth(people, "Request", fy.start, fy.end)),
    assessmentsPerMonth: round(perMonth(people, "Assessment", fy.start, fy.end)),
    reviewsPerMonth: round(perMonth(people, "Review", fy.start, fy.end)),
    reablementPerMonth: round(reablementPerMonth(people, fy.start, fy.end)),
    reablementNoFurtherSupport: round(reab.share),
    admissions18to64: adm.age18to64,
    admissions65plus: adm.age65plus,
    deathRate65plus: round(deathRate65(people, fy.start, fy.end)),
    settled18to64: round(settled.age18to64),
    settled65plus: round(settled.age65plus),
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000
