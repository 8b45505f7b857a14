/**
 * Writes a SUS-like hospital-discharge extract for the borough: one row per hospital spell (its last episode), with
 * the fields ASCOF 2D takes from SUS admitted patient care (DHSC ASC-CLD-LA-Dashboard `Create_ASCOF_2D.sql`), in the
 * columns the `hospital` source reads.
 *
 * The spells follow the people of the model, so they link to their CLD records by NHS number:
 * - a reablement (ST-Max) episode after a request routed "Discharge from hospital", or described as following a
 *   hospital stay, starts within days of a discharge; other reablement episodes sometimes do too;
 * - a request routed "Discharge from hospital" follows a discharge; an unplanned review for a hospital episode
 *   follows one; an episode whose outcome is "Admitted to hospital" is followed by an admission;
 * - some people are readmitted as an emergency in the weeks after a discharge; some die in hospital near the date
 *   of death the model gives them;
 * and the rest of the borough's residents, not known to adult social care, are discharged too (the bulk of the
 * 65+ discharges, ASCOF 2D(2)'s denominator), with the mix of specialties, admission methods and destinations that
 * DHSC's exclusions are there for (maternity, mental health, deaths in hospital, transfers).
 *
 * Deterministic: every person's spells come from their own seeded stream, so the same model and seed always give
 * the same file. NHS numbers of residents outside the model come from a fictional range no model person uses.
 */
import { createWriteStream } from "node:fs"
import { mkdir } from "node:fs/promises"
import { dirname } from "node:path"
import { finished } from "node:stream/promises"
import { LocalDate } from "@asckit/core"
import { csvLine } from "./csv.js"
import { basePopulation, nhsCheckDigit, type Person } from "./model.js"
import { Rng, seedFor } from "./rng.js"

/** The extract's columns (the `hospital` source's canonical names). */
export const HOSPITAL_COLUMNS = [
  "NHS_Number",
  "Episode_Id",
  "Age_At_Discharge",
  "Admission_Date",
  "Discharge_Date",
  "Admission_Method",
  "Discharge_Method",
  "Discharge_Destination",
  "Treatment_Function_Code",
  "Management_Type",
] as const

/** One hospital spell as the extract writes it. */
export interface Spell {
  readonly nhsNumber: string
  readonly episodeId: string
  readonly ageAtDischarge: number
  readonly admission: LocalDate.LocalDate
  readonly discharge: LocalDate.LocalDate
  /** NHS Data Dictionary admission method: 21 emergency (A&E), 22 emergency (GP), 11 elective, 31 maternity… */
  readonly admissionMethod: string
  /** 1 discharged on clinical advice, 4 died, 2 self-discharged. */
  readonly dischargeMethod: string
  /** 19 usual place of residence, 54 care home, 51 other hospital, 79 not applicable (died)… */
  readonly dischargeDestination: string
  readonly treatmentFunction: string
  /** SUS `Der_Management_Type`: EM emergency, NE non-elective other, EL elective, DC day case. */
  readonly managementType: string
}

/** Options for the hospital extract. */
export interface HospitalWriterOptions {
  /** The CSV file to write (its folder is created). */
  readonly path: string
  /** Borough seed (default 1); use the model's. */
  readonly seed?: number
  /** The model's scale (default 1): sizes the residents outside the model. */
  readonly scale?: number
  /** First and last discharge dates written (default 1 April 2023 to 30 September 2026). */
  readonly from?: string
  readonly to?: string
}

/** What was written. */
export interface HospitalWriteResult {
  readonly path: string
  readonly rows: number
  /** Spells of people in the model (linkable to CLD when they have an NHS number there). */
  readonly modelSpells: number
  /** Spells of residents not known to adult social care. */
  readonly residentSpells: number
}

const day = (d: string) => LocalDate.toDayNumber(d as LocalDate.LocalDate)
const iso = (n: number) => LocalDate.fromDayNumber(n)

const medical: ReadonlyArray<readonly [string, number]> = [
  ["300", 35], // general medicine
  ["430", 25], // geriatric medicine
  ["110", 15], // trauma and orthopaedics
  ["100", 10], // general surgery
  ["320", 8], // cardiology
  ["340", 7], // respiratory medicine
]

/** An NHS number from nine digits (`undefined` when no check digit exists). */
const nhsFrom = (nine: number): string | undefined => {
  const s = String(nine)
  const c = nhsCheckDigit(s)
  return c === undefined ? undefined : s + String(c)
}

/** The NHS number SUS holds for a model person: theirs, or (when CLD has none) one CLD cannot link to. */
const nhsOf = (p: Person): string | undefined => p.nhsNumber ?? nhsFrom(960_000_000 + p.index)

