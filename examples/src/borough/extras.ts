/**
 * The borough's records beside its case-management system: the DoLS team's database and the spreadsheets other
 * teams keep (complaints and compliments log, carers' hub register, "how did we do?" feedback returns, case-file
 * audits, learning and development counts, Safeguarding Adults Reviews). Every record is generated
 * deterministically from the borough's people (`simulatePeople`): a DoLS application belongs to someone in a care
 * home or leaving hospital, a complaint or an audit to someone with an open case, a feedback return follows a
 * completed assessment or review. Records about people the council does not fund (self-funders in care homes,
 * carers known only to the hub) come from their own seeded pools.
 *
 * ```ts
 * const extras = boroughExtras({ seed: 1, scale: 1 }) // in memory
 * const manifest = await writeExtras("tmp/borough/extras", { seed: 1 }) // DoLS returns + spreadsheets
 * ```
 *
 * Assumptions at scale 1 (a ~195,000-resident borough; checked in `examples/test/extras.test.ts`):
 * - **DoLS**: about 1,800 applications a year (the brief's figure for a North West borough; England 2023-24 had
 *   332,455, about 720 per 100,000 adults, domain.md §5), growing from ~1,550 in 2022-23 as England's did.
 *   Sources: council-funded care home residents of the model (about 950 at any time), of whom 80% with memory and
 *   cognition needs, dementia or a learning disability and 60% of others lack capacity to consent to the
 *   placement; residents the council does not fund (self-funders and NHS continuing healthcare: a pool of ~1,200
 *   on 1 April 2022 and ~600 arrivals a year, staying 2.3 years on average, 72% lacking capacity); and hospital
 *   patients aged 65+ discharged to social care (35% of them). About 57% include an urgent authorisation
 *   (England 58%, 2023-24): 92% of hospital applications, 75% of first applications on admission, 25% of further
 *   ones. Completion: 17% of care home and 25% of hospital applications are prioritised and done in 3–21 days,
 *   the rest wait 22 days plus an exponential wait (mean 230 days), so ~19% of standard applications are
 *   completed within 21 days and the mean is ~140 days (England 19% and 144 days, 2023-24). An application still
 *   waiting when the person dies or leaves is signed off as not granted, unassessed ("Person died" / "Change in
 *   circumstances", the two commonest national reasons: 25% and 51% in 2023-24). 4% of assessed applications are
 *   not granted (one requirement not met, mostly mental capacity). Granted standard authorisations run 90–365
 *   days (mean ~280; England 276), hospital ones 28–90; the end date is the one granted. A further application is
 *   made 7–28 days before a care home authorisation expires. Assessment statuses: 1 met, 2 not met, 3 an
 *   equivalent assessment (5% for age, 8% for mental health), 0 not assessed.
 * - **Complaints** ~150 a year and **compliments** ~300 a year, at constant rates per person-year of open case
 *   (about 3,900 person-years a year); complaints are answered in 20 working days ~70% of the time; outcomes
 *   upheld 20%, partly upheld 30%, not upheld 42%, withdrawn 8%.
 * - **Carers' hub**: ~40 new registrations a month: 70% of the model's unpaid carers register (about 60 a year),
 *   the rest are carers known only to the hub.
 * - **Feedback returns**: ~11.5% of completed assessments and reviews (~60 a month); ratings skew positive.
 * - **Case-file audits**: ~20 a month, of open cases; graded Outstanding / Good / Requires improvement / Inadequate.
 * - **Training**: monthly counts per course and team; the progression model is rolled out from January 2024 to
 *   June 2025 (~2.5 people per team a month), then only new starters.
 * - **SARs**: ~2.5 referrals a year that lead to a review, ~70% where one or more individuals died (SAC SG5a);
 *   reviews conclude 6–18 months after they are commissioned.
 */
import { writeFile } from "node:fs/promises"
import { join } from "node:path"
import { LocalDate } from "@asckit/core"
import { type DolsWriteResult, writeDolsReturns } from "./dols-writer.js"
import { isoOfDay, LA_CODE, MODEL_END, MODEL_START, type Person, simulatePeople } from "./model.js"
import { Rng, seedFor, type Weighted } from "./rng.js"
import { type SpreadsheetWriteResult, writeSpreadsheets } from "./spreadsheet-writer.js"

// ---------------------------------------------------------------------------------------------------------------
// public types

/** The six DoLS assessment statuses, in the national order: 0 not assessed, 1 met, 2 not met, 3 equivalent. */
export interface DolsAssessments {
  readonly age: number
  readonly mentalHealth: number
  readonly mentalCapacity: number
  readonly noRefusals: number
  readonly eligibility: number
  readonly bestInterests: number
}

/** A DoLS application as the DoLS team's database holds it on the model's last day. */
export interface DolsApplication {
  /** The DoLS team's person reference: the LA person id, or a `D…` reference for someone the council does not fund. */
  readonly personRef: string
  /** True when the person is in the case-management system (and in CLD). */
  readonly knownToAsc: boolean
  readonly setting: "care home" | "hospital"
  /** CQC location id of the managing authority (care home or hospital site). */
  readonly managingAuthority: string
  readonly received: LocalDate.LocalDate
  readonly urgent: boolean
  readonly ageAtReceipt: number
  readonly gender: "Male" | "Female"
  /** Date the assessments were completed (undefined: none done, or not yet). */
  readonly lastAssessment: LocalDate.LocalDate | undefined
  /** Statuses once assessed (all 0 when closed without assessment). */
  readonly assessments: DolsAssessments
  readonly signedOff: LocalDate.LocalDate | undefined
  readonly outcome: "Granted" | "Not granted" | undefined
  readonly notGrantedReason: string | undefined
  readonly authorisationStart: LocalDate.LocalDate | undefined
  readonly authorisationEnd: LocalDate.LocalDate | undefined
}

