/**
 * How the report writes values, directions, polarities and ranks — shared by the HTML, the workbook and the email,
 * so the three say the same thing.
 *
 * @category output
 */
import { Benchmark, type Measure, Value } from "@asckit/core"
import type { Comparator, MeasureRow, Rank } from "./Model.js"

/** A value as text with its unit (`64.3%`, `1,204`, `19.1`), or its marker. */
export const value = (measure: Measure.Measure, v: Value.Value): string =>
  v._tag === "Available"
    ? `${Value.format(v, measure.decimals)}${measure.unit === "percent" ? "%" : ""}`
    : Value.marker(v)!

/** The reason behind a marker, when there is one. */
export const reason = (v: Value.Value): string | undefined =>
  v._tag === "Available" ? undefined : "reason" in v && v.reason !== undefined ? v.reason : undefined

/** The words of a direction of travel. */
export const directionWords: Readonly<Record<Benchmark.Direction, string>> = {
  improving: "improving",
  worsening: "worsening",
  "no-change": "no change",
  increasing: "increasing",
  decreasing: "decreasing",
  "not-comparable": "not comparable",
}

/** A direction of travel as symbol and words, e.g. `▲ improving`. */
export const direction = (d: Benchmark.DirectionOfTravel): string =>
  `${Benchmark.symbol(d.direction)} ${directionWords[d.direction]}`

/** Good, bad or neutral, for colouring a direction. */
export const tone = (d: Benchmark.Direction): "good" | "bad" | "neutral" =>
  d === "improving" ? "good" : d === "worsening" ? "bad" : "neutral"

/** A polarity in words. */
export const polarity = (p: Measure.Polarity): string =>
  p === "higher-is-better" ? "Higher is better" : p === "lower-is-better" ? "Lower is better" : "No judgement"

/** A frequency in words. */
export const frequency = (f: Measure.Frequency): string => f.charAt(0).toUpperCase() + f.slice(1)

/** A rank as `3 of 10`, or the short reason there is none (`not configured`, `–`). */
export const rank = (r: Rank | undefined): string => {
  if (r === undefined) return "–"
  if (r.rank !== undefined) return `${r.rank} of ${r.of}`
  return r.reason === "not configured" ? "not configured" : "–"
}

/** A quartile in words (1 = best). */
export const quartile = (r: Rank | undefined): string =>
  r?.quartile === undefined
    ? ""
    : ["top quartile", "second quartile", "third quartile", "bottom quartile"][r.quartile - 1]!

/** A RAG rating in words. */
export const rag = (r: Benchmark.Rag): string =>
  r === "none" ? "–" : r === "green" ? "Green" : r === "amber" ? "Amber" : "Red"

/** A target with its unit. */
export const target = (row: MeasureRow): string =>
  row.target === undefined
    ? "–"
    : `${row.target.toLocaleString("en-GB", { maximumFractionDigits: row.measure.decimals })}${row.measure.unit === "percent" ? "%" : ""}`

/** The rank of a row in a group, by group id. */
export const rankIn = (row: MeasureRow, groupId: string): Rank | undefined =>
  row.ranks.find((r) => r.groupId === groupId)

/** A row's published comparator value (`england` or `region`), if any. */
export const comparatorIn = (row: MeasureRow, id: Comparator["id"]): Comparator | undefined =>
  row.comparators.find((c) => c.id === id)

/** The name of the region the report's rows are compared with (e.g. `North West`), when any row has one. */
export const regionName = (rows: ReadonlyArray<MeasureRow>): string | undefined =>
  rows.flatMap((r) => r.comparators).find((c) => c.id === "region")?.name

/** Why a row has no ranks (the same reason for every group), if so. */
export const rankReason = (row: MeasureRow): string | undefined => {
  const reasons = new Set(
    row.ranks.filter((r) => r.rank === undefined && r.reason !== "not configured").map((r) => r.reason),
  )
  return row.ranks.every((r) => r.rank === undefined) && reasons.size === 1 ? [...reasons][0] : undefined
}
