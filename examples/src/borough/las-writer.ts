/**
 * Writes the borough as its Liquidlogic LAS reports: the performance team's quarterly report pack, run for the
 * same rolling 12-month periods as the CLD submissions (`submissions()`), one CSV per report and quarter in the
 * LAS source's default layouts (`@asckit/etl` `LasSource.Layouts`), with the borough's own LAS labels.
 *
 * Each report holds what LAS would show at the period end: requests, assessments and reviews ending in the
 * period or still open at its end (DHSC event filtering, as the CLD writer applies it), person details as at the
 * period end for everyone with an event in the period, contacts received in the period, work-tray items waiting
 * at some point in the period, and safeguarding concerns and enquiries open at some point in it. Dates are written
 * UK style (dd/mm/yyyy), as LAS report exports write them.
 *
 * The borough's labels are LAS's usual ones, except one the default code tables do not know — its hospital
 * avoidance route, "A&E Avoidance" — which the borough maps in its codes file (`las-codes.json`, written beside
 * the reports), as a council would.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs"
import { join } from "node:path"
import type { LocalDate } from "@asckit/core"
import { type Submission, submissions } from "./cld-writer.js"
import { csvLine } from "./csv.js"
import { accommodationOn, type CaseRecords, type CldEvent, caseRecords, type Person } from "./model.js"

// ---------------------------------------------------------------------------------------------------------------
// files

/** A CSV file written line by line with a small buffer (synchronous writes, so any number can be open). */
export class CsvFile {
  /** Data rows written (the header excluded). */
  rows = 0
  private readonly fd: number
  private buffer: Array<string> = []
  private size = 0

  constructor(
    readonly path: string,
    header: ReadonlyArray<string>,
  ) {
    this.fd = openSync(path, "w")
    this.line(header)
    this.rows = 0
  }

  /** Writes one row. */
  line(cells: ReadonlyArray<string>): void {
    const text = csvLine(cells)
    this.buffer.push(text, "\n")
    this.size += text.length + 1
    this.rows++
    if (this.size > 1 << 16) this.flush()
  }

  private flush(): void {
    if (this.size === 0) return
    writeSync(this.fd, this.buffer.join(""))
    this.buffer = []
    this.size = 0
  }

  /** Flushes and closes the file. */
  close(): void {
    this.flush()
    closeSync(this.fd)
  }
}

/** One written extract: which report, for which quarter's period. */
export interface ExtractFile {
  readonly report: string
  readonly quarter: string
  readonly periodStart: LocalDate.LocalDate
  readonly periodEnd: LocalDate.LocalDate
  readonly file: string
  readonly path: string
  readonly rows: number
}

/** Options for the LAS and ContrOCC writers. */
export interface ExtractWriterOptions {
  /** The folder to write into (created if missing). */
  readonly outDir: string
  /** The borough's seed (case records are derived from it). */
  readonly seed: number
  /** The quarterly periods to write (default: every CLD submission's). */
  readonly periods?: ReadonlyArray<Pick<Submission, "quarter" | "periodStart" | "periodEnd">>
  readonly onProgress?: (message: string) => void
}

/** True when event `e` is in the period's scope (DHSC event filtering, as `cld-writer.ts` applies it). */
export const inPeriod = (e: CldEvent, start: string, end: string): boolean => {
  if (e.start > end) return false
  if (e.type === "Service") return e.end === undefined || e.end >= start
  return e.end === undefined || e.end > end || e.end >= start
}

/** A date as LAS report exports write it (dd/mm/yyyy). */
export const ukDate = (iso: string | undefined): string =>
  iso === undefined ? "" : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

const num = (x: number | undefined): string => (x === undefined ? "" : String(x))

// ---------------------------------------------------------------------------------------------------------------
// the borough's LAS labels (national label → what its LAS shows)

const label =
  (name: string, table: Readonly<Record<string, string>>) =>
  (national: string | undefined): string => {
    if (national === undefined) return ""
    const local = table[national]
    if (local === undefined) throw new Error(`the borough has no LAS ${name} label for "${national}"`)
    return local
  }

