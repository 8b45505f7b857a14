/**
 * Measure definitions as typed data. A measure says what is counted (numerator and denominator), how the outcome
 * is expressed (unit, multiplier, decimals), which way is better (polarity), how often it is reported, where the
 * data comes from, what it used to be called, where its series breaks, and how published values are suppressed.
 *
 * The whole catalogue (ASCOF 2023+, ASCOF 2014, SAC, DoLS and a local framework) is built from `Measure.make`, and
 * so are users' own measures.
 *
 * @category models
 */
import { Either, ParseResult, Schema } from "effect"
import { MeasureDefinitionError } from "./CoreError.js"

/** The frameworks asckit knows; user-defined measures may name their own. */
export const KnownFramework = Schema.Literal("ASCOF", "SAC", "DoLS", "SALT", "local")
/** The frameworks asckit knows; user-defined measures may name their own. */
export type KnownFramework = typeof KnownFramework.Type

/** A measure's unique id, `FRAMEWORK-VERSION:CODE` (e.g. `ASCOF-2023:2A`, `ASCOF-2014:2A(1)`, `SAC:S42-PER-100K`). */
export const MeasureId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z][A-Za-z0-9_-]*(?:-[0-9A-Za-z+]+)?:[^\s]+$/, {
    message: () => "a measure id is FRAMEWORK[-VERSION]:CODE, e.g. ASCOF-2023:2A",
  }),
  Schema.brand("MeasureId"),
)
/** A measure's unique id, `FRAMEWORK-VERSION:CODE` (e.g. `ASCOF-2023:2A`). */
export type MeasureId = typeof MeasureId.Type

/** Which direction is better: the basis of direction of travel, RAG and ranking. */
export const Polarity = Schema.Literal("higher-is-better", "lower-is-better", "no-judgement")
/** Which direction is better: the basis of direction of travel, RAG and ranking. */
export type Polarity = typeof Polarity.Type

/**
 * How an outcome is expressed. `percent` = numerator / denominator × 100; `rate-per-100k` = × 100,000; `score` and
 * `days` and `money` are means (numerator is a sum, denominator a count; multiplier 1); `count` has no
 * denominator; `ratio` is numerator / denominator.
 */
export const Unit = Schema.Literal("percent", "rate-per-100k", "score", "count", "days", "money", "ratio")
/** How an outcome is expressed. */
export type Unit = typeof Unit.Type

/** How often a measure is reported. `biennial` is the carers' survey (SACE). */
export const Frequency = Schema.Literal("monthly", "quarterly", "annual", "biennial")
/** How often a measure is reported. */
export type Frequency = typeof Frequency.Type

/** The data collections measures come from. */
export const DataSourceId = Schema.Literal(
  "CLD",
  "SALT",
  "ASCS",
  "SACE",
  "SAC",
  "DoLS",
  "ONS",
  "SUS",
  "HES",
  "MHSDS",
  "ASC-WDS",
  "CQC",
  "local",
)
/** The data collections measures come from. */
export type DataSourceId = typeof DataSourceId.Type

/** A data source and the detail of what is taken from it (tables, questions, fields). */
export const DataSource = Schema.Struct({
  id: DataSourceId,
  detail: Schema.optional(Schema.String),
})
/** A data source and the detail of what is taken from it. */
export type DataSource = typeof DataSource.Type

/** An objective (ASCOF 2023+), domain (ASCOF 2014) or section (SAC, DoLS, local) grouping measures. */
export const Objective = Schema.Struct({
  code: Schema.String,
  name: Schema.String,
})
/** An objective, domain or section grouping measures. */
export type Objective = typeof Objective.Type

/** A code a measure had in an earlier framework (e.g. 2A was 2D in 2022-23). */
export const LegacyCode = Schema.Struct({
  framework: Schema.String,
  version: Schema.String,
  code: Schema.String,
  /** The last financial year the code was used, e.g. `2022-23`. */
  lastYear: Schema.String,
})
/** A code a measure had in an earlier framework. */
export type LegacyCode = typeof LegacyCode.Type

/** A break in a measure's time series: values from `fromYear` are not comparable with earlier ones. */
export const SeriesBreak = Schema.Struct({
  /** First financial year of the new series, e.g. `2024-25`. */
  fromYear: Schema.String,
  reason: Schema.String,
})
/** A break in a measure's time series. */
export type SeriesBreak = typeof SeriesBreak.Type

