/**
 * Writes the borough as councils submit Client Level Data: one file per quarter end, each a rolling 12-month
 * submission holding every event in scope for its 12 months, with the official Release 2 field names as the
 * header. Requests, assessments and reviews are in scope when they end in the period or are still open at its
 * end; services when they overlap the period, open ones with a blank end date (DHSC event filtering, domain.md
 * §3.4). Overlapping submissions repeat the same event with the same Event_Reference, and an event open in one
 * submission and closed in the next shows that.
 *
 * Files are written as streams in one pass over the people (every submission open at once), so memory does not
 * grow with file size. Options write Release 1 labels, UK dates, XLSX instead of CSV, and a known set of faults
 * listed in a manifest (also written as `faults.json`).
 */
import { once } from "node:events"
import { createWriteStream, type WriteStream } from "node:fs"
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { finished } from "node:stream/promises"
import { Cld, type LocalDate, Period } from "@asckit/core"
import { csvLine, csvRange } from "./csv.js"
import { accommodationOn, type CldEvent, LA_CODE, type Person } from "./model.js"
import { fixedDateWorkbookWriter } from "./xlsx-writer.js"

/** One quarterly submission: its quarter, reporting period and how it is written. */
export interface Submission {
  /** The quarter whose end closes the period, as `Period.format` writes it (`2024-25 Q2`). */
  readonly quarter: string
  readonly periodStart: LocalDate.LocalDate
  readonly periodEnd: LocalDate.LocalDate
  readonly release: 1 | 2
  readonly ukDates: boolean
  /** File name (no directory). */
  readonly file: string
}

/** The kinds of fault the writer can inject. */
export type FaultKind =
  | "bad-date"
  | "unknown-code"
  | "unknown-optional-code"
  | "missing-person-id"
  | "duplicate-row"
  | "truncated-row"

/** One injected fault: where it is (row as a spreadsheet shows it, header = row 1) and what it is. */
export interface Fault {
  readonly file: string
  readonly row: number
  readonly column: string | undefined
  readonly fault: FaultKind
  readonly detail: string
}

/** Options for `writeCldSubmissions`. */
export interface CldWriterOptions {
  readonly outDir: string
  /** `csv` (default) or `xlsx` (exceljs streaming writer). */
  readonly format?: "csv" | "xlsx"
  /** Defined-list labels to write (default 2). */
  readonly release?: 1 | 2
  /** Write Release 1 labels in submissions whose period ends before 2024-25 Q3, as councils moved R1 → R2 in 2024-25. */
  readonly mixReleases?: boolean
  /** Write dates as dd/mm/yyyy: in every file (`true`), in every third file (`"some"`), or none (default). */
  readonly ukDates?: boolean | "some"
  /** Inject the known faults into the files of `faultQuarters` and return them in the manifest. */
  readonly injectFaults?: boolean
  /** Quarters whose files get faults (default `2024-25 Q2` and `2025-26 Q3`). */
  readonly faultQuarters?: ReadonlyArray<string>
  /** Called with a line of progress now and then. */
  readonly onProgress?: (message: string) => void
}

/** What was written. */
export interface CldWriteResult {
  readonly files: ReadonlyArray<Submission & { readonly path: string; readonly rows: number }>
  readonly people: number
  readonly serviceUsers: number
  readonly carers: number
  readonly events: number
  readonly eventsByType: { readonly [E in Cld.EventType]: number }
  readonly faults: ReadonlyArray<Fault>
}

/** First and last submission quarter ends: 2023-24 Q1 (Jul 2022–Jun 2023) to 2026-27 Q2 (Oct 2025–Sep 2026). */
export const FIRST_SUBMISSION = Period.quarter(2023, 1)
/** The last submission quarter. */
export const LAST_SUBMISSION = Period.quarter(2026, 2)
/** The first quarter written in Release 2 labels when releases are mixed. */
export const FIRST_RELEASE_2 = Period.quarter(2024, 3)
/** Default quarters that get faults. */
export const DEFAULT_FAULT_QUARTERS: ReadonlyArray<string> = ["2024-25 Q2", "2025-26 Q3"]

