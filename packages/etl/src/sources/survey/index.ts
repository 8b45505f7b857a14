/**
 * The survey source: response-level files of the Adult Social Care Survey (ASCS) and the Survey of Adult Carers in
 * England (SACE), as councils hold them for their data return — one row per respondent, answers coded as on the
 * questionnaire (1 = the first option). Into `survey_response`, the answers as JSON, with the survey weight when the
 * file carries one.
 *
 * Columns (case, spaces and underscores ignored): a respondent id (`SerialNo`, `Respondent`, `RespondentId`); the
 * questions (`q1`, `q3a`, … — any column named like a question); optionally `Weight`, `Age`, `LaCode`,
 * `PrimarySupportReason` (the survey's code, 7 = learning disability), `SupportSetting` (1 community, 2 residential,
 * 3 nursing) and `Questionnaire` (3 and 4 = easy read, NHS England's ASCS params). Answers outside a question's range,
 * and the "erroneous input" code −9, are kept as blank and reported as findings.
 *
 * Configuration: `{ "survey": "ASCS", "year": "2024-25", "laCode": "305", "files": ["ascs-2024-25.csv"] }`.
 *
 * @category sources
 */
import { Period } from "@asckit/core"
import { Effect, Either, ParseResult, Schema, Stream } from "effect"
import * as Fields from "../../Fields.js"
import * as SourcePlugin from "../../SourcePlugin.js"
import * as SourceRegistry from "../../SourceRegistry.js"
import * as Tabular from "../../Tabular.js"
import { surveyResponse } from "../../WarehouseSchema.js"
import { expandPaths } from "../cld/index.js"

/** The survey source configuration. */
export const Config = Schema.Struct({
  survey: Schema.Literal("ASCS", "SACE"),
  /** The financial year of the survey, e.g. `2024-25`. */
  year: Schema.String.pipe(
    Schema.filter(
      (s) => Either.isRight(Period.parseAs("FinancialYear", s)) || "a financial year like 2024-25",
    ),
  ),
  /** The council's CASSR code, used when the file has no LaCode column. */
  laCode: Schema.String,
  files: Schema.Array(Schema.String).pipe(Schema.minItems(1)),
})
/** The survey source configuration. */
export type Config = typeof Config.Type

const norm = (h: string) => h.toLowerCase().replace(/[\s_-]+/g, "")

const known: Record<string, string> = {
  serialno: "respondent",
  respondent: "respondent",
  respondentid: "respondent",
  id: "respondent",
  weight: "weight",
  surveyweight: "weight",
  age: "age",
  lacode: "laCode",
  primarysupportreason: "psr",
  supportsetting: "setting",
  questionnaire: "questionnaire",
}

/** The canonical column of a header: a known field, or a question (`q7a` → `q7a`, `Q 13` → `q13`). */
export const canonical = (h: string): string | undefined => {
  const n = norm(h)
  if (known[n] !== undefined) return known[n]
  const q = /^q(?:uestion)?(\d{1,2}[a-z]?)$/.exec(n)
  return q ? `q${q[1]}` : undefined
}

/** The largest valid answer code of each question (ranges from NHS England's ASCS params, 2020-21). Questions not
 * listed accept 1–9. The ASCS questionnaire was renumbered from 2022-23 (a question inserted at 12), so the same
 * table shifted by one applies from then (ODS-2425 Contents question lists). */
const ascsRange2020: Record<string, number> = {
  q1: 7,
  q2a: 7,
  q2b: 2,
  q2c: 3,
  q3a: 4,
  q3b: 3,
  q4a: 4,
  q4b: 3,
  q5a: 4,
  q5b: 3,
  q6a: 4,
  q6b: 3,
  q7a: 4,
  q7b: 2,
  q8a: 4,
  q8b: 3,
  q9a: 4,
  q9b: 3,
  q10: 4,
  q11: 4,
  q12: 5,
  q13: 5,
  q14a: 3,
  q14b: 3,
  q15a: 3,
  q15b: 3,
  q15c: 3,
  q15d: 3,
  q16a: 3,
  q16b: 3,
  q16c: 3,
  q16d: 3,
  q17: 4,
  q18: 4,
}

/** The ASCS question a 2020-21 question became in the questionnaire used from 2022-23. */
export const ascsRenumbered = (q2020: string): string => {
  const m = /^q(\d+)([a-z]?)$/.exec(q2020)
  if (!m) return q2020
  const n = Number(m[1])
  return n >= 12 ? `q${n + 1}${m[2]}` : q2020
}

const rangeFor = (survey: Config["survey"], year: string, q: string): number => {
  if (survey !== "ASCS") return 9
  const table =
    year >= "2022-23"
      ? Object.fromEntries(Object.entries(ascsRange2020).map(([k, v]) => [ascsRenumbered(k), v]))
      : ascsRange2020
  return table[q] ?? 9
}

