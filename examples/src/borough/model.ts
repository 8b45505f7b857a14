/**
 * The Synthetic Borough: a deterministic simulation of the people and adult social care events of a fictional
 * metropolitan borough (about 195,000 residents, Bury-like, but LA code 999 so it cannot be mistaken for a real
 * council), from 1 April 2022 to 30 September 2026.
 *
 * The model is format-agnostic: plain typed objects holding every CLD attribute in Release 2 labels, which the
 * CLD writer (and later LAS / ContrOCC / DoLS writers) turn into files. People are simulated one at a time from
 * their own seeded random stream, so the whole borough can be streamed with memory that does not grow with its
 * size, and the same seed always gives the same borough.
 *
 * Calibration targets at scale 1 (the brief, checked in `examples/test/borough.test.ts`): about 3,000 people in
 * long-term support at any time (about 60% aged 65+); about 170 assessments and 400 requests a month; about 60
 * reablement (ST-Max) episodes a month, 75–85% of them ending without further long-term support; about 30 (18–64)
 * and 300 (65+) new long-term residential or nursing admissions a year; about a quarter of 65+ long-term clients
 * dying each year; about 25–30% of long-term community clients on direct payments; settled accommodation about
 * 70% for 18–64 and 50–60% for 65+ (DHSC ASCOF 2E flags, `Cld.settledAccommodation`).
 */
import { type Cld, LocalDate } from "@asckit/core"
import { Rng, seedFor, type Weighted } from "./rng.js"

// ---------------------------------------------------------------------------------------------------------------
// public types

/** The borough's (fictional) LA code, as CLD `LA_Code`. */
export const LA_CODE = "999"
/** The borough's name. */
export const LA_NAME = "Synthetic Borough"
/** First day simulated. */
export const MODEL_START = "2022-04-01" as LocalDate.LocalDate
/** Last day simulated; events still running then are open. */
export const MODEL_END = "2026-09-30" as LocalDate.LocalDate

/** Options for the model. */
export interface ModelOptions {
  /** Seed for every random draw (default 1). */
  readonly seed?: number
  /** Multiplies population and caseload (default 1; fractions are allowed for quick tests). */
  readonly scale?: number
}

/** A value that holds from a date until the next entry. */
export interface Dated<T> {
  readonly from: LocalDate.LocalDate
  readonly value: T
}

/** What an unpaid carer record says about the caring role. */
export interface Caring {
  /** LA person identifiers of the adults cared for (CLD Adult_1/2/3_Linked_Person_ID). */
  readonly linkedPersonIds: ReadonlyArray<string>
  readonly hoursPerWeek: number
  readonly adultsCaredFor: number
}

/** One CLD event (request, assessment, service or review) with every CLD event attribute, in Release 2 labels. */
export interface CldEvent {
  readonly type: Cld.EventType
  /** Stable across submissions, unique within the borough. */
  readonly reference: string
  readonly start: LocalDate.LocalDate
  /** `undefined` while the event is open (at the end of the model). */
  readonly end: LocalDate.LocalDate | undefined
  /** `undefined` while the event is open. */
  readonly outcome: string | undefined
  readonly description?: string
  readonly routeOfAccess?: string
  readonly assessmentType?: string
  readonly eligibleNeedsIdentified?: string
  readonly methodOfAssessment?: string
  readonly serviceType?: string
  readonly serviceComponent?: string
  readonly deliveryMechanism?: string
  readonly providerCqcLocationId?: string
  readonly unitCost?: number
  readonly costFrequency?: string
  readonly plannedUnitsPerWeek?: number
  readonly reviewReason?: string
  readonly reviewOutcomesAchieved?: string
  readonly methodOfReview?: string
}

/** A person known to adult social care (service user or unpaid carer) with their events. */
export interface Person {
  /** Position in the borough (0-based); also seeds the person's random stream. */
  readonly index: number
  readonly laPersonId: string
  /** A valid 10-digit NHS number (mod-11 check digit) in a fictional range, or `undefined` when not recorded. */
  readonly nhsNumber: string | undefined
  readonly dateOfBirth: LocalDate.LocalDate
  readonly birthYear: number
  readonly birthMonth: number
  readonly dateOfDeath: LocalDate.LocalDate | undefined
  readonly gender: string
  readonly ethnicity: string
  readonly clientType: "Service user" | "Unpaid carer"
  readonly primarySupportReason: string | undefined
  readonly postcode: string
  readonly gpPracticeCode: string
  /** Accommodation status over time (first entry from the person's first contact). */
  readonly accommodation: ReadonlyArray<Dated<string>>
  readonly employmentStatus: string | undefined
  readonly hasUnpaidCarer: string | undefined
  readonly autism: string | undefined
  readonly visualImpairment: string | undefined
  readonly hearingImpairment: string | undefined
  readonly dementia: string | undefined
  readonly clientFundingStatus: string | undefined
  readonly caring: Caring | undefined
  /** Events in start-date order. */
  readonly events: ReadonlyArray<CldEvent>
}

/** Resident population by age band (context for rates per 100,000; mid-year, fictional). */
export interface PopulationBand {
  readonly band: string
  readonly people: number
}

/** The whole borough in memory (for tests and small scales; writers stream `simulatePeople` instead). */
export interface BoroughModel {
  readonly laCode: string
  readonly laName: string
  readonly seed: number
  readonly scale: number
  readonly start: LocalDate.LocalDate
  readonly end: LocalDate.LocalDate
  readonly population: ReadonlyArray<PopulationBand>
  readonly people: ReadonlyArray<Person>
}

// ---------------------------------------------------------------------------------------------------------------
// dates as day numbers

const START = LocalDate.toDayNumber(MODEL_START)
const END = LocalDate.toDayNumber(MODEL_END)
const DAY_BASE = LocalDate.toDayNumber("1900-01-01" as LocalDate.LocalDate)
const isoCache: string[] = []

/** The ISO date of day number `d` (days since 1970-01-01), cached. */
export const isoOfDay = (d: number): LocalDate.LocalDate => {
  const i = d - DAY_BASE
  let s = isoCache[i]
  if (s === undefined) {
    s = LocalDate.fromDayNumber(d)
    if (i >= 0) isoCache[i] = s
  }
  return s as LocalDate.LocalDate
}

const YEAR = 365.25

// ---------------------------------------------------------------------------------------------------------------
// population (context)

/** Population of the borough at scale 1, by age band; totals 195,000 (a Bury-like age profile, fictional). */
export const basePopulation: ReadonlyArray<PopulationBand> = [
  { band: "0-17", people: 43_300 },
  { band: "18-24", people: 15_200 },
  { band: "25-44", people: 48_800 },
  { band: "45-64", people: 50_300 },
  { band: "65-74", people: 19_900 },
  { band: "75-84", people: 13_100 },
  { band: "85+", people: 4_400 },
]

// ---------------------------------------------------------------------------------------------------------------
// calibration (all rates per year unless stated; tuned so the scale-1 borough meets the targets above)

const STOCK_LT = 3_000 // people in long-term support on 1 April 2022
const ARRIVALS_PER_MONTH = 300 // new people making a first request
const ARRIVAL_LEAD_DAYS = 90 // arrivals start before the model so April 2022 is not empty

const ageBandsStock65: Weighted<readonly [number, number]> = [
  [[65, 74], 20],
  [[75, 84], 35],
  [[85, 94], 38],
  [[95, 103], 7],
]
const ageBandsStock18: Weighted<readonly [number, number]> = [
  [[18, 24], 15],
  [[25, 44], 40],
  [[45, 64], 45],
]
const ageBandsArrival: Weighted<readonly [number, number]> = [
  [[18, 24], 3],
  [[25, 44], 8],
  [[45, 64], 17],
  [[65, 74], 16],
  [[75, 84], 27],
  [[85, 99], 29],
]

type Setting = "nursing" | "residential" | "community"

const psr65: Weighted<string> = [
  ["Physical Support: Personal Care Support", 55],
  ["Physical Support: Access and Mobility Only", 8],
  ["Support with Memory and Cognition", 20],
  ["Mental Health Support", 6],
  ["Sensory Support: Support for Visual Impairment", 2],
  ["Sensory Support: Support for Hearing Impairment", 1],
  ["Learning Disability Support", 2],
  ["Social Support: Support for Social Isolation/Other", 5],
  ["Social Support: Substance Misuse Support", 1],
]
const psr18: Weighted<string> = [
  ["Learning Disability Support", 40],
  ["Mental Health Support", 24],
  ["Physical Support: Personal Care Support", 19],
  ["Physical Support: Access and Mobility Only", 4],
  ["Support with Memory and Cognition", 2],
  ["Sensory Support: Support for Visual Impairment", 1],
  ["Sensory Support: Support for Dual Impairment", 1],
  ["Social Support: Substance Misuse Support", 4],
  ["Social Support: Support for Social Isolation/Other", 4],
  ["Social Support: Asylum Seeker Support", 1],
]

