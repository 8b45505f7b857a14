/**
 * One computed measure for a council and period, whatever its source (CLD, surveys, safeguarding, published
 * files): the counts behind it, the unsuppressed outcome with official rounding, whether it could be computed, and
 * the query that produced it. Returns and reports consume this shape.
 *
 * @category measures
 */
import type { Value } from "@asckit/core"

/** A computed measure. */
export interface MeasureResult {
  /** The catalogue id, e.g. `ASCOF-2023:2C`. */
  readonly measureId: string
  /** The published code, e.g. `2C`. */
  readonly code: string
  readonly laCode: string
  /** The period as text, e.g. `2024-25` or `12 months to 2025-26 Q2`. */
  readonly period: string
  readonly numerator?: number | undefined
  readonly denominator?: number | undefined
  /** Survey measures: respondents counted (the figure suppression looks at). */
  readonly respondents?: number | undefined
  /** The outcome, rounded once by the official rule, not suppressed. */
  readonly value: Value.Value
  readonly status: "ok" | "not-available"
  /** What a reader should know (weighting, data gaps, method notes). */
  readonly note: string
  /** What was counted, and the SQL when it came from the warehouse. */
  readonly query: { readonly description: string; readonly sql?: string | undefined }
}
