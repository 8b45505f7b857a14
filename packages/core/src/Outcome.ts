/**
 * Outcomes from counts, by the official method: the outcome is numerator / denominator × the unit's multiplier,
 * rounded once (half away from zero) to the measure's decimals; publication then applies the measure's
 * suppression rule and rounds published counts — never the outcome's inputs.
 *
 * Aggregates (region, England, any comparator group) are Σ numerators / Σ denominators of the councils' true
 * counts; the outcome is computed from the exact sums and only then are the counts rounded to 5 for publication
 * (ODS-2425 note 10; NHSDigital/ASC-Outcomes-Framework).
 *
 * @category calculations
 */
import * as Measure from "./Measure.js"
import * as Rounding from "./Rounding.js"
import * as Value from "./Value.js"

/** The counts behind a value: a numerator and (for every unit but `count`) a denominator. */
export interface Counts {
  readonly numerator: number
  readonly denominator?: number | undefined
}

/** Where a value is published: a single council, or an aggregate of councils (region, England, a group). */
export type Level = "council" | "aggregate"

/**
 * The unsuppressed outcome of a measure from its counts, rounded to the measure's decimals. A zero denominator
 * gives `[x]` (nothing to divide by); a missing denominator on a ratio measure is a programming error.
 */
export const compute = (measure: Measure.Measure, counts: Counts): Value.Value => {
  const { numerator, denominator } = counts
  if (measure.unit === "count") {
    return Value.available(Rounding.roundHalfAwayFromZero(numerator, measure.decimals), numerator)
  }
  if (denominator === undefined) {
    throw new TypeError(`${measure.id} is a ${measure.unit} measure and needs a denominator`)
  }
  const v = Rounding.roundRatio(numerator, denominator, Measure.multiplierOf(measure), measure.decimals)
  return v === undefined
    ? Value.notAvailable("the denominator is zero")
    : Value.available(v, numerator, denominator)
}

/**
 * The value as published at `level`: applies the measure's suppression rule (both counts and the outcome become
 * `[c]`), marks an impossible proportion (numerator above denominator) `[z]` as DHSC does for 4B (ODS-2425 note
 * 16), and rounds published counts to the measure's multiple where the rule says so. The outcome is untouched.
 */
export const publish = (
  measure: Measure.Measure,
  value: Value.Value,
  level: Level = "council",
): Value.Value => {
  if (value._tag !== "Available") return value
  const { suppression } = measure
  const n = value.numerator
  const d = value.denominator
  const below = (x: number | undefined) => x !== undefined && x < suppression.threshold
  const suppress =
    suppression.rule === "numerator-or-denominator"
      ? below(n) || below(d)
      : suppression.rule === "respondents"
        ? below(d)
        : suppression.rule === "count"
          ? below(n ?? value.value)
          : false
  if (suppress) return Value.suppressed(`a count below ${suppression.threshold}`)
  const base = suppression.roundCountsTo
  const roundHere = base !== undefined && (suppression.roundCountsAt === "all" || level === "aggregate")
  const rn = n === undefined || !roundHere ? n : Rounding.roundToNearest(n, base)
  const rd = d === undefined || !roundHere ? d : Rounding.roundToNearest(d, base)
  if (level === "council" && measure.unit === "percent" && n !== undefined && d !== undefined && n > d) {
    return Value.notApplicable("the numerator exceeds the denominator (a data-quality problem)", rn, rd)
  }
  return roundHere ? Value.available(value.value, rn, rd) : value
}

/** `compute` then `publish`: the figure as it would appear in an official table. */
export const computePublished = (
  measure: Measure.Measure,
  counts: Counts,
  level: Level = "council",
): Value.Value => publish(measure, compute(measure, counts), level)

/**
 * The aggregate of several councils' true (unrounded, unsuppressed) counts: Σ numerators / Σ denominators,
 * rounded once. Pass the result to `publish(measure, v, "aggregate")` for the published figure.
 */
export const aggregate = (measure: Measure.Measure, parts: ReadonlyArray<Counts>): Value.Value => {
  if (parts.length === 0) return Value.notAvailable("no councils to aggregate")
  let numerator = 0
  let denominator = 0
  for (const p of parts) {
    numerator += p.numerator
    denominator += p.denominator ?? 0
  }
  return compute(measure, measure.unit === "count" ? { numerator } : { numerator, denominator })
}
