/**
 * `asckit returns`: the statutory returns built from the warehouse.
 *
 * - `asckit returns list`: the return plugins and the periods they cover.
 * - `asckit returns build <id> --period <p> [--out dir] [--publication] [--final] [--la code] [--config file]
 *   [--warehouse file]`: builds a return, validates it, and writes its workbook (tables laid out like the statutory
 *   ones, a Validation sheet and a Notes sheet). The default is a draft with exact figures; `--final` refuses to
 *   write while the return has validation errors (exit 1, the errors listed); `--publication` applies suppression
 *   (counts under 5, and rates and percentages computed from them) and rounding (to 5), leaves case-level listings
 *   and the Validation sheet (it quotes exact figures) out.
 * - `asckit returns build cld-submission --period <quarter>` also writes the submission itself, the CSV
 *   `CLD_<LA>_<quarter>_<start>-<end>.csv`, beside the validation workbook (same folder). It needs a warehouse loaded
 *   with `keepIdentifiers: true`: from one holding pseudonyms only it fails (exit 1) saying so, and writes nothing.
 *   With `--final` the CSV is written only when the report has no validation errors; `--publication` does not apply
 *   to it (exit 2): the CSV is personal data.
 *
 * The warehouse is `--warehouse`, else the configuration's `warehouse`. A return's own settings come from the
 * configuration's `returns.<id>` object (e.g. `{ "returns": { "sac": { "populationGeography": "E08000002" } } }`);
 * `groupFiles` there names comparator-group files (CSV or JSON) read into the return's `groups`.
 * Exit codes: 0 done; 1 failed work (validation errors with `--final`, the warehouse could not be read, the workbook
 * could not be written); 2 usage or configuration.
 *
 * @category commands
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { Geography, Period } from "@asckit/core"
import { WarehouseReader, WarehouseSchema } from "@asckit/etl"
import { CldSubmission, ReturnDocument, ReturnRegistry, Validation, WorkbookWriter } from "@asckit/returns"
import { Args, Command, Options } from "@effect/cli"
import { Console, Effect, Either, Option, ParseResult, Schema } from "effect"
import { CliError } from "../CliError.js"
import * as Config from "../Config.js"
import * as Render from "../Render.js"
import { version } from "../version.js"
import { config, la, warehouse } from "./shared.js"

const id = Args.text({ name: "return" }).pipe(
  Args.withDescription("The return's id (see `asckit returns list`)."),
)
const period = Options.text("period").pipe(
  Options.withAlias("p"),
  Options.withDescription("The period, e.g. 2024-25 (or `12 months to 2025-26 Q2` where the return allows)."),
)
const out = Options.text("out").pipe(
  Options.withDescription("Where to write the workbook (default: the configuration's outputDir/returns)."),
  Options.optional,
)
const publication = Options.boolean("publication").pipe(
  Options.withDescription(
    "Suppress counts under 5 (and rates computed from them) and round the others to 5; leave case-level listings and the Validation sheet out.",
  ),
)
const final = Options.boolean("final").pipe(
  Options.withDescription(
    "Write the return for submission only if it has no validation errors (else exit 1).",
  ),
)

/** What `asckit returns build` did. */
export interface Built {
  readonly document: ReturnDocument.Document
  /** The workbook written, absent when `--final` refused. */
  readonly path?: string
  /** The CLD submission CSV written beside the workbook (`cld-submission` only). */
  readonly csv?: string
}

/**
 * The copy of a document for publication: counts suppressed and rounded, rates and percentages on a count under 5
 * suppressed (`ReturnDocument.publish`), and tables without any count or measure (case-level listings) left out.
 * Its findings stay (they are printed), but `WorkbookWriter` writes no Validation sheet for it.
 */
export const publicationCopy = (doc: ReturnDocument.Document): ReturnDocument.Document => {
  const published = ReturnDocument.publish(doc)
  const aggregate = (t: ReturnDocument.Table) =>
    t.rows.some((r) => r.cells.some((c) => c.kind === "count" || c.kind === "measure"))
  return {
    ...published,
    sheets: published.sheets
      .map((s) => ({ ...s, tables: s.tables.filter(aggregate) }))
      .filter((s) => s.tables.length > 0),
  }
}

/** A file-name-safe form of a period: `2024-25`, `12-months-to-2025-26-Q2`. */
export const periodSlug = (p: Period.Period): string => Period.format(p).replace(/\s+/g, "-")

