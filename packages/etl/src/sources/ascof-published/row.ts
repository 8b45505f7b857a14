/**
 * Reading DHSC's published ASCOF data tables (ODS-2425: "Measures from ASCOF, England – time series", one
 * `Table_*` sheet per measure): the sheet → measure code, the header → value groups, and the decoding of one
 * published value.
 *
 * A table sheet has a title block, then a header row starting "Local authority code", then one row per geography:
 * England, council types (S, U, M, I, O and D — D "District" appears in the survey tables only), regions (NE, NW,
 * YH, EM, WM, E, L, SE, SW) and councils by CASSR code (numeric, or alphanumeric for councils created since 2021).
 * Value columns are headed "`YYYY to YYYY` - `field`", the field being numerator, denominator, outcome, number of
 * respondents or margin of error; Table_6b puts a sub-group before the field ("2024 to 2025 - outstanding
 * numerator"): outstanding, good, other, not yet rated, and "6b" for the measure itself.
 *
 * Each (year, sub-group) of a sheet row is one published value, so one sheet row gives several warehouse rows.
 *
 * Decoding rules, with the source of each:
 * - markers `[c]` suppressed, `[x]` not available, `[z]` not applicable (ODS-2425 Cover); the outcome's marker is
 *   stored in `marker`, a count given as a marker is stored as null. Any other text is quarantined.
 * - survey measures (ASCS, SACE) publish the number of respondents, not a numerator and denominator, and their
 *   outcomes are weighted (ODS-2425 Note 3): the respondents are stored as the `denominator`, the numerator is null.
 *   That is how the table heads them ("Number of respondents refers to the number of care users who answered…").
 * - SACE 2016-17 cells read "official (old population)", e.g. `7.7 (7.6)` or `36,415 (25795)`: the eligible
 *   population widened that year and DHSC shows the old-population figure in brackets; the first figure is the
 *   official one (ODS-2425 Comparability_over_time_log, 2016 to 2017) and is the one stored. `:` inside the
 *   brackets means the old-population figure does not exist.
 * - outcomes are stored as the file holds them (the cell's value, not its display). Tables 2d(1) and 2d(2) hold
 *   outcomes to 2 dp behind a 1-dp display, and the display rounds the 2-dp value again: for 13 councils in 2024-25
 *   the figure shown is 0.1 away from a single rounding of the published counts (Doncaster 2D(1): 524/925 = 56.649,
 *   held 56.65, shown 56.7; one rounding gives 56.6). Ambiguous which DHSC means as "the" figure; the held value is
 *   stored, and rounding it half away from zero to the measure's decimals reproduces the display.
 * - council counts are as published (unrounded for CLD, SAC and CQC measures; survey respondent counts are rounded
 *   to 5, Note 1); region, council-type and England counts are rounded to 5 after the outcome is computed (Note 10),
 *   and 4B counts are rounded to 5 at every level (Note 16). Nothing is re-rounded here: values are stored as
 *   published.
 * - the time series carries today's codes back: Table_1d's 2015-16 values are the 2014-framework measure 3A under
 *   its 2023 code 1D (the sheet is the measure; `legacyCodes` in the catalogue give the old code). They are stored
 *   under the sheet's code, as DHSC publishes them.
 *
 * Ambiguity: Table_6a has a row with no local authority code (`[z]`), "Cornwall and Isles of Scilly" (ASC-WDS
 * counts the two together, Note 17). It is not a council, region, council type or England, so it is quarantined
 * with that reason rather than stored under an invented code.
 *
 * @internal
 */
import { Catalogue, Geography, type Measure, Period } from "@asckit/core"
import { Either, Option, ParseResult, Schema } from "effect"
import * as Fields from "../../Fields.js"

/** The fields of a published value, as the value columns name them. */
export const valueFields = ["numerator", "denominator", "outcome", "respondents", "marginOfError"] as const
/** A field of a published value. */
export type ValueField = (typeof valueFields)[number]

const fieldOfHeader: Readonly<Record<string, ValueField>> = {
  numerator: "numerator",
  denominator: "denominator",
  outcome: "outcome",
  "number of respondents": "respondents",
  "margin of error": "marginOfError",
}

/** The measure code of a table sheet (`Table_2d(1)` → `2D(1)`, `Table_3d(1a)` → `3D(1a)`), or undefined. */
export const sheetCode = (sheet: string): string | undefined => {
  const m = /^Table_(\d+)([a-z])(?:\(([0-9a-z]+)\))?$/i.exec(sheet.trim())
  if (!m) return undefined
  return `${m[1]}${m[2]!.toUpperCase()}${m[3] === undefined ? "" : `(${m[3]})`}`
}

