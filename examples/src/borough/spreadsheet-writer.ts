/**
 * Writes the borough's local records as the spreadsheets the teams keep: the complaints and compliments log, the
 * carers' hub register export, the "how did we do?" feedback returns, the case-file audit tracker, the learning and
 * development counts and the Safeguarding Adults Review log. Each file has the team's own headers and labels (not
 * national ones): the generic spreadsheet source maps them through its built-in dataset mappings.
 *
 * Also the small table writer the DoLS writer shares: CSV (RFC 4180) or XLSX (exceljs's streaming writer with every
 * zip entry dated from the data, so the same records always give the same bytes).
 */
import { once } from "node:events"
import { createWriteStream } from "node:fs"
import { mkdir } from "node:fs/promises"
import { join } from "node:path"
import { finished } from "node:stream/promises"
import { csvLine } from "./csv.js"
import type {
  BoroughExtras,
  CarerRegistration,
  CaseAudit,
  Complaint,
  Compliment,
  ExtrasFault,
  FeedbackReturn,
  SafeguardingAdultsReview,
  TrainingCount,
} from "./extras.js"
import { MODEL_END } from "./model.js"
import { fixedDateWorkbookWriter } from "./xlsx-writer.js"

// ---------------------------------------------------------------------------------------------------------------
// tables

/** A cell to write: text, a number, a date (`{ date: ISO }`: a date cell in XLSX), or blank. */
export type Cell = string | number | { readonly date: string } | undefined

/** One sheet of a file: its name (XLSX), header and rows. */
export interface Sheet {
  readonly name: string
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<Cell>>
}

const ukDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

const text = (c: Cell, uk: boolean): string =>
  c === undefined
    ? ""
    : typeof c === "number"
      ? String(c)
      : typeof c === "string"
        ? c
        : uk
          ? ukDate(c.date)
          : c.date

/**
 * Writes a table file: CSV (the first sheet only; dates ISO, or dd/mm/yyyy with `ukDates`) or XLSX (every sheet;
 * dates as date cells, numbers as numbers). `date` stamps the XLSX container (use a date from the data).
 */
export const writeTable = async (
  path: string,
  format: "csv" | "xlsx",
  sheets: ReadonlyArray<Sheet>,
  options: { readonly date: string; readonly ukDates?: boolean },
): Promise<void> => {
  const uk = options.ukDates === true
  if (format === "csv") {
    const sheet = sheets[0]
    if (sheet === undefined || sheets.length > 1) throw new Error(`a CSV file holds one sheet (${path})`)
    const out = createWriteStream(path, { encoding: "utf8" })
    const lines = [csvLine(sheet.header), ...sheet.rows.map((r) => csvLine(r.map((c) => text(c, uk))))]
    if (!out.write(`${lines.join("\n")}\n`)) await once(out, "drain")
    out.end()
    await finished(out)
    return
  }
  const wb = fixedDateWorkbookWriter(path, new Date(`${options.date}T00:00:00Z`))
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name)
    ws.addRow([...sheet.header]).commit()
    for (const r of sheet.rows)
      ws.addRow(
        r.map((c) => (c === undefined ? null : typeof c === "object" ? new Date(`${c.date}T00:00:00Z`) : c)),
      ).commit()
    ws.commit()
  }
  await wb.commit()
}

// ---------------------------------------------------------------------------------------------------------------
// the teams' files

/** Options for `writeSpreadsheets`. */
export interface SpreadsheetWriterOptions {
  readonly outDir: string
  /** `mixed` (default): CSV for the carers' hub and training exports, XLSX for the logs; or all CSV / all XLSX. */
  readonly format?: "mixed" | "csv" | "xlsx"
  /** Inject the known faults (see `ExtrasFault`). */
  readonly faults?: boolean
  /** Write dates as dd/mm/yyyy in CSV files. */
  readonly ukDates?: boolean
}

