/**
 * The ONS population source: mid-year population estimates by single year of age, as NOMIS exports them, into
 * `population_estimate` — the denominators of ASCOF 2B (aged 18 to 64) and 2C (aged 65 and over), and of any rate
 * per 100,000 people.
 *
 * The file is NOMIS's long CSV (one value per row), with the columns
 * `GEOGRAPHY_NAME, GEOGRAPHY_CODE, DATE_NAME, GENDER_NAME, C_AGE_NAME, OBS_VALUE`; several geographies, years and
 * sexes may share one file. Tolerated, because NOMIS exports differ:
 * - headers in any case, with spaces or underscores, quoted or not; extra NOMIS columns (`GEOGRAPHY`, `DATE`,
 *   `GENDER`, `C_AGE`, `OBS_STATUS`, …) are ignored; `DATE_CODE` or `DATE` stand in for `DATE_NAME`, and
 *   `SEX_NAME`/`C_SEX_NAME` for `GENDER_NAME`;
 * - a title block above the header (NOMIS's query-tool downloads): rows before the one holding the columns are
 *   skipped;
 * - sexes `Total`/`All persons`/`Persons`, `Male`/`Males`, `Female`/`Females`; ages `Age 0` … `Age 89` and
 *   `Aged 90+` / `Age 90+` / `90 and over` (stored as 90, meaning 90 and over, the ONS top age); years as `2024`,
 *   `mid-2024` or `June 2024`;
 * - when the export has `MEASURES_NAME`, only `Value` rows are counts; others (percentages) are quarantined.
 *
 * `All Ages` rows are totals, not data: each is checked against the sum of the single years of its geography, year
 * and sex, and not stored (it would count everyone twice). A total that does not match is quarantined, at its row,
 * with both figures (and the ages missing, if any) — the single years are still loaded. Age bands (`Aged 16 to
 * 64`) are quarantined: only single years are stored, so any band can be summed from them.
 *
 * Estimates merge by (geography, year, sex, age): a later file (a revised estimate) replaces an earlier one's.
 *
 * Configuration: `{ "files": ["nomis-mid-2024.csv"] }` — files, folders (every .csv inside) or `*` patterns,
 * relative to the configuration file. XLSX and ODS exports are read too.
 *
 * @category sources
 */
import { Effect, Either, ParseResult, Schema, Stream } from "effect"
import { SourceFileError } from "../../EtlError.js"
import * as Fields from "../../Fields.js"
import * as Ods from "../../Ods.js"
import * as SourcePlugin from "../../SourcePlugin.js"
import * as SourceRegistry from "../../SourceRegistry.js"
import * as Tabular from "../../Tabular.js"
import { populationEstimate } from "../../WarehouseSchema.js"
import { expandPaths } from "../cld/index.js"

/** The ONS population source configuration. */
export const Config = Schema.Struct({
  /** Files, folders or `*` patterns, relative to the configuration file. */
  files: Schema.Array(Schema.String).pipe(Schema.minItems(1)),
})
/** The ONS population source configuration. */
export type Config = typeof Config.Type

/** The canonical columns of a NOMIS population export. */
export const columns = [
  "geographyCode",
  "geographyName",
  "date",
  "dateCode",
  "sex",
  "age",
  "value",
  "measure",
] as const

const headerAliases: Readonly<Record<string, (typeof columns)[number]>> = {
  GEOGRAPHYCODE: "geographyCode",
  GEOGRAPHYNAME: "geographyName",
  DATENAME: "date",
  DATECODE: "dateCode",
  DATE: "dateCode",
  GENDERNAME: "sex",
  SEXNAME: "sex",
  CSEXNAME: "sex",
  CAGENAME: "age",
  AGENAME: "age",
  OBSVALUE: "value",
  MEASURESNAME: "measure",
}

/** The canonical column of a NOMIS header (case, spaces and underscores ignored), or undefined. */
export const canonical = (header: string): (typeof columns)[number] | undefined =>
  headerAliases[header.toUpperCase().replace(/[^A-Z0-9]/g, "")]