/** The borough's LAS labels, by the national label they stand for. */
export const LAS_LABELS = {
  clientType: label("client type", { "Service user": "Client", "Unpaid carer": "Carer" }),
  gender: label("gender", { Male: "Male", Female: "Female", Other: "Indeterminate", Unknown: "Not Known" }),
  ethnicity: label("ethnicity", {
    "White: English, Welsh, Scottish, Northern Irish or British": "White - British",
    "White: Irish": "White - Irish",
    "White: Gypsy or Irish Traveller": "White - Gypsy or Irish Traveller",
    "White: Roma": "White - Roma",
    "White: Any other White background": "White - Any Other White Background",
    "Mixed or multiple ethnic groups: White and Black Caribbean": "Mixed - White and Black Caribbean",
    "Mixed or multiple ethnic groups: White and Black African": "Mixed - White and Black African",
    "Mixed or multiple ethnic groups: White and Asian": "Mixed - White and Asian",
    "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background":
      "Mixed - Any Other Mixed Background",
    "Asian or Asian British: Indian": "Asian or Asian British - Indian",
    "Asian or Asian British: Pakistani": "Asian or Asian British - Pakistani",
    "Asian or Asian British: Bangladeshi": "Asian or Asian British - Bangladeshi",
    "Asian or Asian British: Chinese": "Asian or Asian British - Chinese",
    "Asian or Asian British: Any other Asian background":
      "Asian or Asian British - Any Other Asian Background",
    "Black, Black British, Caribbean or African: Caribbean": "Black or Black British - Caribbean",
    "Black, Black British, Caribbean or African: African": "Black or Black British - African",
    "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background":
      "Black or Black British - Any Other Black Background",
    "Other ethnic group: Arab": "Other Ethnic Group - Arab",
    "Other ethnic group: Any other ethnic group": "Other Ethnic Group - Any Other",
    "No data: Refused": "Information Refused",
    "No data: Undeclared or not known": "Not Stated",
  }),
  psr: label("primary support reason", {
    "Physical Support: Personal Care Support": "Physical Support - Personal Care",
    "Physical Support: Access and Mobility Only": "Physical Support - Access and Mobility",
    "Sensory Support: Support for Visual Impairment": "Sensory Support - Visual Impairment",
    "Sensory Support: Support for Hearing Impairment": "Sensory Support - Hearing Impairment",
    "Sensory Support: Support for Dual Impairment": "Sensory Support - Dual Impairment",
    "Support with Memory and Cognition": "Memory and Cognition",
    "Learning Disability Support": "Learning Disability",
    "Mental Health Support": "Mental Health",
    "Social Support: Substance Misuse Support": "Social Support - Substance Misuse",
    "Social Support: Asylum Seeker Support": "Social Support - Asylum Seeker",
    "Social Support: Support for Social Isolation/Other": "Social Support - Social Isolation/Other",
  }),
  accommodation: label("accommodation", {
    "Owner occupier or shared ownership scheme": "Owner Occupier",
    "Tenant: Local authority or other social housing provider": "Council Tenant",
    "Tenant: Private landlord": "Private Rented",
    "Settled mainstream housing with family or friends": "Living with Family/Friends",
    "Supported accommodation, supported lodgings or supported group home": "Supported Accommodation",
    "Shared Lives scheme": "Shared Lives",
    "Approved premises for offenders released from prison or under probation supervision":
      "Approved Premises",
    "Sheltered housing, extra care housing or other sheltered housing": "Sheltered/Extra Care Housing",
    "Mobile accommodation for Gypsy, Roma and Traveller communities": "Traveller Site",
    "Rough sleeper or squatting": "Rough Sleeper",
    "Night shelter, emergency hostel or direct access hostel": "Hostel/Night Shelter",
    Refuge: "Refuge",
    "Placed in temporary accommodation by the council (inc. homelessness resettlement)":
      "Temporary Accommodation (Council Placed)",
    "Staying with family or friends as a short term guest": "Staying with Family/Friends (Short Term)",
    "Acute hospital or long term healthcare residential facility": "Hospital/Healthcare Facility",
    "Registered care home": "Residential Care Home",
    "Registered nursing home": "Nursing Home",
    "Prison, young offenders institution or detention centre": "Prison/YOI",
    "Other temporary accommodation": "Other Temporary",
    Unknown: "Not Known",
  }),
  employment: label("employment", {
    "Paid: Less than 16 hours a week": "Paid Employment - Under 16 Hours",
    "Paid: 16 or more hours a week": "Paid Employment - 16 Hours or More",
    "Paid: Hours per week unknown": "Paid Employment - Hours Unknown",
    "Not in paid employment: Seeking work": "Unemployed - Seeking Work",
    "Not in paid employment: Voluntary work only": "Voluntary Work Only",
    "Not in paid employment: Not actively seeking work or retired": "Not Seeking Work/Retired",
    Unknown: "Not Known",
  }),
  yesNo: label("yes/no", { Yes: "Y", No: "N", Unknown: "Not Known" }),
  hasCarer: label("has carer", { Yes: "Yes", No: "No", Unknown: "Not Known" }),
  funding: label("funding status", {
    "Fully social care funded": "Council Funded",
    "Joint client and social care funded": "Client Contribution",
    "Fully client funded": "Self Funder",
  }),
  route: label("route of access", {
    "Community/other route": "Community",
    "Discharge from hospital": "Hospital Discharge",
    // the borough's own label, not in the default tables: mapped in its codes file
    "Diversion from hospital services": "A&E Avoidance",
    "Planned entry (transition)": "Transition from Children's Services",
    Prison: "Prison Release",
    "Self-funder": "Self Funder - Depleted Funds",
    "Discharge from reablement": "Following Reablement",
    "Transfer from other LA": "Transfer from Another Council",
  }),
  outcome: label("outcome", {
    "Progress to reablement/ST-Max": "Progress to Reablement",
    "Progress to assessment, review or reassessment": "Progress to Assessment/Review",
    "Progress to support planning or services": "Progress to Support Planning",
    "Continuation of support or services": "No Change - Continue Current Support",
    "Admitted to hospital": "Admitted to Hospital",
    "NFA: Responsibility moved to another local authority": "NFA - Moved to Another LA",
    "NFA: Referral to NHS services or NHS funded social care": "NFA - Referred to NHS/CHC",
    "NFA: Self-funded client or under 12wk disregard": "NFA - Self Funder",
    "NFA: Information and advice or signposting": "NFA - Information and Advice",
    "NFA: Referral to other service within the local authority": "NFA - Referred to Other Council Service",
    "NFA: Support declined": "NFA - Support Declined",
    "NFA: Deceased": "NFA - Client Deceased",
    "NFA: Support ended as planned": "NFA - Support Ended As Planned",
    "NFA: Support ended for other reason": "NFA - Support Ended Other Reason",
    "NFA: No services offered for other reason": "NFA - No Services Offered",
    "NFA: Other": "NFA - Other",
  }),
  eligible: label("eligibility", { Yes: "Eligible", No: "Not Eligible" }),
  assessmentMethod: label("assessment method", {
    "Face to face": "Face to Face",
    Telephone: "Telephone Assessment",
    "Video call": "Video Call",
    "Online or self-assessment": "Online Self-Assessment",
    Other: "Other",
  }),
  reviewReason: label("review reason", {
    Planned: "Scheduled Review",
    "Unplanned: Hospital (planned and unplanned episodes)": "Hospital Admission/Discharge",
    "Unplanned: Carer related": "Carer Breakdown/Change",
    "Unplanned: Safeguarding concern": "Safeguarding Concern",
    "Unplanned: Other reason": "Change in Needs",
    "Unplanned: Provider failure": "Provider Failure",
    "Unplanned: Change in commissioning arrangements": "Change in Commissioning",
    "Review of short term support": "Short Term Support Review",
  }),
  achieved: label("outcomes met", {
    "Fully achieved": "Fully Met",
    "Partially achieved": "Partially Met",
    "Not achieved": "Not Met",
    Unknown: "Not Known",
  }),
  reviewMethod: label("review method", {
    "Face to face": "Face to Face",
    Telephone: "Telephone Review",
    "Video call": "Video Call",
    "Paper or online self-review": "Self-Review",
    Other: "Other",
  }),
  contactOutcome: label("contact outcome", {
    safeguarding: "Safeguarding Concern",
    dols: "DoLS Request",
    "existing-case": "Pass to Allocated Worker/Team",
    "new-case": "Progress to Assessment",
    "resolved-equipment": "Resolved - Equipment Provided",
    "resolved-other": "Resolved - Information and Advice",
  }),
  workType: label("work type", {
    "needs-assessment": "Awaiting Care Act Assessment",
    "ot-assessment": "Awaiting OT Assessment",
    "carer-assessment": "Awaiting Carer's Assessment",
    review: "Awaiting Review",
    other: "Awaiting Allocation - Other",
  }),
  concernOutcome: label("concern outcome", {
    "s42-enquiry": "Section 42 Enquiry",
    "other-enquiry": "Other Safeguarding Enquiry",
    "no-enquiry": "No Further Safeguarding Action",
    open: "Decision Pending",
  }),
  enquiryType: label("enquiry type", { s42: "Section 42 Enquiry", other: "Other Safeguarding Enquiry" }),
  riskType: label("risk type", {
    Physical: "Physical Abuse",
    Sexual: "Sexual Abuse",
    Psychological: "Psychological Abuse",
    "Financial or Material": "Financial Abuse",
    Discriminatory: "Discriminatory Abuse",
    Organisational: "Organisational Abuse",
    "Neglect and Acts of Omission": "Neglect",
    "Domestic Abuse": "Domestic Abuse",
    "Sexual Exploitation": "Sexual Exploitation",
    "Modern Slavery": "Modern Slavery",
    "Self-Neglect": "Self Neglect",
  }),
  riskSource: label("risk source", {
    "Service Provider": "Social Care Provider",
    "Other - Known to Individual": "Known to the Adult",
    "Other - Unknown to Individual": "Not Known to the Adult",
  }),
  riskLocation: label("risk location", {
    "Own Home": "Own Home",
    "In the community (excluding community services)": "Community Setting",
    "In a community service": "Community Service",
    "Care Home - Nursing": "Nursing Home",
    "Care Home - Residential": "Residential Home",
    "Hospital - Acute": "Acute Hospital",
    "Hospital - Mental Health": "Mental Health Hospital",
    "Hospital - Community": "Community Hospital",
    Other: "Other",
  }),
  riskOutcome: label("risk outcome", {
    "Risk identified and action taken": "Risk Identified - Action Taken",
    "Risk identified and no action taken": "Risk Identified - No Action Taken",
    "Risk - inconclusive and action taken": "Inconclusive - Action Taken",
    "Risk - inconclusive and no action taken": "Inconclusive - No Action Taken",
    "No risk identified and action taken": "No Risk - Action Taken",
    "No risk identified and no action taken": "No Risk - No Action Taken",
    "Enquiry ceased at individual's request and no action taken": "Ceased at Adult's Request",
  }),
  riskResult: label("risk result", {
    "Risk remained": "Remained",
    "Risk reduced": "Reduced",
    "Risk removed": "Removed",
  }),
  capacity: label("capacity", {
    Yes: "Y",
    No: "N",
    "Don't know": "Not Known",
    "Not recorded": "Not Assessed",
  }),
  advocate: label("advocate", { Yes: "Y", No: "N" }),
  mspAsked: label("MSP asked", {
    "Yes - outcomes expressed": "Asked - Outcomes Expressed",
    "Yes - no outcomes expressed": "Asked - No Outcomes Expressed",
    No: "Not Asked",
    "Don't know": "Not Known",
    "Not recorded": "Not Recorded",
  }),
  mspAchieved: label("MSP achieved", {
    "Fully achieved": "Fully Met",
    "Partially achieved": "Partially Met",
    "Not achieved": "Not Met",
  }),
} as const

