/**
 * Writes the borough's DoLS applications as the national DoLS collection return: one row per application active at
 * any point in the financial year (received by its end, and not signed off as not granted, nor its authorisation
 * ended, before its start), each as the DoLS team knew it on 31 March — later sign-offs and assessments are left
 * out, as NHS England asks (domain.md §5). One file per year from 2022-23 to 2025-26, and the in-year extract of
 * 2026-27 to the model's last day. An application open across years is in each year's file, more complete in the
 * later one.
 *
 * Columns follow the collection's fields (domain.md §5); the header wording is the borough's copy of the template.
 * The application reference is built as the guidance describes: LA code, person reference, the collection year's
 * two digits (24 for 2023-24) and the index of the person's application in that return — so the same application
 * has a different reference in each year's file.
 */
import { mkdir } from "node:fs/promises"
import { join } from "node:path"
import { LocalDate } from "@asckit/core"
import type { DolsApplication, ExtrasFault } from "./extras.js"
import { LA_CODE, MODEL_END, MODEL_START } from "./model.js"
import { type Cell, writeTable } from "./spreadsheet-writer.js"

/** The header of the borough's DoLS return, in the template's column order. */
export const DOLS_HEADER = [
  "Application Reference",
  "Person Reference",
  "LA Code",
  "CQC Location Code",
  "Date Application Received",
  "Urgent Authorisation Included",
  "Age Assessment Status",
  "Mental Health Assessment Status",
  "Mental Capacity Assessment Status",
  "No Refusals Assessment Status",
  "Eligibility Assessment Status",
  "Best Interests Assessment Status",
  "Date of Last Assessment",
  "Application Sign-off Date",
  "Application Status",
  "Reason Not Granted",
  "Authorisation Start Date",
  "Authorisation End Date",
  "Age",
  "Gender",
] as const

const COL = Object.fromEntries(DOLS_HEADER.map((h, i) => [h, i])) as Record<
  (typeof DOLS_HEADER)[number],
  number
>

/** One return: its collection year, period and file name. */
export interface DolsReturn {
  /** The collection year, e.g. `2023-24`. */
  readonly year: string
  readonly periodStart: LocalDate.LocalDate
  /** The day the return shows the applications as at (31 March, or the model's end for the in-year extract). */
  readonly asAt: LocalDate.LocalDate
  readonly file: string
}

/** Options for `writeDolsReturns`. */
export interface DolsWriterOptions {
  readonly outDir: string
  /** `csv` (default) or `xlsx`. */
  readonly format?: "csv" | "xlsx"
  /** Inject the known faults into the 2024-25 return. */
  readonly faults?: boolean
}

/** What `writeDolsReturns` wrote. */
export interface DolsWriteResult {
  readonly files: ReadonlyArray<DolsReturn & { readonly path: string; readonly rows: number }>
  readonly faults: ReadonlyArray<ExtrasFault>
}

/** The returns the writer produces: 2022-23 to 2025-26 as at 31 March, and 2026-27 to the model's end. */
export const dolsReturns = (format: "csv" | "xlsx" = "csv"): ReadonlyArray<DolsReturn> => {
  const out: DolsReturn[] = []
  const last = Number(MODEL_END.slice(0, 4)) - (Number(MODEL_END.slice(5, 7)) < 4 ? 1 : 0)
  for (let y = Number(MODEL_START.slice(0, 4)); y <= last; y++) {
    const year = `${y}-${String((y + 1) % 100).padStart(2, "0")}`
    const yearEnd = `${y + 1}-03-31` as LocalDate.LocalDate
    const inYear = yearEnd > MODEL_END
    out.push({
      year,
      periodStart: `${y}-04-01` as LocalDate.LocalDate,
      asAt: inYear ? MODEL_END : yearEnd,
      file: `DoLS_${LA_CODE}_${year}${inYear ? `_to_${MODEL_END.replace(/-/g, "")}` : ""}.${format}`,
    })
  }
  return out
}

/** The application as the DoLS team knew it on `asAt`, or undefined when it was not active in the period. */
export const asAt = (
  a: DolsApplication,
  periodStart: LocalDate.LocalDate,
  day: LocalDate.LocalDate,
): DolsApplication | undefined => {
  if (a.received > day) return undefined
  const signed = a.signedOff !== undefined && a.signedOff <= day
  if (signed) {
    const caseEnd = a.outcome === "Granted" ? (a.authorisationEnd ?? a.signedOff!) : a.signedOff!
    if (caseEnd < periodStart) return undefined
  }
  const assessed = a.lastAssessment !== undefined && a.lastAssessment <= day
  return {
    ...a,
    lastAssessment: assessed ? a.lastAssessment : undefined,
    assessments: assessed
      ? a.assessments
      : { age: 0, mentalHealth: 0, mentalCapacity: 0, noRefusals: 0, eligibility: 0, bestInterests: 0 },
    signedOff: signed ? a.signedOff : undefined,
    outcome: signed ? a.outcome : undefined,
    notGrantedReason: signed ? a.notGrantedReason : undefined,
    authorisationStart: signed ? a.authorisationStart : undefined,
    authorisationEnd: signed ? a.authorisationEnd : undefined,
  }
}

