/**
 * `asckit report highlight`: build the quarterly highlight report from the warehouse, write it as xlsx and HTML, and
 * email it (or, with `--dry-run`, write the `.eml` instead of sending). Exit codes: 0 done; 1 failed work (the
 * warehouse could not be read, a file could not be written, the message could not be sent); 2 usage or configuration
 * (a bad period, a bad configuration file, missing SMTP settings).
 *
 * @category commands
 */
import { existsSync } from "node:fs"
import { resolve } from "node:path"
import { WarehouseReader } from "@asckit/etl"
import { HighlightReport } from "@asckit/returns"
import { Command, Options } from "@effect/cli"
import { Console, Effect, Either, Option } from "effect"
import { CliError } from "../CliError.js"
import * as Render from "../Render.js"
import { warehouse } from "./shared.js"

const period = Options.text("period").pipe(
  Options.withAlias("p"),
  Options.withDescription('The quarter to report, e.g. 2026-27Q2 or "2026-27 Q2".'),
)
const email = Options.boolean("email").pipe(
  Options.withDescription(
    "Email the report to the configuration's recipients (SMTP settings from ASCKIT_SMTP_*).",
  ),
)
const dryRun = Options.boolean("dry-run").pipe(
  Options.withDescription("Write the email as an .eml file beside the report instead of sending it."),
)
const config = Options.file("config", { exists: "either" }).pipe(
  Options.withAlias("c"),
  Options.withDescription(
    "The highlight-report configuration (default: ./highlight.config.json). The synthetic borough's is examples/highlight/highlight.config.json.",
  ),
  Options.optional,
)
const out = Options.text("out").pipe(
  Options.withDescription(
    "Where to write the report (default: the configuration's outputDir, else .asckit/out/highlight).",
  ),
  Options.optional,
)

/** What the command did. */
export interface HighlightRun {
  readonly xlsx: string
  readonly html: string
  readonly eml?: string
  readonly sent?: HighlightReport.Mailer.Sent
}

/** Builds, writes and (optionally) emails the highlight report; the effect behind `asckit report highlight`. */
export const runHighlight = (args: {
  readonly period: string
  readonly email: boolean
  readonly dryRun: boolean
  readonly config: Option.Option<string>
  readonly out: Option.Option<string>
  readonly warehouse: Option.Option<string>
}): Effect.Effect<HighlightRun, CliError> =>
  Effect.gen(function* () {
    const quarter = HighlightReport.parsePeriod(args.period)
    if (Either.isLeft(quarter))
      return yield* Effect.fail(new CliError({ exitCode: 2, message: quarter.left }))
    const path = Option.getOrElse(args.config, () => "highlight.config.json")
    if (Option.isNone(args.config) && !existsSync(path)) {
      return yield* Effect.fail(
        new CliError({
          exitCode: 2,
          message:
            "No highlight configuration: pass --config <file>, or create ./highlight.config.json. For the synthetic demo borough (after `pnpm etl`): --config examples/highlight/highlight.config.json.",
        }),
      )
    }
    const resolved = yield* HighlightReport.Config.load(path).pipe(
      Effect.mapError((e) => new CliError({ exitCode: 2, message: e.message })),
    )
    const whPath = Option.match(args.warehouse, {
      onNone: () => resolved.warehouse,
      onSome: (w) => resolve(w),
    })
    const outDir = Option.match(args.out, { onNone: () => resolved.outputDir, onSome: (o) => resolve(o) })
    const written = yield* Effect.flatMap(WarehouseReader.WarehouseReader, (reader) =>
      HighlightReport.write(reader, resolved, quarter.right, outDir),
    ).pipe(
      Effect.provide(WarehouseReader.layer(whPath)),
      Effect.mapError((e) => new CliError({ exitCode: 1, message: e.message })),
    )
    const rows = HighlightReport.Model.rows(written.report)
    const withValue = rows.filter((r) => r.latest?.value._tag === "Available").length
    const complete = written.report.sections.filter((s) => s.gaps.length === 0).length
    yield* Console.log(
      [
        `${written.report.title}: ${written.report.councilName}, ${written.report.periodLabel}`,
        `  ${rows.length} measures: ${withValue} with a value for the latest period, ${rows.length - withValue} without (the report says why for each)`,
        `  ${written.report.sections.length} sections: ${complete} complete, ${written.report.sections.length - complete} with data not loaded (listed in the report)`,
        `Wrote ${Render.shortPath(written.xlsx)}`,
        `Wrote ${Render.shortPath(written.html)}`,
      ].join("\n"),
    )
    if (!args.email && !args.dryRun) return { xlsx: written.xlsx, html: written.html }
    const emailed = yield* HighlightReport.email(written, resolved, { dryRun: args.dryRun }).pipe(
      Effect.mapError(
        (e) =>
          new CliError({
            exitCode:
              e._tag === "HighlightConfigError" || (e._tag === "MailError" && e.failure === "config") ? 2 : 1,
            message: e.message,
          }),
      ),
    )
    const n = emailed.to.length
    const recipients = `${n} recipient${n === 1 ? "" : "s"}`
    if (emailed._tag === "DryRun") {
      yield* Console.log(
        `Dry run: wrote ${Render.shortPath(emailed.eml)} (to ${recipients}); nothing was sent.`,
      )
      return { xlsx: written.xlsx, html: written.html, eml: emailed.eml }
    }
    const s = emailed.sent
    yield* Console.log(
      `Sent to ${recipients} (${s.messageId}); the server replied "${s.response}" after ${s.attempts} attempt${s.attempts === 1 ? "" : "s"}.` +
        (s.rejected.length > 0
          ? `\nThe server refused ${s.rejected.length} recipient(s): ${s.rejected.join(", ")}.`
          : ""),
    )
    return { xlsx: written.xlsx, html: written.html, sent: s }
  })

/** `asckit report highlight --period 2026-27Q2 [--email] [--dry-run] [--config file] [--out dir] [--warehouse file]`. */
export const highlight = Command.make(
  "highlight",
  { period, email, dryRun, config, out, warehouse },
  (args) => Effect.asVoid(runHighlight(args)),
).pipe(
  Command.withDescription(
    "The quarterly highlight report: obsessions and their measures, then contacts, waiting lists, reviews, assessments, services, safeguarding, DoLS, complaints, the care market and feedback. Writes xlsx and HTML; --email sends it, --dry-run writes the .eml.",
  ),
)

/** `asckit report`: the reports asckit builds from the warehouse. */
export const report = Command.make("report").pipe(
  Command.withDescription("Build reports from the warehouse."),
  Command.withSubcommands([highlight]),
)
