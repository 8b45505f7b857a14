/**
 * The report as an xlsx workbook that looks like the report: a Highlights sheet laid out as the highlight table
 * (a band per obsession with its commentary under it, then one row per measure with its frequency, polarity, a trend
 * image, the latest value formatted as a number, direction-of-travel symbols coloured by judgement, the target and a
 * RAG-filled cell, the ranks and the region's and England's published values), then one sheet per section with its tables, the Trend data sheet (the numbers
 * behind each trend image), Validation (what could not be shown and why) and Notes (sources, coverage and the query
 * behind every figure).
 *
 * Trend images, not data bars: exceljs cannot write Excel's native sparklines; a data bar would show one value, not a
 * trend. Each trend is a PNG (`Png.sparkline`) anchored in its cell, and its points are numbers on Trend data.
 *
 * @category output
 */
import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { Effect } from "effect"
import type ExcelJS from "exceljs"
import { OutputError } from "../ReturnError.js"
import { toWorkbook as genericWorkbook, numberFormats } from "../WorkbookWriter.js"
import { cellFormat, fromReport } from "./Document.js"
import * as Format from "./Format.js"
import { toText } from "./Markdown.js"
import type { MeasureRow, Report } from "./Model.js"
import * as Png from "./Png.js"

const HEAD: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F3A5F" } }
const BAND: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } }
const RAG_FILL: Record<string, ExcelJS.Fill> = {
  green: { type: "pattern", pattern: "solid", fgColor: { argb: "FFC6EFCE" } },
  amber: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFEB9C" } },
  red: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } },
}
const TONE: Record<string, string> = { good: "FF1A7F37", bad: "FFC62828", neutral: "FF555555" }
const THIN: Partial<ExcelJS.Borders> = { bottom: { style: "thin", color: { argb: "FFD9DEE4" } } }

/** The published comparator columns after the ranks: the region's value (when there is one), then England's. */
const valueColumns = (report: Report): ReadonlyArray<{ id: "england" | "region"; header: string }> => {
  const region = Format.regionName(report.obsessions.flatMap((o) => o.rows))
  return [
    ...(region === undefined ? [] : [{ id: "region" as const, header: region }]),
    { id: "england", header: "England" },
  ]
}

/** The columns of the Highlights sheet. */
const columns = (report: Report) => [
  { header: "Measure", width: 40 },
  { header: "Frequency", width: 11 },
  { header: "Polarity", width: 16 },
  { header: "Trend", width: 18 },
  { header: "Latest period", width: 22 },
  { header: "Latest", width: 11 },
  { header: "Previous", width: 11 },
  { header: "Direction of travel", width: 18 },
  { header: "Target", width: 9 },
  { header: "RAG", width: 8 },
  ...report.comparators.map((g) => ({ header: `${g.name} rank`, width: g.id === "cipfa" ? 15 : 12 })),
  ...valueColumns(report).map((c) => ({ header: c.header, width: 11 })),
  { header: "Reason / note", width: 70 },
]

const setValue = (cell: ExcelJS.Cell, row: MeasureRow, v: MeasureRow["latest"]) => {
  if (v === undefined) {
    cell.value = "–"
    return
  }
  if (v.value._tag === "Available") {
    cell.value = v.value.value
    cell.numFmt = numberFormats[cellFormat(row.measure)] ?? "General"
  } else {
    cell.value = Format.value(row.measure, v.value)
    cell.alignment = { horizontal: "right" }
    const why = Format.reason(v.value)
    if (why) cell.note = why
  }
}