/** A complaint in the complaints log. */
export interface Complaint {
  readonly id: string
  readonly personRef: string
  readonly received: LocalDate.LocalDate
  readonly responded: LocalDate.LocalDate | undefined
  readonly outcome: "Upheld" | "Partly upheld" | "Not upheld" | "Withdrawn" | undefined
  readonly complainant: string
  readonly category: string
  readonly team: string
  readonly stage: "Stage 1" | "Stage 2" | "Ombudsman"
}

/** A compliment in the compliments log. */
export interface Compliment {
  readonly id: string
  /** Recorded about half the time. */
  readonly personRef: string | undefined
  readonly received: LocalDate.LocalDate
  readonly from: string
  readonly about: string
  readonly team: string
}

/** A carer registered with the carers' hub. */
export interface CarerRegistration {
  readonly id: string
  /** The LA person id when the carer is known to adult social care. */
  readonly ascId: string | undefined
  readonly registered: LocalDate.LocalDate
  readonly closed: LocalDate.LocalDate | undefined
  readonly ageBand: string
  readonly caringFor: string
  readonly referredBy: string
  readonly hoursPerWeek: number
  readonly support: string
}

/** A "how did we do?" feedback return (anonymous). */
export interface FeedbackReturn {
  readonly id: string
  readonly received: LocalDate.LocalDate
  readonly team: string
  readonly about: "Assessment" | "Review"
  readonly channel: string
  /** Overall rating, 1 (very poor) to 5 (excellent). */
  readonly rating: number
  readonly listenedTo: "Yes" | "Partly" | "No"
  readonly easyToFindInformation: "Yes" | "No" | "Didn't need it"
}

/** A case-file audit. */
export interface CaseAudit {
  readonly id: string
  readonly personRef: string
  readonly audited: LocalDate.LocalDate
  readonly team: string
  readonly auditor: string
  readonly grade: "Outstanding" | "Good" | "Requires improvement" | "Inadequate"
  readonly score: number
  readonly strengthsBased: "Y" | "N"
  readonly mcaRecorded: "Y" | "N" | "N/A"
  readonly carerConsidered: "Y" | "N"
}

/** People trained on a course in a month by one team (a learning and development count). */
export interface TrainingCount {
  readonly month: string
  readonly course: string
  readonly team: string
  readonly deliveredBy: "In-house" | "External"
  readonly trained: number
}

/** A Safeguarding Adults Review (SAC SG5a/SG5b). */
export interface SafeguardingAdultsReview {
  readonly id: string
  readonly referred: LocalDate.LocalDate
  readonly commissioned: LocalDate.LocalDate
  readonly concluded: LocalDate.LocalDate | undefined
  /** Individuals in the review who suffered serious harm and died (SG5b). */
  readonly died: number
  /** Individuals in the review who suffered serious harm and survived (SG5b). */
  readonly survived: number
  readonly abuseType: string
}

/** Everything `boroughExtras` generates. */
export interface BoroughExtras {
  readonly laCode: string
  readonly seed: number
  readonly scale: number
  readonly dols: ReadonlyArray<DolsApplication>
  readonly complaints: ReadonlyArray<Complaint>
  readonly compliments: ReadonlyArray<Compliment>
  readonly carers: ReadonlyArray<CarerRegistration>
  readonly feedback: ReadonlyArray<FeedbackReturn>
  readonly audits: ReadonlyArray<CaseAudit>
  readonly training: ReadonlyArray<TrainingCount>
  readonly sars: ReadonlyArray<SafeguardingAdultsReview>
}

/** Options for `boroughExtras` and `writeExtras`. */
export interface ExtrasOptions {
  /** Seed (default 1): the same seed as the borough gives records about the same people. */
  readonly seed?: number
  /** Scale (default 1), as for the borough. */
  readonly scale?: number
  /** The people to draw from (default: `simulatePeople({ seed, scale })`). */
  readonly people?: Iterable<Person>
}

/** Options for `writeExtras`. */
export interface WriteExtrasOptions extends ExtrasOptions {
  /**
   * `mixed` (default): each extract in the format the team keeps it in (the DoLS returns and the carers' hub and
   * training exports as CSV, the other logs as XLSX workbooks); `csv` or `xlsx`: every file in that format.
   */
  readonly format?: "mixed" | "csv" | "xlsx"
  /** Inject the known faults (bad dates, unmapped codes, duplicates…) and list them in the manifest. */
  readonly faults?: boolean
  /** Write dates as dd/mm/yyyy in the spreadsheets (councils' logs often do); the DoLS returns stay ISO. */
  readonly ukDates?: boolean
}

/** One injected fault: where it is (row as a spreadsheet shows it, header = row 1) and what it is. */
export interface ExtrasFault {
  readonly file: string
  readonly sheet?: string
  readonly row: number
  readonly column: string | undefined
  readonly fault: "bad-date" | "unmapped-code" | "blank-required" | "end-before-start" | "duplicate-row"
  readonly detail: string
}

/** What `writeExtras` wrote. */
export interface ExtrasManifest {
  readonly laCode: string
  readonly seed: number
  readonly scale: number
  readonly dols: DolsWriteResult
  readonly spreadsheets: SpreadsheetWriteResult
  readonly counts: {
    readonly dolsApplications: number
    readonly complaints: number
    readonly compliments: number
    readonly carers: number
    readonly feedback: number
    readonly audits: number
    readonly trainingRows: number
    readonly sars: number
  }
  readonly faults: ReadonlyArray<ExtrasFault>
}

