/**
 * The report as a return `Document` (the shape every return plugin gives): a Highlights sheet (one row per measure,
 * every figure tied to its query, with the region's and England's published values; then each obsession's commentary), a Trend data sheet (each sparkline's points), one sheet per section with its
 * tables and commentary, the gaps as validation queries ("nothing loaded from …"), the notes and the queries. The
 * generic `WorkbookWriter` can render it; `Xlsx` renders it with the report's own highlight sheet.
 *
 * @category output
 */
import { type Measure, Period, Value } from "@asckit/core"
import {
  type Cell,
  type Format as CellFormat,
  type Document,
  type Finding,
  measure as measureCell,
  type Sheet,
  type Table,
  text,
} from "../ReturnDocument.js"
import * as Format from "./Format.js"
import { toText } from "./Markdown.js"
import type { MeasureRow, Point, Report } from "./Model.js"

/** The return id of the highlight report. */
export const returnId = "highlight"

/** The cell format of a measure's values. */
export const cellFormat = (m: Measure.Measure): CellFormat =>
  m.unit === "percent"
    ? m.decimals === 0
      ? "percent0"
      : "percent1"
    : m.decimals === 0
      ? "integer"
      : m.decimals >= 3
        ? "decimal3"
        : "decimal1"

/** A value as a document cell: the number, or its marker with the reason as a note. */
export const valueCell = (m: Measure.Measure, v: Value.Value, query: string): Cell => {
  if (v._tag === "Available") return measureCell(v.value, cellFormat(m), query)
  const reason = Format.reason(v)
  return {
    ...measureCell(null, cellFormat(m), query, Value.marker(v)),
    ...(reason === undefined ? {} : { note: reason }),
  }
}

/** The short sheet names of the sections (Excel allows 31 characters). */
export const sheetNames: Readonly<Record<string, string>> = {
  contacts: "Contacts",
  waiting: "Waiting lists",
  reviews: "Reviews",
  assessments: "Assessments",
  services: "Services",
  safeguarding: "Safeguarding",
  dols: "DoLS",
  complaints: "Complaints and compliments",
  market: "Care market",
  feedback: "Feedback and carers",
}

const regionOf = (report: Report): string | undefined =>
  Format.regionName(report.obsessions.flatMap((o) => o.rows))

/** The column headers of the Highlights table (after the Obsession and Measure row headers). */
export const highlightColumns = (report: Report): ReadonlyArray<string> => [
  "Code",
  "Frequency",
  "Polarity",
  "Latest period",
  "Latest",
  "Previous period",
  "Previous",
  "Direction of travel",
  "Target",
  "RAG",
  ...report.comparators.map((g) => `${g.name} rank`),
  ...(regionOf(report) === undefined ? [] : [`${regionOf(report)} value`]),
  "England value",
  "Ranked year",
  "Source",
  "Reason",
]

const pointCell = (m: Measure.Measure, p: Point | undefined, query: string): Cell =>
  p === undefined ? text("–") : valueCell(m, p.value, query)

const rowCells = (report: Report, r: MeasureRow): ReadonlyArray<Cell> => {
  const england = Format.comparatorIn(r, "england")
  const region = Format.comparatorIn(r, "region")
  const ranked = r.ranks.find((x) => x.year !== undefined)?.year
  return [
    text(`${r.measure.framework === "local" ? "LOCAL" : r.measure.framework} ${r.measure.code}`),
    text(Format.frequency(r.measure.frequency)),
    text(Format.polarity(r.measure.polarity)),
    text(r.latest?.label ?? "–"),
    pointCell(r.measure, r.latest, r.query),
    text(r.previous?.label ?? "–"),
    pointCell(r.measure, r.previous, r.query),
    text(Format.direction(r.direction)),
    // the target is configuration, not a figure from a query: a label cell holding the number
    r.target === undefined ? text("–") : { value: r.target, kind: "label", format: cellFormat(r.measure) },
    text(Format.rag(r.rag)),
    ...report.comparators.map((g) => text(Format.rank(Format.rankIn(r, g.id)))),
    ...(regionOf(report) === undefined
      ? []
      : [region === undefined ? text("–") : valueCell(r.measure, region.value, r.query)]),
    england === undefined ? text("–") : valueCell(r.measure, england.value, r.query),
    text(ranked ?? "–"),
    text(r.source),
    text(r.reason ?? Format.rankReason(r) ?? ""),
  ]
}