const usage = (message: string) => new CliError({ exitCode: 2, message })

/** The configuration file (with its `returns` settings), when there is one (`--config`, else ./asckit.config.json if it exists). */
export const loadConfig = (path: Option.Option<string>) =>
  Effect.gen(function* () {
    const file = Option.getOrElse(path, () => "asckit.config.json")
    if (Option.isNone(path) && !existsSync(file)) return undefined
    const loaded = yield* Config.load(file).pipe(Effect.mapError((e) => usage(e.message)))
    const raw = yield* Effect.try({
      try: () => JSON.parse(readFileSync(loaded.path, "utf8")) as { returns?: Record<string, unknown> },
      catch: (e) => usage(`${loaded.path}: ${(e as Error).message}`),
    })
    return { loaded, returns: raw.returns ?? {} }
  })

/**
 * A return's settings with its `groupFiles` read: comparator-group files (CSV or JSON, as `@asckit/core`
 * `Geography.fromCsv`/`fromJson` read them, e.g. the council's licensed CIPFA nearest neighbours) become `groups`,
 * after any given inline. Relative paths are read from the configuration's folder.
 */
export const withGroupFiles = (
  settings: unknown,
  baseDir: string,
  where: string,
): Effect.Effect<unknown, CliError> =>
  Effect.gen(function* () {
    if (typeof settings !== "object" || settings === null || !("groupFiles" in settings)) return settings
    const { groupFiles, ...rest } = settings as { groupFiles: unknown; groups?: unknown }
    if (!Array.isArray(groupFiles) || !groupFiles.every((f) => typeof f === "string")) {
      return yield* Effect.fail(
        usage(`The configuration's ${where}.groupFiles must be a list of file paths.`),
      )
    }
    const groups: Array<Geography.ComparatorGroup> = []
    for (const name of groupFiles) {
      const file = resolve(baseDir, name)
      const text = yield* Effect.try({
        try: () => readFileSync(file, "utf8"),
        catch: (e) =>
          usage(`Cannot read ${file} (the configuration's ${where}.groupFiles): ${(e as Error).message}`),
      })
      const parsed = file.toLowerCase().endsWith(".json") ? Geography.fromJson(text) : Geography.fromCsv(text)
      if (Either.isLeft(parsed)) return yield* Effect.fail(usage(`${file}: ${parsed.left.message}`))
      groups.push(...parsed.right)
    }
    return { ...rest, groups: [...(Array.isArray(rest.groups) ? rest.groups : []), ...groups] }
  })

/** The council: `--la`, else the only one whose data the warehouse holds. */
export const councilOf = (
  reader: WarehouseReader.Service,
  given: Option.Option<string>,
): Effect.Effect<string, CliError> =>
  Option.match(given, {
    onSome: (code) => Effect.succeed(code.trim()),
    onNone: () =>
      Effect.try({
        try: () => {
          const found = new Set<string>()
          for (const t of [
            WarehouseSchema.event,
            WarehouseSchema.safeguardingConcern,
            WarehouseSchema.safeguardingEnquiry,
            WarehouseSchema.dolsApplication,
          ]) {
            for (const r of reader.db.selectDistinct({ la: t.laCode }).from(t).all()) found.add(r.la)
          }
          return [...found].sort()
        },
        catch: (e) =>
          new CliError({ exitCode: 1, message: `Cannot read the warehouse: ${(e as Error).message}` }),
      }).pipe(
        Effect.flatMap((codes) =>
          codes.length === 1
            ? Effect.succeed(codes[0]!)
            : Effect.fail(
                usage(
                  codes.length === 0
                    ? "The warehouse holds no council's data yet: run `asckit etl` first, or pass --la <CASSR code>."
                    : `The warehouse holds several councils (${codes.join(", ")}): pass --la <CASSR code>.`,
                ),
              ),
        ),
      ),
  })

const findingLine = (f: ReturnDocument.Finding) =>
  `  ${f.severity === "error" ? "✗" : "?"} ${f.rule}${f.sheet ? ` (${f.sheet})` : ""}: ${f.message}`