// ---------------------------------------------------------------------------------------------------------------
// days, ages, teams

const START = LocalDate.toDayNumber(MODEL_START)
const END = LocalDate.toDayNumber(MODEL_END)
const YEAR = 365.25

const dayOf = (d: LocalDate.LocalDate): number => LocalDate.toDayNumber(d)
const ageAt = (birth: LocalDate.LocalDate, day: number): number => LocalDate.ageOn(birth, isoOfDay(day))

/** Salts of the independent random streams (one per kind of record and person). */
const SALT = {
  dols: 101,
  hospital: 102,
  selfFunder: 103,
  complaint: 104,
  compliment: 105,
  carer: 106,
  hubCarer: 107,
  feedback: 108,
  audit: 109,
  training: 110,
  sar: 111,
} as const

/** A Poisson draw (Knuth; the means here are small). */
const poisson = (rng: Rng, mean: number): number => {
  if (mean <= 0) return 0
  if (mean > 30) return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))))
  const l = Math.exp(-mean)
  let k = 0
  let p = 1
  for (;;) {
    p *= rng.next()
    if (p <= l) return k
    k++
  }
}

/** The borough's adult social care teams (fictional). */
export const TEAMS = [
  "Adult Front Door",
  "Locality North",
  "Locality Central",
  "Locality South",
  "Hospital Social Work Team",
  "Learning Disability Team",
  "Mental Health Team",
  "Reablement Service",
  "DoLS and MCA Team",
] as const

/** The team holding a person's case: by support reason, then by postcode sector (SB1–3 north, 4–6 central). */
const teamOf = (p: Person): string => {
  if (p.primarySupportReason === "Learning Disability Support") return "Learning Disability Team"
  if (p.primarySupportReason === "Mental Health Support") return "Mental Health Team"
  const n = Number(p.postcode.slice(2, 3))
  return n <= 3 ? "Locality North" : n <= 6 ? "Locality Central" : "Locality South"
}

/** A person's open-case spans: each event from its start to 30 days after its end (or the model end). */
const activeSpans = (p: Person): Array<[number, number]> => {
  const spans = p.events
    .map((e): [number, number] => [
      dayOf(e.start),
      e.end === undefined ? END : Math.min(END, dayOf(e.end) + 30),
    ])
    .sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const s of spans) {
    const last = merged[merged.length - 1]
    if (last !== undefined && s[0] <= last[1] + 1) last[1] = Math.max(last[1], s[1])
    else merged.push([s[0], s[1]])
  }
  const death = p.dateOfDeath === undefined ? END : dayOf(p.dateOfDeath)
  return merged
    .map(([a, b]): [number, number] => [Math.max(a, START), Math.min(b, death, END)])
    .filter(([a, b]) => b >= a)
}

/** Events of a Poisson process of `ratePerYear` over the spans: the days they fall on. */
const eventsOver = (rng: Rng, spans: ReadonlyArray<[number, number]>, ratePerYear: number): number[] => {
  const out: number[] = []
  for (const [a, b] of spans) {
    const n = poisson(rng, (ratePerYear * (b - a + 1)) / YEAR)
    for (let i = 0; i < n; i++) out.push(rng.int(a, b))
  }
  return out.sort((x, y) => x - y)
}

/** Adds `n` working days (Monday–Friday) to day `d`. */
const addWorkingDays = (d: number, n: number): number => {
  let t = d
  let left = n
  while (left > 0) {
    t++
    const dow = (t + 4) % 7 // day 0 (1970-01-01) was a Thursday: 0 = Sunday … 6 = Saturday
    if (dow !== 0 && dow !== 6) left--
  }
  return t
}

const fyShort = (day: number): string => {
  const iso = isoOfDay(day)
  const y = Number(iso.slice(0, 4)) - (Number(iso.slice(5, 7)) < 4 ? 1 : 0)
  return String((y + 1) % 100).padStart(2, "0")
}

// ---------------------------------------------------------------------------------------------------------------
// DoLS

const NOT_ASSESSED: DolsAssessments = {
  age: 0,
  mentalHealth: 0,
  mentalCapacity: 0,
  noRefusals: 0,
  eligibility: 0,
  bestInterests: 0,
}

/** The requirement an assessed application fails, and the reason recorded (mostly capacity; 2023-24 England). */
const failedRequirement: Weighted<keyof DolsAssessments> = [
  ["mentalCapacity", 55],
  ["bestInterests", 25],
  ["eligibility", 10],
  ["noRefusals", 7],
  ["mentalHealth", 3],
]
const requirementLabel: Record<keyof DolsAssessments, string> = {
  age: "Age requirement not met",
  mentalHealth: "Mental health requirement not met",
  mentalCapacity: "Mental capacity requirement not met",
  noRefusals: "No refusals requirement not met",
  eligibility: "Eligibility requirement not met",
  bestInterests: "Best interests requirement not met",
}

/** Hospital sites (fictional NHS trust site codes) that apply to the borough as managing authorities. */
const HOSPITAL_SITES = ["R9X01", "R9X02", "R9Y01"] as const

/** Care homes of the borough: the model's provider CQC location ids (`1-999` + 7 digits, 45 of them). */
const careHome = (rng: Rng): string => `1-999${String(rng.int(0, 44)).padStart(7, "0")}`

interface Applicant {
  readonly ref: string
  readonly known: boolean
  readonly birth: LocalDate.LocalDate
  readonly gender: "Male" | "Female"
}

