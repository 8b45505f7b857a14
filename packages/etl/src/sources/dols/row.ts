/**
 * Decoding a DoLS application row (coded columns already mapped to the national lists by `Mapping.read`).
 *
 * Rules, with their sources:
 * - The date received is mandatory, and so is the LA (a three-digit CASSR code, from the file or the
 *   configuration) (collection guidance, Data Dictionary: LA code, date application received [V]).
 * - The person reference is the council's local reference for the person [V]; it is pseudonymised, namespaced by
 *   LA code (`<LA>:<reference>`) as CLD's LA person id is, so `person_id` joins `person.la_person_id_pseudo`
 *   when the DoLS team uses the case-management id. The application reference embeds it (LA code + person
 *   reference + year + index [V]), so it is pseudonymised too. A row without a person reference is kept (keyed on
 *   its application reference) with a `blank-mandatory` finding; a row with neither is quarantined.
 * - An application cannot be signed off before it was received, nor an authorisation end before it starts
 *   (quarantined, `end-before-start`). An assessment dated before receipt, and an authorisation longer than one
 *   year (Mental Capacity Act 2005 Schedule A1: a standard authorisation lasts at most a year), are findings.
 * - Status: the file's status when it has one; when blank it is worked out from the dates (signed off with an
 *   authorisation → granted; signed off without → not granted; not signed off → open). A status that
 *   contradicts the dates (signed off with no sign-off date, open with one, granted with no authorisation dates,
 *   not granted with no reason, granted with a reason) is kept as given and recorded as a finding.
 * - Assessment statuses 0–3 and urgent 1/0 [V]; an unmapped value quarantines the row (`unmapped-code`).
 * - Age is stored as its band (18-64, 65-74, 75-84, 85+ [U]); an age under 18 is a finding (DoLS apply to adults).
 *
 * Ambiguities, decided here:
 * - Identity across returns: the application reference embeds the collection year, so the same application has
 *   a different reference in each year's return (guidance: "the year (24 for 2023-24)"). Applications are
 *   therefore keyed on LA, person, date received and managing authority; the latest version wins (see
 *   `precedence`), so loading successive annual returns keeps one row per application.
 * - A "withdrawn" status is kept apart from "not granted"; NHS England's statistics may count withdrawals as
 *   completed, not granted [U] — measures decide.
 * - Authorisation end date: the date as granted, even when the authorisation ceased early [U].
 *
 * @internal
 */
import type { LocalDate } from "@asckit/core"
import type { Schema } from "effect"
import type { RawRow } from "../../SourcePlugin.js"
import { namespacedId } from "../identity.js"
import * as Mapping from "../mapping/index.js"
import {
  AgeBand,
  ApplicationStatus,
  AssessmentStatus,
  ageBandOf,
  assessmentColumns,
  NotGrantedReason,
  Urgent,
} from "./spec.js"

/** A decoded DoLS application, ready for the sink (identifier fields still raw: the pipeline pseudonymises them). */
export interface DolsRow {
  readonly laCode: string
  /** Identifier: `<LA>:<person reference>`, or `<LA>:application:<reference>` without a person reference. */
  readonly personKey: string
  /** Identifier: `<LA>:<person reference>` (null without one). */
  readonly personId: string | null
  /** Identifier: the application reference, or `<LA>:<person reference>:<date received>` without one. */
  readonly applicationRef: string
  readonly managingAuthority: string | null
  /** The managing authority as a key part ("" when unknown). */
  readonly managingKey: string
  readonly receivedDate: LocalDate.LocalDate
  readonly urgent: boolean | null
  readonly ageAssessment: number | null
  readonly mentalHealthAssessment: number | null
  readonly mentalCapacityAssessment: number | null
  readonly noRefusalsAssessment: number | null
  readonly eligibilityAssessment: number | null
  readonly bestInterestsAssessment: number | null
  readonly lastAssessmentDate: LocalDate.LocalDate | null
  readonly signedOffDate: LocalDate.LocalDate | null
  /** granted | not-granted | withdrawn | open */
  readonly status: "granted" | "not-granted" | "withdrawn" | "open"
  /** The status as the file wrote it (its local value), null when blank. */
  readonly statusSource: string | null
  readonly notGrantedReason: string | null
  readonly authorisationStart: LocalDate.LocalDate | null
  readonly authorisationEnd: LocalDate.LocalDate | null
  readonly ageBand: string | null
  readonly gender: string | null
  /** Orders versions of an application: signed off beats open, then the latest date the row knows. */
  readonly precedence: string
}