/** The quarterly submissions the writer produces, with their periods and how each is written. */
export const submissions = (
  options: Pick<CldWriterOptions, "release" | "mixReleases" | "ukDates" | "format"> = {},
): ReadonlyArray<Submission> => {
  const out: Submission[] = []
  let q: Period.Period = FIRST_SUBMISSION
  for (let i = 0; Period.compare(q, LAST_SUBMISSION) <= 0; i++) {
    const r12 = Period.rolling12(q as Period.Quarter)
    const quarter = Period.format(q)
    const release: 1 | 2 =
      options.release === 1
        ? 1
        : options.mixReleases === true && Period.compare(q, FIRST_RELEASE_2) < 0
          ? 1
          : 2
    const ukDates = options.ukDates === true || (options.ukDates === "some" && i % 3 === 1)
    const periodStart = Period.start(r12)
    const periodEnd = Period.end(r12)
    const ext = options.format === "xlsx" ? "xlsx" : "csv"
    out.push({
      quarter,
      periodStart,
      periodEnd,
      release,
      ukDates,
      file: `CLD_${LA_CODE}_${quarter.replace(" ", "_")}_${periodStart.replace(/-/g, "")}-${periodEnd.replace(/-/g, "")}.${ext}`,
    })
    q = Period.next(q)
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// rows

const COL = Object.fromEntries(Cld.fieldNames.map((n, i) => [n, i])) as {
  readonly [K in Cld.FieldName]: number
}
const WIDTH = Cld.fieldNames.length

const ukDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

const num = (x: number | undefined): string => (x === undefined ? "" : String(x))

/** How one submission writes values (labels, dates) and what is in scope. */
class RowBuilder {
  readonly start: string
  readonly end: string
  private readonly label: (list: Cld.ListName, v: string | undefined) => string
  readonly date: (v: string | undefined) => string
  readonly rp: readonly [string, string]

  constructor(readonly sub: Submission) {
    this.start = sub.periodStart
    this.end = sub.periodEnd
    this.label =
      sub.release === 1
        ? (list, v) => (v === undefined ? "" : Cld.toRelease1(list, v))
        : (_list, v) => (v === undefined ? "" : v)
    this.date = sub.ukDates ? (v) => (v === undefined ? "" : ukDate(v)) : (v) => v ?? ""
    this.rp = [this.date(sub.periodStart), this.date(sub.periodEnd)]
  }

  /** True when event `e` belongs in this submission (DHSC event filtering, domain.md §3.4). */
  inScope(e: CldEvent): boolean {
    if (e.start > this.end) return false
    if (e.type === "Service") return e.end === undefined || e.end >= this.start
    // requests, assessments and reviews: those ending in the period, and those still open at its end
    return e.end === undefined || e.end > this.end || e.end >= this.start
  }

  /** The person part of a row (everything but the event fields), as known at the period end. */
  personCells(p: Person): string[] {
    const asAt = p.dateOfDeath !== undefined && p.dateOfDeath <= this.end ? p.dateOfDeath : this.end
    const cells = new Array<string>(WIDTH).fill("")
    const L = this.label
    cells[COL.LA_Code] = LA_CODE
    cells[COL.Reporting_Period_Start_Date] = this.rp[0]
    cells[COL.Reporting_Period_End_Date] = this.rp[1]
    cells[COL.NHS_Number] = p.nhsNumber ?? ""
    cells[COL.LA_Person_Unique_Identifier] = p.laPersonId
    cells[COL.GP_Practice_Code] = p.gpPracticeCode
    cells[COL.Gender] = L("Gender", p.gender)
    cells[COL.Ethnicity] = L("Ethnicity", p.ethnicity)
    cells[COL.Date_of_Birth] = this.date(p.dateOfBirth)
    cells[COL.Date_of_Death] =
      p.dateOfDeath !== undefined && p.dateOfDeath <= this.end ? this.date(p.dateOfDeath) : ""
    cells[COL.Client_Type] = L("ClientType", p.clientType)
    cells[COL.Primary_Support_Reason] = L("PrimarySupportReason", p.primarySupportReason)
    cells[COL.Postcode] = p.postcode
    cells[COL.Accommodation_Status] = L(
      "AccommodationStatus",
      accommodationOn(p, asAt as LocalDate.LocalDate),
    )
    cells[COL.Employment_Status] = L("EmploymentStatus", p.employmentStatus)
    cells[COL.Has_Unpaid_Carer] = L("HasUnpaidCarer", p.hasUnpaidCarer)
    cells[COL.Autism_Spectrum_Disorder_ASD] = L("YesNo", p.autism)
    cells[COL.Visual_Impairment] = L("YesNo", p.visualImpairment)
    cells[COL.Hearing_Impairment] = L("YesNo", p.hearingImpairment)
    cells[COL.Dementia] = L("YesNo", p.dementia)
    cells[COL.Client_Funding_Status] = L("ClientFundingStatus", p.clientFundingStatus)
    if (p.caring !== undefined) {
      cells[COL.Total_Hrs_Caring_per_week] = String(p.caring.hoursPerWeek)
      cells[COL.No_of_adults_being_cared_for] = String(p.caring.adultsCaredFor)
      cells[COL.Adult_1_Linked_Person_ID] = p.caring.linkedPersonIds[0] ?? ""
      cells[COL.Adult_2_Linked_Person_ID] = p.caring.linkedPersonIds[1] ?? ""
      cells[COL.Adult_3_Linked_Person_ID] = p.caring.linkedPersonIds[2] ?? ""
    }
    return cells
  }

  /** A full row: the person part with event `e`'s fields filled in as known at the period end. */
  row(personCells: ReadonlyArray<string>, e: CldEvent): string[] {
    const c = personCells.slice()
    this.fillEvent(c, e)
    return c
  }

  /** True when `e` has ended by the period end (so its end date and outcome are known). */
  closed(e: CldEvent): boolean {
    return e.end !== undefined && e.end <= this.end
  }

  /** Writes event `e`'s fields into row `c`. */
  fillEvent(c: string[], e: CldEvent): void {
    const L = this.label
    const closed = e.end !== undefined && e.end <= this.end
    c[COL.Event_Type] = L("EventType", e.type)
    c[COL.Event_Reference] = e.reference
    c[COL.Event_Start_Date] = this.date(e.start)
    c[COL.Event_End_Date] = closed ? this.date(e.end) : ""
    c[COL.Event_Description] = e.description ?? ""
    c[COL.Event_Outcome] = closed ? L("EventOutcome", e.outcome) : ""
    switch (e.type) {
      case "Request":
        c[COL.Request_Route_of_Access] = L("RequestRouteOfAccess", e.routeOfAccess)
        break
      case "Assessment":
        c[COL.Assessment_Type] = L("AssessmentType", e.assessmentType)
        c[COL.Eligible_Needs_Identified] = closed
          ? L("EligibleNeedsIdentified", e.eligibleNeedsIdentified)
          : ""
        c[COL.Method_of_Assessment] = L("MethodOfAssessment", e.methodOfAssessment)
        break
      case "Service":
        c[COL.Service_Type] = L("ServiceType", e.serviceType)
        c[COL.Service_Component] = L("ServiceComponent", e.serviceComponent)
        c[COL.Delivery_Mechanism] = L("DeliveryMechanism", e.deliveryMechanism)
        c[COL.Provider_CQC_Location_ID] = e.providerCqcLocationId ?? ""
        c[COL.Unit_Cost] = num(e.unitCost)
        c[COL.Cost_Frequency_Unit_Type] = L("CostFrequencyUnitType", e.costFrequency)
        c[COL.Planned_units_per_week] = num(e.plannedUnitsPerWeek)
        break
      case "Review":
        c[COL.Review_Reason] = L("ReviewReason", e.reviewReason)
        c[COL.Review_Outcomes_Achieved] = closed ? L("ReviewOutcomesAchieved", e.reviewOutcomesAchieved) : ""
        c[COL.Method_of_Review] = L("MethodOfReview", e.methodOfReview)
        break
    }
  }

  /** The CSV text of a person's cells before and between the event fields (a row is a + b + c + d). */
  personSegments(cells: ReadonlyArray<string>): PersonSegments {
    return { a: csvRange(cells, 0, EVENT_A), c: csvRange(cells, EVENT_B, CARER_END) }
  }

  /** The CSV text of an event's cells (fills and clears the shared scratch row). */
  eventSegments(e: CldEvent): EventSegments {
    const s = scratch
    this.fillEvent(s, e)
    const out = { b: csvRange(s, EVENT_A, EVENT_B), d: csvRange(s, CARER_END, WIDTH) }
    for (let i = EVENT_A; i < EVENT_B; i++) s[i] = ""
    for (let i = CARER_END; i < WIDTH; i++) s[i] = ""
    return out
  }
}

/** CSV text of the person cells: `a` = LA_Code … Client_Funding_Status, `c` = the carer fields. */
interface PersonSegments {
  readonly a: string
  readonly c: string
}
/** CSV text of the event cells: `b` = Event_Type … Method_of_Assessment, `d` = Service_Type … Planned_units_per_week. */
interface EventSegments {
  readonly b: string
  readonly d: string
}

// The row is four runs of cells: person (LA_Code … Client_Funding_Status), event (Event_Type … Method_of_Assessment),
// carer (Total_Hrs_Caring_per_week … Adult_3_Linked_Person_ID), event (Service_Type … Planned_units_per_week).
const EVENT_A = COL.Event_Type
const EVENT_B = COL.Total_Hrs_Caring_per_week
const CARER_END = COL.Service_Type
const scratch = new Array<string>(WIDTH).fill("")

// ---------------------------------------------------------------------------------------------------------------
// faults

interface FaultPlan {
  readonly fault: FaultKind
  readonly minRow: number
  readonly column: Cld.FieldName | undefined
  readonly when?: (e: CldEvent) => boolean
  readonly apply: (cells: string[]) => string[]
  readonly detail: string
}

const TRUNCATE_TO = 20
const set =
  (column: Cld.FieldName, value: string) =>
  (cells: string[]): string[] => {
    cells[COL[column]] = value
    return cells
  }
const isService = (e: CldEvent) => e.type === "Service"

/** The faults written into each faulted file, in row order (each lands on the first suitable row at or after minRow). */
const faultPlan: ReadonlyArray<FaultPlan> = [
  {
    fault: "bad-date",
    minRow: 20,
    column: "Event_Start_Date",
    apply: set("Event_Start_Date", "31/02/2024"),
    detail: 'Event_Start_Date "31/02/2024" is not a calendar date',
  },
  {
    fault: "bad-date",
    minRow: 45,
    column: "Date_of_Birth",
    apply: set("Date_of_Birth", "1951-13-07"),
    detail: 'Date_of_Birth "1951-13-07" has month 13',
  },
  {
    fault: "unknown-code",
    minRow: 70,
    column: "Event_Type",
    apply: set("Event_Type", "Visit"),
    detail: 'Event_Type "Visit" is not in the defined list (mandatory field)',
  },
  {
    fault: "unknown-code",
    minRow: 95,
    column: "Service_Type",
    when: isService,
    apply: set("Service_Type", "Long term support: Holiday let"),
    detail:
      'Service_Type "Long term support: Holiday let" is not in the defined list (mandatory for services)',
  },
  {
    fault: "unknown-optional-code",
    minRow: 120,
    column: "Delivery_Mechanism",
    when: isService,
    apply: set("Delivery_Mechanism", "Voucher scheme"),
    detail: 'Delivery_Mechanism "Voucher scheme" is not in the defined list (applicable, not mandatory)',
  },
  {
    fault: "missing-person-id",
    minRow: 145,
    column: undefined,
    apply: (cells) => {
      cells[COL.NHS_Number] = ""
      cells[COL.LA_Person_Unique_Identifier] = ""
      return cells
    },
    detail: "both NHS_Number and LA_Person_Unique_Identifier are blank",
  },
  {
    fault: "duplicate-row",
    minRow: 170,
    column: undefined,
    apply: (cells) => cells,
    detail: "exact duplicate of the row above",
  },
  {
    fault: "truncated-row",
    minRow: 195,
    column: undefined,
    apply: (cells) => cells.slice(0, TRUNCATE_TO),
    detail: `row has ${TRUNCATE_TO} of ${WIDTH} fields`,
  },
]

// ---------------------------------------------------------------------------------------------------------------
// sinks

interface Sink {
  /** Lines written so far (header included), i.e. the spreadsheet row number of the last line. */
  rows: number
  /** True when the sink takes pre-encoded CSV lines (`writeLine`). */
  readonly text: boolean
  write(cells: ReadonlyArray<string>): void
  writeLine(line: string): void
  flush(force?: boolean): Promise<void>
  close(): Promise<void>
}

const FLUSH_AT = 1 << 16

class CsvSink implements Sink {
  rows = 0
  readonly text = true
  private chunks: string[] = []
  private size = 0
  private readonly stream: WriteStream

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: "utf8" })
  }

  write(cells: ReadonlyArray<string>): void {
    this.writeLine(csvLine(cells))
  }

  writeLine(line: string): void {
    this.chunks.push(line, "\n")
    this.size += line.length + 1
    this.rows++
  }

  async flush(force = false): Promise<void> {
    if (this.size === 0 || (!force && this.size < FLUSH_AT)) return
    const data = this.chunks.join("")
    this.chunks = []
    this.size = 0
    if (!this.stream.write(data)) await once(this.stream, "drain")
  }

  async close(): Promise<void> {
    await this.flush(true)
    this.stream.end()
    await finished(this.stream)
  }
}