/** A decoded survey row. */
export interface SurveyRow {
  readonly survey: string
  readonly year: string
  readonly laCode: string
  readonly respondent: string
  readonly weight: number | null
  readonly age: number | null
  readonly answers: string
  readonly _findings: ReadonlyArray<Fields.Finding>
}

/** The decoded row Schema. `extract` stamps every raw row with its configuration (`_survey`, `_year`, `_laCode`). */
const Row: Schema.Schema<SurveyRow, Record<string, string | undefined>> = Schema.transformOrFail(
  Schema.Record({ key: Schema.String, value: Schema.UndefinedOr(Schema.String) }),
  Schema.Unknown as Schema.Schema<SurveyRow>,
  {
    strict: true,
    decode: (raw, _o, ast) => {
      const survey = raw._survey === "SACE" ? "SACE" : "ASCS"
      const year = raw._year ?? ""
      const issues: Array<ParseResult.ParseIssue> = []
      const fail = (column: string, code: string, message: string) =>
        issues.push(
          new ParseResult.Pointer(column, raw, new ParseResult.Type(ast, raw, Fields.issue(code, message))),
        )
      const respondent = raw.respondent?.trim() ?? ""
      if (respondent === "")
        fail("respondent", "blank-mandatory", "is blank but mandatory (the respondent id)")
      const num = (column: string): number | null => {
        const v = raw[column]?.trim()
        if (v === undefined || v === "") return null
        const n = Number(v)
        if (!Number.isFinite(n)) {
          fail(column, "invalid-number", `"${v}" is not a number`)
          return null
        }
        return n
      }
      const weight = num("weight")
      if (weight !== null && weight <= 0)
        fail("weight", "invalid-number", `a survey weight must be positive, got ${weight}`)
      const age = num("age")
      const findings: Array<Fields.Finding> = []
      const answers: Record<string, number> = {}
      for (const [k, v] of Object.entries(raw)) {
        const t = v?.trim()
        if (t === undefined || t === "") continue
        if (/^q\d/.test(k)) {
          const n = Number(t)
          const max = rangeFor(survey, year, k)
          if (!Number.isInteger(n) || n < 1 || n > max) {
            findings.push({
              column: k,
              value: new Fields.InvalidValue(
                t,
                `"${t}" is not an answer code of ${k} (1–${max}); kept as no answer`,
                "invalid-answer",
              ),
            })
          } else answers[k] = n
        } else if (k === "psr" || k === "setting" || k === "questionnaire") {
          const n = Number(t)
          if (Number.isInteger(n)) answers[k] = n
          else
            findings.push({
              column: k,
              value: new Fields.InvalidValue(t, `"${t}" is not a code`, "invalid-code"),
            })
        }
      }
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
        survey,
        year,
        laCode: raw.laCode?.trim() || raw._laCode || "",
        respondent,
        weight,
        age,
        answers: JSON.stringify(answers),
        _findings: findings,
      })
    },
    encode: (_r, _o, ast, actual) =>
      ParseResult.fail(new ParseResult.Forbidden(ast, actual, "survey rows are decoded, never encoded")),
  },
)

/** The survey responses stream. */
export const responses = SourcePlugin.stream<SurveyRow>({
  name: "responses",
  description: "one row per survey respondent",
  row: Row,
  key: ["survey", "year", "laCode", "respondent"],
  mode: "merge",
  sink: {
    primary: {
      table: surveyResponse,
      map: (r) => ({
        survey: r.survey,
        year: r.year,
        laCode: r.laCode,
        respondentId: r.respondent,
        weight: r.weight,
        age: r.age,
        answers: r.answers,
      }),
    },
  },
})

/** The survey source plugin. */
export const plugin = SourcePlugin.make<Config>({
  id: "survey",
  description: "Adult Social Care Survey (ASCS) and carers' survey (SACE) response-level files",
  config: Config,
  streams: [responses],
  worker: { module: import.meta.url, export: "plugin" },
  inputs: (config, context) =>
    Effect.map(expandPaths(config.files, context.baseDir), (paths) =>
      paths.map((path) => ({ stream: "responses", path })),
    ),
  extract: (config, input) =>
    Stream.unwrap(
      Effect.map(Tabular.probe(input.path), (probe) =>
        Tabular.table(probe, { canonical, required: ["respondent"] }).pipe(
          Stream.map((r) => ({
            ...r,
            values: { ...r.values, _survey: config.survey, _year: config.year, _laCode: config.laCode },
          })),
        ),
      ),
    ),
})

/** Registers the survey source. */
export const layer = SourceRegistry.register(plugin)