const ethnicityTable: Weighted<string> = [
  ["White: English, Welsh, Scottish, Northern Irish or British", 855],
  ["White: Irish", 8],
  ["White: Gypsy or Irish Traveller", 1],
  ["White: Roma", 1],
  ["White: Any other White background", 25],
  ["Mixed or multiple ethnic groups: White and Black Caribbean", 4],
  ["Mixed or multiple ethnic groups: White and Black African", 2],
  ["Mixed or multiple ethnic groups: White and Asian", 4],
  ["Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background", 2],
  ["Asian or Asian British: Indian", 8],
  ["Asian or Asian British: Pakistani", 45],
  ["Asian or Asian British: Bangladeshi", 3],
  ["Asian or Asian British: Chinese", 3],
  ["Asian or Asian British: Any other Asian background", 5],
  ["Black, Black British, Caribbean or African: Caribbean", 3],
  ["Black, Black British, Caribbean or African: African", 5],
  ["Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background", 1],
  ["Other ethnic group: Arab", 2],
  ["Other ethnic group: Any other ethnic group", 3],
  ["No data: Refused", 3],
  ["No data: Undeclared or not known", 15],
]

const settled65: Weighted<string> = [
  ["Owner occupier or shared ownership scheme", 56],
  ["Tenant: Local authority or other social housing provider", 20],
  ["Tenant: Private landlord", 5],
  ["Settled mainstream housing with family or friends", 7],
  ["Sheltered housing, extra care housing or other sheltered housing", 5],
  ["Unknown", 5],
  ["Acute hospital or long term healthcare residential facility", 1],
  ["Other temporary accommodation", 1],
]
const settled18: Weighted<string> = [
  ["Owner occupier or shared ownership scheme", 9],
  ["Tenant: Local authority or other social housing provider", 22],
  ["Tenant: Private landlord", 9],
  ["Settled mainstream housing with family or friends", 29],
  ["Supported accommodation, supported lodgings or supported group home", 6],
  ["Unknown", 12],
  ["Staying with family or friends as a short term guest", 3],
  ["Placed in temporary accommodation by the council (inc. homelessness resettlement)", 3],
  ["Night shelter, emergency hostel or direct access hostel", 2],
  ["Rough sleeper or squatting", 1],
  ["Other temporary accommodation", 2],
  ["Approved premises for offenders released from prison or under probation supervision", 1],
  ["Refuge", 1],
]

const employmentLd: Weighted<string> = [
  ["Not in paid employment: Not actively seeking work or retired", 68],
  ["Not in paid employment: Seeking work", 8],
  ["Not in paid employment: Voluntary work only", 6],
  ["Paid: Less than 16 hours a week", 6],
  ["Paid: 16 or more hours a week", 2],
  ["Paid: Hours per week unknown", 1],
  ["Unknown", 9],
]

const requestOutcomes: Weighted<string> = [
  ["NFA: Information and advice or signposting", 32],
  ["Progress to assessment, review or reassessment", 35],
  ["Progress to reablement/ST-Max", 11],
  ["Progress to support planning or services", 6],
  ["NFA: Referral to other service within the local authority", 5],
  ["NFA: Referral to NHS services or NHS funded social care", 3],
  ["NFA: Support declined", 3],
  ["NFA: Self-funded client or under 12wk disregard", 2],
  ["NFA: No services offered for other reason", 2],
  ["Admitted to hospital", 0.6],
  ["NFA: Deceased", 0.4],
]

type AssessmentResult = "lt" | "reablement" | "interim" | "low-level" | string
const assessmentOutcomes: Weighted<AssessmentResult> = [
  ["lt", 50],
  ["reablement", 12],
  ["interim", 4],
  ["low-level", 8],
  ["NFA: Information and advice or signposting", 9],
  ["NFA: Support declined", 4],
  ["NFA: Self-funded client or under 12wk disregard", 5],
  ["NFA: Referral to NHS services or NHS funded social care", 4],
  ["NFA: No services offered for other reason", 4],
]

type Sequel =
  | "ended"
  | "low-level"
  | "advice"
  | "other"
  | "declined"
  | "lt-community"
  | "lt-residential"
  | "hospital"
  | "deceased"
  | "nhs"
// ASCOF 2A: the first four are in the numerator (domain.md §1.5); declined, hospital, deceased and NHS-funded
// are excluded from both numerator and denominator. 74 / 89 = 83% of counted episodes need no further support.
const reablementSequels: Weighted<Sequel> = [
  ["ended", 50],
  ["low-level", 15],
  ["advice", 5],
  ["other", 4],
  ["declined", 3],
  ["lt-community", 12],
  ["lt-residential", 3],
  ["hospital", 5],
  ["deceased", 2],
  ["nhs", 1],
]

const unplannedReasons: Weighted<string> = [
  ["Unplanned: Hospital (planned and unplanned episodes)", 40],
  ["Unplanned: Carer related", 12],
  ["Unplanned: Safeguarding concern", 8],
  ["Unplanned: Other reason", 30],
  ["Unplanned: Provider failure", 5],
  ["Unplanned: Change in commissioning arrangements", 5],
]
const reviewMethods: Weighted<string> = [
  ["Face to face", 60],
  ["Telephone", 30],
  ["Video call", 5],
  ["Paper or online self-review", 3],
  ["Other", 2],
]
const assessmentMethods: Weighted<string> = [
  ["Face to face", 72],
  ["Telephone", 18],
  ["Video call", 5],
  ["Online or self-assessment", 2],
  ["Other", 3],
]
const achieved: Weighted<string> = [
  ["Fully achieved", 55],
  ["Partially achieved", 30],
  ["Not achieved", 5],
  ["Unknown", 10],
]
const ltEndOutcomes: Weighted<string> = [
  ["NFA: Support ended for other reason", 40],
  ["NFA: Responsibility moved to another local authority", 15],
  ["NFA: Self-funded client or under 12wk disregard", 20],
  ["NFA: Referral to NHS services or NHS funded social care", 25],
]

/** Weekly unit costs by financial year offset (uplifted about 5% a year from 2022-23). */
const uplift = (day: number): number => 1.05 ** Math.max(0, Math.floor((day - START) / YEAR))
const round2 = (x: number): number => Math.round(x * 100) / 100

// ---------------------------------------------------------------------------------------------------------------
// identifiers

/** The NHS number mod-11 check digit of nine digits, or `undefined` when the check would be 10 (not issued). */
export const nhsCheckDigit = (nine: string): number | undefined => {
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i)
  const c = 11 - (sum % 11)
  return c === 11 ? 0 : c === 10 ? undefined : c
}

/** True when `s` is a 10-digit NHS number with a valid check digit. */
export const isValidNhsNumber = (s: string): boolean =>
  /^\d{10}$/.test(s) && nhsCheckDigit(s.slice(0, 9)) === Number(s[9])

/**
 * The NHS number of person `index`: nine digits in a fictional range (999 000 000 upward, then 980 000 000
 * upward) plus the check digit; about one in eleven bases has no valid check digit, and those people simply
 * have no NHS number recorded, as real extracts have some gaps.
 */
const nhsNumberFor = (index: number): string | undefined => {
  const base = index < 1_000_000 ? 999_000_000 + index : 980_000_000 + (index - 1_000_000)
  const nine = String(base)
  const c = nhsCheckDigit(nine)
  return c === undefined ? undefined : nine + String(c)
}

const laPersonIdFor = (index: number): string => String(1_000_001 + index)
const POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
const postcodeFor = (rng: Rng): string =>
  `SB${rng.int(1, 9)} ${rng.int(1, 9)}${rng.pick([...POSTCODE_LETTERS])}${rng.pick([...POSTCODE_LETTERS])}`
const gpFor = (rng: Rng): string => `Z99${String(rng.int(101, 134))}`
const providerFor = (rng: Rng, pool: number, offset: number): string =>
  `1-999${String(offset + rng.int(0, pool - 1)).padStart(7, "0")}`

// ---------------------------------------------------------------------------------------------------------------
// the per-person simulation

interface Draft {
  type: Cld.EventType
  seq: number
  start: number
  end: number | undefined
  outcome: string | undefined
  description?: string
  routeOfAccess?: string
  assessmentType?: string
  eligibleNeedsIdentified?: string
  methodOfAssessment?: string
  serviceType?: string
  serviceComponent?: string
  deliveryMechanism?: string
  providerCqcLocationId?: string
  unitCost?: number
  costFrequency?: string
  plannedUnitsPerWeek?: number
  reviewReason?: string
  reviewOutcomesAchieved?: string
  methodOfReview?: string
}

/** What a service user's simulation tells a companion carer's. */
interface CarerPlan {
  readonly from: number
  readonly until: number | undefined
  readonly caredForAge: number
  readonly caredForEthnicity: string
  readonly caredForPostcode: string
}

const TYPE_LETTER: Record<Cld.EventType, string> = {
  Request: "R",
  Assessment: "A",
  Service: "S",
  Review: "V",
}

class PersonSim {
  readonly drafts: Draft[] = []
  readonly accommodation: Array<{ from: number; value: string }> = []
  death: number | undefined
  seq = 0
  ltEver = false
  carer: CarerPlan | undefined
  fundingStatus: string | undefined

  constructor(
    readonly rng: Rng,
    readonly birth: number,
    readonly psr: string | undefined,
    readonly hasCarer: string,
    readonly ethnicity: string,
    readonly postcode: string,
  ) {}

  ageAt(day: number): number {
    return Math.floor((day - this.birth) / YEAR)
  }