const d = (iso: string | undefined): Cell => (iso === undefined ? undefined : { date: iso })

/** The rows of one return (applications in received order), with the references the template would build. */
export const returnRows = (apps: ReadonlyArray<DolsApplication>, r: DolsReturn): Cell[][] => {
  const yy = r.year.slice(5, 7)
  const index = new Map<string, number>()
  const rows: Cell[][] = []
  for (const app of apps) {
    const a = asAt(app, r.periodStart, r.asAt)
    if (a === undefined) continue
    const n = (index.get(a.personRef) ?? 0) + 1
    index.set(a.personRef, n)
    const s = a.assessments
    rows.push([
      `${LA_CODE}${a.personRef}${yy}${n}`,
      a.personRef,
      LA_CODE,
      a.managingAuthority,
      d(a.received),
      a.urgent ? 1 : 0,
      s.age,
      s.mentalHealth,
      s.mentalCapacity,
      s.noRefusals,
      s.eligibility,
      s.bestInterests,
      d(a.lastAssessment),
      d(a.signedOff),
      a.outcome ?? "Not yet signed off",
      a.notGrantedReason,
      d(a.authorisationStart),
      d(a.authorisationEnd),
      a.ageAtReceipt,
      a.gender,
    ])
  }
  return rows
}

/** The faults injected into the 2024-25 return: a spreadsheet row at or after `minRow` that suits each. */
const faultPlans: ReadonlyArray<{
  readonly minRow: number
  readonly column: (typeof DOLS_HEADER)[number]
  readonly fault: ExtrasFault["fault"]
  readonly detail: string
  readonly apply: (row: Cell[]) => Cell[] | undefined
}> = [
  {
    minRow: 10,
    column: "Date Application Received",
    fault: "bad-date",
    detail: "31/02/2025 is not a date",
    apply: (r) => with_(r, COL["Date Application Received"], "31/02/2025"),
  },
  {
    minRow: 20,
    column: "Mental Capacity Assessment Status",
    fault: "unmapped-code",
    detail: "assessment status 5 is not one of 0–3 (nor a label the mapping knows)",
    apply: (r) => with_(r, COL["Mental Capacity Assessment Status"], 5),
  },
  {
    minRow: 30,
    column: "Application Sign-off Date",
    fault: "end-before-start",
    detail: "signed off before it was received",
    apply: (r) => {
      const received = r[COL["Date Application Received"]]
      if (typeof received !== "object" || r[COL["Application Sign-off Date"]] === undefined) return undefined
      return with_(r, COL["Application Sign-off Date"], {
        date: LocalDate.addDays(received.date as LocalDate.LocalDate, -10),
      })
    },
  },
  {
    minRow: 40,
    column: "Application Status",
    fault: "unmapped-code",
    detail: 'status "Pending BIA" is not a status the source knows (a local label to map)',
    apply: (r) =>
      r[COL["Application Status"]] === "Not yet signed off"
        ? with_(r, COL["Application Status"], "Pending BIA")
        : undefined,
  },
  {
    minRow: 50,
    column: "Application Reference",
    fault: "duplicate-row",
    detail: "the same application twice",
    apply: (r) => (r[COL["Application Status"]] === "Granted" ? r : undefined),
  },
]

function with_(row: Cell[], i: number, v: Cell): Cell[] {
  const c = [...row]
  c[i] = v
  return c
}

/** The return that gets the faults. */
export const DOLS_FAULT_YEAR = "2024-25"

/**
 * Writes the DoLS returns for `apps` (see the module docs) into `options.outDir`; returns the files and, with
 * `faults`, the faults injected into the 2024-25 return.
 */
export const writeDolsReturns = async (
  apps: ReadonlyArray<DolsApplication>,
  options: DolsWriterOptions,
): Promise<DolsWriteResult> => {
  await mkdir(options.outDir, { recursive: true })
  const format = options.format ?? "csv"
  const files: Array<DolsReturn & { path: string; rows: number }> = []
  const faults: ExtrasFault[] = []
  for (const r of dolsReturns(format)) {
    let rows = returnRows(apps, r)
    if (options.faults === true && r.year === DOLS_FAULT_YEAR) {
      for (const plan of faultPlans) {
        for (let i = Math.max(0, plan.minRow - 2); i < rows.length; i++) {
          const changed = plan.apply(rows[i]!)
          if (changed === undefined) continue
          if (plan.fault === "duplicate-row") {
            rows = [...rows.slice(0, i + 1), changed, ...rows.slice(i + 1)]
            // the faults already placed below the inserted row move down one row
            for (const [k, f] of faults.entries())
              if (f.file === r.file && f.row >= i + 3) faults[k] = { ...f, row: f.row + 1 }
          } else rows[i] = changed
          faults.push({
            file: r.file,
            row: plan.fault === "duplicate-row" ? i + 3 : i + 2,
            column: plan.column,
            fault: plan.fault,
            detail: plan.detail,
          })
          break
        }
      }
    }
    const path = join(options.outDir, r.file)
    await writeTable(path, format, [{ name: "DoLS", header: DOLS_HEADER, rows }], { date: r.asAt })
    files.push({ ...r, path, rows: rows.length })
  }
  return { files, faults }
}