/** One file written: its dataset(s), sheets and data rows. */
export interface SpreadsheetFile {
  readonly path: string
  readonly file: string
  readonly format: "csv" | "xlsx"
  /** Sheet name (XLSX) and data rows of each dataset in the file. */
  readonly sheets: ReadonlyArray<{ readonly dataset: string; readonly sheet: string; readonly rows: number }>
}

/** What `writeSpreadsheets` wrote. */
export interface SpreadsheetWriteResult {
  readonly files: ReadonlyArray<SpreadsheetFile>
  readonly faults: ReadonlyArray<ExtrasFault>
}

const d = (iso: string | undefined): Cell => (iso === undefined ? undefined : { date: iso })

/** The complaints log: the complaints team's own headers and outcome labels ("Partially Upheld"). */
export const complaintsSheet = (rows: ReadonlyArray<Complaint>): Sheet => ({
  name: "Complaints",
  header: [
    "Ref",
    "Client ID",
    "Date Received",
    "Date Responded",
    "Complainant",
    "Category",
    "Team",
    "Stage",
    "Outcome",
  ],
  rows: rows.map((c) => [
    c.id,
    c.personRef,
    d(c.received),
    d(c.responded),
    c.complainant,
    c.category,
    c.team,
    c.stage,
    c.outcome === undefined
      ? "Open"
      : c.outcome === "Partly upheld"
        ? "Partially Upheld"
        : c.outcome === "Not upheld"
          ? "Not Upheld"
          : c.outcome,
  ]),
})

/** The compliments log. */
export const complimentsSheet = (rows: ReadonlyArray<Compliment>): Sheet => ({
  name: "Compliments",
  header: ["Ref", "Client ID", "Date Received", "From", "About", "Team"],
  rows: rows.map((c) => [c.id, c.personRef, d(c.received), c.from, c.about, c.team]),
})

/** The carers' hub register export. */
export const carersSheet = (rows: ReadonlyArray<CarerRegistration>): Sheet => ({
  name: "Registrations",
  header: [
    "Hub ID",
    "ASC ID",
    "Registered",
    "Closed",
    "Age Band",
    "Caring For",
    "Referred By",
    "Hours Caring Per Week",
    "Support Provided",
  ],
  rows: rows.map((c) => [
    c.id,
    c.ascId,
    d(c.registered),
    d(c.closed),
    c.ageBand,
    c.caringFor,
    c.referredBy,
    c.hoursPerWeek,
    c.support,
  ]),
})

/** The feedback returns. */
export const feedbackSheet = (rows: ReadonlyArray<FeedbackReturn>): Sheet => ({
  name: "Returns",
  header: [
    "Return No",
    "Date Received",
    "Team",
    "About",
    "Channel",
    "Overall Rating",
    "Listened To",
    "Easy To Find Information",
  ],
  rows: rows.map((f) => [
    f.id,
    d(f.received),
    f.team,
    f.about,
    f.channel,
    f.rating,
    f.listenedTo,
    f.easyToFindInformation,
  ]),
})

/** The case-file audit tracker. */
export const auditsSheet = (rows: ReadonlyArray<CaseAudit>): Sheet => ({
  name: "Audits",
  header: [
    "Audit ID",
    "Person ID",
    "Audit Date",
    "Team",
    "Auditor",
    "Grade",
    "Score",
    "Strengths Based",
    "MCA Recorded",
    "Carer Considered",
  ],
  rows: rows.map((a) => [
    a.id,
    a.personRef,
    d(a.audited),
    a.team,
    a.auditor,
    a.grade,
    a.score,
    a.strengthsBased,
    a.mcaRecorded,
    a.carerConsidered,
  ]),
})

/** The learning and development counts (one row per month, course and team). */
export const trainingSheet = (rows: ReadonlyArray<TrainingCount>): Sheet => ({
  name: "Training",
  header: ["Month", "Course", "Team", "Delivered By", "Number Trained"],
  rows: rows.map((t) => [t.month, t.course, t.team, t.deliveredBy, t.trained]),
})

