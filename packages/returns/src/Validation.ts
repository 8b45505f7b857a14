/**
 * Validation before submission, shared by the statutory returns. A return's findings are of two severities:
 * - `error`: the return is wrong as it stands (a subset larger than its set, a negative or impossible value, a
 *   mandatory table with nothing in it); errors block final output;
 * - `query`: something a reviewer must look at and sign off (a large swing from last year, records that could not
 *   be classified), listed on the Validation sheet.
 *
 * The rules are plain functions over figures the return already holds (`atMost`, `equal`, `required`), over the
 * document (`impossibleValues`, `mandatoryCells`), and over this year's and last year's key figures (`swings`).
 *
 * Year-on-year threshold (asckit's choice, configurable per return with `SwingConfig`): a count is queried when it
 * moved by at least 20% of last year's figure **and** by at least 10 (so small numbers do not raise noise), or when
 * it went from zero to at least 10 or from at least 10 to zero; a percentage is queried when it moved by at least
 * 10 percentage points and both years' denominators are at least the same minimum (10). NHS England's published validations for SALT and SAC ask for "large changes" to be
 * explained without one national number; 20% is the level councils commonly use for commentary, and it is easy to
 * tighten.
 *
 * @category validation
 */
import { Schema } from "effect"
import type { Document, Finding } from "./ReturnDocument.js"

/** A figure a rule compares, with the label a reviewer reads. */
export interface Figure {
  readonly label: string
  readonly value: number | null
}

/** Where a finding points. */
export interface Place {
  readonly sheet?: string | undefined
  readonly table?: string | undefined
}

const at = (place: Place | undefined): Pick<Finding, "sheet" | "table"> => ({
  ...(place?.sheet === undefined ? {} : { sheet: place.sheet }),
  ...(place?.table === undefined ? {} : { table: place.table }),
})

const shown = (x: number | null) => (x === null ? "–" : x.toLocaleString("en-GB"))

/** An error when `a` is greater than `b` (a subset larger than its set); nothing when either is missing. */
export const atMost = (
  rule: string,
  what: string,
  a: Figure,
  b: Figure,
  place?: Place,
): ReadonlyArray<Finding> =>
  a.value === null || b.value === null || a.value <= b.value
    ? []
    : [
        {
          severity: "error",
          rule,
          message: `${what}: ${a.label} (${shown(a.value)}) is more than ${b.label} (${shown(b.value)}).`,
          ...at(place),
          figures: [a, b],
        },
      ]

/** An error when `a` and `b` differ; nothing when either is missing. */
export const equal = (
  rule: string,
  what: string,
  a: Figure,
  b: Figure,
  place?: Place,
): ReadonlyArray<Finding> =>
  a.value === null || b.value === null || a.value === b.value
    ? []
    : [
        {
          severity: "error",
          rule,
          message: `${what}: ${a.label} (${shown(a.value)}) differs from ${b.label} (${shown(b.value)}).`,
          ...at(place),
          figures: [a, b],
        },
      ]

/** A finding (error by default) when a figure that must have data is zero or missing: the mandatory-data check. */
export const required = (
  rule: string,
  message: string,
  figure: Figure,
  place?: Place,
  severity: Finding["severity"] = "error",
): ReadonlyArray<Finding> =>
  figure.value !== null && figure.value > 0
    ? []
    : [{ severity, rule, message, ...at(place), figures: [figure] }]

/** A query when `count` is above zero: records the return could not use, for a reviewer to look at. */
export const flagged = (
  rule: string,
  message: string,
  count: number,
  place?: Place,
): ReadonlyArray<Finding> =>
  count > 0
    ? [{ severity: "query", rule, message, ...at(place), figures: [{ label: "records", value: count }] }]
    : []

/**
 * Errors for impossible values anywhere in a document: a negative or non-finite count or measure, a count that is
 * not a whole number, and a percentage above 100 (except in the tables listed in `percentOver100`, e.g. a
 * conversion rate, which can exceed 100 when enquiries start from earlier years' concerns).
 */
export const impossibleValues = (
  doc: Document,
  options: { readonly percentOver100?: ReadonlyArray<string> } = {},
): ReadonlyArray<Finding> => {
  const out: Array<Finding> = []
  for (const s of doc.sheets) {
    for (const t of s.tables) {
      for (const r of t.rows) {
        r.cells.forEach((c, i) => {
          if (c.kind !== "count" && c.kind !== "measure") return
          if (typeof c.value !== "number") return
          const where = `${t.title}, ${r.header.filter((h) => h !== "").join(" / ")}, ${t.columnHeaders.at(-1)?.[i] ?? ""}`
          const place = { sheet: s.name, table: t.id }
          if (!Number.isFinite(c.value) || c.value < 0) {
            out.push({
              severity: "error",
              rule: "impossible-value",
              message: `${where}: ${c.value} is not a possible value (negative or not a number).`,
              ...at(place),
            })
          } else if (c.kind === "count" && !Number.isInteger(c.value)) {
            out.push({
              severity: "error",
              rule: "impossible-value",
              message: `${where}: a count of ${c.value} is not a whole number.`,
              ...at(place),
            })
          } else if (
            (c.format === "percent0" || c.format === "percent1") &&
            c.value > 100 &&
            !(options.percentOver100 ?? []).includes(t.id)
          ) {
            out.push({
              severity: "error",
              rule: "impossible-value",
              message: `${where}: ${c.value}% is above 100%.`,
              ...at(place),
            })
          }
        })
      }
    }
  }
  return out
}