const spell = (
  rng: Rng,
  nhsNumber: string,
  id: string,
  dob: LocalDate.LocalDate,
  admission: number,
  discharge: number,
  kind: "emergency" | "elective" | "any",
  died = false,
): Spell => {
  const emergency = kind === "emergency" || (kind === "any" && rng.chance(0.7))
  const admissionMethod = emergency
    ? rng.weighted<string>([
        ["21", 80],
        ["22", 15],
        ["28", 5],
      ])
    : "11"
  const a = iso(admission)
  const d = iso(Math.max(discharge, admission + 1))
  return {
    nhsNumber,
    episodeId: id,
    ageAtDischarge: LocalDate.ageOn(dob, d),
    admission: a,
    discharge: d,
    admissionMethod,
    dischargeMethod: died ? "4" : rng.chance(0.02) ? "2" : "1",
    dischargeDestination: died
      ? "79"
      : rng.weighted<string>([
          ["19", 88],
          ["54", 5],
          ["51", 4],
          ["65", 3],
        ]),
    treatmentFunction: rng.weighted(medical),
    managementType: emergency ? (rng.chance(0.9) ? "EM" : "NE") : rng.chance(0.8) ? "EL" : "DC",
  }
}

const lengthOfStay = (rng: Rng, age: number) =>
  1 + Math.min(60, Math.round(rng.exponential(age >= 65 ? 8 : 4)))

/** The spells of one model person, in date order (see the module notes). */
export const personSpells = (p: Person, seed: number, from: string, to: string): ReadonlyArray<Spell> => {
  const nhs = nhsOf(p)
  if (nhs === undefined || p.clientType !== "Service user") return []
  const rng = new Rng(seedFor(seed, p.index, 71))
  const lo = day(from)
  const hi = day(to)
  const death = p.dateOfDeath === undefined ? undefined : day(p.dateOfDeath)
  const out: Array<Spell> = []
  let n = 0
  const add = (
    admission: number,
    discharge: number,
    kind: "emergency" | "elective" | "any",
    died = false,
  ) => {
    if (discharge < lo || discharge > hi || admission >= discharge) return
    if (death !== undefined && discharge > death) return
    if (out.some((s) => day(s.admission) <= discharge && day(s.discharge) >= admission)) return
    out.push(spell(rng, nhs, `H${p.index}-${++n}`, p.dateOfBirth, admission, discharge, kind, died))
  }
  const ageAt = (d: number) => LocalDate.ageOn(p.dateOfBirth, iso(d))
  const dischargeBefore = (start: number, lead: number) => {
    const discharge = start - lead
    add(discharge - lengthOfStay(rng, ageAt(discharge)), discharge, "emergency")
    return discharge
  }
  const requests = p.events.filter(
    (e) => e.type === "Request" && e.routeOfAccess === "Discharge from hospital",
  )
  const afterRequest = new Set<number>()
  for (const e of p.events) {
    const start = day(e.start)
    if (e.type === "Service" && e.serviceComponent === "Reablement") {
      const prior = requests.find((r) => day(r.start) <= start && start - day(r.start) <= 30)
      if (prior !== undefined) afterRequest.add(day(prior.start))
      const fromHospital =
        prior !== undefined || (e.description ?? "").includes("hospital") || rng.chance(0.12)
      // Discharged from 6 days before to 2 days after reablement starts (DHSC links −7 to +3).
      if (fromHospital) {
        const discharge = dischargeBefore(
          start,
          rng.weighted<number>([
            [0, 40],
            [1, 25],
            [2, 15],
            [4, 8],
            [6, 4],
            [-1, 5],
            [-2, 3],
          ]),
        )
        // Emergency readmissions in the weeks after (some after the 12 weeks ASCOF 2D looks at).
        if (rng.chance(0.3)) {
          const back = discharge + rng.int(5, 110)
          add(back, back + lengthOfStay(rng, ageAt(back)), "emergency")
        }
      }
      if (e.outcome === "Admitted to hospital" && e.end !== undefined) {
        const admission = day(e.end) + rng.int(0, 2)
        add(admission, admission + lengthOfStay(rng, ageAt(admission)), "emergency")
      }
    } else if (
      e.type === "Request" &&
      e.routeOfAccess === "Discharge from hospital" &&
      !afterRequest.has(start)
    ) {
      dischargeBefore(start, rng.int(0, 3))
    } else if (
      e.type === "Review" &&
      e.reviewReason === "Unplanned: Hospital (planned and unplanned episodes)"
    ) {
      dischargeBefore(start, rng.int(1, 10))
    }
  }
  // Some older people known to the council also have other stays (one year in four); some die in hospital.
  if (ageAt(lo) >= 60) {
    for (let y = 0; y < Math.floor((hi - lo) / 365.25); y++) {
      if (!rng.chance(0.25)) continue
      const admission = lo + rng.int(0, hi - lo)
      add(admission, admission + lengthOfStay(rng, ageAt(admission)), "any")
    }
    if (death !== undefined && death >= lo && death <= hi && rng.chance(0.35)) {
      add(death - lengthOfStay(rng, ageAt(death)), death, "emergency", true)
    }
  }
  return out.sort((a, b) => (a.admission < b.admission ? -1 : a.admission > b.admission ? 1 : 0))
}