/** The Safeguarding Adults Review log. */
export const sarsSheet = (rows: ReadonlyArray<SafeguardingAdultsReview>): Sheet => ({
  name: "SARs",
  header: [
    "SAR Ref",
    "Referral Received",
    "Date Commissioned",
    "Date Concluded",
    "Category",
    "Individuals Died",
    "Individuals Survived",
    "Type of Abuse",
  ],
  rows: rows.map((s) => [
    s.id,
    d(s.referred),
    d(s.commissioned),
    d(s.concluded),
    s.died > 0 ? "One or more individuals died" : "No individuals died",
    s.died,
    s.survived,
    s.abuseType,
  ]),
})

interface Planned {
  readonly file: string
  readonly format: "csv" | "xlsx"
  readonly sheets: ReadonlyArray<{ readonly dataset: string; readonly sheet: Sheet }>
}

/** A fault to inject into a sheet: the first data row at or after `minRow` whose cells `apply` accepts. */
interface FaultPlan {
  readonly dataset: string
  readonly column: string
  readonly minRow: number
  readonly fault: ExtrasFault["fault"]
  readonly detail: string
  /** Changes the row (a copy), or returns undefined when the row does not suit. */
  readonly apply: (cells: Cell[], at: (column: string) => number) => Cell[] | undefined
}

const set = (cells: Cell[], i: number, v: Cell): Cell[] => {
  const c = [...cells]
  c[i] = v
  return c
}

/** The known faults of the spreadsheets (see `ExtrasFault`). */
const faultPlans: ReadonlyArray<FaultPlan> = [
  {
    dataset: "complaints",
    column: "Outcome",
    minRow: 12,
    fault: "unmapped-code",
    detail: 'outcome "Resolved informally" is not in the complaints mapping',
    apply: (c, at) =>
      c[at("Outcome")] === "Open" ? undefined : set(c, at("Outcome"), "Resolved informally"),
  },
  {
    dataset: "complaints",
    column: "Outcome",
    minRow: 30,
    fault: "unmapped-code",
    detail: 'outcome "Resolved informally" is not in the complaints mapping',
    apply: (c, at) =>
      c[at("Outcome")] === "Open" ? undefined : set(c, at("Outcome"), "Resolved informally"),
  },
  {
    dataset: "complaints",
    column: "Date Received",
    minRow: 20,
    fault: "bad-date",
    detail: "31/02/2024 is not a date",
    apply: (c, at) => set(c, at("Date Received"), "31/02/2024"),
  },
  {
    dataset: "complaints",
    column: "Date Responded",
    minRow: 40,
    fault: "end-before-start",
    detail: "responded before it was received",
    apply: (c, at) => {
      const r = c[at("Date Received")]
      if (typeof r !== "object") return undefined
      return set(c, at("Date Responded"), { date: "2020-01-01" })
    },
  },
  {
    dataset: "complaints",
    column: "Ref",
    minRow: 50,
    fault: "duplicate-row",
    detail: "the same complaint twice",
    apply: (c, at) =>
      ["Upheld", "Partially Upheld", "Not Upheld"].includes(String(c[at("Outcome")])) &&
      typeof c[at("Date Responded")] === "object" &&
      (c[at("Date Responded")] as { date: string }).date > "2021"
        ? c
        : undefined,
  },
  {
    dataset: "carers-hub",
    column: "Registered",
    minRow: 25,
    fault: "blank-required",
    detail: "registration date left blank",
    apply: (c, at) => set(c, at("Registered"), undefined),
  },
  {
    dataset: "training",
    column: "Month",
    minRow: 8,
    fault: "bad-date",
    detail: 'month "2023-13" is not a month',
    apply: (c, at) => set(c, at("Month"), "2023-13"),
  },
]

/**
 * Writes the teams' spreadsheets for `extras` into `options.outDir` (see the module docs), with the known faults
 * when asked. Returns the files and the faults (row numbers as a spreadsheet shows them, header = row 1).
 */
