/**
 * SQL building blocks of the highlight report: the reporting windows as a `VALUES` table (so one set-based query
 * counts every month or quarter at once), the coverage of each source table (so a missing extract is a stated
 * reason, never a silent zero), and the shared fragments (long-term services, the complaint outcome classes).
 *
 * Portability: everything is standard SQL (CTEs with column lists over `VALUES`, window functions, `case`,
 * `coalesce`, `like`); the only date arithmetic, whole days between two ISO dates, comes from `measures/dialect.ts`.
 *
 * @category measures
 */
import { LocalDate, Period } from "@asckit/core"
import type { EtlError, WarehouseReader } from "@asckit/etl"
import { type SQL, sql } from "drizzle-orm"
import { Effect } from "effect"
import * as Dialect from "../measures/dialect.js"

/** A reporting window: a month, quarter or year, with the date 12 months before its end (overdue reviews). */
export interface Window {
  readonly key: string
  readonly period: Period.Period
  readonly start: LocalDate.LocalDate
  readonly end: LocalDate.LocalDate
  /** The day 12 months before `end`: a review on or before it is more than 12 months old at `end`. */
  readonly yearBefore: LocalDate.LocalDate
}

/** The window of a period. */
export const window = (period: Period.Period): Window => ({
  key: Period.format(period),
  period,
  start: Period.start(period),
  end: Period.end(period),
  yearBefore: LocalDate.addMonths(Period.end(period), -12),
})

/** A short label for axes and table headers: `Sep 2026`, `Q2 2026-27`, `2024-25`, `12m to Q2 2026-27`. */
export const shortLabel = (period: Period.Period): string => {
  switch (period._tag) {
    case "Quarter":
      return `Q${period.quarter} ${Period.format(Period.financialYear(period.startYear))}`
    case "Rolling12":
      return `12m to ${shortLabel(period.end)}`
    default:
      return Period.format(period)
  }
}

/** `p(k, p_start, p_end, p_cut)`: the windows as a CTE body, for `with ${windows(ws)} select …`. */
export const windows = (ws: ReadonlyArray<Window>): SQL =>
  sql`p (k, p_start, p_end, p_cut) as (values ${sql.join(
    ws.map((w) => sql`(${w.key}, ${w.start}, ${w.end}, ${w.yearBefore})`),
    sql`, `,
  )})`

/** The query context: the reader, the council and the dialect. */
export interface Ctx {
  readonly reader: WarehouseReader.Service
  readonly laCode: string
  readonly dialect: Dialect.Dialect
}

/** A number from a query row (PostgreSQL returns counts and averages as text). */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v))

/** The effective end of an event: DHSC's derived end date, else the end date as submitted. */
export const eventEnd = sql`coalesce(e.derived_end_date, e.end_date)`

/** A long-term service (nursing, residential, community, prison) of a service user, open on `day`. */
export const longTermOpenOn = (day: SQL): SQL =>
  sql`e.event_type = 'Service' and e.service_type like 'Long term support:%'
    and (e.client_type is null or e.client_type = 'Service user')
    and e.start_date <= ${day} and (${eventEnd} is null or ${eventEnd} >= ${day})`

/** A complaint's outcome class from the log's free text: upheld | partly | not | withdrawn | other. */
export const complaintClass = (outcome: SQL): SQL => sql`case
    when lower(coalesce(${outcome}, '')) like '%not upheld%' then 'not'
    when lower(${outcome}) like '%part%' then 'partly'
    when lower(${outcome}) like '%upheld%' then 'upheld'
    when lower(${outcome}) like '%withdrawn%' then 'withdrawn'
    else 'other' end`

// ---------------------------------------------------------------------------------------------------------------
// coverage

/** A source table the report reads, and what its extract is called for readers. */
export interface Source {
  readonly id: string
  /** e.g. "work-tray extract (work_item)". */
  readonly what: string
  /** `select count(*) as n, min(…) as first, max(…) as last` for the council. */
  readonly coverage: (la: string) => SQL
}