  add(d: Omit<Draft, "seq">): Draft {
    const draft = { ...d, seq: this.seq++ } as Draft
    this.drafts.push(draft)
    return draft
  }

  setAccommodation(from: number, value: string): void {
    const last = this.accommodation[this.accommodation.length - 1]
    if (last !== undefined && last.value === value) return
    if (last !== undefined && last.from === from) last.value = value
    else this.accommodation.push({ from, value })
  }

  /** The simulation horizon for this person: the model end or their death. */
  get horizon(): number {
    return this.death === undefined ? END : Math.min(END, this.death)
  }
}

const durationDays = (rng: Rng, mean: number, min: number, max: number): number =>
  Math.max(min, Math.min(max, Math.round(rng.exponential(mean))))

// --- requests, assessments, short-term support --------------------------------------------------------------

const requestRoute = (rng: Rng, age: number): string =>
  rng.weighted<string>([
    ["Community/other route", 58],
    ["Discharge from hospital", 27],
    ["Diversion from hospital services", 5],
    ["Planned entry (transition)", age < 26 ? 40 : 0.5],
    ["Self-funder", 3],
    ["Transfer from other LA", 1.5],
    ["Discharge from reablement", 1],
    ["Prison", 0.2],
  ])

/** A new person's journey from a request for support (SALT STS001-style paths). */
const runContact = (sim: PersonSim, t0: number, depth: number): void => {
  const { rng } = sim
  if (t0 > sim.horizon) return
  const age = sim.ageAt(t0)
  const route = requestRoute(rng, age)
  const end = t0 + (rng.chance(0.5) ? 0 : rng.int(1, 20))
  let outcome = rng.weighted(requestOutcomes)
  if (route === "Discharge from hospital" && rng.chance(0.2)) outcome = "Progress to reablement/ST-Max"
  if (age < 65 && outcome === "Progress to reablement/ST-Max" && rng.chance(0.5))
    outcome = "Progress to assessment, review or reassessment"
  if (outcome === "NFA: Deceased") sim.death = end
  sim.add({
    type: "Request",
    start: t0,
    end,
    outcome,
    routeOfAccess: route,
    description: "Contact / request for support",
  })
  let next = end
  switch (outcome) {
    case "Progress to assessment, review or reassessment":
      next = runAssessment(sim, end + rng.int(0, 21), false)
      break
    case "Progress to reablement/ST-Max":
      next = runReablement(sim, end + rng.int(0, 5))
      break
    case "Progress to support planning or services":
      next = runLowLevel(sim, end + rng.int(0, 10))
      break
    case "Admitted to hospital":
      if (rng.chance(0.5)) {
        runContact(sim, end + rng.int(10, 40), depth + 1)
        return
      }
      break
  }
  // Some people who got no long-term support come back later with a new request.
  if (!sim.ltEver && sim.death === undefined && depth < 3 && rng.chance(0.1))
    runContact(sim, next + rng.int(60, 700), depth + 1)
}

/** An assessment and what follows it; returns the day the path settles (for repeat contacts). */
const runAssessment = (sim: PersonSim, t0: number, shortTerm: boolean): number => {
  const { rng } = sim
  if (t0 > sim.horizon) return t0
  const end = Math.min(t0 + durationDays(rng, 26, 1, 150), Math.max(t0, sim.horizon))
  const age = sim.ageAt(t0)
  let result = rng.weighted(assessmentOutcomes)
  // Working-age adults are less often eligible for long-term support after a first assessment.
  if (result === "lt" && age < 65 && rng.chance(0.55))
    result = rng.weighted<AssessmentResult>([
      ["NFA: Referral to other service within the local authority", 2],
      ["NFA: Information and advice or signposting", 2],
      ["low-level", 1],
    ])
  const progress = result === "lt" || result === "interim" || result === "low-level"
  const outcome =
    result === "reablement"
      ? "Progress to reablement/ST-Max"
      : progress
        ? "Progress to support planning or services"
        : result
  sim.add({
    type: "Assessment",
    start: t0,
    end,
    outcome,
    assessmentType: shortTerm || rng.chance(0.12) ? "Short term assessment" : "Long term assessment",
    eligibleNeedsIdentified: progress
      ? "Yes"
      : result === "reablement"
        ? rng.chance(0.5)
          ? "Yes"
          : "No"
        : "No",
    methodOfAssessment: rng.weighted(assessmentMethods),
    description: "Care Act assessment",
  })
  switch (result) {
    case "lt": {
      const setting: Setting =
        age >= 65
          ? rng.weighted<Setting>([
              ["community", 70],
              ["residential", 21],
              ["nursing", 9],
            ])
          : rng.weighted<Setting>([
              ["community", 96],
              ["residential", 3.4],
              ["nursing", 0.6],
            ])
      runLongTerm(sim, end + rng.int(0, 14), setting, false)
      return end
    }
    case "reablement":
      return runReablement(sim, end + rng.int(0, 5))
    case "interim":
      return runInterim(sim, end + rng.int(0, 7))
    case "low-level":
      return runLowLevel(sim, end + rng.int(0, 10))
    default:
      return end
  }
}

/** Equipment or other ongoing low-level support (SALT: equipment always counts as ongoing low level). */
const runLowLevel = (sim: PersonSim, t0: number): number => {
  const { rng } = sim
  if (t0 > sim.horizon) return t0
  const oneOff = rng.chance(0.65)
  const end = oneOff ? t0 : Math.min(t0 + durationDays(rng, 120, 14, 540), sim.horizon)
  sim.add({
    type: "Service",
    start: t0,
    end,
    outcome: "NFA: Support ended as planned",
    serviceType: "Short term support: Ongoing low level",
    serviceComponent: oneOff ? "Equipment" : rng.pick(["Equipment", "Other short term", "Meals"]),
    deliveryMechanism: "CASSR commissioned support",
    description: oneOff ? "Equipment delivered" : "Telecare / low-level support",
  })
  return end
}

/** An interim short-term residential or nursing stay, then home or long-term care. */
const runInterim = (sim: PersonSim, t0: number): number => {
  const { rng } = sim
  if (t0 > sim.horizon) return t0
  const nursing = rng.chance(0.3)
  const end = Math.min(t0 + durationDays(rng, 28, 7, 90), sim.horizon)
  const toCare = rng.chance(0.45)
  sim.add({
    type: "Service",
    start: t0,
    end,
    outcome: toCare ? "Progress to support planning or services" : "NFA: Support ended as planned",
    serviceType: "Short term support: Other short term",
    serviceComponent: nursing ? "Short term nursing care" : "Short term residential care",
    deliveryMechanism: "CASSR commissioned support",
    providerCqcLocationId: providerFor(rng, 40, 0),
    unitCost: round2((nursing ? 1050 : 850) * uplift(t0)),
    costFrequency: "Weekly",
    plannedUnitsPerWeek: 1,
    description: "Interim / respite bed",
  })
  sim.setAccommodation(t0, nursing ? "Registered nursing home" : "Registered care home")
  if (toCare) runLongTerm(sim, end + 1, nursing ? "nursing" : "residential", false)
  return end
}

/**
 * A reablement (ST-Max) episode for a new client and its sequel in the 7 days after it ends (DHSC ASCOF 2A,
 * domain.md §1.5): the outcome on the ST-Max row, and any service that follows, carry the sequel.
 */
const runReablement = (sim: PersonSim, t0: number): number => {
  const { rng } = sim
  if (t0 > sim.horizon) return t0
  const plannedEnd = t0 + Math.round(rng.uniform(12, 44))
  const sequel = rng.weighted(reablementSequels)
  const end = Math.min(plannedEnd, sim.horizon)
  const outcome: Record<Sequel, string> = {
    ended: "NFA: Support ended as planned",
    "low-level": "Progress to support planning or services",
    advice: "NFA: Information and advice or signposting",
    other: "NFA: Other",
    declined: "NFA: Support declined",
    "lt-community": "Progress to support planning or services",
    "lt-residential": "Progress to support planning or services",
    hospital: "Admitted to hospital",
    deceased: "NFA: Deceased",
    nhs: "NFA: Referral to NHS services or NHS funded social care",
  }
  sim.add({
    type: "Service",
    start: t0,
    end,
    outcome: outcome[sequel],
    serviceType: "Short term support: ST-Max",
    serviceComponent: "Reablement",
    deliveryMechanism: "CASSR commissioned support",
    description: "Reablement (in-house team)",
  })
  if (end < plannedEnd) return end // the model ends mid-episode
  switch (sequel) {
    case "low-level": {
      const s = end + rng.int(0, 6)
      if (s <= sim.horizon)
        sim.add({
          type: "Service",
          start: s,
          end: Math.min(s + durationDays(rng, 150, 30, 600), sim.horizon),
          outcome: "NFA: Support ended as planned",
          serviceType: "Short term support: Ongoing low level",
          serviceComponent: rng.chance(0.7) ? "Equipment" : "Other short term",
          deliveryMechanism: "CASSR commissioned support",
          description: "Telecare / equipment following reablement",
        })
      break
    }
    case "lt-community":
    case "lt-residential": {
      if (rng.chance(0.5)) {
        const a = Math.max(t0, end - rng.int(3, 10))
        sim.add({
          type: "Assessment",
          start: a,
          end,
          outcome: "Progress to support planning or services",
          assessmentType: "Long term assessment",
          eligibleNeedsIdentified: "Yes",
          methodOfAssessment: rng.weighted(assessmentMethods),
          description: "Assessment at end of reablement",
        })
      }
      const setting: Setting =
        sequel === "lt-community" ? "community" : rng.chance(0.3) ? "nursing" : "residential"
      runLongTerm(sim, end + rng.int(1, 7), setting, false)
      break
    }
    case "hospital":
      if (rng.chance(0.5)) runContact(sim, end + rng.int(10, 40), 1)
      break
    case "deceased":
      sim.death = end + rng.int(0, 5)
      break
  }
  return end
}