const required = ["geographyCode", "sex", "age", "value"] as const

/** The source column each canonical column is reported as (NOMIS's own names). */
const sourceColumn: Readonly<Record<string, string>> = {
  geographyCode: "GEOGRAPHY_CODE",
  geographyName: "GEOGRAPHY_NAME",
  date: "DATE_NAME",
  dateCode: "DATE_CODE",
  sex: "GENDER_NAME",
  age: "C_AGE_NAME",
  value: "OBS_VALUE",
  measure: "MEASURES_NAME",
}

/** A sex as NOMIS labels it → `Male`, `Female` or `Total`. */
export const sexOf = (label: string): "Male" | "Female" | "Total" | undefined => {
  const s = label.trim().toLowerCase()
  if (s === "total" || s === "all persons" || s === "persons" || s === "all" || s === "people") return "Total"
  if (s === "male" || s === "males") return "Male"
  if (s === "female" || s === "females") return "Female"
  return undefined
}

/** An age as NOMIS labels it → a single year (90 = 90 and over), `all` for the total, or a reason it is neither. */
export const ageOf = (label: string): number | "all" | { readonly problem: string } => {
  const s = label.trim().toLowerCase().replace(/\s+/g, " ")
  if (s === "all ages" || s === "all" || s === "total") return "all"
  const plus = /^(?:age[sd]? )?90 ?(?:\+|plus|and over|or over|and older)$/.exec(s)
  if (plus) return 90
  const single = /^(?:age[sd]? )?(\d{1,3})$/.exec(s)
  if (single) {
    const n = Number(single[1])
    return n <= 90
      ? n
      : {
          problem: `"${label}" is above 90: ONS estimates stop at "90 and over", so single years above it are not stored`,
        }
  }
  return {
    problem: `"${label}" is not a single year of age ("Age 0" … "Age 89", "Aged 90+"): choose single years of age in NOMIS; bands are summed from them`,
  }
}

/** A year as NOMIS labels it (`2024`, `mid-2024`, `June 2024`) → 2024. */
export const yearOf = (label: string): number | undefined => {
  const m = /^(?:mid[- ]?|june |jun )?(\d{4})$/i.exec(label.trim())
  return m ? Number(m[1]) : undefined
}

/** A decoded estimate, ready for `population_estimate` (age 90 means 90 and over). */
export interface Estimate {
  readonly geographyCode: string
  readonly geographyName: string | null
  readonly year: number
  readonly sex: "Male" | "Female" | "Total"
  readonly age: number
  readonly value: number
}

/** The raw row of one estimate: canonical column → cell text. */
type RawEstimate = { readonly [K in (typeof columns)[number]]: string | undefined }

const RawEstimateSchema = Schema.declare(
  (u: unknown): u is RawEstimate => typeof u === "object" && u !== null,
  {
    identifier: "RawPopulationEstimate",
    description: "a NOMIS population row: canonical columns to cell text",
  },
)

const issueAt = (
  ast: import("effect/SchemaAST").AST,
  column: string,
  actual: unknown,
  code: string,
  message: string,
) =>
  new ParseResult.Pointer(
    sourceColumn[column] ?? column,
    actual,
    new ParseResult.Type(ast, actual, Fields.issue(code, message)),
  )

/** Parses a raw estimate: the estimate, or the problems with it (by canonical column). */
export const parseEstimate = (
  raw: RawEstimate,
): Either.Either<
  Estimate | { readonly total: true; readonly key: string; readonly value: number },
  ReadonlyArray<{ readonly column: string; readonly code: string; readonly message: string }>