export const writeSpreadsheets = async (
  extras: BoroughExtras,
  options: SpreadsheetWriterOptions,
): Promise<SpreadsheetWriteResult> => {
  await mkdir(options.outDir, { recursive: true })
  const mode = options.format ?? "mixed"
  const fmt = (natural: "csv" | "xlsx"): "csv" | "xlsx" => (mode === "mixed" ? natural : mode)
  const logs = fmt("xlsx")
  const planned: Planned[] = [
    ...(logs === "xlsx"
      ? [
          {
            file: "Complaints and Compliments Log.xlsx",
            format: logs,
            sheets: [
              { dataset: "complaints", sheet: complaintsSheet(extras.complaints) },
              { dataset: "compliments", sheet: complimentsSheet(extras.compliments) },
            ],
          },
        ]
      : [
          {
            file: "complaints.csv",
            format: logs,
            sheets: [{ dataset: "complaints", sheet: complaintsSheet(extras.complaints) }],
          },
          {
            file: "compliments.csv",
            format: logs,
            sheets: [{ dataset: "compliments", sheet: complimentsSheet(extras.compliments) }],
          },
        ]),
    {
      file: `carers-hub-registrations.${fmt("csv")}`,
      format: fmt("csv"),
      sheets: [{ dataset: "carers-hub", sheet: carersSheet(extras.carers) }],
    },
    {
      file: `Feedback Returns.${logs}`,
      format: logs,
      sheets: [{ dataset: "feedback", sheet: feedbackSheet(extras.feedback) }],
    },
    {
      file: `Case File Audits.${logs}`,
      format: logs,
      sheets: [{ dataset: "audits", sheet: auditsSheet(extras.audits) }],
    },
    {
      file: `training-counts.${fmt("csv")}`,
      format: fmt("csv"),
      sheets: [{ dataset: "training", sheet: trainingSheet(extras.training) }],
    },
    {
      file: `SAR Log.${logs}`,
      format: logs,
      sheets: [{ dataset: "sars", sheet: sarsSheet(extras.sars) }],
    },
  ]
  const faults: ExtrasFault[] = []
  const files: SpreadsheetFile[] = []
  for (const p of planned) {
    const sheets: Sheet[] = []
    for (const { dataset, sheet } of p.sheets) {
      let rows = sheet.rows.map((r) => [...r])
      if (options.faults === true) {
        const at = (column: string) => {
          const i = sheet.header.indexOf(column)
          if (i < 0) throw new Error(`no column ${column} in ${dataset}`)
          return i
        }
        for (const plan of faultPlans.filter((f) => f.dataset === dataset)) {
          for (let i = Math.max(0, plan.minRow - 2); i < rows.length; i++) {
            const changed = plan.apply(rows[i]!, at)
            if (changed === undefined) continue
            if (plan.fault === "duplicate-row") {
              rows = [...rows.slice(0, i + 1), changed, ...rows.slice(i + 1)]
              // the faults already placed below the inserted row move down one row
              for (const [k, f] of faults.entries())
                if (
                  f.file === p.file &&
                  f.sheet === (p.format === "xlsx" ? sheet.name : undefined) &&
                  f.row >= i + 3
                )
                  faults[k] = { ...f, row: f.row + 1 }
            } else rows[i] = changed
            const row = plan.fault === "duplicate-row" ? i + 3 : i + 2
            faults.push({
              file: p.file,
              ...(p.format === "xlsx" ? { sheet: sheet.name } : {}),
              row,
              column: plan.column,
              fault: plan.fault,
              detail: plan.detail,
            })
            break
          }
        }
      }
      sheets.push({ ...sheet, rows })
    }
    const path = join(options.outDir, p.file)
    await writeTable(path, p.format, sheets, { date: MODEL_END, ukDates: options.ukDates ?? false })
    files.push({
      path,
      file: p.file,
      format: p.format,
      sheets: sheets.map((s, i) => ({ dataset: p.sheets[i]!.dataset, sheet: s.name, rows: s.rows.length })),
    })
  }
  return { files, faults }
}