// --- long-term support --------------------------------------------------------------------------------------

interface LtService {
  setting: Setting
  draft: Draft
}

const communityPackage = (
  sim: PersonSim,
  t: number,
): Pick<
  Draft,
  | "serviceComponent"
  | "deliveryMechanism"
  | "unitCost"
  | "costFrequency"
  | "plannedUnitsPerWeek"
  | "providerCqcLocationId"
  | "description"
> => {
  const { rng } = sim
  const age = sim.ageAt(t)
  const ld = sim.psr === "Learning Disability Support"
  const up = uplift(t)
  // Direct payments: about 40% of 18-64 and 13% of 65+ community clients (ASCOF 3D 2a is ~26-30% in the NW).
  if (rng.chance(age < 65 ? 0.4 : 0.13)) {
    const asComponent = rng.chance(0.7)
    const weekly = round2(rng.uniform(age < 65 ? 180 : 120, age < 65 ? 650 : 420) * up)
    return asComponent
      ? {
          serviceComponent: "Direct payment",
          deliveryMechanism: "Direct payment",
          unitCost: weekly,
          costFrequency: "Weekly",
          plannedUnitsPerWeek: 1,
          description: "Direct payment",
        }
      : {
          serviceComponent: "Home support or domiciliary care",
          deliveryMechanism: "Direct payment",
          unitCost: round2(17.5 * up),
          costFrequency: "Hourly",
          plannedUnitsPerWeek: rng.int(6, 30),
          description: "Personal assistant via direct payment",
        }
  }
  const dm = rng.weighted<string | undefined>([
    ["CASSR commissioned support", 91],
    ["CASSR managed personal budget", 6],
    [undefined, 3],
  ])
  const component = rng.weighted<string>(
    age < 65
      ? [
          ["Home support or domiciliary care", ld ? 10 : 40],
          ["Community supported living", ld ? 45 : 12],
          ["Day support", ld ? 25 : 10],
          ["Shared Lives", ld ? 6 : 1],
          ["Professional support: Other", 8],
          ["Other long term", 6],
        ]
      : [
          ["Home support or domiciliary care", 74],
          ["Extra care housing", 7],
          ["Day support", 8],
          ["Meals", 2],
          ["Other long term", 9],
        ],
  )
  const costed = rng.chance(0.9)
  const base = { serviceComponent: component, ...(dm === undefined ? {} : { deliveryMechanism: dm }) }
  const provider = { providerCqcLocationId: providerFor(rng, 60, 100) }
  switch (component) {
    case "Home support or domiciliary care":
    case "Extra care housing":
      return {
        ...base,
        ...provider,
        ...(costed
          ? {
              unitCost: round2(rng.uniform(21.5, 24.5) * up),
              costFrequency: "Hourly",
              plannedUnitsPerWeek: rng.int(4, 28),
            }
          : {}),
        description: component === "Extra care housing" ? "Extra care scheme" : "Home care package",
      }
    case "Community supported living":
      return {
        ...base,
        ...provider,
        ...(costed
          ? { unitCost: round2(rng.uniform(900, 2200) * up), costFrequency: "Weekly", plannedUnitsPerWeek: 1 }
          : {}),
        description: "Supported living",
      }
    case "Day support":
      return {
        ...base,
        ...(costed
          ? { unitCost: round2(48 * up), costFrequency: "Per session", plannedUnitsPerWeek: rng.int(1, 5) }
          : {}),
        description: "Day centre",
      }
    case "Shared Lives":
      return {
        ...base,
        ...(costed
          ? { unitCost: round2(rng.uniform(380, 520) * up), costFrequency: "Weekly", plannedUnitsPerWeek: 1 }
          : {}),
        description: "Shared Lives placement",
      }
    case "Meals":
      return {
        ...base,
        ...(costed ? { unitCost: round2(5.2 * up), costFrequency: "Daily", plannedUnitsPerWeek: 7 } : {}),
        description: "Meals service",
      }
    default:
      return {
        ...base,
        ...(costed
          ? { unitCost: round2(rng.uniform(60, 400) * up), costFrequency: "Weekly", plannedUnitsPerWeek: 1 }
          : {}),
        description: "Other community support",
      }
  }
}

const openLtService = (sim: PersonSim, t: number, setting: Setting): LtService => {
  const { rng } = sim
  const age = sim.ageAt(t)
  if (setting === "community") {
    const pkg = communityPackage(sim, t)
    const d = sim.add({
      type: "Service",
      start: t,
      end: undefined,
      outcome: undefined,
      serviceType: "Long term support: Community",
      ...pkg,
    })
    if (pkg.serviceComponent === "Extra care housing")
      sim.setAccommodation(t, "Sheltered housing, extra care housing or other sheltered housing")
    else if (pkg.serviceComponent === "Community supported living")
      sim.setAccommodation(t, "Supported accommodation, supported lodgings or supported group home")
    else if (pkg.serviceComponent === "Shared Lives") sim.setAccommodation(t, "Shared Lives scheme")
    return { setting, draft: d }
  }
  const nursing = setting === "nursing"
  const weekly = nursing ? rng.uniform(950, 1300) : age < 65 ? rng.uniform(1200, 2600) : rng.uniform(720, 980)
  const d = sim.add({
    type: "Service",
    start: t,
    end: undefined,
    outcome: undefined,
    serviceType: nursing ? "Long term support: Nursing care" : "Long term support: Residential care",
    serviceComponent: nursing ? "Long term nursing care" : "Long term residential care",
    deliveryMechanism: "CASSR commissioned support",
    providerCqcLocationId: providerFor(rng, 45, 0),
    unitCost: round2(weekly * uplift(t)),
    costFrequency: "Weekly",
    plannedUnitsPerWeek: 1,
    description: nursing ? "Nursing home placement" : "Residential care placement",
  })
  sim.setAccommodation(t, nursing ? "Registered nursing home" : "Registered care home")
  sim.fundingStatus = rng.weighted<string>([
    ["Joint client and social care funded", 72],
    ["Fully social care funded", 25],
    ["Fully client funded", 3],
  ])
  return { setting, draft: d }
}

const closeService = (svc: LtService, end: number, outcome: string): void => {
  svc.draft.end = Math.max(svc.draft.start, end)
  svc.draft.outcome = outcome
}

const addReview = (
  sim: PersonSim,
  t: number,
  reason: string,
  limit: number,
  outcome = "Continuation of support or services",
): void => {
  const { rng } = sim
  if (t > sim.horizon || t >= limit) return
  const end = Math.min(t + (rng.chance(0.4) ? 0 : rng.int(1, 21)), Math.max(t, limit - 1))
  const planned = reason === "Planned"
  sim.add({
    type: "Review",
    start: t,
    end,
    outcome,
    reviewReason: reason,
    methodOfReview: rng.weighted(reviewMethods),
    ...(planned || rng.chance(0.5) ? { reviewOutcomesAchieved: rng.weighted(achieved) } : {}),
    description: planned ? "Annual review" : "Unplanned review",
  })
}

const addReassessment = (sim: PersonSim, before: number): void => {
  const { rng } = sim
  const start = before - rng.int(8, 40)
  sim.add({
    type: "Assessment",
    start,
    end: Math.max(start, before - rng.int(0, 6)),
    outcome: "Progress to support planning or services",
    assessmentType: "Long term assessment",
    eligibleNeedsIdentified: "Yes",
    methodOfAssessment: rng.weighted(assessmentMethods),
    description: "Reassessment",
  })
}

/**
 * Long-term support from day `t0` in `setting`, run forward with competing risks (death, support ending, a move
 * from community to residential or nursing care, package changes), planned annual reviews, unplanned reviews,
 * further requests and occasional reablement for an existing client. `prior` marks the 1 April 2022 stock.
 */
