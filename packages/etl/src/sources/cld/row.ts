/**
 * Decoding a CLD submission row. Two stages, both Effect Schema:
 *
 * 1. every field is decoded leniently by its kind (defined-list codes through `Cld.normalise`, so Release 1 labels
 *    and case/spacing variants map to Release 2; dates ISO or UK; numbers), an invalid value becoming an
 *    `InvalidValue` instead of an error;
 * 2. the DHSC data-quality statuses are applied for the row's event type (`Cld.fields`):
 *    - an **invalid** value in a **mandatory** field fails the row (quarantine, every failing field reported);
 *    - a **blank** mandatory field fails the row only when the event cannot be identified without it (LA, reporting
 *      period, client type, event type, start date, and the event type's key field: route of access, assessment
 *      type, service type and component, review reason); any other blank mandatory field is kept as null and
 *      counted as a `blank-mandatory` finding (DHSC's "Failed: Blank (mandatory)");
 *    - an invalid **applicable** field is kept as null and counted as a finding; **not applicable** fields are
 *      dropped.
 *
 * Person id as DHSC derives it (domain.md §3.4): the NHS number when it is valid, else the LA person id (namespaced
 * by LA code); a row with neither is quarantined. The DHSC unique-event key is LA, person, event type, start date,
 * end date (not for services), client type, and route of access (requests), assessment type (assessments) or
 * service type + component (services). Precedence between versions of an event: the latest reporting period, then
 * an open (or later) end date, then the event-outcome hierarchy (domain.md §3.4); the loader's final tie-break is
 * the later file (DHSC: latest load id).
 *
 * Ambiguities, decided here and documented:
 * - DHSC's statuses say end date and outcome are mandatory for requests, assessments and reviews, but councils
 *   submit events still open at the period end (an assessment in progress, a service continuing). We read them as
 *   mandatory once the event has ended: a blank end date means the event is open, and an open event may have no
 *   outcome yet.
 * - Conditions DHSC applies beyond event type (e.g. employment status mandatory for 18–64 learning-disability
 *   clients) are not enforced — those fields are treated as applicable. Person fields that describe service users
 *   (primary support reason, funding status, whether they have an unpaid carer) are applicable on carers' rows.
 * - An invalid NHS number with a valid LA id is a finding (the LA id is used), not a rejection.
 *
 * @internal
 */
import { Cld, LocalDate } from "@asckit/core"
import { Either, ParseResult, Schema } from "effect"
import * as Fields from "../../Fields.js"
import * as Identity from "../identity.js"
import { postcodeDistrict, validNhsNumber } from "../identity.js"

type Value = string | number | null | Fields.InvalidValue
/** A field value of a decoded row: invalid values have been moved to the row's findings. */
type Clean = string | number | null

/** A field's parser for a trimmed, non-blank cell. */
type Parser = (s: string) => Value

const parserOf = (f: Cld.Field): Parser => {
  switch (f.kind) {
    case "date":
      return Fields.parse.date
    case "number":
      return Fields.parse.number
    case "code": {
      const list = f.list
      return list === undefined ? (s) => s : Fields.parse.code(list, (s) => Cld.normalise(list, s)?.value)
    }
    default:
      return (s) => s
  }
}

/** A field's position in the arrays the decoder works on. */
const I = Object.fromEntries(Cld.fields.map((f, i) => [f.name, i])) as Readonly<Record<Cld.FieldName, number>>

/** The raw row a CLD file gives: every official field, as text or undefined. */
export type RawCldRow = { readonly [K in Cld.FieldName]: string | undefined }

/** The input side: an object of cells (the reader guarantees every official field is a key). */
const RawCldRowSchema = Schema.declare((u: unknown): u is RawCldRow => typeof u === "object" && u !== null, {
  identifier: "RawCldRow",
  description: "a CLD row: official field names to cell text",
})