/** One stay with a managing authority: its first day and the day it ended (undefined: still there). */
interface Stay {
  readonly provider: string
  readonly setting: "care home" | "hospital"
  readonly start: number
  readonly end: number | undefined
  readonly died: boolean
}

/** Truncates an application to what the database knows on the model's last day. */
const asKnownAtEnd = (a: DolsApplication): DolsApplication => {
  const end = MODEL_END
  const assessed = a.lastAssessment !== undefined && a.lastAssessment <= end
  const signed = a.signedOff !== undefined && a.signedOff <= end
  return {
    ...a,
    lastAssessment: assessed ? a.lastAssessment : undefined,
    assessments: assessed ? a.assessments : NOT_ASSESSED,
    signedOff: signed ? a.signedOff : undefined,
    outcome: signed ? a.outcome : undefined,
    notGrantedReason: signed ? a.notGrantedReason : undefined,
    authorisationStart: signed ? a.authorisationStart : undefined,
    authorisationEnd: signed ? a.authorisationEnd : undefined,
  }
}

/** Runs one application from receipt to sign-off (or beyond the model end); see the module notes. */
const runApplication = (
  rng: Rng,
  who: Applicant,
  stay: Stay,
  received: number,
  urgent: boolean,
): DolsApplication => {
  const fastShare = stay.setting === "hospital" ? 0.25 : 0.17
  const wait = rng.chance(fastShare) ? rng.int(3, 21) : Math.min(900, 22 + Math.round(rng.exponential(230)))
  const due = received + wait
  const base = {
    personRef: who.ref,
    knownToAsc: who.known,
    setting: stay.setting,
    managingAuthority: stay.provider,
    received: isoOfDay(received),
    urgent,
    ageAtReceipt: ageAt(who.birth, received),
    gender: who.gender,
  }
  if (stay.end !== undefined && stay.end < due) {
    // The person died or left before anyone assessed them: signed off as not granted, unassessed.
    const signed = Math.max(received, stay.end + rng.int(0, 40))
    return {
      ...base,
      lastAssessment: undefined,
      assessments: NOT_ASSESSED,
      signedOff: isoOfDay(signed),
      outcome: "Not granted",
      notGrantedReason: stay.died ? "Person died" : "Change in circumstances",
      authorisationStart: undefined,
      authorisationEnd: undefined,
    }
  }
  const assessedOn = Math.max(received, due - rng.int(0, 4))
  const statuses = {
    age: rng.chance(0.05) ? 3 : 1,
    mentalHealth: rng.chance(0.08) ? 3 : 1,
    mentalCapacity: 1,
    noRefusals: 1,
    eligibility: 1,
    bestInterests: 1,
  }
  if (rng.chance(0.04)) {
    const failed = rng.weighted(failedRequirement)
    statuses[failed] = 2
    // the best interests assessment is not carried out once another requirement has failed
    if (failed !== "bestInterests") statuses.bestInterests = 0
    return {
      ...base,
      lastAssessment: isoOfDay(assessedOn),
      assessments: statuses,
      signedOff: isoOfDay(due),
      outcome: "Not granted",
      notGrantedReason: requirementLabel[failed],
      authorisationStart: undefined,
      authorisationEnd: undefined,
    }
  }
  const length =
    stay.setting === "hospital"
      ? rng.weighted<number>([
          [28, 40],
          [56, 30],
          [90, 30],
        ])
      : rng.weighted<number>([
          [90, 10],
          [180, 20],
          [270, 20],
          [365, 50],
        ])
  // the end date as granted (an authorisation that ceases early, at a death or move, keeps it)
  const authEnd = due + length - 1
  return {
    ...base,
    lastAssessment: isoOfDay(assessedOn),
    assessments: statuses,
    signedOff: isoOfDay(due),
    outcome: "Granted",
    notGrantedReason: undefined,
    authorisationStart: isoOfDay(due),
    authorisationEnd: isoOfDay(authEnd),
  }
}

/** The applications made during one stay: the first, then a further one before each authorisation expires. */
const applicationsForStay = (rng: Rng, who: Applicant, stay: Stay, out: DolsApplication[]): void => {
  let received: number
  let urgent: boolean
  if (stay.setting === "hospital") {
    received = Math.max(stay.start, (stay.end ?? END) - rng.int(3, 30))
    urgent = rng.chance(0.92)
  } else if (stay.start < START) {
    // already resident on 1 April 2022: the current application was made in the year before
    received = START - rng.int(1, 330)
    urgent = rng.chance(0.25)
  } else {
    received = stay.start + rng.int(0, 10)
    urgent = rng.chance(0.75)
  }
  for (let guard = 0; guard < 30; guard++) {
    if (received > END || (stay.end !== undefined && received > stay.end)) return
    const app = runApplication(rng, who, stay, received, urgent)
    out.push(asKnownAtEnd(app))
    if (app.outcome !== "Granted" || app.authorisationEnd === undefined || stay.setting === "hospital") return
    const expires = dayOf(app.authorisationEnd)
    if (stay.end !== undefined && stay.end <= expires) return
    received = Math.max(dayOf(app.signedOff ?? app.received) + 1, expires - rng.int(7, 28))
    urgent = rng.chance(0.25)
  }
}

const CARE_HOME_COMPONENTS = new Set([
  "Long term nursing care",
  "Long term residential care",
  "Short term nursing care",
  "Short term residential care",
])