const statusCode = {
  Granted: "granted",
  "Not granted": "not-granted",
  Withdrawn: "withdrawn",
  "Not yet signed off": "open",
} as const satisfies Record<(typeof ApplicationStatus.labels)[number], DolsRow["status"]>

const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000)

const assessmentFields = Object.fromEntries(
  assessmentColumns.map(([column, field]) => [field, Mapping.code(column, AssessmentStatus)]),
) as Record<(typeof assessmentColumns)[number][1], Mapping.Field>

/** The DoLS row Schema (see the module notes). */
export const DolsRowSchema = Mapping.rowSchema({
  name: "DolsApplication",
  fields: {
    applicationRef: Mapping.text("Application_Reference"),
    personRef: Mapping.text("Person_Reference"),
    laCode: Mapping.text("LA_Code"),
    managingAuthority: Mapping.text("CQC_Location_Code"),
    received: Mapping.date("Date_Application_Received", true),
    urgent: Mapping.code("Urgent_Authorisation", Urgent),
    ...assessmentFields,
    lastAssessment: Mapping.date("Date_Of_Last_Assessment"),
    signedOff: Mapping.date("Date_Signed_Off"),
    status: Mapping.code("Application_Status", ApplicationStatus),
    reason: Mapping.code("Reason_Not_Granted", NotGrantedReason),
    authStart: Mapping.date("Authorisation_Start_Date"),
    authEnd: Mapping.date("Authorisation_End_Date"),
    age: Mapping.integer("Age"),
    ageBand: Mapping.code("Age_Band", AgeBand),
    gender: Mapping.code("Gender", Mapping.cldList("Gender")),
  },
  // build returns undefined after a failure: the row is then quarantined with the failures it recorded
  build: (v, ctx): DolsRow | undefined => {
    let failed = false
    const fail = (column: string, code: string, message: string) => {
      failed = true
      ctx.fail(column, code, message)
    }
    const la = Mapping.asText(v.laCode)?.toUpperCase() ?? null
    if (la === null) fail("LA_Code", "blank-mandatory", "is blank and the configuration sets no laCode")
    else if (!/^\d{3}$/.test(la)) fail("LA_Code", "invalid-code", `"${la}" is not a three-digit CASSR code`)
    const ref = Mapping.asText(v.personRef)
    const appRef = Mapping.asText(v.applicationRef)
    if (ref === null && appRef === null)
      fail(
        "Person_Reference",
        "missing-person-id",
        "the row has neither a person reference nor an application reference, so it cannot be identified",
      )
    const received = Mapping.asDate(v.received)!
    const signedOff = Mapping.asDate(v.signedOff)
    const authStart = Mapping.asDate(v.authStart)
    const authEnd = Mapping.asDate(v.authEnd)
    const lastAssessment = Mapping.asDate(v.lastAssessment)
    if (signedOff !== null && signedOff < received)
      fail(
        "Date_Signed_Off",
        "end-before-start",
        `signed off (${signedOff}) before it was received (${received})`,
      )
    if (authStart !== null && authEnd !== null && authEnd < authStart)
      fail(
        "Authorisation_End_Date",
        "end-before-start",
        `the authorisation ends (${authEnd}) before it starts (${authStart})`,
      )
    if (failed || la === null) return undefined

    if (ref === null)
      ctx.finding(
        "Person_Reference",
        "blank-mandatory",
        "is blank: the application cannot be linked to the person",
      )
    if (lastAssessment !== null && lastAssessment < received)
      ctx.finding(
        "Date_Of_Last_Assessment",
        "before-received",
        `the last assessment (${lastAssessment}) is before the application was received (${received})`,
        lastAssessment,
      )
    if (authStart !== null && authEnd !== null && days(authStart, authEnd) > 366)
      ctx.finding(
        "Authorisation_End_Date",
        "authorisation-too-long",
        "a standard authorisation lasts at most one year (Mental Capacity Act 2005, Schedule A1)",
        authEnd,
      )

    // Status: as given, or worked out from the dates; contradictions are findings (see the module notes).
    const given = Mapping.asText(v.status) as keyof typeof statusCode | null
    const derived: DolsRow["status"] =
      signedOff === null ? "open" : authStart !== null || authEnd !== null ? "granted" : "not-granted"
    const status = given === null ? derived : statusCode[given]
    const reason = Mapping.asText(v.reason)
    if (given !== null) {
      if (status !== "open" && signedOff === null)
        ctx.finding("Date_Signed_Off", "blank-mandatory", `is blank but the status is "${given}"`)
      if (status === "open" && signedOff !== null)
        ctx.finding(
          "Application_Status",
          "inconsistent",
          `is "${given}" but the application has a sign-off date`,
          given,
        )
    }
    if (status === "granted" && (authStart === null || authEnd === null))
      ctx.finding(
        authStart === null ? "Authorisation_Start_Date" : "Authorisation_End_Date",
        "blank-mandatory",
        "is blank but the application was granted",
      )
    if (status === "not-granted" && reason === null)
      ctx.finding("Reason_Not_Granted", "blank-mandatory", "is blank but the application was not granted")
    if (status === "granted" && reason !== null)
      ctx.finding(
        "Reason_Not_Granted",
        "inconsistent",
        "gives a reason but the application was granted",
        reason,
      )

    const age = Mapping.asNumber(v.age)
    let ageBand = Mapping.asText(v.ageBand)
    if (age !== null) {
      const band = ageBandOf(age)
      if (band === undefined)
        ctx.finding("Age", "invalid-age", `${age} is under 18: DoLS apply to adults`, String(age))
      else ageBand = band
    }
    const statuses = Object.fromEntries(
      assessmentColumns.map(([, field]) => {
        const s = v[field]
        return [field, typeof s === "string" ? Number(s) : null]
      }),
    ) as Record<(typeof assessmentColumns)[number][1], number | null>
    const urgent = Mapping.asText(v.urgent)
    const managing = Mapping.asText(v.managingAuthority)?.toUpperCase() ?? null
    const latest = [received, lastAssessment, signedOff, authStart].reduce<string>(
      (m, d) => (d !== null && d > m ? d : m),
      received,
    )
    const row: DolsRow = {
      laCode: la,
      personKey: ref !== null ? namespacedId(la, ref) : `${la}:application:${appRef}`,
      personId: ref === null ? null : namespacedId(la, ref),
      applicationRef: appRef ?? `${la}:${ref}:${received}`,
      managingAuthority: managing,
      managingKey: managing ?? "",
      receivedDate: received,
      urgent: urgent === null ? null : urgent === "1",
      ...statuses,
      lastAssessmentDate: lastAssessment,
      signedOffDate: signedOff,
      status,
      statusSource: ctx.cell(Mapping.localColumn("Application_Status")) ?? null,
      notGrantedReason: reason,
      authorisationStart: authStart,
      authorisationEnd: authEnd,
      ageBand,
      gender: Mapping.asText(v.gender),
      precedence: `${status === "open" ? 0 : 1}|${latest}`,
    }
    return row
  },
}) as Schema.Schema<DolsRow, RawRow>
