/**
 * The quarterly highlight report: for each "obsession" (an outcome the department has chosen to drive) its measures
 * with frequency, polarity, a sparkline, the latest value, direction of travel, RAG against target and ranks against
 * CIPFA neighbours, the region and Greater Manchester; then sections on contacts, waiting lists, reviews,
 * assessments, services, safeguarding, DoLS, complaints and compliments, care-market quality, feedback and carers —
 * each with tables, charts and commentary. Computed from the warehouse (read-only), written as an xlsx workbook and
 * a standalone HTML file, and emailed (or, with `dryRun`, written as an `.eml`).
 *
 * ```ts
 * const resolved = yield* HighlightReport.Config.load("examples/highlight/highlight.config.json")
 * const written = yield* HighlightReport.write(reader, resolved, Period.quarter(2026, 2), ".asckit/out/highlight")
 * yield* HighlightReport.email(written, resolved, { dryRun: true })
 * ```
 *
 * @category returns
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { type LocalDate, Period } from "@asckit/core"
import { type EtlError, WarehouseReader } from "@asckit/etl"
import { sql } from "drizzle-orm"
import { Either as E, Effect, Option } from "effect"
import { OutputError, ReturnBuildError } from "../ReturnError.js"
import * as ReturnPlugin from "../ReturnPlugin.js"
import * as Build from "./Build.js"
import * as Config from "./Config.js"
import * as Document from "./Document.js"
import { HighlightConfigError, type MailError } from "./Errors.js"
import * as Format from "./Format.js"
import * as Html from "./Html.js"
import * as Mailer from "./Mailer.js"
import { toText } from "./Markdown.js"
import type * as Model from "./Model.js"
import * as Xlsx from "./Xlsx.js"

export * as Build from "./Build.js"
export * as Config from "./Config.js"
export * as Document from "./Document.js"
export * as Errors from "./Errors.js"
export * as Format from "./Format.js"
export * as Html from "./Html.js"
export * as Mailer from "./Mailer.js"
export * as Markdown from "./Markdown.js"
export * as Measures from "./Measures.js"
export * as Model from "./Model.js"
export * as Png from "./Png.js"
export * as Published from "./Published.js"
export * as Sections from "./Sections.js"
export * as Sql from "./Sql.js"
export * as Svg from "./Svg.js"
export * as Xlsx from "./Xlsx.js"

/** Reads a period for the report: a quarter (`2026-27 Q2`, `2026-27Q2`); the error says what is expected. */
export const parsePeriod = (text: string): E.Either<Period.Quarter, string> =>
  E.mapLeft(
    Period.parseAs("Quarter", text),
    (e) => `${e.message} The highlight report is quarterly: e.g. --period 2026-27Q2.`,
  )

/**
 * The latest quarter the warehouse covers for a council: the quarter ending on the last day of the loaded CLD
 * submissions (`event.submission_end`), or the quarter before when that day is not a quarter end; `None` when no
 * CLD is loaded. For running the report after a load (`pnpm etl`) without naming a period.
 */
export const latestQuarter = (
  reader: WarehouseReader.Service,
  laCode: string,
): Effect.Effect<Option.Option<Period.Quarter>, EtlError.WarehouseError> =>
  Effect.map(
    reader.get<{ last: string | null }>(
      "latest quarter loaded",
      sql`select max(submission_end) as last from event where la_code = ${laCode}`,
    ),
    (r) => {
      const last = r?.last
      if (last === null || last === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(last)) return Option.none()
      const q = Period.quarterOf(last as LocalDate.LocalDate)
      return Option.some(Period.end(q) === last ? q : (Period.previous(q) as Period.Quarter))
    },
  )

/** The base name of a period's files, e.g. `highlight-2026-27-Q2`. */
export const fileBase = (quarter: Period.Quarter): string =>
  `highlight-${Period.format(quarter).replace(/\s+/g, "-")}`

/** What `write` wrote. */
export interface Written {
  readonly report: Model.Report
  readonly xlsx: string
  readonly html: string
}

/**
 * Builds the report for a quarter and writes `<outDir>/highlight-<period>.xlsx` and `.html` (the folder is created).
 * This is what `asckit report highlight` and the ETL's default outputs call.
 */
export const write = (
  reader: WarehouseReader.Service,
  resolved: Config.Resolved,
  quarter: Period.Quarter,
  outDir: string,
): Effect.Effect<Written, EtlError.WarehouseError | OutputError> =>
  Effect.gen(function* () {
    const report = yield* Build.build(reader, resolved, quarter)
    const base = join(outDir, fileBase(quarter))
    const xlsx = `${base}.xlsx`
    const html = `${base}.html`
    yield* Xlsx.write(report, xlsx)
    yield* Effect.try({
      try: () => {
        mkdirSync(outDir, { recursive: true })
        writeFileSync(html, Html.render(report))
      },
      catch: (e) =>
        new OutputError({ path: html, message: `Cannot write ${html}: ${(e as Error).message}`, cause: e }),
    })
    return { report, xlsx, html }
  })