/** The borough's LAS codes file (the LAS source's `mapping.codesFile` shape): its labels the defaults do not know. */
export const LAS_CODES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  RouteOfAccess: { "A&E Avoidance": "Diversion from hospital services" },
}

// ---------------------------------------------------------------------------------------------------------------
// reports

const PERIOD = ["Period Start", "Period End"] as const
const EVENT_TAIL = ["Outcome", "Team", "Description", "Hours Caring Per Week", "Adults Cared For"] as const

/** The header of each LAS report, in the default layout's column names. */
export const LAS_HEADERS = {
  contacts: [
    ...PERIOD,
    "Contact ID",
    "Person ID",
    "NHS Number",
    "Contact Date",
    "Contact Source",
    "Contact Outcome",
    "Team",
  ],
  requests: [
    ...PERIOD,
    "Request ID",
    "Person ID",
    "NHS Number",
    "Client Type",
    "Request Type",
    "Request Date",
    "Decision Date",
    "Route of Access",
    ...EVENT_TAIL,
  ],
  assessments: [
    ...PERIOD,
    "Assessment ID",
    "Person ID",
    "NHS Number",
    "Client Type",
    "Assessment Type",
    "Start Date",
    "Completed Date",
    "Eligible Needs",
    "Assessment Method",
    ...EVENT_TAIL,
  ],
  reviews: [
    ...PERIOD,
    "Review ID",
    "Person ID",
    "NHS Number",
    "Client Type",
    "Review Type",
    "Review Reason",
    "Due Date",
    "Start Date",
    "Completed Date",
    "Outcomes Met",
    "Review Method",
    ...EVENT_TAIL,
  ],
  people: [
    ...PERIOD,
    "Person ID",
    "NHS Number",
    "Client Type",
    "Date of Birth",
    "Date of Death",
    "Gender",
    "Ethnicity",
    "Accommodation",
    "Employment Status",
    "GP Practice Code",
    "Postcode",
    "Primary Support Reason",
    "Has Unpaid Carer",
    "Funding Status",
    "Autism",
    "Visual Impairment",
    "Hearing Impairment",
    "Dementia",
  ],
  carers: [
    ...PERIOD,
    "Carer Person ID",
    "NHS Number",
    "Date of Birth",
    "Date of Death",
    "Gender",
    "Ethnicity",
    "Accommodation",
    "Employment Status",
    "GP Practice Code",
    "Postcode",
    "Cared For Person ID 1",
    "Cared For Person ID 2",
    "Cared For Person ID 3",
  ],
  "work-tray": [
    ...PERIOD,
    "Item ID",
    "Person ID",
    "NHS Number",
    "Work Type",
    "Team",
    "Priority",
    "Date Entered",
    "Date Allocated",
    "Date Closed",
  ],
  "safeguarding-concerns": [
    ...PERIOD,
    "Concern ID",
    "Person ID",
    "NHS Number",
    "Date Received",
    "Source of Concern",
    "Team",
    "Concern Outcome",
    "Decision Date",
  ],
  "safeguarding-enquiries": [
    ...PERIOD,
    "Enquiry ID",
    "Concern ID",
    "Person ID",
    "NHS Number",
    "Enquiry Type",
    "Team",
    "Start Date",
    "Concluded Date",
    "Risk Outcome",
    "Result of Action",
    "Lacked Capacity",
    "Advocate",
    "MSP Asked",
    "MSP Outcomes Achieved",
  ],
  "safeguarding-risks": [...PERIOD, "Enquiry ID", "Type of Risk", "Source of Risk", "Location of Risk"],
} as const

