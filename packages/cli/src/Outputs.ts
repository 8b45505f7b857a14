/**
 * What `asckit etl` writes after a successful load, when the configuration asks (`outputs`): the returns for the
 * latest complete financial year the loaded CLD covers, the ASCOF preview for the rolling 12 months to the latest
 * quarter, and the highlight report for that quarter. Written, never sent.
 *
 * @category output
 */
import { resolve } from "node:path"
import { type LocalDate, Period } from "@asckit/core"
import { WarehouseReader } from "@asckit/etl"
import { type ReturnRegistry, Validation, type WorkbookWriter } from "@asckit/returns"
import { sql } from "drizzle-orm"
import { Effect, Option } from "effect"
import { CliError } from "./CliError.js"
import type * as Config from "./Config.js"
import { runAscof } from "./commands/ascof.js"
import { runHighlight } from "./commands/report.js"
import { type Built, runBuild } from "./commands/returns.js"

/** The periods the outputs cover: the latest complete financial year and the latest quarter of the loaded CLD. */
export interface Periods {
  readonly year: Period.FinancialYear
  readonly quarter: Period.Quarter
}

/** The periods of the loaded CLD (from the latest submission's end), if any CLD is loaded. */
export const periods = (warehouse: string): Effect.Effect<Periods | undefined, CliError> =>
  Effect.flatMap(WarehouseReader.WarehouseReader, (r) =>
    r.get<{ last: string | null }>("latest submission", sql`select max(submission_end) as last from event`),
  ).pipe(
    Effect.provide(WarehouseReader.layer(warehouse)),
    Effect.mapError((e) => new CliError({ exitCode: 1, message: e.message })),
    Effect.map((row) => {
      if (!row?.last) return undefined
      const last = row.last as LocalDate.LocalDate
      const quarter = Period.quarterOf(last)
      const fy = Period.financialYearOf(last)
      // The latest complete year: this one if the data reach its 31 March, else the one before.
      const year = Period.end(fy) === last ? fy : (Period.previous(fy) as Period.FinancialYear)
      return {
        year,
        quarter: Period.end(quarter) === last ? quarter : (Period.previous(quarter) as Period.Quarter),
      }
    }),
  )

/** One output written: which, for what period, the files, and its validation counts. */
export interface Written {
  readonly output: string
  readonly period: string
  readonly files: ReadonlyArray<string>
  readonly errors: number
  readonly queries: number
}

const fromReturn = (
  output: string,
  period: string,
  built: Built,
  extra: ReadonlyArray<string> = [],
): Written => ({
  output,
  period,
  files: [...(built.path === undefined ? [] : [built.path]), ...extra],
  ...Validation.summary(built.document),
})

/** Writes the configured outputs and lists them; none when none are configured or no CLD is loaded. */
export const write = (
  loaded: Config.Loaded,
  warehouse: string,
): Effect.Effect<
  ReadonlyArray<Written>,
  CliError,
  ReturnRegistry.ReturnRegistry | WorkbookWriter.WorkbookWriter
> =>
  Effect.gen(function* () {
    const outputs = loaded.config.outputs
    if (outputs === undefined) return []
    const p = yield* periods(warehouse)
    if (p === undefined) return []
    const written: Array<Written> = []
    const common = {
      out: Option.none(),
      la: Option.none(),
      config: Option.some(loaded.path),
      warehouse: Option.some(warehouse),
    }
    for (const id of outputs.returns) {
      if (id === "ascof") {
        const ascofPeriods = [p.year, ...(outputs.ascofRolling ? [Period.rolling12(p.quarter)] : [])]
        for (const period of ascofPeriods) {
          const a = yield* runAscof({ ...common, period: Period.format(period), json: false })
          if (a !== undefined) written.push(fromReturn(id, Period.format(period), a, [a.csv]))
        }
      } else {
        const period = Period.format(p.year)
        const built = yield* runBuild({ ...common, id, period, publication: false, final: false })
        written.push(fromReturn(id, period, built))
      }
    }
    if (outputs.highlight !== undefined) {
      const h = yield* runHighlight({
        period: Period.format(p.quarter),
        email: false,
        dryRun: false,
        config: Option.some(resolve(loaded.baseDir, outputs.highlight)),
        out: Option.some(resolve(loaded.baseDir, loaded.config.outputDir, "highlight")),
        warehouse: Option.some(warehouse),
      })
      written.push({
        output: "highlight",
        period: Period.format(p.quarter),
        files: [h.xlsx, h.html],
        errors: 0,
        queries: 0,
      })
    }
    return written
  })