/** The ASCOF 2023 measure a code names, with its catalogue spelling (`2d(1)` → `2D(1)`). */
export const measureOf = (code: string): Measure.Measure | undefined =>
  Option.getOrUndefined(Catalogue.find("ASCOF", "2023", code))

/** One value column of a header. */
export interface ValueColumn {
  readonly index: number
  /** The column as a spreadsheet names it, with its header: `D: 2024 to 2025 - numerator`. */
  readonly label: string
}

/** The columns of one published value: a year and a sub-group (`""` for the measure itself). */
export interface ValueGroup {
  readonly year: string
  readonly disaggregation: string
  readonly columns: Partial<Record<ValueField, ValueColumn>>
}

/** A table header as read: where the geography columns are, and the value groups in column order. */
export interface TableHeader {
  readonly row: number
  readonly code: number
  readonly name: number
  readonly ons: number
  readonly groups: ReadonlyArray<ValueGroup>
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase()

/** True for the header row of a table sheet (its first cell is "Local authority code"). */
export const isHeaderRow = (cells: ReadonlyArray<string>): boolean =>
  norm(cells[0] ?? "") === "local authority code"

/**
 * Reads a header row. `measureCode` tells Table_6b's measure group ("6b …") from its sub-groups. Returns the header,
 * or a message naming the column that is not understood.
 */
export const parseHeader = (
  row: number,
  cells: ReadonlyArray<string>,
  measureCode: string,
  columnLetter: (i: number) => string,
): Either.Either<TableHeader, { readonly column: string; readonly message: string }> => {
  const at = (name: string) => cells.findIndex((c) => norm(c) === name)
  const code = at("local authority code")
  const name = at("local authority")
  const ons = at("ons area code")
  if (code < 0 || name < 0 || ons < 0) {
    const missing = [
      code < 0 ? "Local authority code" : undefined,
      name < 0 ? "Local authority" : undefined,
      ons < 0 ? "ONS area code" : undefined,
    ].filter((x) => x !== undefined)
    return Either.left({ column: missing[0]!, message: `missing column ${missing.join(", ")}` })
  }
  const groups = new Map<
    string,
    { year: string; disaggregation: string; columns: Record<string, ValueColumn> }
  >()
  for (let i = 0; i < cells.length; i++) {
    if (i === code || i === name || i === ons) continue
    const text = cells[i]!.replace(/\s+/g, " ").trim()
    if (text === "") continue
    const label = `${columnLetter(i)}: ${text}`
    const m = /^(\d{4}) to (\d{4}) - (.+)$/i.exec(text)
    const fy = m ? Period.parseAs("FinancialYear", `${m[1]} to ${m[2]}`) : undefined
    if (!m || !fy || Either.isLeft(fy)) {
      return Either.left({
        column: label,
        message: `column ${columnLetter(i)} ("${text}") is not a value column: expected "YYYY to YYYY - numerator", "… - denominator", "… - outcome", "… - number of respondents" or "… - margin of error"`,
      })
    }
    const rest = norm(m[3]!)
    const suffix = Object.keys(fieldOfHeader).find((f) => rest === f || rest.endsWith(` ${f}`))
    if (suffix === undefined) {
      return Either.left({
        column: label,
        message: `column ${columnLetter(i)} ("${text}"): "${m[3]}" is not numerator, denominator, outcome, number of respondents or margin of error`,
      })
    }
    const group = rest.slice(0, rest.length - suffix.length).trim()
    // Table_6b: "6b numerator" is the measure itself; "outstanding numerator" etc. are its breakdowns.
    const disaggregation = group === measureCode.toLowerCase() ? "" : group
    const year = Period.format(fy.right)
    const k = `${year}\u0000${disaggregation}`
    const g = groups.get(k) ?? { year, disaggregation, columns: {} }
    const field = fieldOfHeader[suffix]!
    if (g.columns[field] !== undefined) {
      return Either.left({
        column: label,
        message: `columns ${g.columns[field]!.label.split(":")[0]} and ${columnLetter(i)} are both the ${suffix} of ${year}${disaggregation ? ` (${disaggregation})` : ""}`,
      })
    }
    g.columns[field] = { index: i, label }
    groups.set(k, g)
  }
  for (const g of groups.values()) {
    if (g.columns.denominator !== undefined && g.columns.respondents !== undefined) {
      return Either.left({
        column: g.columns.respondents.label,
        message: `${g.year} has both a denominator and a number of respondents (stored in the same column): the table layout is not one asckit knows`,
      })
    }
  }
  if (groups.size === 0) {
    return Either.left({ column: "Local authority code", message: "the header has no value columns" })
  }
  return Either.right({ row, code, name, ons, groups: [...groups.values()] })
}

// ---------------------------------------------------------------------------------------------------------------
// one published value

/** The raw row the source gives for one published value (all text). */
export interface RawValue {
  readonly file: string | undefined
  readonly sheet: string | undefined
  readonly measureCode: string | undefined
  readonly year: string | undefined
  readonly disaggregation: string | undefined
  readonly geographyCode: string | undefined
  readonly geographyName: string | undefined
  readonly onsCode: string | undefined
  readonly numerator: string | undefined
  readonly numeratorColumn: string | undefined
  readonly denominator: string | undefined
  readonly denominatorColumn: string | undefined
  readonly outcome: string | undefined
  readonly outcomeColumn: string | undefined
  readonly respondents: string | undefined
  readonly respondentsColumn: string | undefined
  readonly marginOfError: string | undefined
  readonly marginOfErrorColumn: string | undefined
}

/** A published marker. */
export type Marker = "[c]" | "[x]" | "[z]"

/** A decoded published value, ready for `benchmark_value`. */
export interface BenchmarkRow {
  readonly framework: "ASCOF"
  readonly measureCode: string
  readonly year: string
  readonly geographyLevel: "council" | "region" | "council-type" | "england"
  readonly geographyCode: string
  readonly geographyName: string | null
  readonly onsCode: string | null
  readonly disaggregation: string
  readonly numerator: number | null
  readonly denominator: number | null
  readonly outcome: number | null
  readonly marker: Marker | null
  readonly marginOfError: number | null
  readonly source: string
  /** Data-quality findings on a kept value (recorded by the pipeline, never loaded). */
  readonly _findings: ReadonlyArray<Fields.Finding>
}

/** A published cell: a number, a marker, blank, or text that is neither. */
export type Cell =
  | { readonly _tag: "number"; readonly value: number }
  | { readonly _tag: "marker"; readonly marker: Marker }
  | { readonly _tag: "blank" }
  | { readonly _tag: "invalid"; readonly text: string }

const numberPattern = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[-+]?\d+)?$/i