/** The email's plain-text part: the headline of each measure. */
export const plainText = (report: Model.Report): string => {
  const lines = [`${report.title}`, `${report.councilName}, ${report.periodLabel}`, ""]
  if (report.summary) lines.push(toText(report.summary), "")
  for (const o of report.obsessions) {
    lines.push(`${o.id}: ${o.title}`)
    for (const r of o.rows) {
      const latest =
        r.latest === undefined ? "[x]" : `${Format.value(r.measure, r.latest.value)} (${r.latest.label})`
      lines.push(
        `  - ${r.title}: ${latest}, ${Format.direction(r.direction)}${r.rag === "none" ? "" : `, ${Format.rag(r.rag)}`}`,
      )
    }
    lines.push("")
  }
  lines.push(
    "The full report is attached as a workbook; this email's HTML part has the charts and commentary.",
  )
  return lines.join("\n")
}

/** The message for a written report: the HTML report as its body, the workbook attached. */
export const message = (
  written: Written,
  resolved: Config.Resolved,
  from: string,
  xlsx: Buffer,
): Effect.Effect<Mailer.Message, HighlightConfigError> =>
  Effect.gen(function* () {
    const email = resolved.config.email
    if (email === undefined) {
      return yield* Effect.fail(
        new HighlightConfigError({
          path: resolved.path ?? "the highlight configuration",
          message: `${resolved.path ?? "The highlight configuration"} has no "email" recipients: add "email": { "to": ["…"] } to send the report.`,
        }),
      )
    }
    const period = Period.format(written.report.period)
    return {
      from,
      to: email.to,
      ...(email.cc === undefined ? {} : { cc: email.cc }),
      subject: (email.subject ?? `${written.report.title} — {period}`).replace(/\{period\}/g, period),
      html: Html.render(written.report),
      text: plainText(written.report),
      attachments: [
        {
          filename: `${fileBase(written.report.period)}.xlsx`,
          content: xlsx,
          contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        },
      ],
    }
  })

/** What `email` did: wrote the `.eml` (dry run) or sent the message. */
export type Emailed =
  | { readonly _tag: "DryRun"; readonly eml: string; readonly to: ReadonlyArray<string> }
  | { readonly _tag: "Sent"; readonly sent: Mailer.Sent; readonly to: ReadonlyArray<string> }

/**
 * Emails a written report to the configured recipients with the SMTP settings of the environment; with `dryRun`,
 * writes `<report>.eml` beside the report instead (nothing is sent; the sender is `ASCKIT_SMTP_FROM` when set).
 */
export const email = (
  written: Written,
  resolved: Config.Resolved,
  options: { readonly dryRun: boolean },
): Effect.Effect<Emailed, MailError | HighlightConfigError | OutputError> =>
  Effect.gen(function* () {
    const settings = options.dryRun ? Option.none() : Option.some(yield* Mailer.settings)
    const from = Option.match(settings, {
      onSome: (s) => s.from,
      onNone: () => process.env.ASCKIT_SMTP_FROM ?? "highlight-report@asckit.invalid",
    })
    const xlsx = yield* Xlsx.toBuffer(written.report)
    const msg = yield* message(written, resolved, from, xlsx)
    const composed = yield* Mailer.compose(msg)
    const to = [...msg.to, ...(msg.cc ?? [])]
    if (Option.isNone(settings)) {
      const eml = written.html.replace(/\.html$/, ".eml")
      yield* Effect.try({
        try: () => writeFileSync(eml, composed.raw),
        catch: (e) =>
          new OutputError({ path: eml, message: `Cannot write ${eml}: ${(e as Error).message}`, cause: e }),
      })
      return { _tag: "DryRun", eml, to } as const
    }
    const sent = yield* Mailer.send(settings.value, composed)
    return { _tag: "Sent", sent, to } as const
  })

/**
 * The highlight report as a return plugin (a quarter; the document of `Document.fromReport`): the council is the build
 * context's unless the configuration names one; relative paths are read from the working directory.
 */
export const plugin = ReturnPlugin.make<Config.PluginConfig>({
  id: Document.returnId,
  title: "Quarterly highlight report",
  description:
    "Obsessions and their measures (trend, latest value, direction of travel, RAG, ranks) and sections on contacts, waiting lists, reviews, assessments, services, safeguarding, DoLS, complaints, the care market and feedback",
  periodKind: ["Quarter"],
  config: Config.PluginConfig,
  build: (config, period, context) =>
    Effect.gen(function* () {
      const quarter = period._tag === "Quarter" ? period : undefined
      if (quarter === undefined) {
        return yield* Effect.fail(
          new ReturnBuildError({
            returnId: Document.returnId,
            message: `The highlight report is quarterly; ${Period.format(period)} is not a quarter (e.g. 2026-27 Q2).`,
          }),
        )
      }
      const resolved = yield* Effect.mapError(
        Config.resolveConfig({ ...config, laCode: config.laCode ?? context.laCode }, process.cwd()),
        (e) => new ReturnBuildError({ returnId: Document.returnId, message: e.message }),
      )
      const reader = yield* WarehouseReader.WarehouseReader
      return Document.fromReport(yield* Build.build(reader, resolved, quarter))
    }),
})