/** Builds, validates and writes a return; the effect behind `asckit returns build`. */
export const runBuild = (args: {
  readonly id: string
  readonly period: string
  readonly out: Option.Option<string>
  readonly publication: boolean
  readonly final: boolean
  readonly la: Option.Option<string>
  readonly config: Option.Option<string>
  readonly warehouse: Option.Option<string>
}): Effect.Effect<Built, CliError, ReturnRegistry.ReturnRegistry | WorkbookWriter.WorkbookWriter> =>
  Effect.gen(function* () {
    const registry = yield* ReturnRegistry.ReturnRegistry
    const writer = yield* WorkbookWriter.WorkbookWriter
    const plugin = yield* registry.get(args.id).pipe(Effect.mapError((e) => usage(e.message)))
    const cld = plugin.id === CldSubmission.id
    if (cld && args.publication) {
      return yield* Effect.fail(
        usage(
          "--publication does not apply to the CLD submission: its CSV holds personal data and goes to DHSC, not to the public. Build it without --publication.",
        ),
      )
    }
    const parsed = Period.parse(args.period)
    if (Either.isLeft(parsed)) return yield* Effect.fail(usage(parsed.left.message))
    const p = parsed.right
    if (!plugin.periodKind.includes(p._tag)) {
      return yield* Effect.fail(
        usage(
          `${plugin.id} (${plugin.title}) covers ${plugin.periodKind.map((k) => kindName[k]).join(" or ")}; "${args.period}" is ${kindName[p._tag]}.`,
        ),
      )
    }
    const cfg = yield* loadConfig(args.config)
    const whPath = Option.match(args.warehouse, {
      onSome: (w) => resolve(w),
      onNone: () =>
        cfg === undefined ? undefined : resolve(cfg.loaded.baseDir, cfg.loaded.config.warehouse),
    })
    if (whPath === undefined) {
      return yield* Effect.fail(
        usage(
          "No warehouse: pass --warehouse <file> or --config <file>, or create ./asckit.config.json. To try asckit on the synthetic demo borough, run `pnpm etl` in the asckit repository.",
        ),
      )
    }
    const returnConfig = yield* withGroupFiles(
      cfg?.returns[plugin.id] ?? {},
      cfg?.loaded.baseDir ?? process.cwd(),
      `returns.${plugin.id}`,
    )
    const decoded = Schema.decodeUnknownEither(plugin.config)(returnConfig, {
      errors: "all",
    })
    if (Either.isLeft(decoded)) {
      return yield* Effect.fail(
        usage(
          `The configuration's returns.${plugin.id} is not valid:\n${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}`,
        ),
      )
    }
    const built = yield* Effect.gen(function* () {
      const reader = yield* WarehouseReader.WarehouseReader
      const laCode = yield* councilOf(reader, args.la)
      const context = { laCode, version }
      const buildFailed = (e: { readonly message: string }) =>
        new CliError({ exitCode: 1, message: e.message })
      if (cld) {
        // The submission itself, kept for its CSV; the plugin's document is its validation report.
        const config = decoded.right as CldSubmission.Config
        const submission = yield* CldSubmission.submission(config, p, context).pipe(
          Effect.mapError(buildFailed),
        )
        return { doc: CldSubmission.report(submission, config, context), laCode, submission }
      }
      const doc = yield* plugin.build(decoded.right, p, context).pipe(Effect.mapError(buildFailed))
      return { doc, laCode, submission: undefined }
    }).pipe(
      Effect.provide(WarehouseReader.layer(whPath)),
      Effect.catchTag("WarehouseError", (e) =>
        Effect.fail(new CliError({ exitCode: e.operation === "open" ? 2 : 1, message: e.message })),
      ),
    )
    const status = args.publication
      ? "publication: counts under 5 and rates or percentages computed from them suppressed, other counts rounded to 5; no Validation sheet"
      : args.final
        ? "final, for submission: exact figures"
        : "draft: exact figures, not yet cleared for submission"
    const withStatus: ReturnDocument.Document = {
      ...built.doc,
      notes: [...built.doc.notes, { label: "Output", value: status }],
    }
    const document = args.publication ? publicationCopy(withStatus) : withStatus
    const { errors, queries } = Validation.summary(document)
    const lines = [
      `${document.title}, ${Period.describe(p)}: ${document.sheets.length} sheets, ${document.sheets.reduce((n, s) => n + s.tables.length, 0)} tables`,
      `Validation: ${errors} error${errors === 1 ? "" : "s"}, ${queries} quer${queries === 1 ? "y" : "ies"} to sign off`,
      ...document.findings.filter((f) => f.severity === "error").map(findingLine),
      ...document.findings.filter((f) => f.severity === "query").map(findingLine),
    ]
    if (args.final && errors > 0) {
      yield* Console.log(lines.join("\n"))
      return yield* Effect.fail(
        new CliError({
          exitCode: 1,
          message: `${plugin.id} ${Period.format(p)} has ${errors} validation error${errors === 1 ? "" : "s"} (listed above): nothing was written. Fix them, or build without --final for a draft.`,
        }),
      )
    }
    const dir = Option.match(args.out, {
      onSome: (o) => resolve(o),
      onNone: () =>
        cfg === undefined
          ? resolve(".asckit/out/returns")
          : resolve(cfg.loaded.baseDir, cfg.loaded.config.outputDir, "returns"),
    })
    const file = `${plugin.id}-${built.laCode}-${periodSlug(p)}${args.publication ? "-publication" : ""}${args.final ? "" : "-draft"}.xlsx`
    const path = resolve(dir, file)
    yield* writer
      .write(document, path)
      .pipe(Effect.mapError((e) => new CliError({ exitCode: 1, message: e.message })))
    lines.push(`Wrote ${Render.shortPath(path)}`)
    let csv: string | undefined
    if (built.submission !== undefined) {
      csv = resolve(dir, CldSubmission.fileName(built.submission))
      yield* writeCsv(csv, CldSubmission.toCsv(built.submission))
      const rows = built.submission.rows.length
      lines.push(
        `Wrote ${Render.shortPath(csv)} (the CLD submission: ${rows.toLocaleString("en-GB")} row${rows === 1 ? "" : "s"}; personal data, handle it as such)`,
      )
    }
    if (!args.final && errors > 0)
      lines.push(
        built.submission !== undefined
          ? "The CSV has rows DHSC would reject (see the workbook's Rows sheet): fix them before building with --final for submission."
          : "Fix the errors before building with --final for submission.",
      )
    yield* Console.log(lines.join("\n"))
    return { document, path, ...(csv === undefined ? {} : { csv }) }
  })