/** A decoded CLD row, ready for the sink (identifier fields are still raw here; the pipeline pseudonymises them). */
export interface CldRow {
  readonly laCode: string
  readonly periodStart: LocalDate.LocalDate
  readonly periodEnd: LocalDate.LocalDate
  /** Identifiers (raw until the pipeline pseudonymises them). */
  readonly personKey: string
  readonly nhsNumber: string | null
  readonly laPersonId: string | null
  readonly linked1: string | null
  readonly linked2: string | null
  readonly linked3: string | null
  // person
  readonly clientType: string
  readonly gender: string | null
  readonly ethnicity: string | null
  readonly birthYear: number | null
  readonly birthMonth: number | null
  readonly dateOfDeath: LocalDate.LocalDate | null
  readonly primarySupportReason: string | null
  readonly accommodationStatus: string | null
  readonly employmentStatus: string | null
  readonly hasUnpaidCarer: string | null
  readonly clientFundingStatus: string | null
  readonly autismSpectrumDisorder: string | null
  readonly visualImpairment: string | null
  readonly hearingImpairment: string | null
  readonly dementia: string | null
  readonly gpPracticeCode: string | null
  readonly postcodeDistrict: string | null
  /** Raw date of birth and postcode: identifiers (kept only as pseudonyms unless identifiers are kept). */
  readonly dateOfBirth: string | null
  readonly postcode: string | null
  // event
  readonly eventType: Cld.EventType
  readonly eventReference: Clean
  readonly startDate: LocalDate.LocalDate
  readonly endDate: LocalDate.LocalDate | null
  readonly eventOutcome: Clean
  readonly eventDescription: Clean
  readonly routeOfAccess: Clean
  readonly assessmentType: Clean
  readonly eligibleNeedsIdentified: Clean
  readonly methodOfAssessment: Clean
  readonly serviceType: Clean
  readonly serviceComponent: Clean
  readonly deliveryMechanism: Clean
  readonly providerCqcLocationId: Clean
  readonly reviewReason: Clean
  readonly reviewOutcomesAchieved: Clean
  readonly methodOfReview: Clean
  readonly unitCost: Clean
  readonly costFrequencyUnitType: Clean
  readonly plannedUnitsPerWeek: Clean
  readonly totalHoursCaringPerWeek: Clean
  readonly adultsCaredFor: Clean
  // keys
  readonly endKey: string
  readonly detailKey: string
  readonly precedence: string
  /** Data-quality findings on kept fields (recorded by the pipeline, never loaded). */
  readonly _findings: ReadonlyArray<Fields.Finding>
}

/** The NHS number check and the postcode district: shared with every source (`../identity.ts`). */
export { postcodeDistrict, validNhsNumber }

const eventFieldGroups = new Set<Cld.FieldGroup>([
  "event",
  "request",
  "assessment",
  "service",
  "review",
  "cost",
])

const issueAt = (
  ast: import("effect/SchemaAST").AST,
  field: string,
  actual: unknown,
  code: string,
  message: string,
) => new ParseResult.Pointer(field, actual, new ParseResult.Type(ast, actual, Fields.issue(code, message)))

/** Person fields that describe service users only: applicable, not mandatory, on unpaid-carer rows (the
 * conditions `Cld.fields` records: "service users only"). */
const serviceUserOnly = new Set<string>([
  "Primary_Support_Reason",
  "Client_Funding_Status",
  "Has_Unpaid_Carer",
])

/** Fields without which an event cannot be identified (the DHSC unique-event key and the submission): blank fails. */
const identifying: Readonly<Record<Cld.EventType, ReadonlySet<string>>> = (() => {
  const base = [
    "LA_Code",
    "Reporting_Period_Start_Date",
    "Reporting_Period_End_Date",
    "Client_Type",
    "Event_Type",
    "Event_Start_Date",
  ]
  return {
    Request: new Set([...base, "Request_Route_of_Access"]),
    Assessment: new Set([...base, "Assessment_Type"]),
    Service: new Set([...base, "Service_Type", "Service_Component"]),
    Review: new Set([...base, "Review_Reason"]),
  }
})()

/** Mandatory once the event has ended (see the module notes). */
const whenEnded = new Set<string>(["Event_End_Date", "Event_Outcome"])

/** Every field with its parser and the facts stage 2 needs, compiled once (see the module notes). */
const compiled = Cld.fields.map((f) => ({
  name: f.name,
  parse: parserOf(f),
  status: f.status,
  allMandatory: Object.values(f.status).every((x) => x === "mandatory"),
  eventField: eventFieldGroups.has(f.group) && f.name !== "Event_Type" && f.name !== "Event_Start_Date",
  serviceUserOnly: serviceUserOnly.has(f.name),
  identifier: f.name === "NHS_Number" || f.name === "LA_Person_Unique_Identifier",
  whenEnded: whenEnded.has(f.name),
  identifying: Object.fromEntries(
    (["Request", "Assessment", "Service", "Review"] as const).map((e) => [e, identifying[e].has(f.name)]),
  ) as Record<Cld.EventType, boolean>,
}))