/** The Highlights table. */
export const highlightTable = (report: Report): Table => ({
  id: "highlights",
  title: `Highlights: ${report.periodLabel}`,
  rowHeaders: ["Obsession", "Measure"],
  columnHeaders: [highlightColumns(report)],
  rows: report.obsessions.flatMap((o) =>
    o.rows.map((r) => ({ header: [`${o.id}: ${o.title}`, r.title], cells: rowCells(report, r) })),
  ),
  notes: [
    "▲ improving, ▼ worsening, ► no change (judged by polarity); ↑ ↓ up or down for no-judgement measures. Ranks: 1 = best.",
    "[c] suppressed (small numbers); [x] not available, with the reason in the Reason column and as a cell note; [z] not applicable.",
  ],
})

/** The Trend data table: every point of every sparkline. */
export const trendTable = (report: Report): Table => ({
  id: "trend-data",
  title: "The points behind each trend line",
  rowHeaders: ["Measure", "Period"],
  columnHeaders: [["Value", "Where it came from"]],
  rows: report.obsessions.flatMap((o) =>
    o.rows.flatMap((r) =>
      r.series.map((p) => ({
        header: [`${r.measure.code}: ${r.title}`, p.label],
        cells: [valueCell(r.measure, p.value, r.query), text(p.origin ?? Format.reason(p.value) ?? "")],
      })),
    ),
  ),
})

const commentaryTable = (id: string, markdown: string): Table => ({
  id: `${id}-commentary`,
  title: "Commentary",
  rowHeaders: [""],
  columnHeaders: [[""]],
  rows: toText(markdown)
    .split(/\n{2,}/)
    .map((p) => ({ header: [""], cells: [text(p.replace(/\n/g, " "))] })),
})

/** The report as a return document. */
export const fromReport = (report: Report): Document => {
  const findings: Array<Finding> = report.sections.flatMap((s) =>
    s.gaps.map((g) => ({
      severity: "query" as const,
      rule: "data-not-loaded",
      sheet: sheetNames[s.id] ?? s.title,
      message: `${s.title}: ${g}`,
    })),
  )
  for (const r of report.obsessions.flatMap((o) => o.rows)) {
    if (r.reason !== undefined) {
      findings.push({
        severity: "query",
        rule: "measure-not-available",
        sheet: "Highlights",
        message: `${r.title} (${r.measure.id}): ${r.reason}`,
      })
    }
  }
  const sheets: Array<Sheet> = [
    {
      name: "Highlights",
      title: `${report.title}: ${report.councilName}`,
      tables: [
        ...(report.summary === undefined
          ? []
          : [{ ...commentaryTable("summary", report.summary), title: "Summary" }]),
        highlightTable(report),
        ...report.obsessions.flatMap((o) =>
          o.commentary === undefined
            ? []
            : [{ ...commentaryTable(`obsession-${o.id}`, o.commentary), title: `${o.id}: ${o.title}` }],
        ),
      ],
    },
    ...report.sections.map(
      (s): Sheet => ({
        name: sheetNames[s.id] ?? s.title.slice(0, 31),
        title: s.title,
        tables: [
          ...(s.commentary === undefined ? [] : [commentaryTable(s.id, s.commentary)]),
          ...(s.gaps.length === 0
            ? []
            : [
                {
                  id: `${s.id}-gaps`,
                  title: "Not shown",
                  rowHeaders: ["Why"],
                  columnHeaders: [[""]],
                  rows: s.gaps.map((g) => ({ header: [g], cells: [text("")] })),
                } satisfies Table,
              ]),
          ...s.tables,
        ],
      }),
    ),
    { name: "Trend data", title: "Trend data", tables: [trendTable(report)] },
  ]
  return {
    returnId,
    title: report.title,
    period: Period.format(report.period),
    sheets,
    findings,
    notes: report.notes,
    queries: report.queries,
  }
}
