/**
 * Writes the borough's services as its ContrOCC service agreements report, run for the same rolling 12-month
 * periods as the CLD submissions (`submissions()`): one CSV per quarter in the ContrOCC source's default layout
 * (`@asckit/etl` `ControccSource.layout`), holding every service overlapping the period as ContrOCC shows it at
 * the period end (DHSC event filtering, as the CLD writer applies it), with the borough's ContrOCC labels and ISO
 * dates. Providers' names are made up from their CQC location ids; in-house services have none.
 *
 * One label the default code tables do not know — the borough's extra care service, "Extra Care Scheme" — is
 * mapped in the configuration (`CONTROCC_CODES`, the source's `mapping.codes`), as a council would.
 */
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { submissions } from "./cld-writer.js"
import { CsvFile, type ExtractFile, type ExtractWriterOptions, inPeriod } from "./las-writer.js"
import type { Person } from "./model.js"

const label =
  (name: string, table: Readonly<Record<string, string>>) =>
  (national: string | undefined): string => {
    if (national === undefined) return ""
    const local = table[national]
    if (local === undefined) throw new Error(`the borough has no ContrOCC ${name} label for "${national}"`)
    return local
  }

/** The borough's ContrOCC labels, by the national label they stand for. */
export const CONTROCC_LABELS = {
  serviceType: label("service type", {
    "Long term support: Nursing care": "LT Nursing Care",
    "Long term support: Residential care": "LT Residential Care",
    "Long term support: Community": "LT Community Support",
    "Long term support: Prison": "LT Prison Support",
    "Short term support: ST-Max": "Reablement",
    "Short term support: Ongoing low level": "ST Low Level Support",
    "Short term support: Other short term": "ST Other Short Term",
    "Unpaid carer support: Direct to unpaid carer": "Carer Support - Direct",
    "Unpaid carer support: Support involving the person cared-for": "Carer Support - Replacement Care",
  }),
  service: label("service", {
    Reablement: "Reablement Service",
    "Short term nursing care": "Short Term Nursing",
    "Short term residential care": "Short Term Residential",
    "Long term nursing care": "Nursing Placement",
    "Long term residential care": "Residential Placement",
    "Home support or domiciliary care": "Home Care",
    "Day support": "Day Care",
    Meals: "Meals on Wheels",
    Transport: "Transport",
    Equipment: "Equipment",
    "Direct payment": "Direct Payment",
    "Shared Lives": "Shared Lives",
    "Community supported living": "Supported Living",
    // the borough's own label, not in the default tables: mapped in its configuration
    "Extra care housing": "Extra Care Scheme",
    "Professional support: Social worker": "Social Work Support",
    "Professional support: Other": "Other Professional Support",
    "Learning, education or employment support": "Employment Support",
    "Other short term": "Other Short Term Support",
    "Other long term": "Other Long Term Support",
    "Unpaid carer respite": "Carer Respite",
    "Unpaid carer sitting service": "Carer Sitting Service",
    "Unpaid carer universal services": "Carer Universal Services",
    "Unpaid carer other": "Carer Other Support",
  }),
  delivery: label("delivery mechanism", {
    "Direct payment": "Direct Payment",
    "CASSR managed personal budget": "Managed Account",
    "CASSR commissioned support": "Council Commissioned",
  }),
  costUnit: label("rate unit", {
    Hourly: "Per Hour",
    Daily: "Per Day",
    "Per session": "Per Session",
    Weekly: "Per Week",
    Fortnightly: "Per Fortnight",
    "4-weekly": "Per 4 Weeks",
    Monthly: "Per Month",
    Quarterly: "Per Quarter",
    Annually: "Per Annum",
    "One-off": "One Off",
  }),
  endReason: label("end reason", {
    "NFA: Deceased": "Client Deceased",
    "Continuation of support or services": "Package Changed",
    "Progress to support planning or services": "Moved to Other Service",
    "NFA: Support ended as planned": "Service Completed",
    "NFA: Support ended for other reason": "Ended - Other Reason",
    "NFA: Responsibility moved to another local authority": "Moved Out of Area",
    "NFA: Self-funded client or under 12wk disregard": "Now Self Funding",
    "NFA: Referral to NHS services or NHS funded social care": "Transferred to NHS/CHC",
    "NFA: Support declined": "Service Declined",
    "Admitted to hospital": "Admitted to Hospital",
    "NFA: Information and advice or signposting": "Information and Advice Given",
    "NFA: Other": "Other",
  }),
} as const