const range = (table: string, la: string, first: string, lasts: ReadonlyArray<string>, extra?: SQL): SQL =>
  sql`select count(*) as n, min(${sql.raw(first)}) as first, ${sql.join(
    lasts.map((c, i) => sql`max(${sql.raw(c)}) as ${sql.raw(`last${i}`)}`),
    sql`, `,
  )} from ${sql.raw(table)} where la_code = ${la}${extra === undefined ? sql`` : sql` and ${extra}`}`

/** The source tables, by id. */
export const sources = {
  cld: {
    id: "cld",
    what: "Client Level Data (event)",
    coverage: (la) => range("event", la, "submission_start", ["submission_end"]),
  },
  work: {
    id: "work",
    what: "work-tray extract of waiting work (work_item)",
    coverage: (la) =>
      range("work_item", la, "entered_date", ["entered_date", "allocated_date", "closed_date"]),
  },
  contact: {
    id: "contact",
    what: "front-door contacts extract (contact)",
    coverage: (la) => range("contact", la, "contact_date", ["contact_date"]),
  },
  concern: {
    id: "concern",
    what: "safeguarding concerns extract (safeguarding_concern)",
    coverage: (la) => range("safeguarding_concern", la, "received_date", ["received_date", "decision_date"]),
  },
  enquiry: {
    id: "enquiry",
    what: "safeguarding enquiries extract (safeguarding_enquiry)",
    coverage: (la) => range("safeguarding_enquiry", la, "start_date", ["start_date", "concluded_date"]),
  },
  dols: {
    id: "dols",
    what: "DoLS applications (dols_application)",
    coverage: (la) => range("dols_application", la, "received_date", ["received_date", "signed_off_date"]),
  },
  complaints: local("complaints", "complaints log"),
  compliments: local("compliments", "compliments log"),
  carers: local("carers-hub", "carers' hub register"),
  feedback: local("feedback", "feedback returns"),
  training: local("training", "learning and development records"),
} satisfies Record<string, Source>

/** A `local_record` dataset as a source. */
export function local(dataset: string, what: string): Source {
  return {
    id: `local:${dataset}`,
    what: `${what} (local_record dataset "${dataset}")`,
    coverage: (la) =>
      range("local_record", la, "record_date", ["record_date", "end_date"], sql`dataset = ${dataset}`),
  }
}

/** What is loaded of a source for the council: row count and the dates it spans. */
export interface Coverage {
  readonly source: Source
  readonly rows: number
  readonly first: string | undefined
  readonly last: string | undefined
}

/** Reads a source's coverage for the council. */
export const coverage = (ctx: Ctx, source: Source): Effect.Effect<Coverage, EtlError.WarehouseError> =>
  Effect.map(
    ctx.reader.get<Record<string, unknown>>(`coverage of ${source.id}`, source.coverage(ctx.laCode)),
    (r) => {
      const lasts = Object.entries(r ?? {})
        .filter(([k, v]) => k.startsWith("last") && typeof v === "string" && v !== "")
        .map(([, v]) => v as string)
        .sort()
      const first = typeof r?.first === "string" && r.first !== "" ? r.first : undefined
      return { source, rows: num(r?.n), first, last: lasts.at(-1) }
    },
  )

/** Why a window has no value from a source (nothing loaded, or outside the dates loaded), or `undefined`. */
export const gap = (c: Coverage, w: Window, la: string): string | undefined => {
  if (c.rows === 0) return `nothing is loaded from the ${c.source.what} for council ${la}`
  if (c.first !== undefined && w.end < c.first)
    return `the ${c.source.what} loaded starts on ${c.first}, after ${w.key}`
  if (c.last !== undefined && w.start > c.last)
    return `the ${c.source.what} loaded ends on ${c.last}, before ${w.key}`
  return undefined
}

/** Readable SQL text for the Notes sheet. */
export const text = Dialect.text