/**
 * A published number. Some cells hold binary noise from DHSC's computation (`91.100000000000009` for 91.1, a
 * different double from 91.1): numbers are read to 15 significant digits, more than any published figure has.
 */
const toNumber = (s: string): number | undefined => {
  if (!numberPattern.test(s) || !/\d/.test(s)) return undefined
  const n = Number(s.replace(/,/g, ""))
  return Number.isFinite(n) ? Number(n.toPrecision(15)) : undefined
}

/** Reads a published cell (see the module notes for the SACE 2016-17 bracketed form). */
export const readCell = (text: string | undefined): Cell => {
  const s = (text ?? "").trim()
  if (s === "") return { _tag: "blank" }
  const marker = /^\[([cxz])\]$/i.exec(s)
  if (marker) return { _tag: "marker", marker: `[${marker[1]!.toLowerCase()}]` as Marker }
  const n = toNumber(s)
  if (n !== undefined) return { _tag: "number", value: n }
  // SACE 2016-17: "official (old eligible population)" — the first figure is the official one (Comparability log).
  const bracketed = /^(\S+) \((?:\S+|:)\)$/.exec(s)
  if (bracketed) {
    const first = toNumber(bracketed[1]!)
    if (first !== undefined) return { _tag: "number", value: first }
  }
  return { _tag: "invalid", text: s }
}

/** The geography level of a code in the tables: England, a council type, a region, else a council. */
export const levelOf = (code: string): BenchmarkRow["geographyLevel"] => {
  if (code.toLowerCase() === "england") return "england"
  // D ("District") is a council-type row of the survey tables; S, U, M, I, O are `Geography.councilTypeCodes`.
  if ((Object.values(Geography.councilTypeCodes) as ReadonlyArray<string>).includes(code) || code === "D")
    return "council-type"
  if (Geography.regions.some((r) => r.code === code)) return "region"
  return "council"
}