const NUMERIC = new Set<number>([
  COL.Unit_Cost,
  COL.Planned_units_per_week,
  COL.Total_Hrs_Caring_per_week,
  COL.No_of_adults_being_cared_for,
])

class XlsxSink implements Sink {
  rows = 0
  readonly text = false
  private readonly workbook: any
  private readonly sheet: any
  private pending = 0

  constructor(path: string, date: Date) {
    this.workbook = fixedDateWorkbookWriter(path, date)
    this.sheet = this.workbook.addWorksheet("CLD")
  }

  write(cells: ReadonlyArray<string>): void {
    const values = cells.map((v, i) => (this.rows > 0 && NUMERIC.has(i) && v !== "" ? Number(v) : v))
    this.sheet.addRow(values).commit()
    this.rows++
    this.pending++
  }

  writeLine(): void {
    throw new Error("the xlsx sink takes cells, not CSV lines")
  }

  async flush(force = false): Promise<void> {
    if (force || this.pending > 2000) {
      this.pending = 0
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  async close(): Promise<void> {
    this.sheet.commit()
    await this.workbook.commit()
  }
}

// ---------------------------------------------------------------------------------------------------------------
// writing

interface Target {
  readonly sub: Submission
  readonly path: string
  readonly sink: Sink
  readonly builder: RowBuilder
  readonly faults: FaultPlan[]
}

/**
 * Writes the quarterly rolling 12-month CLD submissions for `people` (an array, or the `simulatePeople` stream)
 * into `options.outDir`, and `faults.json` when faults are injected.
 */
export const writeCldSubmissions = async (
  people: Iterable<Person>,
  options: CldWriterOptions,
): Promise<CldWriteResult> => {
  await mkdir(options.outDir, { recursive: true })
  const faultQuarters = new Set(
    options.injectFaults === true ? (options.faultQuarters ?? DEFAULT_FAULT_QUARTERS) : [],
  )
  const targets: Target[] = submissions(options).map((sub) => {
    const path = join(options.outDir, sub.file)
    const sink: Sink =
      options.format === "xlsx"
        ? new XlsxSink(path, new Date(`${sub.periodEnd}T00:00:00Z`))
        : new CsvSink(path)
    sink.write(Cld.fieldNames)
    return {
      sub,
      path,
      sink,
      builder: new RowBuilder(sub),
      faults: faultQuarters.has(sub.quarter) ? [...faultPlan] : [],
    }
  })
  const faults: Fault[] = []
  const byType = { Request: 0, Assessment: 0, Service: 0, Review: 0 }
  let count = 0
  let serviceUsers = 0
  let carers = 0
  let events = 0

  const emit = (t: Target, cells: string[], e: CldEvent): void => {
    const next = t.sink.rows + 1
    const i = t.faults.findIndex((f) => f.minRow <= next && (f.when === undefined || f.when(e)))
    if (i < 0) {
      t.sink.write(cells)
      return
    }
    const plan = t.faults[i] as FaultPlan
    t.faults.splice(i, 1)
    const out = plan.apply(cells)
    t.sink.write(out)
    if (plan.fault === "duplicate-row") t.sink.write(out)
    faults.push({
      file: t.sub.file,
      row: plan.fault === "duplicate-row" ? next + 1 : next,
      column: plan.column,
      fault: plan.fault,
      detail: plan.detail,
    })
  }

  const personCells: Array<string[] | undefined> = new Array(targets.length).fill(undefined)
  const personSegs: Array<PersonSegments | undefined> = new Array(targets.length).fill(undefined)
  const eventSegs = new Map<string, EventSegments>()
  for (const p of people) {
    count++
    if (p.clientType === "Service user") serviceUsers++
    else carers++
    events += p.events.length
    for (const e of p.events) byType[e.type]++
    // Per person: the person cells once per target; each event's encoded cells once per way of writing them
    // (closed or open, release, date style), shared by the overlapping submissions that hold it.
    personCells.fill(undefined)
    personSegs.fill(undefined)
    for (const e of p.events) {
      eventSegs.clear()
      for (let ti = 0; ti < targets.length; ti++) {
        const t = targets[ti] as Target
        const b = t.builder
        if (!b.inScope(e)) continue
        let cells = personCells[ti]
        if (cells === undefined) {
          cells = b.personCells(p)
          personCells[ti] = cells
        }
        if (!t.sink.text || t.faults.length > 0) {
          emit(t, b.row(cells, e), e)
          continue
        }
        let ps = personSegs[ti]
        if (ps === undefined) {
          ps = b.personSegments(cells)
          personSegs[ti] = ps
        }
        const key = `${b.closed(e) ? 1 : 0}${t.sub.release}${t.sub.ukDates ? 1 : 0}`
        let es = eventSegs.get(key)
        if (es === undefined) {
          es = b.eventSegments(e)
          eventSegs.set(key, es)
        }
        t.sink.writeLine(`${ps.a},${es.b},${ps.c},${es.d}`)
      }
    }
    if (count % 512 === 0) {
      await Promise.all(targets.map((t) => t.sink.flush()))
      if (count % 20_000 === 0) options.onProgress?.(`${count.toLocaleString("en-GB")} people written`)
    }
  }
  for (const t of targets) {
    await t.sink.close()
    options.onProgress?.(`${t.sub.file}: ${(t.sink.rows - 1).toLocaleString("en-GB")} rows`)
  }
  faults.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.row - b.row))
  if (options.injectFaults === true)
    await writeFile(join(options.outDir, "faults.json"), `${JSON.stringify(faults, null, 2)}\n`)
  return {
    files: targets.map((t) => ({ ...t.sub, path: t.path, rows: t.sink.rows - 1 })),
    people: count,
    serviceUsers,
    carers,
    events,
    eventsByType: byType,
    faults,
  }
}
