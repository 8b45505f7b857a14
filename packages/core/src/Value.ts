/**
 * A measure's value for one place and period: a number (with the numerator and denominator behind it, when
 * known), or one of the markers DHSC publishes instead of a number.
 *
 * | marker | meaning | tag |
 * |---|---|---|
 * | `[c]` | suppressed (small numbers) | `Suppressed` |
 * | `[x]` | not available | `NotAvailable` |
 * | `[z]` | not applicable | `NotApplicable` |
 *
 * Source: ODS-2425 cover sheet key (`../shared/reference/domain.md` §1.2).
 *
 * @category models
 */
import { Schema } from "effect"

/** A published number, with its numerator and denominator when they are known (and published). */
export const Available = Schema.TaggedStruct("Available", {
  value: Schema.Number,
  numerator: Schema.optional(Schema.Number),
  denominator: Schema.optional(Schema.Number),
})
/** A published number. */
export type Available = typeof Available.Type

/** `[c]`: withheld because a count is too small to publish safely. */
export const Suppressed = Schema.TaggedStruct("Suppressed", { reason: Schema.optional(Schema.String) })
/** `[c]`: withheld because a count is too small to publish safely. */
export type Suppressed = typeof Suppressed.Type

/** `[x]`: no data is available (not submitted, not collected, or not computable from the data held). */
export const NotAvailable = Schema.TaggedStruct("NotAvailable", { reason: Schema.optional(Schema.String) })
/** `[x]`: no data is available. */
export type NotAvailable = typeof NotAvailable.Type

/** `[z]`: the measure does not apply (a council that did not exist, a survey not run that year, or a value DHSC
 * withdrew as a data-quality problem). */
export const NotApplicable = Schema.TaggedStruct("NotApplicable", {
  reason: Schema.optional(Schema.String),
  /** Counts still published beside a withdrawn outcome (DHSC 4B, ODS-2425 note 16). */
  numerator: Schema.optional(Schema.Number),
  denominator: Schema.optional(Schema.Number),
})
/** `[z]`: the measure does not apply. */
export type NotApplicable = typeof NotApplicable.Type

/** Any measure value. */
export const Value = Schema.Union(Available, Suppressed, NotAvailable, NotApplicable)
/** Any measure value. */
export type Value = typeof Value.Type

/** A number as a value. */
export const available = (value: number, numerator?: number, denominator?: number): Available => ({
  _tag: "Available",
  value,
  ...(numerator === undefined ? {} : { numerator }),
  ...(denominator === undefined ? {} : { denominator }),
})
/** `[c]`, with an optional reason for people reading a report. */
export const suppressed = (reason?: string): Suppressed =>
  reason === undefined ? { _tag: "Suppressed" } : { _tag: "Suppressed", reason }
/** `[x]`, with an optional reason (e.g. "no hospital-discharge extract loaded"). */
export const notAvailable = (reason?: string): NotAvailable =>
  reason === undefined ? { _tag: "NotAvailable" } : { _tag: "NotAvailable", reason }
/** `[z]`, with an optional reason and the counts still published beside it. */
export const notApplicable = (reason?: string, numerator?: number, denominator?: number): NotApplicable => ({
  _tag: "NotApplicable",
  ...(reason === undefined ? {} : { reason }),
  ...(numerator === undefined ? {} : { numerator }),
  ...(denominator === undefined ? {} : { denominator }),
})

/** True for a value holding a number. */
export const isAvailable = (v: Value): v is Available => v._tag === "Available"

/** The number, or `undefined` for a marker. */
export const toNumber = (v: Value): number | undefined => (v._tag === "Available" ? v.value : undefined)

/** The published marker of a value (`[c]`, `[x]`, `[z]`), or `undefined` for a number. */
export const marker = (v: Value): "[c]" | "[x]" | "[z]" | undefined =>
  v._tag === "Suppressed"
    ? "[c]"
    : v._tag === "NotAvailable"
      ? "[x]"
      : v._tag === "NotApplicable"
        ? "[z]"
        : undefined

/**
 * Reads a published cell: a number, a numeric string (commas and a trailing `%` allowed), or a marker. Blank
 * cells read as not available. Returns `undefined` for anything else.
 */
export const fromCell = (cell: string | number | null | undefined): Value | undefined => {
  if (cell === null || cell === undefined) return notAvailable()
  if (typeof cell === "number") return Number.isFinite(cell) ? available(cell) : undefined
  const s = cell.trim().toLowerCase()
  if (s === "") return notAvailable()
  if (s === "[c]" || s === "c") return suppressed()
  if (s === "[x]" || s === "x") return notAvailable()
  if (s === "[z]" || s === "z") return notApplicable()
  const n = Number(s.replace(/,/g, "").replace(/%$/, ""))
  return Number.isFinite(n) && /\d/.test(s) ? available(n) : undefined
}

/** Text for a report: the number to `decimals` places with thousands separators, or the marker. */
export const format = (v: Value, decimals: number): string => {
  if (v._tag !== "Available") return marker(v)!
  return v.value.toLocaleString("en-GB", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
}
