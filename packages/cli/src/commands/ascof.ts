/**
 * `asckit ascof --period <p> [--json] [--out dir] [--la code] [--config file] [--warehouse file]`: every ASCOF
 * measure computed from the warehouse. A financial year (`2025-26`) gives the year; a quarter (`2026-27Q2`) gives
 * the rolling 12 months ending with it (a preview of the year, as DHSC's quarterly rolling ASCOF). Writes the ASCOF
 * return workbook and the gov.uk long-format CSV; `--json` prints every measure (code, numerator, denominator,
 * outcome, status) for scripts instead.
 *
 * @category commands
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { Catalogue, Period, Value } from "@asckit/core"
import { WarehouseReader } from "@asckit/etl"
import { AscofReturn, type ReturnRegistry, type WorkbookWriter } from "@asckit/returns"
import { Command, Options } from "@effect/cli"
import { Console, Effect, Either, Option } from "effect"
import { CliError } from "../CliError.js"
import * as Render from "../Render.js"
import { type Built, councilOf, loadConfig, runBuild } from "./returns.js"
import { config, la, warehouse } from "./shared.js"

const period = Options.text("period").pipe(
  Options.withAlias("p"),
  Options.withDescription(
    "A financial year (2025-26), or a quarter (2026-27Q2) for the rolling 12 months to it.",
  ),
)
const json = Options.boolean("json").pipe(
  Options.withDescription("Print every measure as JSON instead of writing files."),
)
const out = Options.text("out").pipe(
  Options.withDescription("Where to write the workbook and CSV."),
  Options.optional,
)

/** The ASCOF period a `--period` means: a quarter is the rolling 12 months ending with it. */
export const ascofPeriod = (text: string): Either.Either<Period.Period, string> =>
  Either.flatMap(
    Either.mapLeft(Period.parse(text), (e) => e.message),
    (p): Either.Either<Period.Period, string> =>
      p._tag === "Quarter"
        ? Either.right(Period.rolling12(p))
        : p._tag === "FinancialYear" || p._tag === "Rolling12"
          ? Either.right(p)
          : Either.left(
              `ASCOF covers a financial year (2025-26) or the rolling 12 months to a quarter (2026-27Q2), not "${text}".`,
            ),
  )

/** The warehouse file: `--warehouse`, else the configuration's. */
const warehouseOf = (args: {
  readonly config: Option.Option<string>
  readonly warehouse: Option.Option<string>
}) =>
  Effect.gen(function* () {
    if (Option.isSome(args.warehouse)) return resolve(args.warehouse.value)
    const cfg = yield* loadConfig(args.config)
    if (cfg === undefined) {
      return yield* Effect.fail(
        new CliError({
          exitCode: 2,
          message:
            "No warehouse: pass --warehouse <file> or --config <file>, or create ./asckit.config.json. To try asckit on the synthetic demo borough, run `pnpm etl` in the asckit repository.",
        }),
      )
    }
    return resolve(cfg.loaded.baseDir, cfg.loaded.config.warehouse)
  })

/** What `asckit ascof` wrote: the return (its document and workbook) and the gov.uk CSV. */
export interface AscofWritten extends Built {
  readonly csv: string
}

/** Computes every ASCOF measure and writes the return and CSV (or prints JSON); the effect behind `asckit ascof`. */
export const runAscof = (args: {
  readonly period: string
  readonly json: boolean
  readonly out: Option.Option<string>
  readonly la: Option.Option<string>
  readonly config: Option.Option<string>
  readonly warehouse: Option.Option<string>
}): Effect.Effect<
  AscofWritten | undefined,
  CliError,
  ReturnRegistry.ReturnRegistry | WorkbookWriter.WorkbookWriter
> =>
  Effect.gen(function* () {
    const parsed = ascofPeriod(args.period)
    if (Either.isLeft(parsed)) return yield* Effect.fail(new CliError({ exitCode: 2, message: parsed.left }))
    const p = parsed.right
    const wh = yield* warehouseOf(args)
    const { laCode, results } = yield* Effect.gen(function* () {
      const reader = yield* WarehouseReader.WarehouseReader
      const laCode = yield* councilOf(reader, args.la)
      return { laCode, results: yield* AscofReturn.collect(reader, p, laCode) }
    }).pipe(
      Effect.provide(WarehouseReader.layer(wh)),
      Effect.catchTag("WarehouseError", (e) =>
        Effect.fail(new CliError({ exitCode: e.operation === "open" ? 2 : 1, message: e.message })),
      ),
    )
    if (args.json) {
      const rows = results.map((r) => ({
        code: r.code,
        title: Option.getOrUndefined(Catalogue.byId(r.measureId))?.title,
        period: r.period,
        laCode: r.laCode,
        numerator: r.numerator ?? null,
        denominator: r.denominator ?? null,
        outcome: Value.toNumber(r.value) ?? null,
        marker: Value.marker(r.value) ?? null,
        status: r.status,
        note: r.note,
      }))
      yield* Console.log(JSON.stringify(rows, null, 2))
      return undefined
    }
    const built = yield* runBuild({
      id: "ascof",
      period: Period.format(p),
      out: args.out,
      publication: false,
      final: false,
      la: Option.some(laCode),
      config: args.config,
      warehouse: Option.some(wh),
    })
    // The gov.uk long-format CSV beside the workbook: the figures as DHSC would publish them. (A draft is always
    // written, so the workbook's path is known.)
    const csvPath = (built.path ?? "").replace(/(-draft)?\.xlsx$/, ".csv")
    yield* Effect.try({
      try: () => {
        mkdirSync(dirname(csvPath), { recursive: true })
        writeFileSync(csvPath, AscofReturn.govUkCsv(results, laCode))
      },
      catch: (e) =>
        new CliError({ exitCode: 1, message: `Cannot write ${csvPath}: ${(e as Error).message}` }),
    })
    yield* Console.log(`Wrote ${Render.shortPath(csvPath)} (gov.uk long format)`)
    return { ...built, csv: csvPath }
  })

/** `asckit ascof`. */
export const ascof = Command.make("ascof", { period, json, out, la, config, warehouse }, runAscof).pipe(
  Command.withDescription(
    "Every ASCOF measure from the warehouse: the return workbook and gov.uk CSV, or --json.",
  ),
)
