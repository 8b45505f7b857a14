/**
 * The published-values source: a simple CSV of measure values published elsewhere — e.g. Skills for Care's ASC-WDS
 * staff turnover for ASCOF 6A, whose numerator and denominator are not published (ODS-2425 Note 17) — into
 * `benchmark_value`, beside DHSC's tables.
 *
 * Columns (case, spaces and underscores ignored): `measure` (a catalogue code such as `6A`), `year` (`2024-25`),
 * `geography` (a CASSR code, an ONS code, a council name, a region code, or `England`), `outcome`, and optionally
 * `numerator`, `denominator`, `framework` (default `ASCOF`) and `source` (e.g. `ASC-WDS`). A marker (`[c]`, `[x]`,
 * `[z]`) may stand in `outcome`.
 *
 * Configuration: `{ "files": ["asc-wds-turnover-2024-25.csv"], "source": "ASC-WDS" }`.
 *
 * @category sources
 */
import { Geography, Period, Value } from "@asckit/core"
import { Either as E, Effect, ParseResult, Schema, Stream } from "effect"
import * as Fields from "../../Fields.js"
import * as SourcePlugin from "../../SourcePlugin.js"
import * as SourceRegistry from "../../SourceRegistry.js"
import * as Tabular from "../../Tabular.js"
import { benchmarkValue } from "../../WarehouseSchema.js"
import { expandPaths } from "../cld/index.js"

/** The published-values configuration. */
export const Config = Schema.Struct({
  files: Schema.Array(Schema.String).pipe(Schema.minItems(1)),
  /** The publisher, recorded with each value when the file has no source column. */
  source: Schema.optional(Schema.String),
})
/** The published-values configuration. */
export type Config = typeof Config.Type

const columns: Record<string, string> = {
  measure: "measure",
  measurecode: "measure",
  code: "measure",
  year: "year",
  financialyear: "year",
  geography: "geography",
  geographycode: "geography",
  area: "geography",
  council: "geography",
  outcome: "outcome",
  value: "outcome",
  numerator: "numerator",
  denominator: "denominator",
  framework: "framework",
  source: "source",
}

/** A decoded published value. */
export interface PublishedRow {
  readonly framework: string
  readonly measure: string
  readonly year: string
  readonly level: "council" | "region" | "england"
  readonly geography: string
  readonly ons: string | null
  readonly name: string | null
  readonly numerator: number | null
  readonly denominator: number | null
  readonly outcome: number | null
  readonly marker: string | null
  readonly source: string | null
}

const where = (raw: string): Pick<PublishedRow, "level" | "geography" | "ons" | "name"> | undefined => {
  const t = raw.trim()
  if (/^england$/i.test(t) || t === "E92000001")
    return { level: "england", geography: "England", ons: "E92000001", name: "England" }
  const r = Geography.region(t)
  if (r) return { level: "region", geography: r.code, ons: r.ons, name: r.name }
  const c = Geography.findCouncil(t)
  if (E.isRight(c))
    return { level: "council", geography: c.right.cassr, ons: c.right.ons, name: c.right.name }
  // a council `@asckit/core` does not know (a synthetic one, LA 999) by its three-digit CASSR code
  return /^\d{3}$/.test(t) ? { level: "council", geography: t, ons: null, name: null } : undefined
}

const Row: Schema.Schema<PublishedRow, Record<string, string | undefined>> = Schema.transformOrFail(
  Schema.Record({ key: Schema.String, value: Schema.UndefinedOr(Schema.String) }),
  Schema.Unknown as Schema.Schema<PublishedRow>,
  {
    strict: true,
    decode: (raw, _o, ast) => {
      const issues: Array<ParseResult.ParseIssue> = []
      const fail = (column: string, code: string, message: string) =>
        issues.push(
          new ParseResult.Pointer(column, raw, new ParseResult.Type(ast, raw, Fields.issue(code, message))),
        )
      const measure = raw.measure?.trim() ?? ""
      if (measure === "")
        fail("measure", "blank-mandatory", "is blank but mandatory (a measure code, e.g. 6A)")
      const yearText = raw.year?.trim() ?? ""
      const fy = Period.parseAs("FinancialYear", yearText)
      if (E.isLeft(fy)) fail("year", "invalid-period", `"${yearText}" is not a financial year like 2024-25`)
      const place = where(raw.geography ?? "")
      if (!place)
        fail("geography", "unknown-geography", `"${raw.geography ?? ""}" is not a council, region or England`)
      const number = (column: "numerator" | "denominator") => {
        const v = raw[column]?.trim()
        if (v === undefined || v === "") return null
        const n = Number(v.replace(/,/g, ""))
        if (!Number.isFinite(n)) fail(column, "invalid-number", `"${v}" is not a number`)
        return n
      }
      const numerator = number("numerator")
      const denominator = number("denominator")
      const cell = Value.fromCell(raw.outcome)
      if (cell === undefined)
        fail("outcome", "invalid-number", `"${raw.outcome ?? ""}" is neither a number nor [c], [x] or [z]`)
      if (issues.length > 0) {
        return ParseResult.fail(
          issues.length === 1
            ? issues[0]!
            : new ParseResult.Composite(
                ast,
                raw,
                issues as [ParseResult.ParseIssue, ...Array<ParseResult.ParseIssue>],
              ),
        )
      }
      return ParseResult.succeed({
        framework: raw.framework?.trim() || "ASCOF",
        measure,
        year: Period.format(E.getOrThrow(fy)),
        ...place!,
        numerator,
        denominator,
        outcome: cell!._tag === "Available" ? cell!.value : null,
        marker: Value.marker(cell!) ?? null,
        source: raw.source?.trim() || raw._source || null,
      })
    },
    encode: (_r, _o, ast, actual) => ParseResult.fail(new ParseResult.Forbidden(ast, actual, "decode only")),
  },
)

/** The values stream. */
export const values = SourcePlugin.stream<PublishedRow>({
  name: "values",
  description: "one published value per row",
  row: Row,
  key: ["framework", "measure", "year", "geography"],
  mode: "merge",
  sink: {
    primary: {
      table: benchmarkValue,
      map: (r) => ({
        framework: r.framework,
        measureCode: r.measure,
        year: r.year,
        geographyLevel: r.level,
        geographyCode: r.geography,
        onsCode: r.ons,
        geographyName: r.name,
        disaggregation: "",
        numerator: r.numerator,
        denominator: r.denominator,
        outcome: r.outcome,
        marker: r.marker,
        source: r.source,
      }),
    },
  },
})

/** The published-values source plugin. */
export const plugin = SourcePlugin.make<Config>({
  id: "published-values",
  description: "Measure values published elsewhere (e.g. ASC-WDS turnover for ASCOF 6A), as a simple CSV",
  config: Config,
  streams: [values],
  inputs: (config, context) =>
    Effect.map(expandPaths(config.files, context.baseDir), (paths) =>
      paths.map((path) => ({ stream: "values", path })),
    ),
  extract: (config, input) =>
    Stream.unwrap(
      Effect.map(Tabular.probe(input.path), (probe) =>
        Tabular.table(probe, {
          canonical: (h) => columns[h.toLowerCase().replace(/[\s_-]+/g, "")],
          required: ["measure", "year", "geography", "outcome"],
          columns: Object.values(columns),
        }).pipe(Stream.map((r) => ({ ...r, values: { ...r.values, _source: config.source } }))),
      ),
    ),
})

/** Registers the published-values source. */
export const layer = SourceRegistry.register(plugin)