/** A LAS report written by the borough. */
export type LasReport = keyof typeof LAS_HEADERS

/** The LAS reports, in the order they are written. */
export const LAS_REPORTS = Object.keys(LAS_HEADERS) as ReadonlyArray<LasReport>

/** What the LAS writer wrote. */
export interface LasWriteResult {
  readonly files: ReadonlyArray<ExtractFile>
  /** The borough's codes file (`mapping.codesFile` for the LAS source). */
  readonly codesFile: string
}

const L = LAS_LABELS
const quarterTag = (quarter: string) => quarter.replace(" ", "_")

/** The rows a person contributes to each LAS report for one period (as LAS shows them at the period end). */
export const lasRows = (
  p: Person,
  rec: CaseRecords,
  start: LocalDate.LocalDate,
  end: LocalDate.LocalDate,
): { readonly [R in LasReport]: Array<Array<string>> } => {
  const out = Object.fromEntries(LAS_REPORTS.map((r) => [r, [] as Array<Array<string>>])) as {
    [R in LasReport]: Array<Array<string>>
  }
  const d = ukDate
  const at = (x: string | undefined) => (x !== undefined && x <= end ? x : undefined)
  const period = [d(start), d(end)]
  const ids = [p.laPersonId, p.nhsNumber ?? ""]
  const carer = p.clientType === "Unpaid carer"
  const hours = carer ? [num(p.caring?.hoursPerWeek), num(p.caring?.adultsCaredFor)] : ["", ""]
  let inScope = false
  p.events.forEach((e, i) => {
    if (!inPeriod(e, start, end)) return
    inScope = true
    if (e.type === "Service") return
    const c = rec.events[i]
    const closed = e.end !== undefined && e.end <= end
    const tail = [closed ? L.outcome(e.outcome) : "", c?.team ?? "", e.description ?? "", ...hours]
    const head = [...period, e.reference, ...ids, L.clientType(p.clientType)]
    if (e.type === "Request")
      out.requests.push([
        ...head,
        c?.stepType ?? "",
        d(e.start),
        closed ? d(e.end) : "",
        L.route(e.routeOfAccess),
        ...tail,
      ])
    else if (e.type === "Assessment")
      out.assessments.push([
        ...head,
        c?.stepType ?? "",
        d(e.start),
        closed ? d(e.end) : "",
        closed ? L.eligible(e.eligibleNeedsIdentified) : "",
        L.assessmentMethod(e.methodOfAssessment),
        ...tail,
      ])
    else
      out.reviews.push([
        ...head,
        c?.stepType ?? "",
        L.reviewReason(e.reviewReason),
        d(c?.dueDate),
        d(e.start),
        closed ? d(e.end) : "",
        closed ? L.achieved(e.reviewOutcomesAchieved) : "",
        L.reviewMethod(e.methodOfReview),
        ...tail,
      ])
  })
  if (inScope) {
    // person details as at the period end (or death), as the CLD writer gives them
    const death = at(p.dateOfDeath)
    const asAt = (death ?? end) as LocalDate.LocalDate
    const details = [
      d(p.dateOfBirth),
      d(death),
      L.gender(p.gender),
      L.ethnicity(p.ethnicity),
      L.accommodation(accommodationOn(p, asAt)),
      L.employment(p.employmentStatus),
      p.gpPracticeCode,
      p.postcode,
    ]
    if (carer) {
      const linked = p.caring?.linkedPersonIds ?? []
      out.carers.push([...period, ...ids, ...details, linked[0] ?? "", linked[1] ?? "", linked[2] ?? ""])
    } else
      out.people.push([
        ...period,
        ...ids,
        L.clientType(p.clientType),
        ...details,
        L.psr(p.primarySupportReason),
        L.hasCarer(p.hasUnpaidCarer),
        L.funding(p.clientFundingStatus),
        L.yesNo(p.autism),
        L.yesNo(p.visualImpairment),
        L.yesNo(p.hearingImpairment),
        L.yesNo(p.dementia),
      ])
  }
  for (const c of rec.contacts) {
    if (c.date < start || c.date > end) continue
    out.contacts.push([
      ...period,
      c.id,
      ...ids,
      d(c.date),
      L.route(c.route),
      L.contactOutcome(c.outcome),
      c.team,
    ])
  }
  for (const w of rec.workItems) {
    const left = w.allocated ?? w.closed
    if (w.entered > end || (left !== undefined && left < start)) continue
    out["work-tray"].push([
      ...period,
      w.id,
      ...ids,
      L.workType(w.workType),
      w.team,
      w.priority,
      d(w.entered),
      d(at(w.allocated)),
      d(at(w.closed)),
    ])
  }
  for (const s of rec.concerns) {
    const q = s.enquiry
    const open = q !== undefined && (q.concluded === undefined || q.concluded >= start)
    if (s.received > end || (s.decided < start && !open)) continue
    const decided = at(s.decided)
    out["safeguarding-concerns"].push([
      ...period,
      s.id,
      ...ids,
      d(s.received),
      s.source,
      s.team,
      L.concernOutcome(decided === undefined ? "open" : s.outcome),
      d(decided),
    ])
    if (q === undefined || q.start > end || !open) continue
    const concluded = at(q.concluded)
    const done = concluded !== undefined
    out["safeguarding-enquiries"].push([
      ...period,
      q.id,
      s.id,
      ...ids,
      L.enquiryType(q.type),
      q.team,
      d(q.start),
      d(concluded),
      done ? L.riskOutcome(q.riskOutcome) : "",
      done ? L.riskResult(q.resultOfAction) : "",
      done ? L.capacity(q.lackedCapacity) : "",
      done ? L.advocate(q.advocate) : "",
      done ? L.mspAsked(q.mspAsked) : "",
      done ? L.mspAchieved(q.mspAchieved) : "",
    ])
    for (const r of q.risks)
      out["safeguarding-risks"].push([
        ...period,
        q.id,
        L.riskType(r.type),
        L.riskSource(r.source),
        L.riskLocation(r.location),
      ])
  }
  return out
}