/** A model person's care home stays (consecutive services with the same home merged). */
const careHomeStays = (p: Person): Stay[] => {
  const death = p.dateOfDeath === undefined ? undefined : dayOf(p.dateOfDeath)
  const raw = p.events
    .filter((e) => e.type === "Service" && CARE_HOME_COMPONENTS.has(e.serviceComponent ?? ""))
    .map((e) => ({
      provider: e.providerCqcLocationId ?? "unknown",
      start: dayOf(e.start),
      end: e.end === undefined ? undefined : dayOf(e.end),
    }))
    .sort((a, b) => a.start - b.start)
  const stays: Array<{ provider: string; start: number; end: number | undefined }> = []
  for (const s of raw) {
    const last = stays[stays.length - 1]
    if (
      last !== undefined &&
      last.provider === s.provider &&
      last.end !== undefined &&
      s.start <= last.end + 1
    )
      last.end = s.end === undefined ? undefined : Math.max(last.end, s.end)
    else stays.push({ ...s })
  }
  return stays.map((s) => ({
    ...s,
    setting: "care home" as const,
    died: death !== undefined && s.end !== undefined && Math.abs(death - s.end) <= 1,
  }))
}

const lacksCapacity = (p: Person): number =>
  p.dementia === "Yes" ||
  p.primarySupportReason === "Support with Memory and Cognition" ||
  p.primarySupportReason === "Learning Disability Support"
    ? 0.8
    : 0.6

/** DoLS applications for a model person: care home stays and hospital discharges (see the module notes). */
const dolsForPerson = (seed: number, p: Person, out: DolsApplication[]): void => {
  if (p.clientType !== "Service user") return
  const who: Applicant = {
    ref: p.laPersonId,
    known: true,
    birth: p.dateOfBirth,
    gender: p.gender === "Male" ? "Male" : "Female",
  }
  const rng = new Rng(seedFor(seed, p.index, SALT.dols))
  for (const stay of careHomeStays(p)) {
    if (ageAt(p.dateOfBirth, Math.max(stay.start, START)) < 18) continue
    if (!rng.chance(lacksCapacity(p))) continue
    applicationsForStay(rng, who, stay, out)
  }
  const h = new Rng(seedFor(seed, p.index, SALT.hospital))
  for (const e of p.events) {
    if (e.type !== "Request" || e.routeOfAccess !== "Discharge from hospital") continue
    const discharge = dayOf(e.start)
    if (discharge < START || ageAt(p.dateOfBirth, discharge) < 65 || !h.chance(0.35)) continue
    const admitted = discharge - h.int(5, 40)
    applicationsForStay(
      h,
      who,
      {
        provider: h.pick(HOSPITAL_SITES),
        setting: "hospital",
        start: admitted,
        end: discharge,
        died: false,
      },
      out,
    )
  }
}

const SELF_FUNDER_STOCK = 1200
const SELF_FUNDER_ARRIVALS_PER_YEAR = 600

/** DoLS applications for self-funded care home residents (not in the model): their own seeded pool. */
const dolsForSelfFunders = (seed: number, scale: number, out: DolsApplication[]): void => {
  const stock = Math.round(SELF_FUNDER_STOCK * scale)
  const arrivals = Math.round(((SELF_FUNDER_ARRIVALS_PER_YEAR * (END - START + 1)) / YEAR) * scale)
  for (let i = 0; i < stock + arrivals; i++) {
    const rng = new Rng(seedFor(seed, i, SALT.selfFunder))
    const start = i < stock ? START - rng.int(1, 1500) : START + rng.int(0, END - START)
    const age = rng.weighted<number>([
      [rng.int(70, 79), 20],
      [rng.int(80, 89), 45],
      [rng.int(90, 101), 35],
    ])
    const birth = isoOfDay(start - Math.round(age * YEAR) - rng.int(0, 364))
    const length = Math.round(rng.exponential(2.3 * YEAR))
    const stayEnd = start + length
    const died = rng.chance(0.78)
    const stay: Stay = {
      provider: careHome(rng),
      setting: "care home",
      start,
      end: stayEnd > END ? undefined : stayEnd,
      died,
    }
    if (stay.end !== undefined && stay.end < START) continue
    if (!rng.chance(0.72)) continue
    applicationsForStay(
      rng,
      { ref: `D${String(100_001 + i)}`, known: false, birth, gender: rng.chance(0.68) ? "Female" : "Male" },
      stay,
      out,
    )
  }
}

// ---------------------------------------------------------------------------------------------------------------
// complaints, compliments, audits, feedback

const COMPLAINT_RATE = 150 / 3900
const COMPLIMENT_RATE = 300 / 3900
const AUDIT_RATE = 240 / 3900
const FEEDBACK_SHARE = 0.115

const complaintOutcomes: Weighted<Complaint["outcome"]> = [
  ["Upheld", 20],
  ["Partly upheld", 30],
  ["Not upheld", 42],
  ["Withdrawn", 8],
]
const complainants: Weighted<string> = [
  ["Service user", 45],
  ["Family member", 40],
  ["Advocate", 6],
  ["MP or councillor", 5],
  ["Other", 4],
]
const complaintCategories: Weighted<string> = [
  ["Quality of care", 25],
  ["Communication", 20],
  ["Delay", 15],
  ["Charging and finance", 15],
  ["Assessment decision", 12],
  ["Staff conduct", 8],
  ["Other", 5],
]
const grades: Weighted<CaseAudit["grade"]> = [
  ["Outstanding", 8],
  ["Good", 50],
  ["Requires improvement", 35],
  ["Inadequate", 7],
]
const gradeScore: Record<CaseAudit["grade"], readonly [number, number]> = {
  Outstanding: [90, 100],
  Good: [70, 89],
  "Requires improvement": [45, 69],
  Inadequate: [10, 44],
}

