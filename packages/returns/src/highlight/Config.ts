/**
 * The highlight report's configuration: the council, its "obsessions" (the outcomes it has chosen to drive) with their
 * measures and targets, the comparator groups, the sections, the commentary file and the email recipients. A JSON
 * file decoded with Effect Schema; relative paths in it are read from the file's folder.
 *
 * ```json
 * {
 *   "laCode": "999",
 *   "councilName": "Synthetic Borough",
 *   "benchmarkAs": "305",
 *   "comparators": { "cipfa": "cipfa-neighbours.csv" },
 *   "obsessions": [
 *     { "id": "O1", "title": "Nobody waits too long for help",
 *       "measures": [{ "measure": "LOCAL:NA-WAITING-LIST", "target": 150 }] }
 *   ],
 *   "email": { "to": ["dmt@example.gov.uk"] }
 * }
 * ```
 *
 * Measures are catalogue ids of `@asckit/core` (`Catalogue.get`): ASCOF, SAC, DoLS or the local framework. CIPFA
 * nearest-neighbour lists are licensed, so asckit ships none: name your council's file (CSV or JSON, read with
 * `Geography.fromCsv`/`fromJson`) or the report says "not configured".
 *
 * @category config
 */
import { existsSync, readFileSync } from "node:fs"
import { dirname, isAbsolute, resolve } from "node:path"
import { Catalogue, Geography, type Measure } from "@asckit/core"
import { Effect, Either, ParseResult, Schema } from "effect"
import { HighlightConfigError } from "./Errors.js"

/** A band in a measure's units (`absolute`) or as a fraction of the reference value (`relative`). */
export const Tolerance = Schema.Union(
  Schema.Struct({ absolute: Schema.Number.pipe(Schema.nonNegative()) }),
  Schema.Struct({ relative: Schema.Number.pipe(Schema.nonNegative()) }),
)
/** A band in a measure's units or as a fraction. */
export type Tolerance = typeof Tolerance.Type

/** A measure on the highlight table: a catalogue id, and optionally a target (for RAG) and bands. */
export const MeasureEntry = Schema.Struct({
  /** A catalogue id, e.g. `LOCAL:NA-WAITING-LIST` or `ASCOF-2023:2A`. */
  measure: Schema.String,
  /** The target, in the measure's units (RAG: green meets it, amber misses by up to `amber`, red by more). */
  target: Schema.optional(Schema.Number),
  /** The amber band below the target (default 5% of the target, `Benchmark.rag`). */
  amber: Schema.optional(Tolerance),
  /** How large a change must be to count as a change in the direction of travel (default: published precision). */
  tolerance: Schema.optional(Tolerance),
})
/** A measure on the highlight table. */
export type MeasureEntry = typeof MeasureEntry.Type

/** An obsession: an outcome the department has chosen to drive, with its measures. */
export const Obsession = Schema.Struct({
  id: Schema.String,
  title: Schema.String,
  measures: Schema.Array(MeasureEntry).pipe(Schema.minItems(1)),
})
/** An obsession. */
export type Obsession = typeof Obsession.Type

/** The sections after the highlight table, in report order. */
export const sectionIds = [
  "contacts",
  "waiting",
  "reviews",
  "assessments",
  "services",
  "safeguarding",
  "dols",
  "complaints",
  "market",
  "feedback",
] as const
/** A section of the report. */
export const SectionId = Schema.Literal(...sectionIds)
/** A section of the report. */
export type SectionId = typeof SectionId.Type

/** The comparator groups ranks are given in (England is always ranked). */
export const Comparators = Schema.Struct({
  /** The council's CIPFA nearest-neighbour file (CSV or JSON); absent: "not configured". */
  cipfa: Schema.optional(Schema.String),
  /** Rank in the council's region (the North West for Greater Manchester councils). */
  region: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  /** Rank among the ten Greater Manchester councils. */
  greaterManchester: Schema.optionalWith(Schema.Boolean, { default: () => true }),
})
/** The comparator groups. */
export type Comparators = typeof Comparators.Type

/** Who the report is emailed to. */
export const Email = Schema.Struct({
  to: Schema.Array(Schema.String).pipe(Schema.minItems(1)),
  cc: Schema.optional(Schema.Array(Schema.String)),
  /** Subject line; `{period}` is replaced by the period (default "<title> — <period>"). */
  subject: Schema.optional(Schema.String),
})
/** Who the report is emailed to. */
export type Email = typeof Email.Type