/**
 * Writes the borough's LAS reports for `people` (an array, or the `simulatePeople` stream of the same seed) into
 * `options.outDir/<report>/LAS_<report>_<quarter>.csv`, and the borough's codes file `las-codes.json`.
 */
export const writeLasExtracts = (people: Iterable<Person>, options: ExtractWriterOptions): LasWriteResult => {
  const periods = options.periods ?? submissions()
  const targets = periods.map((s) => ({
    s,
    files: Object.fromEntries(
      LAS_REPORTS.map((r) => {
        const dir = join(options.outDir, r)
        mkdirSync(dir, { recursive: true })
        const file = `LAS_${r}_${quarterTag(s.quarter)}.csv`
        return [r, { file, sink: new CsvFile(join(dir, file), LAS_HEADERS[r]) }]
      }),
    ) as Record<LasReport, { file: string; sink: CsvFile }>,
  }))
  let count = 0
  for (const p of people) {
    const rec = caseRecords(options.seed, p)
    for (const t of targets) {
      const rows = lasRows(p, rec, t.s.periodStart, t.s.periodEnd)
      for (const r of LAS_REPORTS) for (const row of rows[r]) t.files[r].sink.line(row)
    }
    if (++count % 20_000 === 0)
      options.onProgress?.(`${count.toLocaleString("en-GB")} people written to LAS reports`)
  }
  const files: Array<ExtractFile> = []
  for (const t of targets) {
    for (const r of LAS_REPORTS) {
      const f = t.files[r]
      f.sink.close()
      files.push({
        report: r,
        quarter: t.s.quarter,
        periodStart: t.s.periodStart,
        periodEnd: t.s.periodEnd,
        file: f.file,
        path: f.sink.path,
        rows: f.sink.rows,
      })
    }
  }
  const codesFile = join(options.outDir, "las-codes.json")
  writeFileSync(codesFile, `${JSON.stringify(LAS_CODES, null, 2)}\n`)
  options.onProgress?.(
    `LAS: ${files.length} reports, ${files.reduce((n, f) => n + f.rows, 0).toLocaleString("en-GB")} rows`,
  )
  return { files, codesFile }
}