const RawValueSchema = Schema.declare((u: unknown): u is RawValue => typeof u === "object" && u !== null, {
  identifier: "RawPublishedValue",
  description: "a published ASCOF value: its cells as text",
})

const issueAt = (
  ast: import("effect/SchemaAST").AST,
  column: string,
  actual: unknown,
  code: string,
  message: string,
) => new ParseResult.Pointer(column, actual, new ParseResult.Type(ast, actual, Fields.issue(code, message)))

/** Decodes one published value (see the module notes for the rules). */
export const BenchmarkRowSchema: Schema.Schema<BenchmarkRow, RawValue> = Schema.transformOrFail(
  RawValueSchema,
  Schema.Unknown as Schema.Schema<BenchmarkRow>,
  {
    strict: true,
    decode: (raw, _options, ast, actual) => {
      const issues: Array<ParseResult.ParseIssue> = []
      const sheet = raw.sheet ?? ""
      const where = `${sheet}, ${raw.year ?? ""}${raw.disaggregation ? ` (${raw.disaggregation})` : ""}`
      const read = (field: ValueField, counts: boolean): number | null | Marker | undefined => {
        const column = raw[`${field}Column`]
        if (column === undefined) return null
        const c = readCell(raw[field])
        switch (c._tag) {
          case "number":
            if (counts && c.value < 0) {
              issues.push(
                issueAt(
                  ast,
                  column,
                  actual,
                  "invalid-number",
                  `${where}: ${c.value} is negative, so it is not a count`,
                ),
              )
              return undefined
            }
            return c.value
          case "marker":
            return c.marker
          case "blank":
            issues.push(
              issueAt(
                ast,
                column,
                actual,
                "blank-mandatory",
                `${where}: the cell is blank; DHSC's tables give a number or a marker ([c], [x], [z]) in every cell`,
              ),
            )
            return undefined
          case "invalid":
            issues.push(
              issueAt(
                ast,
                column,
                actual,
                "invalid-number",
                `${where}: "${c.text}" is neither a number nor a published marker ([c] suppressed, [x] not available, [z] not applicable)`,
              ),
            )
            return undefined
        }
      }
      const numerator = read("numerator", true)
      const denominator = read("denominator", true)
      // Survey measures publish the number of respondents: it is stored as the denominator (see the module notes).
      const respondents = read("respondents", true)
      const outcome = read("outcome", false)
      const margin = read("marginOfError", false)
      if (raw.outcomeColumn === undefined) {
        issues.push(
          issueAt(
            ast,
            "outcome",
            actual,
            "missing-column",
            `${where}: the table has no outcome column for this year`,
          ),
        )
      }
      const code = (raw.geographyCode ?? "").trim()
      if (issues.length > 0) {
        return ParseResult.fail(
          issues.length === 1
            ? issues[0]!
            : new ParseResult.Composite(
                ast,
                actual,
                issues as [ParseResult.ParseIssue, ...Array<ParseResult.ParseIssue>],
              ),
        )
      }
      const num = (v: number | null | Marker | undefined) => (typeof v === "number" ? v : null)
      const level = levelOf(code)
      const findings: Array<Fields.Finding> = []
      if (level === "council" && Geography.byCassr(code) === undefined) {
        findings.push({
          column: "Local authority code",
          value: new Fields.InvalidValue(
            code,
            `${sheet}: "${code}" is not a CASSR code asckit knows (@asckit/core Geography); the value is loaded as a council's`,
            "unknown-council",
          ),
        })
      }
      const ons = (raw.onsCode ?? "").trim()
      const name = (raw.geographyName ?? "").trim()
      const row: BenchmarkRow = {
        framework: "ASCOF",
        measureCode: raw.measureCode ?? "",
        year: raw.year ?? "",
        geographyLevel: level,
        geographyCode: level === "england" ? "England" : code,
        geographyName: name === "" ? null : name,
        onsCode: ons === "" || readCell(ons)._tag === "marker" ? null : ons,
        disaggregation: raw.disaggregation ?? "",
        numerator: num(numerator),
        denominator: num(denominator) ?? num(respondents),
        outcome: num(outcome),
        marker: typeof outcome === "string" ? outcome : null,
        marginOfError: num(margin),
        source: `${raw.file ?? ""} ${sheet}`.trim(),
        _findings: findings,
      }
      return ParseResult.succeed(row)
    },
    encode: (_row, _options, ast, actual) =>
      ParseResult.fail(new ParseResult.Forbidden(ast, actual, "published values are decoded, never encoded")),
  },
)
