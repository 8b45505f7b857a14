/**
 * The highlight report as pure data, built from the warehouse once and rendered three ways (Excel, HTML, email):
 * the highlight table (obsessions → measure rows with their sparkline series, latest value, direction of travel,
 * RAG and ranks) and the sections (tables, charts and commentary). Every figure names the query that produced it.
 *
 * @category models
 */
import type { Benchmark, Measure, Period, Value } from "@asckit/core"
import type { Query, Table } from "../ReturnDocument.js"

/** One point of a measure's series. */
export interface Point {
  readonly period: Period.Period
  /** Short label for axes and tables, e.g. `Sep 2026`, `Q2 26-27`, `2024-25`. */
  readonly label: string
  readonly value: Value.Value
  /** Where the value came from, e.g. "published by DHSC" or "computed from the warehouse". */
  readonly origin?: string
}

/** A measure's rank in one comparator group. */
export interface Rank {
  readonly groupId: string
  readonly groupName: string
  /** The financial year ranked (published values). */
  readonly year?: string
  readonly rank?: number
  /** How many members were ranked. */
  readonly of: number
  readonly quartile?: 1 | 2 | 3 | 4
  /** Why there is no rank (a local measure, no published values, "not configured"). */
  readonly reason?: string
}

/** A published comparator value of a measure: England's or the council's region's, for the ranked year. */
export interface Comparator {
  readonly id: "england" | "region"
  /** `England`, or the region's name (e.g. `North West`). */
  readonly name: string
  readonly year: string
  readonly value: Value.Value
}

/** One row of the highlight table. */
export interface MeasureRow {
  readonly measure: Measure.Measure
  /** Short, reader-facing title. */
  readonly title: string
  /** Last points, oldest first (the sparkline). */
  readonly series: ReadonlyArray<Point>
  /** The latest point (the last of the series). */
  readonly latest: Point | undefined
  readonly previous: Point | undefined
  readonly direction: Benchmark.DirectionOfTravel
  readonly target: number | undefined
  readonly rag: Benchmark.Rag
  /** Ranks by group (CIPFA, region, Greater Manchester, England), in that order. */
  readonly ranks: ReadonlyArray<Rank>
  /** Published comparators for the ranked year: England and the region. */
  readonly comparators: ReadonlyArray<Comparator>
  /** What the values are and where they came from. */
  readonly source: string
  /** Why the latest value is missing, when it is. */
  readonly reason: string | undefined
  /** The query id behind the series. */
  readonly query: string
}

/** An obsession block of the highlight table. */
export interface ObsessionBlock {
  readonly id: string
  readonly title: string
  readonly rows: ReadonlyArray<MeasureRow>
  /** Commentary (markdown source), when the commentary file has a heading for this obsession. */
  readonly commentary: string | undefined
}

/** A chart: categories on the x axis and one or more series. */
export interface Chart {
  readonly id: string
  readonly title: string
  /** `line` for trends, `bar` for grouped bars, `stacked` for stacked bars. */
  readonly kind: "line" | "bar" | "stacked"
  readonly categories: ReadonlyArray<string>
  readonly series: ReadonlyArray<{ readonly name: string; readonly values: ReadonlyArray<number | null> }>
  /** Unit shown on the axis, e.g. `%`, `days`. */
  readonly unit?: string
  /** A dashed reference line (a target). */
  readonly target?: number
}

/** A section after the highlight table: its tables, charts, commentary and why anything is missing. */
export interface Section {
  readonly id: string
  readonly title: string
  readonly tables: ReadonlyArray<Table>
  readonly charts: ReadonlyArray<Chart>
  readonly commentary: string | undefined
  /** Stated reasons for anything this section cannot show (no extract loaded, …). */
  readonly gaps: ReadonlyArray<string>
}

/** The whole report. */
export interface Report {
  readonly title: string
  readonly laCode: string
  readonly councilName: string
  /** The report quarter. */
  readonly period: Period.Quarter
  /** e.g. `2026-27 Q2 (Jul–Sep 2026)`. */
  readonly periodLabel: string
  /** The executive summary (markdown), from the commentary file's text before its first section heading. */
  readonly summary: string | undefined
  readonly obsessions: ReadonlyArray<ObsessionBlock>
  readonly sections: ReadonlyArray<Section>
  /** The comparator groups and their status. */
  readonly comparators: ReadonlyArray<{ readonly id: string; readonly name: string; readonly status: string }>
  /** Key facts: period, council, data coverage, methods. */
  readonly notes: ReadonlyArray<{ readonly label: string; readonly value: string }>
  readonly queries: Readonly<Record<string, Query>>
}

/** Every measure row of a report, in order. */
export const rows = (report: Report): ReadonlyArray<MeasureRow> => report.obsessions.flatMap((o) => o.rows)