/** The highlight report's configuration (see the module docs). */
export const HighlightConfig = Schema.Struct({
  title: Schema.optionalWith(Schema.String, { default: () => "Adult social care highlight report" }),
  /** The council's code as its data carries it (`la_code` in the warehouse; the CASSR code for a real council). */
  laCode: Schema.String,
  /** The council's name (default: the name of the CASSR code). */
  councilName: Schema.optional(Schema.String),
  /**
   * The CASSR code whose place the council takes in comparator groups and published tables, for a council whose own
   * code is not published (the synthetic borough, 999, stands in for Bury, 305). Default: `laCode`.
   */
  benchmarkAs: Schema.optional(Schema.String),
  /** The warehouse file (default `.asckit/warehouse.sqlite`), relative to this file. */
  warehouse: Schema.optional(Schema.String),
  /** Where the report files are written (default `.asckit/out/highlight`), relative to this file. */
  outputDir: Schema.optional(Schema.String),
  /** The commentary markdown file (default `commentary.md` beside this file, when it exists). */
  commentary: Schema.optional(Schema.String),
  comparators: Schema.optionalWith(Comparators, {
    default: () => ({ region: true, greaterManchester: true }),
  }),
  /** Points in each sparkline (default 8: months, quarters or years by the measure's frequency). */
  sparklinePoints: Schema.optionalWith(Schema.Int.pipe(Schema.between(2, 36)), { default: () => 8 }),
  /** Months of history in the section tables and charts (default 12). */
  historyMonths: Schema.optionalWith(Schema.Int.pipe(Schema.between(3, 36)), { default: () => 12 }),
  /** Apply each measure's small-number suppression (the report reaches public papers; default true). */
  suppressSmallNumbers: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  obsessions: Schema.Array(Obsession).pipe(Schema.minItems(1)),
  sections: Schema.optionalWith(Schema.Array(SectionId), { default: () => [...sectionIds] }),
  email: Schema.optional(Email),
})
/** The highlight report's configuration. */
export type HighlightConfig = typeof HighlightConfig.Type
/** The configuration as written in the file. */
export type HighlightConfigInput = typeof HighlightConfig.Encoded

/** A configuration with its files read: catalogue measures resolved, the CIPFA group and the commentary loaded. */
export interface Resolved {
  readonly config: HighlightConfig
  /** The folder relative paths are read from. */
  readonly baseDir: string
  /** The configuration file, when it came from one. */
  readonly path?: string
  /** The council's name. */
  readonly councilName: string
  /** The CASSR code used for comparisons. */
  readonly benchmarkAs: string
  /** Each configured measure id's definition. */
  readonly measures: ReadonlyMap<string, Measure.Measure>
  /** The CIPFA group, when configured. */
  readonly cipfa: Geography.ComparatorGroup | undefined
  /** The commentary markdown, when there is a file. */
  readonly commentary: string | undefined
  readonly commentaryPath: string | undefined
  /** Absolute warehouse path and output folder. */
  readonly warehouse: string
  readonly outputDir: string
}

const at = (baseDir: string, p: string) => (isAbsolute(p) ? p : resolve(baseDir, p))

const readText = (path: string, what: string, configPath: string) =>
  Effect.try({
    try: () => readFileSync(path, "utf8"),
    catch: (e) =>
      new HighlightConfigError({
        path: configPath,
        message: `Cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "it does not exist" : (e as Error).message}.`,
      }),
  })

/** Checks a decoded configuration and reads the files it names (relative paths from `baseDir`). */
export const resolveConfig = (
  config: HighlightConfig,
  baseDir: string,
  path?: string,
): Effect.Effect<Resolved, HighlightConfigError> =>
  Effect.gen(function* () {
    const where = path ?? "the highlight configuration"
    const fail = (message: string) => Effect.fail(new HighlightConfigError({ path: where, message }))
    const measures = new Map<string, Measure.Measure>()
    const problems: Array<string> = []
    for (const o of config.obsessions) {
      for (const m of o.measures) {
        const found = Catalogue.get(m.measure)
        if (Either.isLeft(found)) problems.push(`obsession "${o.id}": ${found.left.message}`)
        else measures.set(m.measure, found.right)
      }
    }
    if (problems.length > 0) return yield* fail(`${where}: unknown measures:\n- ${problems.join("\n- ")}`)
    const benchmarkAs = config.benchmarkAs ?? config.laCode
    const stand = Geography.byCassr(benchmarkAs)
    if (config.benchmarkAs !== undefined && stand === undefined) {
      return yield* fail(
        `${where}: benchmarkAs "${config.benchmarkAs}" is not a CASSR code DHSC publishes (e.g. 305 for Bury).`,
      )
    }
    const councilName =
      config.councilName ?? Geography.byCassr(config.laCode)?.name ?? `Council ${config.laCode}`
    let cipfa: Geography.ComparatorGroup | undefined
    if (config.comparators.cipfa !== undefined) {
      const file = at(baseDir, config.comparators.cipfa)
      const text = yield* readText(file, "the CIPFA nearest-neighbour file", where)
      const parsed = file.toLowerCase().endsWith(".json") ? Geography.fromJson(text) : Geography.fromCsv(text)
      if (Either.isLeft(parsed)) return yield* fail(`${file}: ${parsed.left.message}`)
      const groups = parsed.right
      cipfa =
        groups.find((g) => g.subject === benchmarkAs) ??
        groups.find((g) => g.members.some((m) => m.cassr === benchmarkAs)) ??
        undefined
      if (cipfa === undefined) {
        return yield* fail(
          `${file}: no group in the file includes ${Geography.byCassr(benchmarkAs)?.name ?? benchmarkAs} (${benchmarkAs}).`,
        )
      }
      cipfa = { ...cipfa, kind: "cipfa" }
    }
    const commentaryPath =
      config.commentary !== undefined
        ? at(baseDir, config.commentary)
        : existsSync(resolve(baseDir, "commentary.md"))
          ? resolve(baseDir, "commentary.md")
          : undefined
    const commentary =
      commentaryPath === undefined ? undefined : yield* readText(commentaryPath, "the commentary file", where)
    return {
      config,
      baseDir,
      ...(path === undefined ? {} : { path }),
      councilName,
      benchmarkAs,
      measures,
      cipfa,
      commentary,
      commentaryPath,
      warehouse: at(baseDir, config.warehouse ?? ".asckit/warehouse.sqlite"),
      outputDir: at(baseDir, config.outputDir ?? ".asckit/out/highlight"),
    }
  })

