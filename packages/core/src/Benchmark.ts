/**
 * Comparing values: direction of travel, RAG against a target, polarity-aware ranks and quartiles within a group,
 * and the last values of a series for a sparkline. Everything reads the measure's polarity; nothing else in asckit
 * interprets it.
 *
 * Conventions (documented because councils' reports differ):
 * - **Direction of travel** compares the two values at the measure's published precision: if they round to the
 *   same published figure, there is no change. A `tolerance` widens that band (`absolute` in the measure's
 *   units, or `relative` as a fraction of the previous value). A series break between the two years, or a
 *   marker on either side, makes them not comparable.
 * - **Ranks** are competition ranks ("1224") on the published figures: 1 is the best value by polarity, equal
 *   published figures share the best rank they can, and markers (`[c]`, `[x]`, `[z]`) are unranked. A
 *   no-judgement measure is ranked highest-first, and its rank says nothing about performance.
 * - **Quartiles** come from the rank: quartile = ⌊(rank − 1) × 4 / ranked⌋ + 1, so 1 is the best quarter.
 * - **RAG**: green meets or beats the target; amber misses it by no more than the amber band (default 5% of the
 *   target); red misses by more. No-judgement measures and markers have no RAG.
 *
 * @category calculations
 */
import type * as Measure from "./Measure.js"
import * as Period from "./Period.js"
import * as Rounding from "./Rounding.js"
import * as Value from "./Value.js"

// ---------------------------------------------------------------------------------------------------------------
// direction of travel

/** Which way a value moved: judged by polarity, or plainly up/down for no-judgement measures. */
export type Direction =
  | "improving"
  | "worsening"
  | "no-change"
  | "increasing"
  | "decreasing"
  | "not-comparable"

/** How large a change must be to count as a change (beyond the published precision). */
export type Tolerance = { readonly absolute: number } | { readonly relative: number }

/** A direction of travel with the change behind it and, when not comparable, why. */
export interface DirectionOfTravel {
  readonly direction: Direction
  /** current − previous, at published precision, when both are numbers. */
  readonly change?: number
  readonly reason?: string
}

/** Options for `direction`: a tolerance, and the two periods so series breaks can be detected. */
export interface DirectionOptions {
  readonly tolerance?: Tolerance
  readonly current?: Period.Period
  readonly previous?: Period.Period
}

/** The direction of travel from `previous` to `current` (see the module conventions). */
export const direction = (
  measure: Measure.Measure,
  current: Value.Value,
  previous: Value.Value,
  options: DirectionOptions = {},
): DirectionOfTravel => {
  if (current._tag !== "Available" || previous._tag !== "Available") {
    const which = current._tag !== "Available" ? "the latest value" : "the previous value"
    const v = current._tag !== "Available" ? current : previous
    return { direction: "not-comparable", reason: `${which} is ${Value.marker(v)}` }
  }
  if (options.current && options.previous) {
    const from = Period.format(Period.financialYearOfPeriod(options.previous))
    const to = Period.format(Period.financialYearOfPeriod(options.current))
    const breaks = measure.seriesBreaks.filter((b) => b.fromYear > from && b.fromYear <= to)
    if (breaks.length > 0) {
      return {
        direction: "not-comparable",
        reason: `series break from ${breaks[0]!.fromYear}: ${breaks[0]!.reason}`,
      }
    }
  }
  const cur = Rounding.roundHalfAwayFromZero(current.value, measure.decimals)
  const prev = Rounding.roundHalfAwayFromZero(previous.value, measure.decimals)
  const change = Rounding.roundHalfAwayFromZero(cur - prev, measure.decimals)
  const tol = options.tolerance
  const band = tol === undefined ? 0 : "absolute" in tol ? tol.absolute : Math.abs(prev) * tol.relative
  if (change === 0 || Math.abs(change) <= band) return { direction: "no-change", change }
  const up = change > 0
  switch (measure.polarity) {
    case "higher-is-better":
      return { direction: up ? "improving" : "worsening", change }
    case "lower-is-better":
      return { direction: up ? "worsening" : "improving", change }
    case "no-judgement":
      return { direction: up ? "increasing" : "decreasing", change }
  }
}

