/**
 * Renders a return `Document` as an xlsx workbook with exceljs, for Excel and LibreOffice: one worksheet per sheet
 * (title, then each table with bold headers), numbers stored as numbers with number formats, markers
 * (`[c]`, `[x]`, `[z]`) as right-aligned text, notes as cell comments, sensible column widths; then a Validation
 * sheet (every finding) and a Notes sheet (period, sources, run, version, and the query behind every figure).
 *
 * Frozen panes (`freezeOf`): a sheet with one table freezes that table's header rows and row-header columns; a sheet
 * with several tables (SG2, LTS001b…) freezes only its two title rows, and its row-header columns when every table
 * has the same number of them — a later table's headers sit lower down, so no single split fits them all.
 *
 * A publication (`ReturnDocument.publish`) has no Validation sheet: findings quote exact figures (this year's and
 * last year's counts side by side), which would undo the suppression. The Notes sheet says so.
 *
 * @category services
 */
import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { Context, Effect, Layer } from "effect"
import ExcelJS from "exceljs"
import type { Cell, Document, Format, Table } from "./ReturnDocument.js"
import { OutputError } from "./ReturnError.js"

/** Excel number formats by cell format. */
export const numberFormats: Readonly<Record<Format, string | undefined>> = {
  integer: "#,##0",
  decimal1: "#,##0.0",
  decimal3: "0.000",
  percent1: '0.0"%"',
  percent0: '0"%"',
  text: "@",
  date: "yyyy-mm-dd",
}

const BOLD = { bold: true } as const
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } }
const TOTAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } }

/** Excel's rules for a worksheet name: at most 31 characters, none of `[]:*?/\`. */
export const sheetName = (name: string): string => name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31)

const setCell = (target: ExcelJS.Cell, c: Cell) => {
  if (c.marker !== undefined) {
    target.value = c.marker
    target.alignment = { horizontal: "right" }
  } else if (c.value === null) {
    target.value = null
  } else if (c.format === "date" && typeof c.value === "string") {
    const [y, m, d] = c.value.split("-").map(Number)
    target.value = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1))
    target.numFmt = numberFormats.date!
  } else {
    target.value = c.value
    const f = c.format === undefined ? undefined : numberFormats[c.format]
    if (f !== undefined && typeof c.value === "number") target.numFmt = f
  }
  if (c.note) target.note = c.note
}

/** Writes a table from `startRow`; returns the next free row and the last header row. */
/** Cells whose text runs across the sheet (titles, subtitles, notes), per sheet: they do not set column widths. */
const spanning = new WeakMap<ExcelJS.Worksheet, Set<string>>()
const markSpanning = (ws: ExcelJS.Worksheet, row: number, col = 1) => {
  const set = spanning.get(ws) ?? new Set<string>()
  set.add(ws.getCell(row, col).address)
  spanning.set(ws, set)
}

const writeTable = (
  ws: ExcelJS.Worksheet,
  t: Table,
  startRow: number,
): { next: number; headerEnd: number } => {
  let r = startRow
  ws.getCell(r, 1).value = t.title
  markSpanning(ws, r)
  ws.getCell(r, 1).font = { bold: true, size: 12 }
  r += 1
  const lead = t.rowHeaders.length
  const levels = t.columnHeaders.length
  for (let level = 0; level < levels; level++) {
    const headers = t.columnHeaders[level]!
    const row = ws.getRow(r)
    if (level === levels - 1) {
      t.rowHeaders.forEach((h, i) => {
        row.getCell(i + 1).value = h
      })
    }
    // Outer levels: merge runs of the same header.
    let i = 0
    while (i < headers.length) {
      let j = i
      while (level < levels - 1 && j + 1 < headers.length && headers[j + 1] === headers[i]) j++
      row.getCell(lead + i + 1).value = headers[i] ?? ""
      if (j > i) ws.mergeCells(r, lead + i + 1, r, lead + j + 1)
      i = j + 1
    }
    for (let c = 1; c <= lead + headers.length; c++) {
      const cell = row.getCell(c)
      cell.font = BOLD
      cell.fill = HEADER_FILL
      cell.alignment = { wrapText: true, vertical: "bottom", horizontal: c > lead ? "center" : "left" }
    }
    r += 1
  }
  const headerEnd = r - 1
  for (const row of t.rows) {
    const xr = ws.getRow(r)
    row.header.forEach((h, i) => {
      xr.getCell(i + 1).value = h
    })
    row.cells.forEach((c, i) => {
      setCell(xr.getCell(lead + i + 1), c)
    })
    if (row.total) {
      for (let c = 1; c <= lead + row.cells.length; c++) {
        xr.getCell(c).font = BOLD
        xr.getCell(c).fill = TOTAL_FILL
      }
    }
    r += 1
  }
  for (const n of t.notes ?? []) {
    ws.getCell(r, 1).value = n
    ws.getCell(r, 1).font = { italic: true }
    markSpanning(ws, r)
    r += 1
  }
  return { next: r + 1, headerEnd }
}

const fitWidths = (ws: ExcelJS.Worksheet, min = 8, max = 60) => {
  const skip = spanning.get(ws)
  ws.columns.forEach((col) => {
    let w = min
    col.eachCell?.({ includeEmpty: false }, (cell) => {
      if (cell.isMerged && cell.master !== cell) return
      const v = cell.value
      const text =
        v === null || v === undefined
          ? ""
          : typeof v === "number"
            ? v.toLocaleString("en-GB", { maximumFractionDigits: 3 })
            : v instanceof Date
              ? "yyyy-mm-dd"
              : String(v)
      // Titles, subtitles and notes span the sheet: do not let them widen the first column.
      if (cell.font?.size === 14 || skip?.has(cell.address)) return
      w = Math.max(w, Math.min(max, text.length + 2))
    })
    // exceljs leaves a column of width 9 (its default) out of the file, and Excel then shows 8.43: nudge it.
    col.width = w === 9 ? 9.14 : w
  })
}