/** Decodes a configuration object (as parsed from JSON); the error lists every field at fault. */
export const decode = (input: unknown, path = "the highlight configuration") =>
  Either.mapLeft(
    Schema.decodeUnknownEither(HighlightConfig)(input, { errors: "all" }),
    (e) =>
      new HighlightConfigError({
        path,
        message: `${path} is not a valid highlight-report configuration:\n${ParseResult.TreeFormatter.formatErrorSync(e)}`,
      }),
  )

/** Reads, decodes and resolves a configuration file; errors name the file and what is wrong. */
export const load = (path: string): Effect.Effect<Resolved, HighlightConfigError> =>
  Effect.gen(function* () {
    const abs = resolve(path)
    const text = yield* readText(abs, "the highlight configuration", abs)
    const json = yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: (e) =>
        new HighlightConfigError({
          path: abs,
          message: `${abs} is not valid JSON: ${(e as Error).message}.`,
        }),
    })
    const config = yield* decode(json, abs)
    return yield* resolveConfig(config, dirname(abs), abs)
  })

const L = (code: string, extra: Omit<MeasureEntry, "measure"> = {}): MeasureEntry => ({
  measure: `LOCAL:${code}`,
  ...extra,
})
const A = (code: string, extra: Omit<MeasureEntry, "measure"> = {}): MeasureEntry => ({
  measure: `ASCOF-2023:${code}`,
  ...extra,
})

/**
 * The default obsessions: the example local framework's six (`Catalogue.local`, core `catalogue/Local.ts`) with its
 * measures, each joined by the ASCOF 2023 measures that speak to it. No targets: those are the council's own.
 */
export const defaultObsessions: ReadonlyArray<Obsession> = [
  {
    id: "O1",
    title: "Nobody waits too long for help",
    measures: [
      L("NA-WAITING-LIST"),
      L("NA-MEDIAN-DAYS"),
      L("OT-WAITING-LIST"),
      L("OVERDUE-REVIEWS"),
      L("DOLS-AWAITING-ALLOCATION"),
    ],
  },
  {
    id: "O2",
    title: "People stay independent at home",
    measures: [
      L("FIRST-CONTACT-RESOLUTION"),
      L("ST-NO-FURTHER-REQUEST"),
      L("ASSESSMENTS-COMPLETED"),
      L("LTS-CLIENTS"),
      A("2A"),
      A("2B"),
      A("2C"),
      A("2D(1)"),
      A("2E(2b)"),
    ],
  },
  {
    id: "O3",
    title: "People are safe and in control",
    measures: [L("SAFEGUARDING-CONCERNS"), L("MSP-ASKED"), L("MSP-OUTCOMES-MET"), A("3A"), A("4A"), A("4B")],
  },
  {
    id: "O4",
    title: "Carers and communities are connected and informed",
    measures: [L("NEW-CARERS"), A("3C(1)"), A("5A(1)"), A("1C"), A("3D(2a)")],
  },
  {
    id: "O5",
    title: "We listen and learn",
    measures: [
      L("FEEDBACK-RECEIVED"),
      L("COMPLAINTS-UPHELD"),
      L("COMPLAINTS-ON-TIME"),
      L("COMPLIMENTS"),
      A("1A"),
      A("1D"),
    ],
  },
  {
    id: "O6",
    title: "A skilled, confident workforce",
    measures: [L("PROGRESSION-MODEL-TRAINED"), A("6A"), A("6B")],
  },
]

/** The default configuration for a council: the default obsessions, every section, region and GM ranks. */
export const defaultConfig = (laCode: string, options: Partial<HighlightConfigInput> = {}): HighlightConfig =>
  Schema.decodeUnknownSync(HighlightConfig)({ laCode, obsessions: defaultObsessions, ...options })

/**
 * The configuration of the report as a return plugin (`asckit returns build highlight`): the report configuration
 * with the council and the obsessions optional — the build context's council and `defaultObsessions` by default.
 */
export const PluginConfig = Schema.Struct({
  ...HighlightConfig.fields,
  laCode: Schema.optional(Schema.String),
  obsessions: Schema.optionalWith(Schema.Array(Obsession).pipe(Schema.minItems(1)), {
    default: () => defaultObsessions,
  }),
})
/** The configuration of the report as a return plugin. */
export type PluginConfig = typeof PluginConfig.Type
