/**
 * Validating a CLD submission row by row, in spreadsheet terms (row as the file numbers it, header = row 1; column
 * = the Release 2 field name):
 *
 * 1. **The CLD source's own rules** — each row is decoded by the CLD source's row Schema (`CldSource.events.row`:
 *    defined lists, dates, DHSC's mandatory/applicable/not-applicable statuses per event type, person id, dates in
 *    order). A row it rejects is an `error` (it would not load); a value it keeps as a finding (a blank mandatory
 *    field, an invalid optional value) is a `warning` (DHSC's DQ would report it: "Failed: Blank (mandatory)" or
 *    "Failed: Invalid").
 * 2. **DHSC's conditions beyond the event type**, which the CLD source records (`Cld.fields` conditions) but does
 *    not enforce — `warning`s here [asckit's reading of the conditions]:
 *    - `employment-status-required`: a service user with learning disability support as primary support reason,
 *      aged 18–64 at the period end (DHSC's derived age), has no employment status;
 *    - `review-outcomes-required`: a completed planned review has no outcomes achieved;
 *    - `cost-required`: a long-term service, a short-term residential or nursing stay, or an unpaid carer service
 *      (respite included) that is not CASSR commissioned support has no unit cost, cost frequency or planned units;
 *    - `linked-person-unknown`: a carer's link to someone whose LA person id the warehouse does not hold.
 *
 * Messages never show a personal identifier (NHS number, LA person id, linked ids, date of birth, postcode).
 *
 * @internal
 */
import { Cld, LocalDate } from "@asckit/core"
import { CldSource, Fields } from "@asckit/etl"
import { Either, ParseResult, Schema } from "effect"

/** One problem of one row of the submission. */
export interface Issue {
  /** The row as a spreadsheet shows the file (the header is row 1). */
  readonly row: number
  /** The Release 2 field name. */
  readonly column: string
  /** The rule's code (the CLD source's error codes, or the conditions above). */
  readonly rule: string
  /** `error`: the row would be rejected; `warning`: kept, but DHSC's data-quality checks would report it. */
  readonly severity: "error" | "warning"
  readonly message: string
}

const decode = Schema.decodeUnknownEither(CldSource.events.row, { errors: "all" })
const identifiers = new Set(CldSource.identifierColumns)
const hidden = "is not valid (the value is not shown: it is a personal identifier)"

const safe = (column: string, code: string, message: string): string =>
  identifiers.has(column) && code !== "blank-mandatory" && code !== "missing-person-id" ? hidden : message

/** What the conditional rules need to know about a row beyond its cells. */
export interface RowContext {
  /** The carer's links the warehouse could not resolve to an LA person id. */
  readonly unknownLinks: number
  readonly periodEnd: LocalDate.LocalDate
}

const costed = (serviceType: string, component: string): boolean =>
  Cld.isLongTermService(serviceType) ||
  Cld.serviceTypeGroup(serviceType) === "Unpaid carer support" ||
  component === "Short term residential care" ||
  component === "Short term nursing care"

/** The issues of one row (`cells` by Release 2 field name; `row` its spreadsheet row). */
export const validateRow = (
  cells: Readonly<Record<Cld.FieldName, string>>,
  row: number,
  context: RowContext,
): ReadonlyArray<Issue> => {
  const out: Array<Issue> = []
  const d = decode(cells)
  if (Either.isLeft(d)) {
    for (const i of ParseResult.ArrayFormatter.formatErrorSync(d.left)) {
      const column = i.path.length > 0 ? String(i.path[0]) : "row"
      const { code, message } = Fields.splitIssue(i.message)
      out.push({ row, column, rule: code, severity: "error", message: safe(column, code, message) })
    }
    return out
  }
  for (const f of d.right._findings)
    out.push({
      row,
      column: f.column,
      rule: f.value.code,
      severity: "warning",
      message: safe(f.column, f.value.code, f.value.message),
    })
  const c = cells
  const warn = (column: Cld.FieldName, rule: string, message: string) =>
    out.push({ row, column, rule, severity: "warning", message })
  if (
    c.Client_Type === "Service user" &&
    c.Primary_Support_Reason === "Learning Disability Support" &&
    c.Employment_Status === "" &&
    c.Date_of_Birth !== ""
  ) {
    const dob = LocalDate.parts(c.Date_of_Birth as LocalDate.LocalDate)
    const age = LocalDate.dhscAge(dob.year, dob.month, context.periodEnd)
    if (age >= 18 && age <= 64)
      warn(
        "Employment_Status",
        "employment-status-required",
        "is blank but mandatory for service users aged 18-64 whose primary support reason is learning disability support",
      )
  }
  if (
    c.Event_Type === "Review" &&
    c.Review_Reason === "Planned" &&
    c.Event_End_Date !== "" &&
    c.Review_Outcomes_Achieved === ""
  )
    warn(
      "Review_Outcomes_Achieved",
      "review-outcomes-required",
      "is blank but mandatory on a completed planned review",
    )
  if (
    c.Event_Type === "Service" &&
    costed(c.Service_Type, c.Service_Component) &&
    c.Delivery_Mechanism !== "CASSR commissioned support"
  ) {
    for (const f of ["Unit_Cost", "Cost_Frequency_Unit_Type", "Planned_units_per_week"] as const)
      if (c[f] === "")
        warn(
          f,
          "cost-required",
          "is blank but mandatory on long-term, short-term residential or nursing and unpaid carer services that are not CASSR commissioned support",
        )
  }
  if (context.unknownLinks > 0)
    warn(
      "Adult_1_Linked_Person_ID",
      "linked-person-unknown",
      `${context.unknownLinks} of the carer's linked people ${context.unknownLinks === 1 ? "is" : "are"} not in the warehouse, so their LA person id cannot be written`,
    )
  return out
}