/** A one-character symbol for a direction, for tables: ▲ ▼ for judged moves read with `better`, ↑ ↓ plain. */
export const symbol = (d: Direction): string =>
  d === "improving"
    ? "▲"
    : d === "worsening"
      ? "▼"
      : d === "increasing"
        ? "↑"
        : d === "decreasing"
          ? "↓"
          : d === "no-change"
            ? "►"
            : "–"

// ---------------------------------------------------------------------------------------------------------------
// RAG

/** Red / amber / green against a target, or none. */
export type Rag = "green" | "amber" | "red" | "none"

/** RAG of a value against a target by polarity (see the module conventions). */
export const rag = (
  measure: Measure.Measure,
  value: Value.Value,
  target: number,
  options: { readonly amber?: Tolerance } = {},
): Rag => {
  if (value._tag !== "Available" || measure.polarity === "no-judgement") return "none"
  const v = Rounding.roundHalfAwayFromZero(value.value, measure.decimals)
  const shortfall = measure.polarity === "higher-is-better" ? target - v : v - target
  if (shortfall <= 0) return "green"
  const amber = options.amber ?? { relative: 0.05 }
  const band = "absolute" in amber ? amber.absolute : Math.abs(target) * amber.relative
  return shortfall <= band ? "amber" : "red"
}

// ---------------------------------------------------------------------------------------------------------------
// ranks

/** One member of a group with its value. */
export interface Entry<K = string> {
  readonly key: K
  readonly value: Value.Value
}

/** A member's rank within its group: `rank` and `quartile` are absent for unranked (marker) values. */
export interface Ranked<K = string> extends Entry<K> {
  readonly rank?: number
  /** How many members were ranked (had a number). */
  readonly of: number
  readonly quartile?: 1 | 2 | 3 | 4
}

/** Competition ranks within a group, 1 = best by polarity, in the input order (see the module conventions). */
export const rank = <K>(
  measure: Measure.Measure,
  entries: ReadonlyArray<Entry<K>>,
): ReadonlyArray<Ranked<K>> => {
  const sign = measure.polarity === "lower-is-better" ? 1 : -1 // sort key ascending: best first
  const keyed = entries.map((e) =>
    e.value._tag === "Available"
      ? sign * Rounding.roundHalfAwayFromZero(e.value.value, measure.decimals)
      : undefined,
  )
  const ranked = keyed.filter((k): k is number => k !== undefined).sort((a, b) => a - b)
  const of = ranked.length
  const firstIndex = new Map<number, number>()
  ranked.forEach((k, i) => {
    if (!firstIndex.has(k)) firstIndex.set(k, i)
  })
  return entries.map((e, i) => {
    const k = keyed[i]
    if (k === undefined) return { ...e, of }
    const r = firstIndex.get(k)! + 1
    return { ...e, of, rank: r, quartile: quartile(r, of) }
  })
}

/** The quartile (1 = best) of rank `r` among `of` ranked members. */
export const quartile = (r: number, of: number): 1 | 2 | 3 | 4 =>
  (Math.min(3, Math.floor(((r - 1) * 4) / of)) + 1) as 1 | 2 | 3 | 4

// ---------------------------------------------------------------------------------------------------------------
// series

/** One point of a time series. */
export interface Point {
  readonly period: Period.Period
  readonly value: Value.Value
}

/** The last `n` points of a series in chronological order (input order does not matter), for a sparkline. */
export const lastN = (series: ReadonlyArray<Point>, n: number): ReadonlyArray<Point> =>
  [...series].sort((a, b) => Period.compare(a.period, b.period)).slice(Math.max(0, series.length - n))

/** The latest point of a series with a number, if any. */
export const latest = (series: ReadonlyArray<Point>): Point | undefined =>
  lastN(series, series.length)
    .filter((p) => p.value._tag === "Available")
    .at(-1)