/** What publication does, as the sheets' subtitle says. */
const PUBLICATION =
  "counts under 5 suppressed, others rounded to 5; rates and percentages on a count under 5 suppressed"

/** The rows of a sheet's title (its title, then the return and period). */
const TITLE_ROWS = 2

/**
 * Where a sheet's panes are frozen, from the tables' layout: `tables` gives, per table, its last header row and
 * its number of row-header columns. One table: below its headers and right of its row headers. Several: below the
 * title rows, and right of the row headers when all tables have the same number (else no columns frozen).
 */
export const freezeOf = (
  tables: ReadonlyArray<{ readonly headerEnd: number; readonly rowHeaders: number }>,
): { readonly row: number; readonly col: number } | undefined => {
  if (tables.length === 0) return undefined
  if (tables.length === 1) return { row: tables[0]!.headerEnd, col: tables[0]!.rowHeaders }
  const cols = new Set(tables.map((t) => t.rowHeaders))
  return { row: TITLE_ROWS, col: cols.size === 1 ? tables[0]!.rowHeaders : 0 }
}

/** Builds the exceljs workbook of a document. */
export const toWorkbook = (doc: Document): ExcelJS.Workbook => {
  const wb = new ExcelJS.Workbook()
  wb.creator = "asckit"
  wb.title = doc.title
  wb.created = new Date(0)
  wb.modified = new Date(0)
  for (const s of doc.sheets) {
    const ws = wb.addWorksheet(sheetName(s.name))
    ws.getCell(1, 1).value = s.title
    ws.getCell(1, 1).font = { bold: true, size: 14 }
    ws.getCell(2, 1).value =
      `${doc.title} — ${doc.period}${doc.publication ? ` (publication: ${PUBLICATION})` : ""}`
    markSpanning(ws, 2)
    let r = 4
    const layout: Array<{ headerEnd: number; rowHeaders: number }> = []
    for (const t of s.tables) {
      const { next, headerEnd } = writeTable(ws, t, r)
      layout.push({ headerEnd, rowHeaders: t.rowHeaders.length })
      r = next
    }
    const freeze = freezeOf(layout)
    if (freeze) ws.views = [{ state: "frozen", xSplit: freeze.col, ySplit: freeze.row }]
    fitWidths(ws)
  }
  if (!doc.publication) validationSheet(wb, doc)
  const n = wb.addWorksheet("Notes")
  n.addRow(["Notes", ""]).font = { bold: true, size: 14 }
  for (const x of doc.notes) n.addRow([x.label, x.value])
  if (doc.publication)
    n.addRow([
      "Validation",
      "Left out of this publication: validation findings quote exact figures. See the draft or final workbook.",
    ])
  n.addRow([])
  n.addRow(["Query", "What it counts", "SQL"]).font = BOLD
  for (const [id, q] of Object.entries(doc.queries)) n.addRow([id, q.description, q.sql ?? ""])
  fitWidths(n, 8, 100)
  return wb
}

const validationSheet = (wb: ExcelJS.Workbook, doc: Document) => {
  const v = wb.addWorksheet("Validation")
  v.addRow(["Severity", "Rule", "Sheet", "Table", "Message", "Figures"])
  for (const f of doc.findings) {
    v.addRow([
      f.severity,
      f.rule,
      f.sheet ?? "",
      f.table ?? "",
      f.message,
      (f.figures ?? []).map((x) => `${x.label}: ${x.value ?? "–"}`).join("; "),
    ])
  }
  if (doc.findings.length === 0) v.addRow(["", "", "", "", "No validation findings.", ""])
  v.getRow(1).font = BOLD
  v.views = [{ state: "frozen", ySplit: 1 }]
  fitWidths(v, 8, 90)
}

/** The workbook writer service. */
export interface Service {
  /** Writes a document as an xlsx file (creating its folder). */
  readonly write: (doc: Document, path: string) => Effect.Effect<void, OutputError>
  /** Renders a document as xlsx bytes (for email attachments). */
  readonly toBuffer: (doc: Document) => Effect.Effect<Buffer, OutputError>
}

/** The workbook writer tag. */
export class WorkbookWriter extends Context.Tag("@asckit/returns/WorkbookWriter")<
  WorkbookWriter,
  Service
>() {}

/** The exceljs workbook writer. */
export const make: Service = {
  write: (doc, path) =>
    Effect.tryPromise({
      try: async () => {
        mkdirSync(dirname(path), { recursive: true })
        await toWorkbook(doc).xlsx.writeFile(path)
      },
      catch: (e) =>
        new OutputError({ path, message: `Cannot write ${path}: ${(e as Error).message}`, cause: e }),
    }),
  toBuffer: (doc) =>
    Effect.tryPromise({
      try: async () => Buffer.from(await toWorkbook(doc).xlsx.writeBuffer()),
      catch: (e) =>
        new OutputError({
          path: "(memory)",
          message: `Cannot render the workbook: ${(e as Error).message}`,
          cause: e,
        }),
    }),
}

/** The workbook writer layer. */
export const layer: Layer.Layer<WorkbookWriter> = Layer.succeed(WorkbookWriter, make)