/**
 * How published values are protected. `numerator-or-denominator` suppresses both when either is below
 * `threshold` (the CLD and SAC rule); `respondents` suppresses when the number of respondents (the denominator) is
 * below `threshold` (surveys); `count` suppresses a count below `threshold`; `none` never suppresses.
 * `roundCountsTo` rounds published numerators and denominators (not outcomes) to a multiple, e.g. 5.
 */
export const Suppression = Schema.Struct({
  rule: Schema.Literal("numerator-or-denominator", "respondents", "count", "none"),
  threshold: Schema.Int.pipe(Schema.nonNegative()),
  roundCountsTo: Schema.optional(Schema.Int.pipe(Schema.positive())),
  /** Where the rule applies: `all` levels, or only `aggregate` (region/England) counts. */
  roundCountsAt: Schema.optional(Schema.Literal("all", "aggregate")),
})
/** How published values are protected. */
export type Suppression = typeof Suppression.Type

/** The definition of one measure. */
export class Measure extends Schema.Class<Measure>("Measure")({
  id: MeasureId,
  framework: Schema.String,
  /** Framework version, e.g. `2023` for the ASCOF framework used from 2023-24, `2014` for the earlier one. */
  frameworkVersion: Schema.String,
  /** The published code, e.g. `2A`, `3D(1a)`. */
  code: Schema.String,
  title: Schema.String,
  shortTitle: Schema.String,
  objective: Objective,
  unit: Unit,
  /** Decimal places of the published outcome (ASCOF: 1; 1B: 3). */
  decimals: Schema.Int.pipe(Schema.between(0, 6)),
  polarity: Polarity,
  frequency: Frequency,
  source: Schema.Array(DataSource),
  numerator: Schema.String,
  denominator: Schema.optional(Schema.String),
  legacyCodes: Schema.optionalWith(Schema.Array(LegacyCode), { default: () => [] }),
  seriesBreaks: Schema.optionalWith(Schema.Array(SeriesBreak), { default: () => [] }),
  suppression: Suppression,
  /** First financial year the measure was published in this form. */
  firstYear: Schema.optional(Schema.String),
  /** Last financial year the measure was published, when it has ended. */
  lastYear: Schema.optional(Schema.String),
  /** Whether official publications include it (e.g. ASCOF 3D(1b) was not published in 2024-25). */
  published: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  notes: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
}) {}

/** The input accepted by `make`: the measure fields, with defaults for the optional lists. */
export type MeasureInput = typeof Measure.Encoded

const decodeMeasure = Schema.decodeUnknownEither(Measure)

/** Validates a measure definition; the error lists every field that is wrong. */
export const validate = (input: unknown): Either.Either<Measure, MeasureDefinitionError> =>
  Either.mapLeft(
    decodeMeasure(input, { errors: "all" }),
    (e) =>
      new MeasureDefinitionError({
        id: typeof input === "object" && input !== null && "id" in input ? String(input.id) : undefined,
        message: `Invalid measure definition:\n${ParseResult.TreeFormatter.formatErrorSync(e)}`,
      }),
  )

/** Builds a measure from a literal definition, throwing `MeasureDefinitionError` if it is invalid (for catalogues
 * written in code; use `validate` for definitions read at run time). */
export const make = (input: MeasureInput): Measure => Either.getOrThrowWith(validate(input), (e) => e)

/** The multiplier applied to numerator / denominator for a unit (100 for percent, 100,000 for rates). */
export const multiplier = (unit: Unit): number =>
  unit === "percent" ? 100 : unit === "rate-per-100k" ? 100_000 : 1

/** The measure's multiplier (see `multiplier`). */
export const multiplierOf = (m: Measure): number => multiplier(m.unit)

/** True when a series break falls after `earlierYear` and at or before `laterYear` (financial-year labels). */
export const breaksBetween = (
  m: Measure,
  earlierYear: string,
  laterYear: string,
): ReadonlyArray<SeriesBreak> =>
  m.seriesBreaks.filter((b) => b.fromYear > earlierYear && b.fromYear <= laterYear)

/** The suffix printed after a value: `%`, ` per 100,000`, or nothing. */
export const unitSuffix = (unit: Unit): string =>
  unit === "percent" ? "%" : unit === "rate-per-100k" ? " per 100,000" : unit === "days" ? " days" : ""