const writeCsv = (path: string, text: string): Effect.Effect<void, CliError> =>
  Effect.try({
    try: () => {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, text, "utf8")
    },
    catch: (e) => new CliError({ exitCode: 1, message: `Cannot write ${path}: ${(e as Error).message}` }),
  })

const kindName: Readonly<Record<Period.Kind, string>> = {
  FinancialYear: "a financial year (2024-25)",
  Quarter: "a quarter (2024-25 Q2)",
  Month: "a month (Jul 2024)",
  Snapshot: "a snapshot date (2025-03-31)",
  Rolling12: "a rolling 12 months (12 months to 2025-26 Q2)",
}

/** Lists the return plugins; the effect behind `asckit returns list`. */
export const runList: Effect.Effect<void, never, ReturnRegistry.ReturnRegistry> = Effect.gen(function* () {
  const plugins = yield* Effect.flatMap(ReturnRegistry.ReturnRegistry, (r) => r.list)
  yield* Console.log(
    Render.table(
      ["return", "title", "periods"],
      plugins.map((p) => [
        p.id,
        p.title,
        p.periodKind.map((k) => kindName[k].replace(/ \(.*\)$/, "")).join(", "),
      ]),
    ),
  )
  for (const p of plugins) yield* Console.log(`\n${p.id}: ${p.description}`)
})

/** `asckit returns list`. */
export const list = Command.make("list", {}, () => runList).pipe(
  Command.withDescription("List the returns asckit can build and the periods they cover."),
)

/** `asckit returns build <id> --period <p> [--out dir] [--publication] [--final] [--la code] [--config file] [--warehouse file]`. */
export const build = Command.make(
  "build",
  { id, period, out, publication, final, la, config, warehouse },
  (args) => Effect.asVoid(runBuild(args)),
).pipe(
  Command.withDescription(
    "Build a return from the warehouse, validate it, and write its workbook (statutory tables, Validation and Notes sheets); cld-submission also writes the submission CSV beside it. --final refuses to write while there are validation errors; --publication suppresses and rounds.",
  ),
)

/** `asckit returns`: the statutory returns. */
export const returns = Command.make("returns").pipe(
  Command.withDescription("Build statutory returns from the warehouse (SALT-style tables, SAC, DoLS)."),
  Command.withSubcommands([list, build]),
)