interface Draft<T> {
  readonly day: number
  readonly make: (id: string) => T
}

/** Gives drafts ids in date order: `prefix` + two-digit financial year + a sequence within it. */
const numbered = <T>(drafts: Array<Draft<T>>, prefix: string): T[] => {
  drafts.sort((a, b) => a.day - b.day)
  const seq = new Map<string, number>()
  return drafts.map((d) => {
    const fy = fyShort(d.day)
    const n = (seq.get(fy) ?? 0) + 1
    seq.set(fy, n)
    return d.make(`${prefix}${fy}-${String(n).padStart(4, "0")}`)
  })
}

/** Records for one model person (complaints, compliments, audits, feedback), as undated-id drafts. */
const localForPerson = (
  seed: number,
  p: Person,
  out: {
    complaints: Array<Draft<Complaint>>
    compliments: Array<Draft<Compliment>>
    audits: Array<Draft<CaseAudit>>
    feedback: Array<Draft<FeedbackReturn>>
  },
): void => {
  const spans = activeSpans(p)
  const team = teamOf(p)
  const c = new Rng(seedFor(seed, p.index, SALT.complaint))
  for (const day of eventsOver(c, spans, COMPLAINT_RATE)) {
    const onTime = c.chance(0.7)
    const respondedDay = addWorkingDays(day, onTime ? c.int(5, 20) : c.int(21, 60))
    const outcome = c.weighted(complaintOutcomes)
    const complainant = c.weighted(complainants)
    const category = c.weighted(complaintCategories)
    const stage = c.weighted<Complaint["stage"]>([
      ["Stage 1", 88],
      ["Stage 2", 8],
      ["Ombudsman", 4],
    ])
    const answered = respondedDay <= END
    out.complaints.push({
      day,
      make: (id) => ({
        id,
        personRef: p.laPersonId,
        received: isoOfDay(day),
        responded: answered ? isoOfDay(respondedDay) : undefined,
        outcome: answered ? outcome : undefined,
        complainant,
        category,
        team,
        stage,
      }),
    })
  }
  const k = new Rng(seedFor(seed, p.index, SALT.compliment))
  for (const day of eventsOver(k, spans, COMPLIMENT_RATE)) {
    const recorded = k.chance(0.5)
    const from = k.weighted<string>([
      ["Service user", 40],
      ["Family member", 45],
      ["Professional", 10],
      ["Care provider", 5],
    ])
    const about = k.weighted<string>([
      ["Staff member", 60],
      ["Team", 30],
      ["Service", 10],
    ])
    out.compliments.push({
      day,
      make: (id) => ({
        id,
        personRef: recorded ? p.laPersonId : undefined,
        received: isoOfDay(day),
        from,
        about,
        team,
      }),
    })
  }
  const a = new Rng(seedFor(seed, p.index, SALT.audit))
  for (const day of eventsOver(a, spans, AUDIT_RATE)) {
    const grade = a.weighted(grades)
    const [lo, hi] = gradeScore[grade]
    const good = grade === "Outstanding" || grade === "Good"
    const score = a.int(lo, hi)
    const auditor = a.weighted<string>([
      ["Team manager", 60],
      ["Principal social worker", 15],
      ["Peer auditor", 25],
    ])
    const strengthsBased = a.chance(good ? 0.9 : 0.45) ? "Y" : "N"
    const mcaRecorded = a.chance(0.4) ? "N/A" : a.chance(good ? 0.9 : 0.6) ? "Y" : "N"
    const carerConsidered = a.chance(good ? 0.85 : 0.5) ? "Y" : "N"
    out.audits.push({
      day,
      make: (id) => ({
        id,
        personRef: p.laPersonId,
        audited: isoOfDay(day),
        team,
        auditor,
        grade,
        score,
        strengthsBased,
        mcaRecorded,
        carerConsidered,
      }),
    })
  }
  const f = new Rng(seedFor(seed, p.index, SALT.feedback))
  for (const e of p.events) {
    if ((e.type !== "Assessment" && e.type !== "Review") || e.end === undefined) continue
    if (!f.chance(FEEDBACK_SHARE)) continue
    const day = dayOf(e.end) + f.int(3, 40)
    if (day < START || day > END) continue
    const rating = f.weighted<number>([
      [5, 45],
      [4, 30],
      [3, 12],
      [2, 7],
      [1, 6],
    ])
    const channel = f.weighted<string>([
      ["Paper", 45],
      ["Online", 40],
      ["Telephone", 15],
    ])
    const listenedTo = rating >= 4 ? "Yes" : rating === 3 ? "Partly" : f.chance(0.5) ? "No" : "Partly"
    const easy = f.chance(0.2) ? "Didn't need it" : f.chance(rating >= 4 ? 0.85 : 0.45) ? "Yes" : "No"
    const about = e.type
    out.feedback.push({
      day,
      make: (id) => ({
        id,
        received: isoOfDay(day),
        team: e.type === "Assessment" && e.assessmentType?.startsWith("Short") ? "Reablement Service" : team,
        about,
        channel,
        rating,
        listenedTo,
        easyToFindInformation: easy,
      }),
    })
  }
}

// ---------------------------------------------------------------------------------------------------------------
// carers' hub

const CARERS_PER_MONTH = 40
const MODEL_CARER_SHARE = 0.7
/** Model carers registering with the hub, per month (about 88 new model carers a year × 70%). */
const MODEL_CARERS_PER_MONTH = (88 * MODEL_CARER_SHARE) / 12