/** Errors for figures (count or measure cells) of the listed tables that hold no number (blank, or a marker). */
export const mandatoryCells = (doc: Document, tables: ReadonlyArray<string>): ReadonlyArray<Finding> => {
  const out: Array<Finding> = []
  for (const s of doc.sheets) {
    for (const t of s.tables) {
      if (!tables.includes(t.id)) continue
      let missing = 0
      for (const r of t.rows)
        for (const c of r.cells)
          if ((c.kind === "count" || c.kind === "measure") && typeof c.value !== "number") missing++
      if (missing > 0) {
        out.push({
          severity: "error",
          rule: "mandatory-cells",
          message: `${t.title}: ${missing} mandatory cell${missing === 1 ? " has" : "s have"} no figure.`,
          sheet: s.name,
          table: t.id,
          figures: [{ label: "cells without a figure", value: missing }],
        })
      }
    }
  }
  return out
}

/** The year-on-year thresholds (see the module docs). */
export const SwingConfig = Schema.Struct({
  /** Query a count that moved by at least this percentage of last year's figure (default 20)… */
  percent: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 20 }),
  /** …and by at least this many (default 10). */
  minimum: Schema.optionalWith(Schema.Number.pipe(Schema.nonNegative()), { default: () => 10 }),
  /** Query a percentage that moved by at least this many points (default 10). */
  points: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 10 }),
})
/** The year-on-year thresholds. */
export type SwingConfig = typeof SwingConfig.Type

/** The default thresholds: 20% and 10 for counts, 10 points for percentages. */
export const defaultSwing: SwingConfig = { percent: 20, minimum: 10, points: 10 }

/** A key figure compared with last year's. */
export interface KeyFigure {
  /** Matches this year's figure with last year's. */
  readonly key: string
  readonly label: string
  readonly value: number | null
  readonly kind: "count" | "percent"
  /** For a percentage: its denominator (a swing on fewer than `minimum` cases is not queried). */
  readonly base?: number | undefined
  readonly sheet?: string | undefined
  readonly table?: string | undefined
}

/** Queries for the key figures that moved more than the thresholds, with both years side by side. */
export const swings = (
  current: ReadonlyArray<KeyFigure>,
  previous: ReadonlyArray<KeyFigure>,
  periods: { readonly current: string; readonly previous: string },
  swing: SwingConfig = defaultSwing,
): ReadonlyArray<Finding> => {
  const last = new Map(previous.map((f) => [f.key, f]))
  const out: Array<Finding> = []
  for (const f of current) {
    const p = last.get(f.key)
    if (p === undefined || f.value === null || p.value === null) continue
    const diff = f.value - p.value
    let flag = false
    let change: string
    if (f.kind === "percent") {
      const bases = [f.base, p.base].filter((b) => b !== undefined)
      flag = Math.abs(diff) >= swing.points && bases.every((b) => b >= swing.minimum)
      change = `${diff >= 0 ? "+" : ""}${diff.toFixed(1)} points`
    } else if (p.value === 0) {
      flag = f.value >= Math.max(swing.minimum, 1)
      change = "new this year"
    } else {
      const pct = (diff / p.value) * 100
      flag = Math.abs(pct) >= swing.percent && Math.abs(diff) >= swing.minimum
      change = `${diff >= 0 ? "+" : ""}${diff.toLocaleString("en-GB")} (${pct >= 0 ? "+" : ""}${pct.toFixed(1)}%)`
    }
    if (!flag) continue
    out.push({
      severity: "query",
      rule: "year-on-year",
      message: `${f.label}: ${shown(p.value)} in ${periods.previous}, ${shown(f.value)} in ${periods.current} (${change}). Explain the change before submission.`,
      ...at({ sheet: f.sheet, table: f.table }),
      figures: [
        { label: periods.previous, value: p.value },
        { label: periods.current, value: f.value },
        { label: "change", value: change },
      ],
    })
  }
  return out
}

/** True when any of the key figures holds a number above zero (last year had data to compare with). */
export const hasData = (figures: ReadonlyArray<KeyFigure>): boolean =>
  figures.some((f) => f.value !== null && f.value > 0)

/**
 * A return's year-on-year check from how it reads its key figures: the swings against last year's figures, none when
 * last year has no data to compare with.
 */
export const yearOnYear =
  <F extends { readonly period: string }>(keyFigures: (f: F) => ReadonlyArray<KeyFigure>) =>
  (current: F, previous: F, swing: SwingConfig = defaultSwing): ReadonlyArray<Finding> => {
    const last = keyFigures(previous)
    return hasData(last)
      ? swings(keyFigures(current), last, { current: current.period, previous: previous.period }, swing)
      : []
  }

/** A return's whole validation: its rules on the figures, then (given last year's) the year-on-year queries. */
export const validator =
  <F extends { readonly period: string }>(
    rules: (f: F) => ReadonlyArray<Finding>,
    yearOnYear: (current: F, previous: F, swing?: SwingConfig) => ReadonlyArray<Finding>,
  ) =>
  (figures: F, previous?: F, swing: SwingConfig = defaultSwing): ReadonlyArray<Finding> => [
    ...rules(figures),
    ...(previous === undefined ? [] : yearOnYear(figures, previous, swing)),
  ]

/** The document with `findings` added after its own. */
export const withFindings = (doc: Document, findings: ReadonlyArray<Finding>): Document => ({
  ...doc,
  findings: [...doc.findings, ...findings],
})

/** The counts of errors and queries of a document. */
export const summary = (doc: Document): { readonly errors: number; readonly queries: number } => ({
  errors: doc.findings.filter((f) => f.severity === "error").length,
  queries: doc.findings.filter((f) => f.severity === "query").length,
})
