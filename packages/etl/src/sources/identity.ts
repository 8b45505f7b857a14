/**
 * How every source identifies people and CLD events, so the same person (and the same event) arriving from CLD
 * files, from LAS or from ContrOCC lands on the same warehouse row.
 *
 * - **Person id** as DHSC derives it (domain.md §3.4; DHSC ASC-CLD-LA-Dashboard, `Der_NHS_LA_Combined_Person_ID`):
 *   the NHS number when it is valid (modulus 11), else the LA person id namespaced by LA code (`<LA>:<id>`); a
 *   record with neither cannot be linked to a person. An invalid NHS number beside an LA id is a finding (the LA
 *   id is used), not a rejection.
 * - **Unique event key** (DHSC, joined submissions): LA, person, event type, start date, end date (not for
 *   services), client type, and route of access (requests), assessment type (assessments) or service type +
 *   component (services). `eventKey` lists the decoded fields a stream keys on, in order: streams that list the
 *   same fields with the same values get the same `row_key`.
 * - **Precedence** between versions of an event: the latest reporting period, then an open (or later) end date,
 *   then the event-outcome hierarchy (DHSC); the loader's final tie-break is the later file.
 *
 * @category sources
 */
import { Cld } from "@asckit/core"

/** The NHS number check digit (modulus 11), as NHS England specifies it. */
export const validNhsNumber = (s: string): boolean => {
  if (!/^\d{10}$/.test(s)) return false
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(s[i]) * (10 - i)
  const check = 11 - (sum % 11)
  const digit = check === 11 ? 0 : check
  return digit !== 10 && digit === Number(s[9])
}

/**
 * The outward code (district) of a UK postcode: "BL9 0EJ" → "BL9". An outward code on its own (2–4 characters, as
 * a CLD file built from the warehouse writes it) is its own district.
 */
export const postcodeDistrict = (s: string): string | null => {
  const t = s.toUpperCase().replace(/\s+/g, "")
  // an outward code alone has no space inside it ("BL9 0" is a sector, not a district)
  if (t.length >= 2 && t.length <= 4)
    return !/\s/.test(s.trim()) && /^[A-Z]{1,2}\d[A-Z\d]?$/.test(t) ? t : null
  if (t.length < 5 || t.length > 7) return null
  const outward = t.slice(0, -3)
  return /^[A-Z]{1,2}\d[A-Z\d]?$/.test(outward) ? outward : null
}

/** A person as identified from a record's NHS number and LA person id (raw: the pipeline pseudonymises them). */
export interface Identity {
  /** The person id: the valid NHS number, else `<LA>:<LA person id>`. */
  readonly personKey: string
  readonly nhsNumber: string | null
  /** The LA person id namespaced by LA code. */
  readonly laPersonId: string | null
  /** The NHS number was present but invalid (the LA id was used): a finding. */
  readonly nhsInvalid: boolean
}

/** Why a record cannot be linked to a person. */
export type IdentityProblem =
  | { readonly code: "invalid-nhs-number"; readonly message: string }
  | { readonly code: "missing-person-id"; readonly message: string }

/** The finding message for an invalid NHS number beside an LA person id. */
export const invalidNhsFinding = "is not a valid NHS number; the LA person id is used instead"

/** The LA person id namespaced by LA code (how carers' linked-person ids are stored too). */
export const namespacedId = (laCode: string, id: string): string => `${laCode}:${id.trim()}`

/**
 * Identifies a person from trimmed, non-blank cells (`null` when blank): the DHSC person id (see the module
 * docs), or the problem that prevents it. `laCode` is upper-cased by the caller.
 */
export const identify = (
  laCode: string,
  nhsCell: string | null,
  laIdCell: string | null,
): Identity | IdentityProblem => {
  const nhsRaw = nhsCell === null ? null : nhsCell.replace(/[\s-]/g, "")
  let nhs: string | null = null
  let nhsInvalid = false
  if (nhsRaw !== null) {
    if (validNhsNumber(nhsRaw)) nhs = nhsRaw
    else if (laIdCell === null)
      return {
        code: "invalid-nhs-number",
        message:
          "is not a valid NHS number (10 digits with a correct check digit) and there is no LA person id to use instead",
      }
    else nhsInvalid = true
  }
  if (nhs === null && laIdCell === null)
    return {
      code: "missing-person-id",
      message: "the row has neither an NHS number nor an LA person id, so it cannot be linked to a person",
    }
  return {
    personKey: nhs ?? `${laCode}:${laIdCell}`,
    nhsNumber: nhs,
    laPersonId: laIdCell === null ? null : namespacedId(laCode, laIdCell),
    nhsInvalid,
  }
}

/** True when `identify` could not identify the person. */
export const isProblem = (i: Identity | IdentityProblem): i is IdentityProblem => "code" in i

/** The decoded fields of an event row that make its DHSC unique-event key, in order (see the module docs). */
export const eventKey = [
  "laCode",
  "personKey",
  "eventType",
  "startDate",
  "endKey",
  "clientType",
  "detailKey",
] as const

/** The end-date part of the event key: the end date, or nothing for services (DHSC: not for services). */
export const endKey = (eventType: Cld.EventType, endDate: string | null): string =>
  eventType === "Service" ? "" : (endDate ?? "")

/** The detail part of the event key: route of access, assessment type, or service type and component. */
export const detailKey = (
  eventType: Cld.EventType,
  detail: {
    readonly routeOfAccess?: unknown
    readonly assessmentType?: unknown
    readonly serviceType?: unknown
    readonly serviceComponent?: unknown
  },
): string => {
  const str = (v: unknown) => (typeof v === "string" ? v : "")
  return eventType === "Request"
    ? str(detail.routeOfAccess)
    : eventType === "Assessment"
      ? str(detail.assessmentType)
      : eventType === "Service"
        ? `${str(detail.serviceType)}|${str(detail.serviceComponent)}`
        : ""
}

/** The precedence of a version of an event (see the module docs): period end, open or later end, outcome rank. */
export const eventPrecedence = (periodEnd: string, endDate: string | null, outcome: unknown): string => {
  const rank = typeof outcome === "string" ? Cld.outcomeRank(outcome) : 999
  return `${periodEnd}|${endDate ?? "9999-12-31"}|${String(999 - rank).padStart(3, "0")}`
}