const carerAgeBands: Weighted<string> = [
  ["18-24", 4],
  ["25-44", 16],
  ["45-64", 45],
  ["65-74", 18],
  ["75+", 17],
]
const caringFor: Weighted<string> = [
  ["Dementia", 24],
  ["Frailty or older age", 22],
  ["Physical disability", 16],
  ["Learning disability or autism", 12],
  ["Mental health", 12],
  ["Long-term condition", 10],
  ["Substance misuse", 2],
  ["End of life", 2],
]
const referredBy: Weighted<string> = [
  ["Self", 38],
  ["Adult social care", 22],
  ["GP", 14],
  ["Hospital", 10],
  ["Voluntary sector", 11],
  ["Other", 5],
]
const hubSupport: Weighted<string> = [
  ["Information and advice", 40],
  ["Carer's assessment (referred to council)", 18],
  ["Carers' emergency card", 14],
  ["Short break grant", 12],
  ["Peer support group", 10],
  ["Wellbeing check", 6],
]
const hoursBands: Weighted<number> = [
  [5, 15],
  [10, 18],
  [20, 22],
  [35, 20],
  [50, 12],
  [100, 13],
]

interface CarerDraft {
  readonly day: number
  readonly ascId: string | undefined
  readonly closed: number | undefined
  readonly rng: Rng
}

const carerRecord = (d: CarerDraft, id: string): CarerRegistration => {
  const r = d.rng
  return {
    id,
    ascId: d.ascId,
    registered: isoOfDay(d.day),
    closed: d.closed === undefined || d.closed > END ? undefined : isoOfDay(d.closed),
    ageBand: r.weighted(carerAgeBands),
    caringFor: r.weighted(caringFor),
    referredBy: d.ascId === undefined ? r.weighted(referredBy) : r.chance(0.6) ? "Adult social care" : "Self",
    hoursPerWeek: r.weighted(hoursBands),
    support: r.weighted(hubSupport),
  }
}

/** Carers known only to the hub: a Poisson number each month, so the total is about 40 a month. */
const hubOnlyCarers = (seed: number, scale: number, out: CarerDraft[]): void => {
  const perMonth = (CARERS_PER_MONTH - MODEL_CARERS_PER_MONTH) * scale
  let m = 0
  for (let t = START; t <= END; m++) {
    const monthStart = dayOf(LocalDate.addMonths(MODEL_START, m))
    const monthEnd = Math.min(END, dayOf(LocalDate.addMonths(MODEL_START, m + 1)) - 1)
    const rng = new Rng(seedFor(seed, m, SALT.hubCarer))
    const n = poisson(rng, perMonth)
    for (let i = 0; i < n; i++) {
      const day = rng.int(monthStart, monthEnd)
      const closed = rng.chance(0.35) ? day + Math.round(rng.exponential(1.5 * YEAR)) : undefined
      out.push({
        day,
        ascId: undefined,
        closed,
        rng: new Rng(seedFor(seed, m * 1000 + i, SALT.hubCarer + 50)),
      })
    }
    t = monthEnd + 1
  }
}

// ---------------------------------------------------------------------------------------------------------------
// training and SARs

/** Courses counted by learning and development, with people trained per team a month. */
const COURSES: ReadonlyArray<{
  readonly name: string
  readonly rate: (month: string) => number
  readonly deliveredBy: TrainingCount["deliveredBy"]
}> = [
  {
    name: "Progression model",
    rate: (m) => (m < "2024-01" ? 0 : m <= "2025-06" ? 2.5 : 0.4),
    deliveredBy: "In-house",
  },
  { name: "Strengths-based practice", rate: () => 0.8, deliveredBy: "In-house" },
  { name: "Mental Capacity Act and DoLS", rate: () => 1, deliveredBy: "External" },
  { name: "Safeguarding adults (level 2)", rate: () => 1.5, deliveredBy: "In-house" },
]

const trainingCounts = (seed: number, scale: number): TrainingCount[] => {
  const out: TrainingCount[] = []
  for (let m = 0; ; m++) {
    const first = LocalDate.addMonths(MODEL_START, m)
    if (first > MODEL_END) break
    const month = first.slice(0, 7)
    const rng = new Rng(seedFor(seed, m, SALT.training))
    for (const course of COURSES)
      for (const team of TEAMS) {
        const trained = poisson(rng, course.rate(month) * scale)
        if (trained > 0)
          out.push({ month, course: course.name, team, deliveredBy: course.deliveredBy, trained })
      }
  }
  return out
}