/** Adds the Highlights sheet, laid out as the report's table, first in the workbook. */
export const addHighlights = (wb: ExcelJS.Workbook, report: Report): ExcelJS.Worksheet => {
  const ws = wb.addWorksheet("Highlights", {
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  // exceljs orders sheets by `orderNo` (not in its types): first
  ;(ws as unknown as { orderNo: number }).orderNo = 0
  const cols = columns(report)
  const valueCols = valueColumns(report)
  ws.columns = cols.map((c) => ({ width: c.width }))
  ws.getCell(1, 1).value = report.title
  ws.getCell(1, 1).font = { bold: true, size: 16, color: { argb: "FF1F3A5F" } }
  ws.getCell(2, 1).value = `${report.councilName} — ${report.periodLabel}`
  ws.getCell(2, 1).font = { size: 12 }
  ws.getCell(3, 1).value =
    "▲ improving  ▼ worsening  ► no change (by polarity) · ↑ ↓ up or down, no judgement · ranks: 1 = best · [c] suppressed · [x] not available (reason in the last column) · [z] not applicable"
  ws.getCell(3, 1).font = { italic: true, size: 9, color: { argb: "FF5B6470" } }
  let headerRow = 5
  if (report.summary !== undefined) {
    // the summary commentary, as plain text across the table's width
    const text = toText(report.summary)
    ws.mergeCells(4, 1, 4, cols.length)
    const cell = ws.getCell(4, 1)
    cell.value = text
    cell.alignment = { wrapText: true, vertical: "top" }
    ws.getRow(4).height = Math.min(400, 15 * Math.ceil(text.length / 220 + text.split("\n").length))
    headerRow = 6
  }
  cols.forEach((c, i) => {
    const cell = ws.getCell(headerRow, i + 1)
    cell.value = c.header
    cell.font = { bold: true, color: { argb: "FFFFFFFF" } }
    cell.fill = HEAD
    cell.alignment = { wrapText: true, vertical: "middle", horizontal: i >= 5 ? "center" : "left" }
  })
  ws.getRow(headerRow).height = 30
  let r = headerRow + 1
  const rankStart = 11
  for (const o of report.obsessions) {
    ws.mergeCells(r, 1, r, cols.length)
    const band = ws.getCell(r, 1)
    band.value = `${o.id}: ${o.title}`
    band.font = { bold: true, size: 12, color: { argb: "FF1F3A5F" } }
    band.fill = BAND
    ws.getRow(r).height = 20
    r += 1
    if (o.commentary !== undefined) {
      // the obsession's commentary under its band, as plain text across the table's width
      const text = toText(o.commentary)
      ws.mergeCells(r, 1, r, cols.length)
      const cell = ws.getCell(r, 1)
      cell.value = text
      cell.alignment = { wrapText: true, vertical: "top" }
      cell.font = { italic: true, size: 10, color: { argb: "FF1B1F24" } }
      ws.getRow(r).height = Math.min(300, 15 * Math.ceil(text.length / 220 + text.split("\n").length))
      r += 1
    }
    for (const row of o.rows) {
      const x = ws.getRow(r)
      x.height = 26
      const title = x.getCell(1)
      title.value = `${row.title} (${row.measure.framework === "local" ? "local" : row.measure.framework} ${row.measure.code})`
      title.alignment = { wrapText: true, vertical: "middle" }
      x.getCell(2).value = Format.frequency(row.measure.frequency)
      x.getCell(3).value = Format.polarity(row.measure.polarity)
      const tone = Format.tone(row.direction.direction)
      const values = row.series.map((p) => (p.value._tag === "Available" ? p.value.value : null))
      const image = wb.addImage({
        buffer: Png.sparkline(values, {
          tone,
          ...(row.target === undefined ? {} : { target: row.target }),
        }) as unknown as ExcelJS.Buffer,
        extension: "png",
      })
      ws.addImage(image, {
        tl: { col: 3.05, row: r - 1 + 0.08 },
        ext: { width: 120, height: 32 },
        editAs: "oneCell",
      })
      x.getCell(5).value = row.latest?.label ?? "–"
      setValue(x.getCell(6), row, row.latest)
      x.getCell(6).font = { bold: true }
      setValue(x.getCell(7), row, row.previous)
      const d = x.getCell(8)
      d.value = row.latest?.value._tag === "Available" ? Format.direction(row.direction) : "–"
      d.font = { color: { argb: TONE[tone]! }, bold: tone !== "neutral" }
      if (row.direction.reason) d.note = row.direction.reason
      const t = x.getCell(9)
      if (row.target !== undefined) {
        t.value = row.target
        t.numFmt = numberFormats[cellFormat(row.measure)] ?? "General"
      } else t.value = "–"
      const rag = x.getCell(10)
      rag.value = Format.rag(row.rag)
      const fill = RAG_FILL[row.rag]
      if (fill) rag.fill = fill
      report.comparators.forEach((g, i) => {
        const c = x.getCell(rankStart + i)
        const rk = Format.rankIn(row, g.id)
        c.value = Format.rank(rk)
        const q = Format.quartile(rk)
        if (q) c.note = `${q}${rk?.year ? `, ${rk.year}` : ""}`
      })
      const valueStart = rankStart + report.comparators.length
      valueCols.forEach((vc, i) => {
        const c = Format.comparatorIn(row, vc.id)
        const e = x.getCell(valueStart + i)
        if (c?.value._tag === "Available") {
          e.value = c.value.value
          e.numFmt = numberFormats[cellFormat(row.measure)] ?? "General"
          e.note = `${c.name} ${c.year}`
        } else {
          e.value = c ? Format.value(row.measure, c.value) : "–"
          const why = c === undefined ? undefined : Format.reason(c.value)
          if (why) e.note = why
        }
      })
      const why = x.getCell(valueStart + valueCols.length)
      why.value =
        [row.reason, Format.rankReason(row)].filter((s) => s !== undefined && s !== "").join(" · ") ||
        row.source
      why.alignment = { wrapText: true, vertical: "middle" }
      why.font = { size: 9, color: { argb: "FF5B6470" } }
      for (let c = 1; c <= cols.length; c++) {
        const cell = x.getCell(c)
        cell.border = THIN
        if (c !== 1 && c !== cols.length)
          cell.alignment = {
            ...(cell.alignment ?? {}),
            vertical: "middle",
            horizontal: c >= 6 ? "center" : "left",
          }
      }
      r += 1
    }
  }
  ws.views = [{ state: "frozen", xSplit: 1, ySplit: headerRow }]
  return ws
}

/** Builds the workbook of a report. */
export const toWorkbook = (report: Report): ExcelJS.Workbook => {
  const wb = genericWorkbook(fromReport(report))
  const generic = wb.getWorksheet("Highlights")
  if (generic !== undefined) wb.removeWorksheet(generic.id)
  addHighlights(wb, report)
  wb.views = [{ activeTab: 0, firstSheet: 0, x: 0, y: 0, width: 20000, height: 12000, visibility: "visible" }]
  return wb
}

/** Writes the workbook to `path` (creating its folder). */
export const write = (report: Report, path: string): Effect.Effect<void, OutputError> =>
  Effect.tryPromise({
    try: async () => {
      mkdirSync(dirname(path), { recursive: true })
      await toWorkbook(report).xlsx.writeFile(path)
    },
    catch: (e) =>
      new OutputError({ path, message: `Cannot write ${path}: ${(e as Error).message}`, cause: e }),
  })

/** The workbook as bytes (for the email attachment). */
export const toBuffer = (report: Report): Effect.Effect<Buffer, OutputError> =>
  Effect.tryPromise({
    try: async () => Buffer.from(await toWorkbook(report).xlsx.writeBuffer()),
    catch: (e) =>
      new OutputError({
        path: "(memory)",
        message: `Cannot render the workbook: ${(e as Error).message}`,
        cause: e,
      }),
  })