const runLongTerm = (sim: PersonSim, t0: number, setting: Setting, prior: boolean): void => {
  const { rng } = sim
  if (t0 > sim.horizon) return
  sim.ltEver = true
  if (sim.fundingStatus === undefined)
    sim.fundingStatus = rng.weighted<string>([
      ["Fully social care funded", 55],
      ["Joint client and social care funded", 41],
      ["Fully client funded", 4],
    ])
  let svc = openLtService(sim, t0, setting)
  let t = prior ? START : t0
  // planned reviews: annually from the start, a fifth of them late
  let nextPlanned = prior ? START + rng.int(0, 364) : t0 + rng.int(300, 420)
  const ltStart = t0
  let carerPlanned = false
  for (let guard = 0; guard < 400; guard++) {
    const age = sim.ageAt(t)
    const old = age >= 65
    const s = svc.setting
    const death =
      s === "nursing"
        ? old
          ? 0.44
          : 0.12
        : s === "residential"
          ? old
            ? 0.3
            : 0.04
          : old
            ? 0.12 + 0.005 * Math.max(0, age - 65)
            : 0.015
    const endRate = s === "community" ? (old ? 0.06 : 0.06) : 0.02
    const moveRate = s === "community" ? (old ? 0.135 : 0.013) : s === "residential" && old ? 0.05 : 0
    const changeRate = s === "community" ? 0.3 : 0.04
    const unplannedRate = 0.2
    const requestRate = s === "community" ? 0.24 : 0.08
    const stmaxRate = s === "community" ? 0.02 : 0
    const draw = (rate: number) => (rate > 0 ? t + rng.exponential(YEAR / rate) : Number.POSITIVE_INFINITY)
    const times = {
      death: draw(death),
      end: draw(endRate),
      move: draw(moveRate),
      change: draw(changeRate),
      unplanned: draw(unplannedRate),
      request: draw(requestRate),
      stmax: draw(stmaxRate),
    }
    let which: keyof typeof times = "death"
    for (const k of Object.keys(times) as Array<keyof typeof times>) if (times[k] < times[which]) which = k
    const when = Math.ceil(times[which])
    // planned reviews due before the next event
    while (nextPlanned < when && nextPlanned <= END) {
      addReview(sim, nextPlanned, "Planned", when)
      nextPlanned += rng.chance(0.2) ? rng.int(400, 560) : rng.int(330, 400)
    }
    if (when > END) {
      planCarer()
      return
    }
    t = when
    switch (which) {
      case "death":
        sim.death = t
        closeService(svc, t, "NFA: Deceased")
        planCarer()
        return
      case "end":
        if (rng.chance(0.4))
          addReview(sim, t - rng.int(3, 20), "Unplanned: Other reason", t, rng.weighted(ltEndOutcomes))
        closeService(svc, t, rng.weighted(ltEndOutcomes))
        planCarer()
        return
      case "move": {
        const to: Setting = s === "residential" || rng.chance(old ? 0.33 : 0.2) ? "nursing" : "residential"
        if (rng.chance(0.5)) addReassessment(sim, t)
        else
          addReview(
            sim,
            t - rng.int(5, 25),
            rng.weighted(unplannedReasons),
            t,
            "Progress to support planning or services",
          )
        closeService(svc, t - 1, "Progress to support planning or services")
        if (s === "community") planCarer()
        svc = openLtService(sim, t, to)
        break
      }
      case "change": {
        if (rng.chance(0.5)) addReassessment(sim, t)
        else
          addReview(
            sim,
            t - rng.int(5, 25),
            rng.weighted(unplannedReasons),
            t,
            "Progress to support planning or services",
          )
        closeService(svc, t - 1, "Continuation of support or services")
        svc = openLtService(sim, t, s)
        break
      }
      case "unplanned":
        addReview(sim, t, rng.weighted(unplannedReasons), END + 1)
        break
      case "request": {
        const end = t + (rng.chance(0.6) ? 0 : rng.int(1, 7))
        const outcome = rng.weighted<string>([
          ["Progress to assessment, review or reassessment", 45],
          ["NFA: Information and advice or signposting", 30],
          ["Continuation of support or services", 25],
        ])
        sim.add({
          type: "Request",
          start: t,
          end,
          outcome,
          routeOfAccess: rng.chance(0.3) ? "Discharge from hospital" : "Community/other route",
          description: "Request from existing client",
        })
        if (outcome.startsWith("Progress")) {
          if (rng.chance(0.5)) addReassessment(sim, end + rng.int(40, 60))
          else addReview(sim, end + rng.int(0, 14), rng.weighted(unplannedReasons), END + 1)
        }
        break
      }
      case "stmax": {
        const end = Math.min(t + rng.int(10, 40), END + 1)
        sim.add({
          type: "Service",
          start: t,
          end: end > END ? undefined : end,
          outcome: end > END ? undefined : "Continuation of support or services",
          serviceType: "Short term support: ST-Max",
          serviceComponent: "Reablement",
          deliveryMechanism: "CASSR commissioned support",
          description: "Reablement after hospital stay (existing client)",
        })
        break
      }
    }
  }

  // A carer known to the council, for some community clients who have one (the carer record is simulated after).
  function planCarer(): void {
    if (carerPlanned || sim.carer !== undefined) return
    carerPlanned = true
    if (svc.setting !== "community" && svc.draft.start === ltStart) return
    if (sim.hasCarer !== "Yes" || !rng.chance(0.45)) return
    const from = prior ? Math.max(ltStart, START - rng.int(0, 365)) : ltStart + rng.int(14, 240)
    const until = sim.death ?? (svc.setting === "community" ? svc.draft.end : svc.draft.start - 1)
    if (until !== undefined && until <= from) return
    sim.carer = {
      from,
      until,
      caredForAge: sim.ageAt(from),
      caredForEthnicity: sim.ethnicity,
      caredForPostcode: sim.postcode,
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// people

interface Built {
  readonly person: Person
  readonly carerPlan: CarerPlan | undefined
}

const dobFor = (rng: Rng, ageAt: number, on: number): number =>
  on - Math.floor(ageAt * YEAR) - rng.int(0, 364)

const flags = (rng: Rng, p: number): string => (rng.chance(0.06) ? "Unknown" : rng.chance(p) ? "Yes" : "No")

const finishPerson = (
  index: number,
  sim: PersonSim,
  clientType: Person["clientType"],
  gender: string,
  extra: Partial<Person>,
): Person => {
  const { rng } = sim
  const deathDay = sim.death
  const drafts = sim.drafts
    .filter(
      (d) =>
        d.start <= END &&
        (d.end === undefined || d.end >= d.start) &&
        (deathDay === undefined || d.start <= deathDay),
    )
    .sort((a, b) => a.start - b.start || a.seq - b.seq)
  const death = deathDay !== undefined && deathDay <= END ? deathDay : undefined
  const events: CldEvent[] = drafts.map((d) => toEvent(index, d, death))
  const firstDay = drafts[0]?.start ?? START
  sim.accommodation.sort((a, b) => a.from - b.from)
  const first = sim.accommodation[0]
  if (first === undefined) sim.accommodation.push({ from: firstDay, value: "Unknown" })
  else if (first.from > firstDay) first.from = firstDay
  const dob = isoOfDay(sim.birth)
  return {
    index,
    laPersonId: laPersonIdFor(index),
    nhsNumber: nhsNumberFor(index),
    dateOfBirth: dob,
    birthYear: Number(dob.slice(0, 4)),
    birthMonth: Number(dob.slice(5, 7)),
    dateOfDeath: death === undefined ? undefined : isoOfDay(death),
    gender,
    ethnicity: sim.ethnicity,
    clientType,
    primarySupportReason: sim.psr,
    postcode: sim.postcode,
    gpPracticeCode: gpFor(rng),
    accommodation: sim.accommodation.map((a) => ({ from: isoOfDay(a.from), value: a.value })),
    employmentStatus: undefined,
    hasUnpaidCarer: sim.hasCarer,
    autism: undefined,
    visualImpairment: undefined,
    hearingImpairment: undefined,
    dementia: undefined,
    clientFundingStatus: sim.fundingStatus,
    caring: undefined,
    events,
    ...extra,
  }
}

const toEvent = (index: number, d: Draft, death: number | undefined): CldEvent => {
  let end = d.end
  let outcome = d.outcome
  // DHSC replaces end dates by the date of death when death comes first; the model writes it that way too.
  if (death !== undefined && (end === undefined || end > death) && d.start <= death) {
    end = death
    outcome = d.type === "Service" ? "NFA: Deceased" : (outcome ?? "NFA: Deceased")
  }
  const open = end === undefined || end > END
  const { seq, type, start, end: _e, outcome: _o, ...rest } = d
  return {
    type,
    reference: `${TYPE_LETTER[type]}${index * 1000 + seq}`,
    start: isoOfDay(start),
    end: open ? undefined : isoOfDay(end as number),
    outcome: open ? undefined : outcome,
    ...rest,
  }
}

/** A service user: either in long-term support on 1 April 2022 (`stock`) or arriving with a first request. */
const buildServiceUser = (seed: number, index: number, stock: boolean): Built => {
  const rng = new Rng(seedFor(seed, index, 1))
  const old = stock ? rng.chance(0.6) : false
  const [lo, hi] = stock
    ? rng.weighted(old ? ageBandsStock65 : ageBandsStock18)
    : rng.weighted(ageBandsArrival)
  const age = rng.int(lo, hi)
  const t0 = stock ? START : START - ARRIVAL_LEAD_DAYS + rng.int(0, END - START + ARRIVAL_LEAD_DAYS)
  const birth = dobFor(rng, age, t0)
  const is65 = age >= 65
  const psr = rng.weighted(is65 ? psr65 : psr18)
  const hasCarer = rng.weighted<string>([
    ["Yes", is65 ? 45 : 35],
    ["No", 42],
    ["Unknown", 15],
  ])
  const ethnicity = rng.weighted(ethnicityTable)
  const sim = new PersonSim(rng, birth, psr, hasCarer, ethnicity, postcodeFor(rng))
  const gender = rng.weighted<string>([
    ["Female", is65 ? 62 : 47],
    ["Male", is65 ? 37.2 : 52.2],
    ["Other", 0.3],
    ["Unknown", 0.5],
  ])
  sim.setAccommodation(t0 - rng.int(0, 400), rng.weighted(is65 ? settled65 : settled18))
  if (stock) {
    const setting: Setting = is65
      ? rng.weighted<Setting>([
          ["community", 58],
          ["residential", 28],
          ["nursing", 14],
        ])
      : rng.weighted<Setting>([
          ["community", 89],
          ["residential", 9],
          ["nursing", 2],
        ])
    const los = Math.min(rng.exponential(is65 ? 2.6 : 7) * YEAR, (age - 18) * YEAR, 25 * YEAR)
    const ltStart = START - Math.round(los)
    sim.accommodation.length = 0
    sim.setAccommodation(ltStart - rng.int(0, 400), rng.weighted(is65 ? settled65 : settled18))
    runLongTerm(sim, ltStart, setting, true)
  } else {
    runContact(sim, t0, 0)
  }
  const ld = psr === "Learning Disability Support"
  const person = finishPerson(index, sim, "Service user", gender, {
    employmentStatus: is65
      ? rng.chance(0.6)
        ? "Not in paid employment: Not actively seeking work or retired"
        : undefined
      : ld
        ? rng.weighted(employmentLd)
        : rng.weighted<string>([
            ...employmentLd.filter(([v]) => !v.startsWith("Paid")),
            ["Paid: 16 or more hours a week", 4],
            ["Paid: Less than 16 hours a week", 3],
            ["Unknown", 15],
          ]),
    autism: flags(rng, ld ? 0.3 : 0.02),
    visualImpairment: flags(rng, psr.includes("Visual") || psr.includes("Dual") ? 1 : is65 ? 0.08 : 0.02),
    hearingImpairment: flags(rng, psr.includes("Hearing") || psr.includes("Dual") ? 1 : is65 ? 0.12 : 0.02),
    dementia: flags(rng, psr === "Support with Memory and Cognition" ? 0.85 : is65 ? 0.1 : 0.01),
  })
  return { person, carerPlan: sim.carer }
}

/** An unpaid carer of a long-term community client, linked by Adult_1_Linked_Person_ID. */
const buildCarer = (seed: number, index: number, caredFor: Person, plan: CarerPlan): Person => {
  const rng = new Rng(seedFor(seed, index, 2))
  const spouse = plan.caredForAge >= 65 ? rng.chance(0.6) : rng.chance(0.25)
  const age = spouse
    ? Math.max(18, Math.min(95, plan.caredForAge + rng.int(-6, 4)))
    : plan.caredForAge >= 65
      ? rng.int(40, 66)
      : rng.int(45, 80)
  const birth = dobFor(rng, age, plan.from)
  const sim = new PersonSim(
    rng,
    birth,
    undefined,
    "No",
    rng.chance(0.9) ? plan.caredForEthnicity : rng.weighted(ethnicityTable),
    spouse ? plan.caredForPostcode : postcodeFor(rng),
  )
  sim.setAccommodation(plan.from, rng.weighted(settled65))
  const until = plan.until === undefined ? END + 1 : Math.min(plan.until, END + 1)
  const lastDay = until - 1
  const ended = (d: number) => (d > END ? undefined : d)
  const endOutcome = "NFA: Support ended for other reason"
  let t = plan.from
  if (rng.chance(0.3)) {
    const r = t - rng.int(5, 30)
    sim.add({
      type: "Request",
      start: r,
      end: r + rng.int(0, 5),
      outcome: "Progress to assessment, review or reassessment",
      routeOfAccess: "Community/other route",
      description: "Carer contact",
    })
  }
  const aEnd = Math.min(t + rng.int(1, 30), lastDay)
  const supported = rng.chance(0.6)
  sim.add({
    type: "Assessment",
    start: t,
    end: ended(aEnd),
    outcome: supported
      ? "Progress to support planning or services"
      : "NFA: Information and advice or signposting",
    assessmentType: "Unpaid carer assessment",
    eligibleNeedsIdentified: supported ? "Yes" : "No",
    methodOfAssessment: rng.weighted(assessmentMethods),
    description: "Carer's assessment",
  })
  t = aEnd + rng.int(1, 21)
  const kind = rng.weighted<"dp" | "respite" | "sitting" | "other">([
    ["dp", 45],
    ["respite", 25],
    ["sitting", 15],
    ["other", 15],
  ])
  const payment = (day: number) => {
    if (day > lastDay || day > END) return
    sim.add({
      type: "Service",
      start: day,
      end: day,
      outcome: "NFA: Support ended as planned",
      serviceType: "Unpaid carer support: Direct to unpaid carer",
      serviceComponent: "Direct payment",
      deliveryMechanism: "Direct payment",
      unitCost: round2(rng.uniform(200, 600) * uplift(day)),
      costFrequency: "One-off",
      plannedUnitsPerWeek: 0,
      description: "Carer's direct payment (one-off)",
    })
  }
  if (supported && t <= lastDay && t <= END) {
    if (kind === "dp") payment(t)
    else {
      const svcEnd = lastDay
      sim.add({
        type: "Service",
        start: t,
        end: ended(svcEnd),
        outcome: ended(svcEnd) === undefined ? undefined : endOutcome,
        serviceType: "Unpaid carer support: Direct to unpaid carer",
        serviceComponent:
          kind === "respite"
            ? "Unpaid carer respite"
            : kind === "sitting"
              ? "Unpaid carer sitting service"
              : "Unpaid carer other",
        deliveryMechanism: kind === "other" ? "CASSR managed personal budget" : "CASSR commissioned support",
        ...(kind === "sitting"
          ? {
              unitCost: round2(19.5 * uplift(t)),
              costFrequency: "Hourly",
              plannedUnitsPerWeek: rng.int(2, 6),
            }
          : kind === "respite"
            ? {
                unitCost: round2(rng.uniform(60, 160) * uplift(t)),
                costFrequency: "Weekly",
                plannedUnitsPerWeek: 1,
              }
            : {
                unitCost: round2(rng.uniform(300, 900) * uplift(t)),
                costFrequency: "Annually",
                plannedUnitsPerWeek: 0,
              }),
        description:
          kind === "respite" ? "Carer respite" : kind === "sitting" ? "Sitting service" : "Carer support",
      })
    }
    if (rng.chance(0.12)) {
      const s = t + rng.int(30, 200)
      if (s + 7 <= lastDay && s <= END)
        sim.add({
          type: "Service",
          start: s,
          end: ended(s + 7),
          outcome: ended(s + 7) === undefined ? undefined : "NFA: Support ended as planned",
          serviceType: "Unpaid carer support: Support involving the person cared-for",
          serviceComponent: "Unpaid carer respite",
          deliveryMechanism: "CASSR commissioned support",
          unitCost: round2(820 * uplift(s)),
          costFrequency: "Weekly",
          plannedUnitsPerWeek: 1,
          description: "Replacement care (respite stay for the cared-for person)",
        })
    }
  }
  // annual carer reviews while the caring goes on
  for (let r = plan.from + rng.int(330, 420); r < lastDay && r <= END; r += rng.int(340, 420)) {
    sim.add({
      type: "Review",
      start: r,
      end: ended(Math.min(r + rng.int(0, 14), lastDay)),
      outcome: "Continuation of support or services",
      reviewReason: "Planned",
      reviewOutcomesAchieved: rng.weighted(achieved),
      methodOfReview: rng.weighted(reviewMethods),
      description: "Carer's review",
    })
    if (supported && kind === "dp") payment(r + rng.int(7, 28))
  }
  const adults = rng.chance(0.9) ? 1 : 2
  return finishPerson(
    index,
    sim,
    "Unpaid carer",
    rng.weighted<string>([
      ["Female", 62],
      ["Male", 38],
    ]),
    {
      hasUnpaidCarer: undefined,
      clientFundingStatus: undefined,
      employmentStatus:
        age < 65
          ? rng.weighted<string>([
              ["Paid: 16 or more hours a week", 35],
              ["Paid: Less than 16 hours a week", 12],
              ["Not in paid employment: Not actively seeking work or retired", 35],
              ["Not in paid employment: Seeking work", 5],
              ["Unknown", 13],
            ])
          : "Not in paid employment: Not actively seeking work or retired",
      caring: {
        linkedPersonIds: [caredFor.laPersonId],
        hoursPerWeek: rng.weighted<number>([
          [10, 15],
          [20, 20],
          [35, 25],
          [50, 20],
          [70, 10],
          [100, 10],
        ]),
        adultsCaredFor: adults,
      },
    },
  )
}

// ---------------------------------------------------------------------------------------------------------------
// the borough

/** How many people of each kind the borough has at `scale`. */
export const boroughSize = (scale: number): { readonly stock: number; readonly arrivals: number } => {
  const months = (END - START + ARRIVAL_LEAD_DAYS) / (YEAR / 12)
  return { stock: Math.round(STOCK_LT * scale), arrivals: Math.round(ARRIVALS_PER_MONTH * months * scale) }
}

/**
 * Streams the borough's people, one at a time, in index order; an unpaid carer follows the person they care
 * for. Memory use does not grow with the borough: each person is simulated from their own seed.
 */
export function* simulatePeople(options: ModelOptions = {}): Generator<Person> {
  const seed = options.seed ?? 1
  const scale = options.scale ?? 1
  const { stock, arrivals } = boroughSize(scale)
  const total = stock + arrivals
  for (let i = 0; i < total; i++) {
    const { person, carerPlan } = buildServiceUser(seed, i, i < stock)
    yield person
    // carers take indices after all service users, so every index is stable whatever the scale's rounding
    if (carerPlan === undefined) continue
    const carer = buildCarer(seed, total + i, person, carerPlan)
    if (carer.events.length > 0) yield carer
  }
}

/** The population of the borough at `scale`. */
export const population = (scale = 1): ReadonlyArray<PopulationBand> =>
  basePopulation.map((b) => ({ band: b.band, people: Math.round(b.people * scale) }))

/** The whole borough in memory (fine at scale 1; use `simulatePeople` to stream larger ones). */
export const buildModel = (options: ModelOptions = {}): BoroughModel => ({
  laCode: LA_CODE,
  laName: LA_NAME,
  seed: options.seed ?? 1,
  scale: options.scale ?? 1,
  start: MODEL_START,
  end: MODEL_END,
  population: population(options.scale ?? 1),
  people: [...simulatePeople(options)],
})

/** A person's accommodation status on `date` (the last change on or before it), or `undefined` before any. */
export const accommodationOn = (person: Person, date: LocalDate.LocalDate): string | undefined => {
  let v: string | undefined
  for (const a of person.accommodation) {
    if (a.from > date) break
    v = a.value
  }
  return v
}

// ---------------------------------------------------------------------------------------------------------------
// what the case-management system holds beyond CLD (LAS)

/** What LAS records about one CLD event beyond CLD: its own step type, the team, and a review's due date. */
export interface CaseEvent {
  /** LAS's own step type (a request, assessment or review step; a service's is ContrOCC's, see its writer). */
  readonly stepType: string | undefined
  readonly team: string | undefined
  /** When a planned review was due (12 months after the last planned review, or the start of long-term support). */
  readonly dueDate: LocalDate.LocalDate | undefined
}

/** A contact with the front door (`contact` outcomes). */
export interface Contact {
  readonly id: string
  readonly date: LocalDate.LocalDate
  /** CLD Release 2 route of access. */
  readonly route: string
  /** safeguarding | dols | existing-case | new-case | resolved-equipment | resolved-other */
  readonly outcome: string
  readonly team: string
}

/** Work waiting for allocation in a team's tray. */
export interface WorkItem {
  readonly id: string
  /** needs-assessment | ot-assessment | carer-assessment | review | other */
  readonly workType: string
  readonly team: string
  readonly priority: "High" | "Medium" | "Low"
  readonly entered: LocalDate.LocalDate
  readonly allocated: LocalDate.LocalDate | undefined
  readonly closed: LocalDate.LocalDate | undefined
}

/** One type of risk of an enquiry, with its source and location (SAC SG2a, SG2b labels). */
export interface Risk {
  readonly type: string
  readonly source: string
  readonly location: string
}

/** A safeguarding enquiry and what SAC asks of it once concluded (SG2c, SG2e, SG3a, SG4a labels). */
export interface SafeguardingEnquiry {
  readonly id: string
  readonly type: "s42" | "other"
  readonly team: string
  readonly start: LocalDate.LocalDate
  readonly concluded: LocalDate.LocalDate | undefined
  readonly riskOutcome: string
  /** SG2e: only where risk was identified and action taken. */
  readonly resultOfAction: string | undefined
  readonly lackedCapacity: string
  /** Of those lacking capacity: supported by an advocate, family or friend. */
  readonly advocate: string | undefined
  readonly mspAsked: string
  /** Of those who expressed outcomes. */
  readonly mspAchieved: string | undefined
  readonly risks: ReadonlyArray<Risk>
}

/** A safeguarding concern and what it led to. */
export interface SafeguardingConcern {
  readonly id: string
  readonly received: LocalDate.LocalDate
  readonly source: string
  readonly team: string
  /** s42-enquiry | other-enquiry | no-enquiry (a decision after the model's end leaves it open). */
  readonly outcome: "s42-enquiry" | "other-enquiry" | "no-enquiry"
  readonly decided: LocalDate.LocalDate
  readonly enquiry: SafeguardingEnquiry | undefined
}

/** A person's case records in LAS beyond CLD. */
export interface CaseRecords {
  /** LAS details of `person.events`, index for index. */
  readonly events: ReadonlyArray<CaseEvent>
  readonly contacts: ReadonlyArray<Contact>
  readonly workItems: ReadonlyArray<WorkItem>
  readonly concerns: ReadonlyArray<SafeguardingConcern>
}

/** The random stream of a person's case records: its own salt, so CLD's draws (and files) are untouched. */
const CASE_SALT = 201

const addDays = (d: LocalDate.LocalDate, n: number): LocalDate.LocalDate => LocalDate.addDays(d, n)

const localityTeam = (p: Person): string => {
  if (p.primarySupportReason === "Learning Disability Support") return "Learning Disability Team"
  if (p.primarySupportReason === "Mental Health Support") return "Mental Health Team"
  const district = Number(p.postcode.slice(2, 3))
  return district <= 4 ? "Locality Team North" : "Locality Team South"
}

const riskTypes: Weighted<string> = [
  ["Neglect and Acts of Omission", 32],
  ["Physical", 18],
  ["Psychological", 14],
  ["Financial or Material", 15],
  ["Self-Neglect", 9],
  ["Domestic Abuse", 5],
  ["Organisational", 3],
  ["Sexual", 2],
  ["Discriminatory", 0.5],
  ["Modern Slavery", 0.5],
  ["Sexual Exploitation", 1],
]
const riskOutcomes: Weighted<string> = [
  ["Risk identified and action taken", 68],
  ["Risk identified and no action taken", 4],
  ["Risk - inconclusive and action taken", 9],
  ["Risk - inconclusive and no action taken", 3],
  ["No risk identified and action taken", 5],
  ["No risk identified and no action taken", 8],
  ["Enquiry ceased at individual's request and no action taken", 3],
]
const concernSources: Weighted<string> = [
  ["Care Provider", 30],
  ["Health Staff", 25],
  ["Police", 12],
  ["Family/Friend", 15],
  ["Self", 5],
  ["Ambulance Service", 8],
  ["Other", 5],
]

/**
 * The LAS case records of a person (contacts, work-tray items, safeguarding, step types, teams and review due
 * dates), derived deterministically from the person and their own random stream. Rates at scale 1: a contact for
 * every request, plus one for every safeguarding concern and for some care home admissions (DoLS); a work-tray
 * item before every assessment (from the request that led to it) and every late planned review; safeguarding
 * concerns at 0.1–0.12 a year for service users known to the council (and one before each unplanned
 * safeguarding review), about 30% becoming section 42 enquiries and 8% other enquiries (SAC England ~1:3).
 */
export const caseRecords = (seed: number, p: Person): CaseRecords => {
  const rng = new Rng(seedFor(seed, p.index, CASE_SALT))
  const carer = p.clientType === "Unpaid carer"
  const locality = localityTeam(p)
  const end = MODEL_END
  const death = p.dateOfDeath
  const horizon = death !== undefined && death < end ? death : end
  const base = p.index * 100

  // step types, teams and due dates
  let lastPlanned: LocalDate.LocalDate | undefined
  let lastLtStart: LocalDate.LocalDate | undefined
  const events: Array<CaseEvent> = p.events.map((e) => {
    if (e.type === "Service") {
      if (e.serviceType?.startsWith("Long term") === true) lastLtStart = e.start
      return { stepType: undefined, team: undefined, dueDate: undefined }
    }
    if (e.type === "Request") {
      const hospital =
        e.routeOfAccess === "Discharge from hospital" ||
        e.routeOfAccess === "Diversion from hospital services"
      return {
        stepType: carer ? "Carer Contact" : hospital ? "Hospital Referral" : "Adult Contact",
        team: carer ? "Carers Team" : hospital ? "Hospital Discharge Team" : "Adult Social Care Front Door",
        dueDate: undefined,
      }
    }
    if (e.type === "Assessment") {
      if (e.assessmentType === "Unpaid carer assessment")
        return { stepType: "Carer's Assessment", team: "Carers Team", dueDate: undefined }
      if (e.assessmentType === "Short term assessment") {
        const ot = rng.chance(0.5)
        return {
          stepType: ot ? "Occupational Therapy Assessment" : "Short Term Assessment",
          team: ot ? "Occupational Therapy Team" : "Reablement Team",
          dueDate: undefined,
        }
      }
      return {
        stepType: e.description === "Reassessment" ? "Care Act Reassessment" : "Care Act Assessment",
        team: e.description === "Assessment at end of reablement" ? "Reablement Team" : locality,
        dueDate: undefined,
      }
    }
    // reviews
    const planned = e.reviewReason === "Planned"
    const from = lastPlanned ?? lastLtStart
    const due = planned
      ? from === undefined
        ? addDays(e.start, -rng.int(0, 30))
        : addDays(from, 365)
      : undefined
    if (planned) lastPlanned = e.start
    return {
      stepType: carer ? "Carer's Review" : planned ? "Annual Review" : "Unplanned Review",
      team: carer ? "Carers Team" : planned && rng.chance(0.6) ? "Review Team" : locality,
      dueDate: due,
    }
  })

  // contacts: one per request, then safeguarding and DoLS contacts below
  const contacts: Array<Contact> = []
  let firstRequest = true
  p.events.forEach((e, i) => {
    if (e.type !== "Request") return
    const existing = e.description === "Request from existing client" || !firstRequest
    firstRequest = false
    const o = e.outcome
    const outcome =
      o === undefined
        ? existing
          ? "existing-case"
          : "new-case"
        : o === "Progress to assessment, review or reassessment" || o === "Progress to reablement/ST-Max"
          ? existing
            ? "existing-case"
            : "new-case"
          : o === "Continuation of support or services"
            ? "existing-case"
            : o === "Progress to support planning or services"
              ? "resolved-equipment"
              : "resolved-other"
    contacts.push({
      id: `CT${e.reference.slice(1)}`,
      date: e.start,
      route: e.routeOfAccess ?? "Community/other route",
      outcome,
      team: events[i]?.team ?? "Adult Social Care Front Door",
    })
  })

  // work-tray items: waiting for an assessment (from the request that led to it) or for a late planned review
  const workItems: Array<WorkItem> = []
  const priority = (): WorkItem["priority"] =>
    rng.weighted<WorkItem["priority"]>([
      ["High", 15],
      ["Medium", 55],
      ["Low", 30],
    ])
  let lastRequest: CldEvent | undefined
  let k = 0
  p.events.forEach((e, i) => {
    const details = events[i]
    if (e.type === "Request") {
      if (
        lastRequest?.outcome === "Progress to assessment, review or reassessment" &&
        lastRequest.end !== undefined
      ) {
        // the previous request's assessment never came: the item was closed by this new request
        workItems.push({
          id: `W${base + k++}`,
          workType: carer ? "carer-assessment" : "needs-assessment",
          team: locality,
          priority: priority(),
          entered: lastRequest.end,
          allocated: undefined,
          closed: LocalDate.max(e.start, lastRequest.end),
        })
      }
      lastRequest = e
      return
    }
    if (e.type === "Assessment") {
      const from = lastRequest?.outcome?.startsWith("Progress") === true ? lastRequest.end : undefined
      const entered =
        from !== undefined && from <= e.start && LocalDate.daysBetween(from, e.start) <= 120
          ? from
          : addDays(e.start, -rng.int(0, 21))
      lastRequest = undefined
      const type = details?.stepType ?? ""
      workItems.push({
        id: `W${base + k++}`,
        workType:
          type === "Carer's Assessment"
            ? "carer-assessment"
            : type.startsWith("Occupational")
              ? "ot-assessment"
              : "needs-assessment",
        team: details?.team ?? locality,
        priority: priority(),
        entered,
        allocated: e.start,
        closed: undefined,
      })
      return
    }
    if (e.type === "Review" && details?.dueDate !== undefined && details.dueDate < e.start) {
      workItems.push({
        id: `W${base + k++}`,
        workType: "review",
        team: details.team ?? locality,
        priority: "Low",
        entered: details.dueDate,
        allocated: e.start,
        closed: undefined,
      })
    }
  })
  if (
    lastRequest?.outcome === "Progress to assessment, review or reassessment" &&
    lastRequest.end !== undefined
  ) {
    // still waiting at the end of the model, unless the person died waiting
    workItems.push({
      id: `W${base + k++}`,
      workType: carer ? "carer-assessment" : "needs-assessment",
      team: locality,
      priority: priority(),
      entered: lastRequest.end,
      allocated: undefined,
      closed: death !== undefined && death >= lastRequest.end ? death : undefined,
    })
  }

  // safeguarding concerns while known to the council, and before each unplanned safeguarding review
  const concerns: Array<SafeguardingConcern> = []
  const first = p.events[0]?.start
  const known = first === undefined ? undefined : LocalDate.max(first, MODEL_START)
  const dates: Array<LocalDate.LocalDate> = []
  if (known !== undefined && known <= horizon) {
    const age = LocalDate.dhscAge(p.birthYear, p.birthMonth, known)
    const rate = carer ? 0.01 : age >= 65 ? 0.1 : 0.12
    let t = LocalDate.toDayNumber(known)
    const last = LocalDate.toDayNumber(horizon)
    for (;;) {
      t += Math.ceil(rng.exponential(365.25 / rate))
      if (t > last) break
      dates.push(LocalDate.fromDayNumber(t))
    }
  }
  for (const e of p.events)
    if (e.type === "Review" && e.reviewReason === "Unplanned: Safeguarding concern")
      dates.push(addDays(e.start, -rng.int(1, 10)))
  dates.sort()
  dates.forEach((received, j) => {
    const decided = addDays(received, rng.int(0, 7))
    const outcome = rng.weighted<SafeguardingConcern["outcome"]>([
      ["s42-enquiry", 30],
      ["other-enquiry", 8],
      ["no-enquiry", 62],
    ])
    const id = base + j
    let enquiry: SafeguardingEnquiry | undefined
    if (outcome !== "no-enquiry") {
      const days = Math.max(3, Math.round(rng.exponential(60)))
      const concluded = addDays(decided, days)
      const riskOutcome = rng.weighted(riskOutcomes)
      const lacked = rng.weighted<string>([
        ["Yes", 30],
        ["No", 60],
        ["Don't know", 5],
        ["Not recorded", 5],
      ])
      const asked = rng.weighted<string>([
        ["Yes - outcomes expressed", 68],
        ["Yes - no outcomes expressed", 10],
        ["No", 12],
        ["Don't know", 5],
        ["Not recorded", 5],
      ])
      const n = rng.chance(0.25) ? 2 : 1
      const risks: Array<Risk> = []
      for (let r = 0; r < n; r++) {
        const type = rng.weighted(riskTypes)
        if (risks.some((x) => x.type === type)) continue
        const inCare = p.events.some(
          (e) =>
            e.type === "Service" &&
            (e.serviceType === "Long term support: Residential care" ||
              e.serviceType === "Long term support: Nursing care") &&
            e.start <= received &&
            (e.end === undefined || e.end >= received),
        )
        risks.push({
          type,
          source: rng.weighted<string>([
            ["Service Provider", inCare ? 55 : 20],
            ["Other - Known to Individual", 65],
            ["Other - Unknown to Individual", 8],
          ]),
          location: inCare
            ? rng.chance(0.6)
              ? "Care Home - Residential"
              : "Care Home - Nursing"
            : rng.weighted<string>([
                ["Own Home", 75],
                ["In the community (excluding community services)", 8],
                ["In a community service", 6],
                ["Hospital - Acute", 6],
                ["Hospital - Mental Health", 2],
                ["Hospital - Community", 1],
                ["Other", 2],
              ]),
        })
      }
      enquiry = {
        id: `SE${id}`,
        type: outcome === "s42-enquiry" ? "s42" : "other",
        team: "Safeguarding Hub",
        start: decided,
        concluded: concluded <= horizon ? concluded : undefined,
        riskOutcome,
        // SAC SG2e (and ASCOF 4B, ODS-2425 Note 16) records the result of action only where a risk was identified and
        // action taken. The draw is also made for "inconclusive and action taken" and discarded, so the borough's
        // random sequence (and every other figure) stays as it was.
        resultOfAction: ((drawn) => (riskOutcome === "Risk identified and action taken" ? drawn : undefined))(
          riskOutcome.endsWith(" and action taken") && riskOutcome.startsWith("Risk")
            ? rng.weighted<string>([
                ["Risk reduced", 62],
                ["Risk removed", 28],
                ["Risk remained", 10],
              ])
            : undefined,
        ),
        lackedCapacity: lacked,
        advocate: lacked === "Yes" ? (rng.chance(0.85) ? "Yes" : "No") : undefined,
        mspAsked: asked,
        mspAchieved:
          asked === "Yes - outcomes expressed"
            ? rng.weighted<string>([
                ["Fully achieved", 66],
                ["Partially achieved", 29],
                ["Not achieved", 5],
              ])
            : undefined,
        risks,
      }
    }
    concerns.push({
      id: `SC${id}`,
      received,
      source: rng.weighted(concernSources),
      team: "Safeguarding Hub",
      outcome,
      decided,
      enquiry,
    })
    contacts.push({
      id: `CS${id}`,
      date: received,
      route: "Community/other route",
      outcome: "safeguarding",
      team: "Safeguarding Hub",
    })
  })

  // DoLS requests at the front door for some care home admissions
  for (const e of p.events) {
    if (
      e.type !== "Service" ||
      (e.serviceType !== "Long term support: Residential care" &&
        e.serviceType !== "Long term support: Nursing care")
    )
      continue
    if (e.start < MODEL_START || !rng.chance(0.4)) continue
    const d = addDays(e.start, rng.int(3, 40))
    if (d > horizon || (e.end !== undefined && d > e.end)) continue
    contacts.push({
      id: `CD${e.reference.slice(1)}`,
      date: d,
      route: "Community/other route",
      outcome: "dols",
      team: "DoLS Team",
    })
  }
  contacts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1))
  return { events, contacts, workItems, concerns }
}