const sarsFor = (seed: number, scale: number): SafeguardingAdultsReview[] => {
  const out: SafeguardingAdultsReview[] = []
  for (let y = 2022; y <= 2026; y++) {
    const rng = new Rng(seedFor(seed, y, SALT.sar))
    const from = Math.max(START, dayOf(`${y}-04-01` as LocalDate.LocalDate))
    const to = Math.min(END, dayOf(`${y + 1}-03-31` as LocalDate.LocalDate))
    if (from > to) continue
    const n = poisson(rng, ((2.5 * (to - from + 1)) / YEAR) * scale)
    const days = Array.from({ length: n }, () => rng.int(from, to)).sort((a, b) => a - b)
    days.forEach((referred, i) => {
      const commissioned = referred + rng.int(14, 70)
      const concluded = commissioned + rng.int(180, 540)
      const deaths = rng.chance(0.7)
        ? rng.weighted<number>([
            [1, 85],
            [2, 10],
            [3, 5],
          ])
        : 0
      const survived =
        deaths === 0
          ? rng.weighted<number>([
              [1, 80],
              [2, 20],
            ])
          : rng.chance(0.15)
            ? 1
            : 0
      if (commissioned > END) return
      out.push({
        id: `SAR-${y}-${String(i + 1).padStart(2, "0")}`,
        referred: isoOfDay(referred),
        commissioned: isoOfDay(commissioned),
        concluded: concluded > END ? undefined : isoOfDay(concluded),
        died: deaths,
        survived,
        abuseType: rng.weighted<string>([
          ["Neglect and acts of omission", 35],
          ["Self-neglect", 30],
          ["Organisational", 12],
          ["Physical", 10],
          ["Domestic abuse", 8],
          ["Financial or material", 5],
        ]),
      })
    })
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// the whole set

/** Generates the borough's DoLS applications and local records (deterministic for a seed and scale). */
export const boroughExtras = (options: ExtrasOptions = {}): BoroughExtras => {
  const seed = options.seed ?? 1
  const scale = options.scale ?? 1
  if (!(scale > 0) || scale > 1000)
    throw new RangeError(`scale must be above 0 and at most 1000, got ${scale}`)
  const dols: DolsApplication[] = []
  const drafts = {
    complaints: [] as Array<Draft<Complaint>>,
    compliments: [] as Array<Draft<Compliment>>,
    audits: [] as Array<Draft<CaseAudit>>,
    feedback: [] as Array<Draft<FeedbackReturn>>,
  }
  const carers: CarerDraft[] = []
  for (const p of options.people ?? simulatePeople({ seed, scale })) {
    dolsForPerson(seed, p, dols)
    localForPerson(seed, p, drafts)
    if (p.clientType === "Unpaid carer" && p.events.length > 0) {
      const rng = new Rng(seedFor(seed, p.index, SALT.carer))
      if (!rng.chance(MODEL_CARER_SHARE)) continue
      const first = dayOf(p.events[0]!.start)
      const day = first - rng.int(-60, 120)
      if (day < START || day > END) continue
      const last = p.events.reduce((m, e) => Math.max(m, e.end === undefined ? END + 1 : dayOf(e.end)), first)
      // the hub closes the registration when the caring role ends (never before it registered the carer)
      const closed = last > END ? undefined : Math.max(day + 1, last + rng.int(0, 60))
      carers.push({ day, ascId: p.laPersonId, closed, rng })
    }
  }
  dolsForSelfFunders(seed, scale, dols)
  hubOnlyCarers(seed, scale, carers)
  dols.sort((a, b) =>
    a.received < b.received ? -1 : a.received > b.received ? 1 : a.personRef < b.personRef ? -1 : 1,
  )
  carers.sort((a, b) => a.day - b.day)
  return {
    laCode: LA_CODE,
    seed,
    scale,
    dols,
    complaints: numbered(drafts.complaints, "C"),
    compliments: numbered(drafts.compliments, "K"),
    carers: carers.map((d, i) => carerRecord(d, `CH${String(10_001 + i)}`)),
    feedback: numbered(drafts.feedback, "FB"),
    audits: numbered(drafts.audits, "AUD"),
    training: trainingCounts(seed, scale),
    sars: sarsFor(seed, scale),
  }
}

/** One source of an ETL configuration: a plugin id and its configuration. */
export interface EtlSource {
  readonly plugin: string
  readonly config: Readonly<Record<string, unknown>>
}

/**
 * The ETL sources that load what `writeExtras` wrote (`dols` for the returns, `spreadsheet` for each dataset), with
 * paths relative to the output folder: use it as the load's base folder.
 */
export const extrasEtlSources = (
  manifest: Pick<ExtrasManifest, "laCode" | "spreadsheets">,
): ReadonlyArray<EtlSource> => [
  { plugin: "dols", config: { files: [`DoLS_${manifest.laCode}_*`], laCode: manifest.laCode } },
  ...manifest.spreadsheets.files.flatMap((f) =>
    f.sheets.map((s) => ({
      plugin: "spreadsheet",
      config: {
        dataset: s.dataset,
        files: [f.file],
        laCode: manifest.laCode,
        ...(f.format === "xlsx" ? { sheet: s.sheet } : {}),
      },
    })),
  ),
]

/**
 * Generates the borough's extras and writes them into `outDir`: the DoLS national returns (one per financial year,
 * as at 31 March, plus the in-year extract to the model's end) and the teams' spreadsheets, with `faults.json` when
 * faults are injected. Same seed and options, byte-identical files.
 */
export const writeExtras = async (
  outDir: string,
  options: WriteExtrasOptions = {},
): Promise<ExtrasManifest> => {
  const extras = boroughExtras(options)
  const format = options.format ?? "mixed"
  const faults = options.faults ?? false
  const dols = await writeDolsReturns(extras.dols, {
    outDir,
    format: format === "xlsx" ? "xlsx" : "csv",
    faults,
  })
  const spreadsheets = await writeSpreadsheets(extras, {
    outDir,
    format,
    faults,
    ukDates: options.ukDates ?? false,
  })
  const all = [...dols.faults, ...spreadsheets.faults]
  if (faults) {
    await writeFile(join(outDir, "extras-faults.json"), `${JSON.stringify(all, null, 2)}\n`)
  }
  return {
    laCode: extras.laCode,
    seed: extras.seed,
    scale: extras.scale,
    dols,
    spreadsheets,
    counts: {
      dolsApplications: extras.dols.length,
      complaints: extras.complaints.length,
      compliments: extras.compliments.length,
      carers: extras.carers.length,
      feedback: extras.feedback.length,
      audits: extras.audits.length,
      trainingRows: extras.training.length,
      sars: extras.sars.length,
    },
    faults: all,
  }
}