> => {
  const problems: Array<{ column: string; code: string; message: string }> = []
  const t = (s: string | undefined) => (s ?? "").trim()
  // A percentage row (NOMIS MEASURES_NAME "Percent") is not an estimate at all: that is the only thing to say.
  const measure = t(raw.measure)
  if (measure !== "" && measure.toLowerCase() !== "value")
    return Either.left([
      {
        column: "measure",
        code: "not-a-count",
        message: `"${measure}" rows are not counts of people; only "Value" rows are stored`,
      },
    ])
  const code = t(raw.geographyCode).toUpperCase()
  if (code === "") problems.push({ column: "geographyCode", code: "blank-mandatory", message: "is blank" })
  // A council without an ONS code (a synthetic one, LA 999) is stored under its three-digit CASSR code, which is
  // what ASCOF 2B/2C look it up by (`Population.onsCodeOf`).
  else if (!/^[EWSNK]\d{8}$/.test(code) && !/^\d{3}$/.test(code))
    problems.push({
      column: "geographyCode",
      code: "invalid-code",
      message: `"${t(raw.geographyCode)}" is not an ONS geography code (a letter and 8 digits, e.g. E10000019) or a council's three-digit CASSR code`,
    })
  const dateText = t(raw.date) || t(raw.dateCode)
  const year = yearOf(dateText)
  if (year === undefined)
    problems.push({
      column: t(raw.date) ? "date" : "dateCode",
      code: dateText === "" ? "blank-mandatory" : "invalid-date",
      message:
        dateText === "" ? "is blank" : `"${dateText}" is not the year of a mid-year estimate (e.g. 2024)`,
    })
  const sex = sexOf(t(raw.sex))
  if (sex === undefined)
    problems.push({
      column: "sex",
      code: t(raw.sex) === "" ? "blank-mandatory" : "invalid-code",
      message: t(raw.sex) === "" ? "is blank" : `"${t(raw.sex)}" is not Total, Male or Female`,
    })
  const age = ageOf(t(raw.age))
  if (typeof age === "object") problems.push({ column: "age", code: "invalid-code", message: age.problem })
  const valueText = t(raw.value).replace(/,/g, "")
  const value = /^\d+$/.test(valueText) ? Number(valueText) : undefined
  if (value === undefined)
    problems.push({
      column: "value",
      code: valueText === "" ? "blank-mandatory" : "invalid-number",
      message: valueText === "" ? "is blank" : `"${t(raw.value)}" is not a count of people (a whole number)`,
    })
  if (problems.length > 0) return Either.left(problems)
  if (age === "all") return Either.right({ total: true, key: groupKey(code, year!, sex!), value: value! })
  const name = t(raw.geographyName)
  return Either.right({
    geographyCode: code,
    geographyName: name === "" ? null : name,
    year: year!,
    sex: sex!,
    age: age as number,
    value: value!,
  })
}

const groupKey = (code: string, year: number, sex: string) => `${code}\u0000${year}\u0000${sex}`

/** Decodes one estimate row (an `All Ages` total never reaches the decoder: see the module notes). */
export const EstimateSchema: Schema.Schema<Estimate, RawEstimate> = Schema.transformOrFail(
  RawEstimateSchema,
  Schema.Unknown as Schema.Schema<Estimate>,
  {
    strict: true,
    decode: (raw, _options, ast, actual) => {
      const r = parseEstimate(raw)
      if (Either.isRight(r)) {
        if ("total" in r.right) {
          return ParseResult.fail(
            issueAt(
              ast,
              "age",
              actual,
              "total-row",
              "an All Ages total is a check, not an estimate to store",
            ),
          )
        }
        return ParseResult.succeed(r.right)
      }
      const issues = r.left.map((p) => issueAt(ast, p.column, actual, p.code, p.message))
      return ParseResult.fail(
        issues.length === 1
          ? issues[0]!
          : new ParseResult.Composite(
              ast,
              actual,
              issues as [ParseResult.ParseIssue, ...Array<ParseResult.ParseIssue>],
            ),
      )
    },
    encode: (_row, _options, ast, actual) =>
      ParseResult.fail(
        new ParseResult.Forbidden(ast, actual, "population estimates are decoded, never encoded"),
      ),
  },
)