/**
 * Residents outside the model, by age band: discharges per resident per year. With the model's own people this gives
 * about 18 qualifying discharges a year per 100 people aged 65+, as Bury's 2024-25 ASCOF 2D(2) denominator does
 * (6,729 for 36,500; domain.md §7.1).
 */
const residentBands: ReadonlyArray<{
  readonly lo: number
  readonly hi: number
  readonly people: number
  readonly rate: number
}> = basePopulation
  .filter((b) => b.band !== "0-17")
  .map((b) => {
    const [lo, hi] = b.band.endsWith("+") ? [Number(b.band.slice(0, -1)), 99] : b.band.split("-").map(Number)
    const rate = (lo ?? 0) >= 85 ? 0.19 : (lo ?? 0) >= 75 ? 0.12 : (lo ?? 0) >= 65 ? 0.07 : 0.05
    return { lo: lo ?? 18, hi: hi ?? 99, people: b.people, rate }
  })

/** The spells of the residents outside the model (deterministic, indexed from 0). */
export function* residentSpells(seed: number, scale: number, from: string, to: string): Generator<Spell> {
  const lo = day(from)
  const hi = day(to)
  const years = (hi - lo + 1) / 365.25
  let resident = 0
  for (const band of residentBands) {
    const spells = Math.round(band.people * scale * band.rate * years)
    for (let i = 0; i < spells; i++, resident++) {
      const rng = new Rng(seedFor(seed, resident, 73))
      const nhs = nhsFrom(970_000_000 + resident) ?? nhsFrom(975_000_000 + resident)
      if (nhs === undefined) continue
      const discharge = lo + rng.int(0, hi - lo)
      const age = rng.int(band.lo, band.hi)
      const dob = iso(discharge - Math.floor(age * 365.25) - rng.int(0, 364))
      const stay = lengthOfStay(rng, age)
      const base = spell(rng, nhs, `R${resident}`, dob, discharge - stay, discharge, "any")
      // The specialties and outcomes DHSC excludes: maternity, mental health, deaths in hospital.
      const roll = rng.next()
      yield roll < 0.03
        ? { ...base, dischargeMethod: "4", dischargeDestination: "79" }
        : roll < 0.06
          ? { ...base, treatmentFunction: rng.pick(["710", "715", "700"]) }
          : roll < 0.08 && age < 45
            ? { ...base, treatmentFunction: "501", admissionMethod: "31", managementType: "NE" }
            : base
      // About one in eight is readmitted as an emergency within three months.
      if (rng.chance(0.12)) {
        const back = discharge + rng.int(3, 90)
        if (back < hi)
          yield spell(rng, nhs, `R${resident}b`, dob, back, back + lengthOfStay(rng, age), "emergency")
      }
    }
  }
}

const row = (s: Spell): string =>
  csvLine([
    s.nhsNumber,
    s.episodeId,
    String(s.ageAtDischarge),
    s.admission,
    s.discharge,
    s.admissionMethod,
    s.dischargeMethod,
    s.dischargeDestination,
    s.treatmentFunction,
    s.managementType,
  ])

/** Writes the extract for the model's people (streamed: pass `simulatePeople(...)` or a model's `people`). */
export const writeHospitalExtract = async (
  people: Iterable<Person>,
  options: HospitalWriterOptions,
): Promise<HospitalWriteResult> => {
  const seed = options.seed ?? 1
  const scale = options.scale ?? 1
  const from = options.from ?? "2023-04-01"
  const to = options.to ?? "2026-09-30"
  await mkdir(dirname(options.path), { recursive: true })
  const out = createWriteStream(options.path, { encoding: "utf8" })
  const lines: Array<string> = [csvLine(HOSPITAL_COLUMNS)]
  let modelSpells = 0
  let residents = 0
  const flush = async () => {
    if (lines.length === 0) return
    if (!out.write(`${lines.join("\r\n")}\r\n`)) await new Promise<void>((r) => out.once("drain", () => r()))
    lines.length = 0
  }
  for (const p of people) {
    for (const s of personSpells(p, seed, from, to)) {
      lines.push(row(s))
      modelSpells++
    }
    if (lines.length >= 4096) await flush()
  }
  for (const s of residentSpells(seed, scale, from, to)) {
    lines.push(row(s))
    residents++
    if (lines.length >= 4096) await flush()
  }
  await flush()
  out.end()
  await finished(out)
  return { path: options.path, rows: modelSpells + residents, modelSpells, residentSpells: residents }
}