/** Stage 2: the DHSC rules, from the lenient fields to a `CldRow`. */
export const CldRowSchema: Schema.Schema<CldRow, RawCldRow> = Schema.transformOrFail(
  RawCldRowSchema,
  Schema.Unknown as Schema.Schema<CldRow>,
  {
    strict: true,
    decode: (raw: RawCldRow, _options, ast, actual) => {
      // Stage 1: every field parsed leniently (blank → null, invalid → InvalidValue), by position.
      const n = compiled.length
      const r: Array<Value> = new Array(n)
      for (let i = 0; i < n; i++) {
        const f = compiled[i]!
        const cell = raw[f.name]
        const t = cell === undefined ? "" : cell.trim()
        r[i] = t === "" ? null : f.parse(t)
      }
      const issues: Array<ParseResult.ParseIssue> = []
      const fail = (field: string, code: string, message: string) =>
        issues.push(issueAt(ast, field, raw, code, message))
      const et = r[I.Event_Type]
      const eventType = typeof et === "string" ? (et as Cld.EventType) : undefined
      const ct = r[I.Client_Type]
      const clientType = typeof ct === "string" ? ct : undefined
      const serviceUser = clientType === "Service user"
      const byAssociation = clientType === "Unpaid carer known by association"
      const dod = r[I.Date_of_Death]
      const died = dod !== null && !(dod instanceof Fields.InvalidValue)
      const ended = typeof r[I.Event_End_Date] === "string"

      // Stage 2: mandatory / applicable / not applicable, field by field (see the module notes).
      const o: Array<Value> = new Array(n)
      for (let i = 0; i < n; i++) {
        const f = compiled[i]!
        const v = r[i]!
        let s: Cld.FieldStatus =
          eventType === undefined ? (f.allMandatory ? "mandatory" : "applicable") : f.status[eventType]
        if (byAssociation && f.eventField) s = "not-applicable"
        else if (i === I.Event_End_Date && eventType === "Service" && died) s = "mandatory"
        if (s === "mandatory" && ((!serviceUser && f.serviceUserOnly) || f.identifier)) s = "applicable"
        if (s === "not-applicable") {
          o[i] = null
          continue
        }
        if (s === "mandatory") {
          if (v === null) {
            if (f.whenEnded && !(i === I.Event_Outcome && ended) && !(i === I.Event_End_Date && died)) {
              o[i] = null
              continue
            }
            const what = `is blank but mandatory${eventType ? ` for a ${eventType.toLowerCase()}` : ""}`
            if (eventType === undefined || f.identifying[eventType]) fail(f.name, "blank-mandatory", what)
            else o[i] = new Fields.InvalidValue("", what, "blank-mandatory")
            continue
          }
          if (v instanceof Fields.InvalidValue) {
            fail(f.name, v.code, v.message)
            continue
          }
        }
        o[i] = v
      }

      // Person id: the NHS number when valid, else the LA person id (DHSC, domain.md §3.4; shared with every
      // source in `../identity.ts`).
      const laCode = o[I.LA_Code]
      const la = typeof laCode === "string" ? laCode.toUpperCase() : ""
      const nhsCell = r[I.NHS_Number]
      const laCell = r[I.LA_Person_Unique_Identifier]
      const laId = typeof laCell === "string" ? laCell : null
      const identity = Identity.identify(la, typeof nhsCell === "string" ? nhsCell : null, laId)
      let nhsCheck: Fields.InvalidValue | null = null
      if (Identity.isProblem(identity)) fail("NHS_Number", identity.code, identity.message)
      else if (identity.nhsInvalid)
        nhsCheck = new Fields.InvalidValue("", Identity.invalidNhsFinding, "invalid-nhs-number")

      // Events cannot end before they start.
      const start = o[I.Event_Start_Date]
      const end = o[I.Event_End_Date]
      if (typeof start === "string" && typeof end === "string" && end < start) {
        fail("Event_End_Date", "end-before-start", `ends (${end}) before it starts (${start})`)
      }
      const ps = o[I.Reporting_Period_Start_Date]
      const pe = o[I.Reporting_Period_End_Date]
      if (typeof ps === "string" && typeof pe === "string" && pe < ps) {
        fail(
          "Reporting_Period_End_Date",
          "end-before-start",
          `the reporting period ends (${pe}) before it starts (${ps})`,
        )
      }

      if (
        issues.length > 0 ||
        eventType === undefined ||
        clientType === undefined ||
        Identity.isProblem(identity)
      ) {
        return ParseResult.fail(
          issues.length === 1
            ? issues[0]!
            : new ParseResult.Composite(
                ast,
                actual,
                issues as [ParseResult.ParseIssue, ...Array<ParseResult.ParseIssue>],
              ),
        )
      }

      // Invalid or blank-mandatory values that are kept: recorded as findings, loaded as null.
      const found: Array<Fields.Finding> = []
      if (nhsCheck !== null) found.push({ column: "NHS_Number", value: nhsCheck })
      for (let i = 0; i < n; i++) {
        const x = o[i]
        if (x instanceof Fields.InvalidValue) {
          found.push({ column: compiled[i]!.name, value: x })
          o[i] = null
        }
      }
      const c = o as Array<Clean>
      const dob = c[I.Date_of_Birth]
      const birth = typeof dob === "string" ? LocalDate.parts(dob as LocalDate.LocalDate) : undefined
      const pc = c[I.Postcode]
      const postcode = typeof pc === "string" ? postcodeDistrict(pc) : null
      const linked = (v: Clean) => (typeof v === "string" && v.trim() !== "" ? `${la}:${v.trim()}` : null)
      const textOf = (v: Clean | undefined) => (typeof v === "string" ? v : null)
      const endDate = typeof end === "string" ? (end as LocalDate.LocalDate) : null
      const detailKey = Identity.detailKey(eventType, {
        routeOfAccess: c[I.Request_Route_of_Access],
        assessmentType: c[I.Assessment_Type],
        serviceType: c[I.Service_Type],
        serviceComponent: c[I.Service_Component],
      })
      const row: CldRow = {
        laCode: la,
        periodStart: ps as LocalDate.LocalDate,
        periodEnd: pe as LocalDate.LocalDate,
        personKey: identity.personKey,
        nhsNumber: identity.nhsNumber,
        laPersonId: identity.laPersonId,
        linked1: linked(c[I.Adult_1_Linked_Person_ID] ?? null),
        linked2: linked(c[I.Adult_2_Linked_Person_ID] ?? null),
        linked3: linked(c[I.Adult_3_Linked_Person_ID] ?? null),
        clientType,
        gender: textOf(c[I.Gender]),
        ethnicity: textOf(c[I.Ethnicity]),
        birthYear: birth?.year ?? null,
        birthMonth: birth?.month ?? null,
        dateOfDeath: textOf(c[I.Date_of_Death]) as LocalDate.LocalDate | null,
        primarySupportReason: textOf(c[I.Primary_Support_Reason]),
        accommodationStatus: textOf(c[I.Accommodation_Status]),
        employmentStatus: textOf(c[I.Employment_Status]),
        hasUnpaidCarer: textOf(c[I.Has_Unpaid_Carer]),
        clientFundingStatus: textOf(c[I.Client_Funding_Status]),
        autismSpectrumDisorder: textOf(c[I.Autism_Spectrum_Disorder_ASD]),
        visualImpairment: textOf(c[I.Visual_Impairment]),
        hearingImpairment: textOf(c[I.Hearing_Impairment]),
        dementia: textOf(c[I.Dementia]),
        gpPracticeCode: textOf(c[I.GP_Practice_Code]),
        postcodeDistrict: postcode,
        dateOfBirth: typeof dob === "string" ? dob : null,
        postcode: typeof pc === "string" ? pc.trim().toUpperCase() : null,
        eventType,
        eventReference: c[I.Event_Reference] ?? null,
        startDate: start as LocalDate.LocalDate,
        endDate,
        eventOutcome: c[I.Event_Outcome] ?? null,
        eventDescription: c[I.Event_Description] ?? null,
        routeOfAccess: c[I.Request_Route_of_Access] ?? null,
        assessmentType: c[I.Assessment_Type] ?? null,
        eligibleNeedsIdentified: c[I.Eligible_Needs_Identified] ?? null,
        methodOfAssessment: c[I.Method_of_Assessment] ?? null,
        serviceType: c[I.Service_Type] ?? null,
        serviceComponent: c[I.Service_Component] ?? null,
        deliveryMechanism: c[I.Delivery_Mechanism] ?? null,
        providerCqcLocationId: c[I.Provider_CQC_Location_ID] ?? null,
        reviewReason: c[I.Review_Reason] ?? null,
        reviewOutcomesAchieved: c[I.Review_Outcomes_Achieved] ?? null,
        methodOfReview: c[I.Method_of_Review] ?? null,
        unitCost: c[I.Unit_Cost] ?? null,
        costFrequencyUnitType: c[I.Cost_Frequency_Unit_Type] ?? null,
        plannedUnitsPerWeek: c[I.Planned_units_per_week] ?? null,
        totalHoursCaringPerWeek: c[I.Total_Hrs_Caring_per_week] ?? null,
        adultsCaredFor: c[I.No_of_adults_being_cared_for] ?? null,
        endKey: Identity.endKey(eventType, endDate),
        detailKey,
        precedence: Identity.eventPrecedence(pe as string, endDate, c[I.Event_Outcome]),
        _findings: found,
      }
      return ParseResult.succeed(row)
    },
    encode: (_row, _options, ast, actual) =>
      ParseResult.fail(new ParseResult.Forbidden(ast, actual, "CLD rows are decoded, never encoded")),
  },
)

/** Decodes one raw CLD row (for tests and tools; the pipeline uses the Schema directly). */
export const decodeRow = (raw: Partial<RawCldRow>) =>
  Either.mapLeft(
    Schema.decodeUnknownEither(CldRowSchema)(Object.fromEntries(Cld.fieldNames.map((n) => [n, raw[n]])), {
      errors: "all",
    }),
    (e) => ParseResult.ArrayFormatter.formatErrorSync(e),
  )