/** The estimates stream: one row per geography, year, sex and single year of age. */
export const estimates = SourcePlugin.stream<Estimate>({
  name: "estimates",
  description: "ONS mid-year population estimates by single year of age (90 = 90 and over) and sex",
  row: EstimateSchema,
  key: ["geographyCode", "year", "sex", "age"],
  mode: "merge",
  columnOf: sourceColumn,
  sink: {
    primary: {
      table: populationEstimate,
      map: (r) => ({
        geographyCode: r.geographyCode,
        geographyName: r.geographyName,
        year: r.year,
        sex: r.sex,
        age: r.age,
        value: r.value,
      }),
    },
  },
})

const fmt = (n: number) => n.toLocaleString("en-GB")

/** Ages 0–90 missing from a set, as text ("45, 46" or "18–64"). */
const missingAges = (have: ReadonlySet<number>): string => {
  const runs: Array<string> = []
  let start: number | undefined
  for (let a = 0; a <= 91; a++) {
    const missing = a <= 90 && !have.has(a)
    if (missing && start === undefined) start = a
    if (!missing && start !== undefined) {
      runs.push(start === a - 1 ? String(start) : `${start}–${a - 1}`)
      start = undefined
    }
  }
  return runs.join(", ")
}

const recordsOf = (p: Tabular.Probe): AsyncIterable<Array<Tabular.RawRecord>> => {
  const format = Tabular.formatOf(p)
  return format === "xlsx"
    ? Tabular.xlsxRecords(p.path)
    : format === "ods"
      ? Ods.odsRecords(p.path)
      : Tabular.csvRecords(p.path, p.encoding)
}

/**
 * The estimate rows of one file: the header found below any title block, single years as they come, and `All Ages`
 * totals that do not match their single years at the end (throws `SourceFileError` for a file without the columns).
 */
