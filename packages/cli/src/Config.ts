/**
 * The asckit configuration file (`asckit.config.json`): the warehouse, how identifiers are pseudonymised, and the
 * sources to load. Relative paths are read from the configuration file's folder.
 *
 * ```json
 * {
 *   "warehouse": ".asckit/warehouse.sqlite",
 *   "pseudonymisation": { "keyEnv": "ASCKIT_PSEUDONYMISATION_KEY" },
 *   "sources": [{ "plugin": "cld", "files": ["cld/"] }]
 * }
 * ```
 *
 * Each source names a plugin; its other fields are that plugin's configuration (checked by the plugin's Schema).
 * `returns` holds the settings of individual returns; `outputs` says what a successful load writes afterwards.
 *
 * @category config
 */
import { readFileSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { EtlError, Pseudonymiser } from "@asckit/etl"
import { Effect, Either, ParseResult, Redacted, Schema } from "effect"

/** How the pseudonymisation key is found: an environment variable (default), a file, or (demo data only) inline. */
export const Pseudonymisation = Schema.Union(
  Schema.Struct({ keyEnv: Schema.String }),
  Schema.Struct({ keyFile: Schema.String }),
  Schema.Struct({
    key: Schema.String,
    /** Must be true: an inline key is only for synthetic demo data, never for real people's data. */
    syntheticDataOnly: Schema.Literal(true),
  }),
)
/** How the pseudonymisation key is found. */
export type Pseudonymisation = typeof Pseudonymisation.Type

/** One source: a plugin id and that plugin's own configuration fields. */
export const Source = Schema.Struct({ plugin: Schema.String }, { key: Schema.String, value: Schema.Unknown })
/** One source. */
export type Source = typeof Source.Type

/** The configuration file. */
export const Config = Schema.Struct({
  warehouse: Schema.optionalWith(Schema.String, { default: () => ".asckit/warehouse.sqlite" }),
  pseudonymisation: Schema.optionalWith(Pseudonymisation, {
    default: () => ({ keyEnv: Pseudonymiser.keyEnvironmentVariable }),
  }),
  /** Store raw identifiers beside pseudonyms (only when a council explicitly needs them). */
  keepIdentifiers: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  /**
   * Read and decode files in worker threads while the warehouse is written (default). `false` reads them in the
   * main thread: slower (×10 borough 166 s instead of 121 s) and lighter (peak 572 MB instead of 942 MB; bench/results).
   */
  workers: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  /** Where reports (rejects, findings) and outputs are written. */
  outputDir: Schema.optionalWith(Schema.String, { default: () => ".asckit/out" }),
  sources: Schema.Array(Source),
  /** Settings of individual returns, by return id (e.g. `{ "ascof": { "benchmarkAs": "305" } }`). */
  returns: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.Unknown }), {
    default: () => ({}),
  }),
  /** What a successful `asckit etl` writes afterwards (returns and reports are written, never sent). */
  outputs: Schema.optional(
    Schema.Struct({
      /** Return ids to build for the latest complete financial year of the loaded CLD, e.g. ["ascof", "salt"]. */
      returns: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
      /** Also write the ASCOF preview for the rolling 12 months to the latest quarter (default true). */
      ascofRolling: Schema.optionalWith(Schema.Boolean, { default: () => true }),
      /** A highlight-report configuration: the report for the latest quarter is written. */
      highlight: Schema.optional(Schema.String),
    }),
  ),
})
/** The configuration file. */
export type Config = typeof Config.Type

/** A configuration read from a file, with the folder its relative paths are read from. */
export interface Loaded {
  readonly path: string
  readonly baseDir: string
  readonly config: Config
}

/** Reads and validates a configuration file; the error names the file and the fields at fault. */
export const load = (path: string): Effect.Effect<Loaded, EtlError.ConfigError> =>
  Effect.gen(function* () {
    const abs = resolve(path)
    const text = yield* Effect.try({
      try: () => readFileSync(abs, "utf8"),
      catch: (e) =>
        new EtlError.ConfigError({
          path: abs,
          message: `Cannot read the configuration file ${abs}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "it does not exist" : (e as Error).message}.`,
        }),
    })
    const json = yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: (e) =>
        new EtlError.ConfigError({
          path: abs,
          message: `${abs} is not valid JSON: ${(e as Error).message}.`,
        }),
    })
    const decoded = Schema.decodeUnknownEither(Config)(json, { errors: "all" })
    if (Either.isLeft(decoded)) {
      return yield* Effect.fail(
        new EtlError.ConfigError({
          path: abs,
          message: `${abs} is not a valid asckit configuration:\n${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}`,
        }),
      )
    }
    return { path: abs, baseDir: dirname(abs), config: decoded.right }
  })

/** Resolves the pseudonymisation key; the error says how to provide one. The key is never printed. */
export const key = (loaded: Loaded): Effect.Effect<Redacted.Redacted<string>, EtlError.ConfigError> =>
  Effect.gen(function* () {
    const p = loaded.config.pseudonymisation
    let value: string | undefined
    let where: string
    if ("keyEnv" in p) {
      value = process.env[p.keyEnv]
      where = `the environment variable ${p.keyEnv}`
    } else if ("keyFile" in p) {
      const file = resolve(loaded.baseDir, p.keyFile)
      where = `the key file ${file}`
      value = yield* Effect.try({
        try: () => readFileSync(file, "utf8").trim(),
        catch: () => new EtlError.ConfigError({ path: loaded.path, message: `Cannot read ${where}.` }),
      })
    } else {
      value = p.key
      where = "the configuration file"
    }
    if (value === undefined || value.length < Pseudonymiser.minimumKeyLength) {
      return yield* Effect.fail(
        new EtlError.ConfigError({
          path: loaded.path,
          message:
            `No pseudonymisation key in ${where} (at least ${Pseudonymiser.minimumKeyLength} characters). ` +
            `${"keyEnv" in p ? `Set it, e.g. \`export ${p.keyEnv}=$(openssl rand -hex 32)\`` : "Provide one"}, and keep it safe: ` +
            "the same key must be used for every load into this warehouse.",
        }),
      )
    }
    return Redacted.make(value)
  })

/** The configuration as recorded with a run: no inline key. */
export const redact = (config: Config): unknown => ({
  ...config,
  pseudonymisation: "key" in config.pseudonymisation ? { key: "<redacted>" } : config.pseudonymisation,
})

/** The pipeline's sources: each plugin id with its configuration fields. */
export const sources = (config: Config): ReadonlyArray<{ plugin: string; config: unknown }> =>
  config.sources.map(({ plugin, ...rest }) => ({ plugin, config: rest }))