/** The borough's ContrOCC code overrides (the source's `mapping.codes`): its labels the defaults do not know. */
export const CONTROCC_CODES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ServiceComponent: { "Extra Care Scheme": "Extra care housing" },
}

/** The header of the borough's ContrOCC report, in the default layout's column names. */
export const CONTROCC_HEADER = [
  "Period Start",
  "Period End",
  "Agreement ID",
  "Client ID",
  "NHS Number",
  "Service Type",
  "Service",
  "Setting",
  "Delivery Mechanism",
  "Provider Name",
  "CQC Location ID",
  "Start Date",
  "End Date",
  "End Reason",
  "Unit Cost",
  "Cost Unit",
  "Planned Units Per Week",
  "Description",
] as const

const settingOf = (serviceType: string | undefined, component: string | undefined): string =>
  serviceType === "Long term support: Nursing care" || component === "Short term nursing care"
    ? "Nursing Home"
    : serviceType === "Long term support: Residential care" ||
        component === "Short term residential care" ||
        serviceType === "Unpaid carer support: Support involving the person cared-for"
      ? "Care Home"
      : "Home"

const providerName = (cqc: string | undefined): string =>
  cqc === undefined ? "" : `Synthetic Care Provider ${cqc.slice(-4)}`

const num = (x: number | undefined): string => (x === undefined ? "" : String(x))

/** The rows a person contributes to the ContrOCC report for one period (as ContrOCC shows them at its end). */
export const controccRows = (p: Person, start: string, end: string): Array<Array<string>> => {
  const L = CONTROCC_LABELS
  const out: Array<Array<string>> = []
  for (const e of p.events) {
    if (e.type !== "Service" || !inPeriod(e, start, end)) continue
    const closed = e.end !== undefined && e.end <= end
    out.push([
      start,
      end,
      e.reference,
      p.laPersonId,
      p.nhsNumber ?? "",
      L.serviceType(e.serviceType),
      L.service(e.serviceComponent),
      settingOf(e.serviceType, e.serviceComponent),
      L.delivery(e.deliveryMechanism),
      providerName(e.providerCqcLocationId),
      e.providerCqcLocationId ?? "",
      e.start,
      closed ? (e.end as string) : "",
      closed ? L.endReason(e.outcome) : "",
      num(e.unitCost),
      L.costUnit(e.costFrequency),
      num(e.plannedUnitsPerWeek),
      e.description ?? "",
    ])
  }
  return out
}

/** Writes the borough's ContrOCC reports into `options.outDir/ContrOCC_service_agreements_<quarter>.csv`. */
export const writeControccExtracts = (
  people: Iterable<Person>,
  options: ExtractWriterOptions,
): { readonly files: ReadonlyArray<ExtractFile> } => {
  const periods = options.periods ?? submissions()
  mkdirSync(options.outDir, { recursive: true })
  const targets = periods.map((s) => {
    const file = `ContrOCC_service_agreements_${s.quarter.replace(" ", "_")}.csv`
    return { s, file, sink: new CsvFile(join(options.outDir, file), CONTROCC_HEADER) }
  })
  for (const p of people)
    for (const t of targets)
      for (const row of controccRows(p, t.s.periodStart, t.s.periodEnd)) t.sink.line(row)
  const files = targets.map((t) => {
    t.sink.close()
    return {
      report: "service-agreements",
      quarter: t.s.quarter,
      periodStart: t.s.periodStart,
      periodEnd: t.s.periodEnd,
      file: t.file,
      path: t.sink.path,
      rows: t.sink.rows,
    }
  })
  options.onProgress?.(
    `ContrOCC: ${files.length} reports, ${files.reduce((n, f) => n + f.rows, 0).toLocaleString("en-GB")} rows`,
  )
  return { files }
}