async function* estimateRows(p: Tabular.Probe): AsyncGenerator<Array<SourcePlugin.SourceRow>> {
  const path = p.path
  let build: ((cells: ReadonlyArray<string>) => Record<string, string | undefined>) | undefined
  let width = 0
  const firstRows: Array<string> = []
  let giveUp = false
  /** Per geography, year and sex: the single years counted (first occurrence only, as the load keeps) and sum. */
  const groups = new Map<string, { ages: Set<number>; sum: number }>()
  const totals: Array<{ row: number; values: SourcePlugin.RawRow; key: string; value: number }> = []
  for await (const batch of recordsOf(p)) {
    const out: Array<SourcePlugin.SourceRow> = []
    for (const rec of batch) {
      if (rec.cells.every((c) => c.trim() === "")) continue
      if (build === undefined) {
        const mapped = rec.cells.map((c) => canonical(c.replace(/^\uFEFF/, "")))
        const found = new Set(mapped.filter((c) => c !== undefined))
        if (found.has("date") || found.has("dateCode")) found.add("date")
        if (required.every((r) => found.has(r)) && found.has("date")) {
          // DATE_NAME wins over DATE_CODE/DATE when both are present; a repeated column keeps its first position.
          const seen = new Set<string>()
          const use = mapped.map((c) => {
            if (c === undefined || seen.has(c)) return undefined
            seen.add(c)
            return c
          })
          build = Tabular.rowBuilder(use, columns)
          width = rec.cells.length
          while (width > 0 && rec.cells[width - 1]!.trim() === "") width--
          continue
        }
        if (firstRows.length < 3) firstRows.push(rec.cells.slice(0, 4).join(" | "))
        // A title block is a few rows: past 200 without a header, this is not a NOMIS export.
        if (rec.row > 200) {
          giveUp = true
          break
        }
        continue
      }
      const values = build(rec.cells) as SourcePlugin.RawRow
      if (rec.cells.length > width && rec.cells.slice(width).some((c) => c.trim() !== "")) {
        out.push({
          row: rec.row,
          values,
          issues: [
            {
              code: "extra-fields",
              message: `the row has ${rec.cells.length} fields but the header has ${width}: check for unquoted commas`,
            },
          ],
        })
        continue
      }
      if (!rec.complete) {
        out.push({
          row: rec.row,
          values,
          issues: [
            { code: "truncated-row", message: "the row ends inside a quoted field: the line is truncated" },
          ],
        })
        continue
      }
      const parsed = parseEstimate(values as RawEstimate)
      if (Either.isRight(parsed)) {
        const e = parsed.right
        if ("total" in e) {
          totals.push({ row: rec.row, values, key: e.key, value: e.value })
          continue
        }
        const k = groupKey(e.geographyCode, e.year, e.sex)
        const g = groups.get(k) ?? { ages: new Set<number>(), sum: 0 }
        if (!g.ages.has(e.age)) {
          g.ages.add(e.age)
          g.sum += e.value
        }
        groups.set(k, g)
      }
      out.push({ row: rec.row, values })
    }
    if (out.length > 0) yield out
    if (giveUp) break
  }
  if (build === undefined) {
    throw new SourceFileError({
      path,
      problem: "no-header",
      message: `${path}: no NOMIS header found (expected a row with GEOGRAPHY_CODE, DATE_NAME, GENDER_NAME, C_AGE_NAME and OBS_VALUE; the file starts ${firstRows.map((r) => `"${r}"`).join(", ") || "with nothing"}). Download the estimates from NOMIS as CSV.`,
      column: "GEOGRAPHY_CODE",
    })
  }
  // `All Ages` totals: checked against the single years, stored never; a mismatch is quarantined.
  const bad: Array<SourcePlugin.SourceRow> = []
  for (const t of totals) {
    const g = groups.get(t.key)
    if (g !== undefined && g.sum === t.value && g.ages.size === 91) continue
    const missing = g === undefined ? "" : missingAges(g.ages)
    bad.push({
      row: t.row,
      values: t.values,
      issues: [
        {
          column: "C_AGE_NAME",
          code: "total-mismatch",
          message:
            g === undefined
              ? `All Ages is ${fmt(t.value)} but the file has no single years of age for this geography, year and sex; only single years are stored`
              : `All Ages is ${fmt(t.value)} but the single years of age sum to ${fmt(g.sum)}${missing ? ` (ages missing: ${missing})` : ""}; the single years are loaded, the total is not`,
        },
      ],
    })
  }
  if (bad.length > 0) yield bad
}

/** The ONS population source plugin. */
export const plugin = SourcePlugin.make<Config>({
  id: "ons-population",
  description: "ONS mid-year population estimates by single year of age, as exported from NOMIS (CSV)",
  config: Config,
  streams: [estimates],
  worker: { module: import.meta.url, export: "plugin" },
  inputs: (config, context) =>
    Effect.map(expandPaths(config.files, context.baseDir, new Set([".csv", ".xlsx", ".ods"])), (paths) =>
      paths.map((path) => ({ stream: "estimates", path })),
    ),
  extract: (_config, input) =>
    Stream.unwrap(
      Effect.map(Tabular.probe(input.path), (p) => {
        if (p.kind === "empty" || p.kind === "binary") {
          return Stream.fail(
            new SourceFileError({
              path: input.path,
              problem: p.kind,
              message: `${input.path}: the file is ${p.kind === "empty" ? "empty" : "not a CSV file (it holds binary data)"}. Download the estimates from NOMIS as CSV.`,
            }),
          )
        }
        return Stream.fromAsyncIterable(estimateRows(p), (e) =>
          e instanceof SourceFileError
            ? e
            : Tabular.formatOf(p) === "ods"
              ? Ods.readError(input.path, e)
              : new SourceFileError({
                  path: input.path,
                  problem: "unreadable",
                  message: `${input.path}: cannot be read (${(e as Error)?.message ?? e}).`,
                }),
        ).pipe(Stream.flattenIterables)
      }),
    ),
})

/** Registers the ONS population source. */
export const layer = SourceRegistry.register(plugin)
