/**
 * DHSC's "latest person details", as at a period end, from the warehouse's `person` snapshots (one per person per
 * submission). Source: DHSC ASC-CLD-LA-Dashboard `ASCOF_measures/Create_personal_details_table.sql`, which ranks,
 * per field, a person's rows with a known value first, then the latest submission (`Ref_Period_End_Date DESC`):
 *
 * - birth year and month: both present first, then the latest submission, then the earliest birth date;
 * - date of death: present first, then the latest submission (any snapshot that records a death wins, so a death
 *   reported only in a later submission is still seen — 2A's "death within 7 days" after a March episode needs it);
 * - accommodation status: known first (not blank, not "Unknown"), then the latest submission; "Unknown" otherwise;
 * - primary support reason: known first, then the latest submission.
 *
 * "As at the period end": the snapshots taken on or before the period end come first, latest first; a person first
 * submitted after the period end (their events in the period reached CLD late) falls back to their earliest later
 * snapshot. DHSC builds the table from the whole joined-submissions table; taking the period end as the cut-off is
 * our reading of "status at the end of the period" (2E) for a warehouse that keeps every snapshot.
 *
 * DHSC's tie rule (conflicting values in one submission become "Unknown") cannot arise here: the warehouse keeps
 * one snapshot per person and submission.
 *
 * Two forms, the same rules: `field`, a correlated subquery on the `person_id` index (`la_code, person_id, as_at`),
 * for a few lookups; `latest`, every field of a cohort in one pass (the cohort joined to its snapshots through the
 * same index, then window functions), for large cohorts. Either way a measure reads only its cohort's people.
 *
 * @category measures
 */
import { type SQL, sql } from "drizzle-orm"
import type { Context } from "./common.js"

/** The person details the measures use. */
export type Field =
  | "birth_year"
  | "birth_month"
  | "date_of_death"
  | "accommodation_status"
  | "primary_support_reason"

/** Which snapshots hold a known value of each field (DHSC's `Der_…_Known`). */
const known: Readonly<Record<Field, string>> = {
  birth_year: "p.birth_year is not null and p.birth_month is not null",
  birth_month: "p.birth_year is not null and p.birth_month is not null",
  date_of_death: "p.date_of_death is not null",
  accommodation_status: "p.accommodation_status is not null and p.accommodation_status <> 'Unknown'",
  primary_support_reason: "p.primary_support_reason is not null",
}

/** The value taken from the chosen snapshot (an unknown accommodation is "Unknown", as DHSC writes it). */
const value: Readonly<Record<Field, string>> = {
  birth_year: "p.birth_year",
  birth_month: "p.birth_month",
  date_of_death: "p.date_of_death",
  accommodation_status: "coalesce(p.accommodation_status, 'Unknown')",
  primary_support_reason: "p.primary_support_reason",
}

/** Birth dates: among equally placed snapshots, the earliest birth date (DHSC). */
const extra: Readonly<Record<Field, string>> = {
  birth_year: ", p.birth_year, p.birth_month",
  birth_month: ", p.birth_year, p.birth_month",
  date_of_death: "",
  accommodation_status: "",
  primary_support_reason: "",
}

/**
 * A person's latest value of `field` as at the period end, as an SQL expression for the person `personId` (a column
 * of the enclosing query): known values first, then the snapshot order described in the module notes.
 */
export const field = (ctx: Context, personId: SQL, name: Field): SQL =>
  sql`(select ${sql.raw(value[name])} from person p
    where p.la_code = ${ctx.laCode} and p.person_id = ${personId}
    order by case when ${sql.raw(known[name])} then 0 else 1 end,
      case when p.as_at <= ${ctx.end} then 0 else 1 end, case when p.as_at <= ${ctx.end} then p.as_at end desc, p.as_at${sql.raw(extra[name])}
    limit 1)`

const fields: ReadonlyArray<Field> = [
  "birth_year",
  "birth_month",
  "date_of_death",
  "accommodation_status",
  "primary_support_reason",
]

/** The text each field is carried as through `latest`'s aggregate, and the SQL reading it back. */
const carried: Readonly<Record<Field, { readonly put: string; readonly get: (x: SQL) => SQL }>> = {
  birth_year: { put: "cast(p.birth_year as text)", get: (x) => sql`cast(${x} as integer)` },
  birth_month: { put: "cast(p.birth_month as text)", get: (x) => sql`cast(${x} as integer)` },
  date_of_death: { put: "p.date_of_death", get: (x) => x },
  accommodation_status: { put: "coalesce(p.accommodation_status, 'Unknown')", get: (x) => x },
  primary_support_reason: { put: "p.primary_support_reason", get: (x) => x },
}

/**
 * The latest details of a cohort, as a derived table with one row per person of `persons` (a query returning
 * `person_id`, each person once): `person_id` and the fields asked for (default all five; null where no snapshot
 * knows them).
 *
 * One grouped pass: each snapshot gets a sort key — known (0) or not (1), then on or before the period end (0 and
 * the date counted down, so later sorts first) or after it (1 and the date) — and `min(key || value)` picks, per
 * field, the value `field` would. Snapshot dates are unique per person, so keys never tie.
 */
export const latest = (ctx: Context, persons: SQL, names: ReadonlyArray<Field> = fields): SQL => {
  const snap = sql`case when p.as_at <= ${ctx.end}
      then '0' || cast(99999999 - cast(replace(p.as_at, '-', '') as integer) as text)
      else '1' || replace(p.as_at, '-', '') end`
  return sql`select c.person_id, ${sql.join(
    names.map((f) => {
      const picked = sql`nullif(substr(min(case when ${sql.raw(known[f])} then '0' else '1' end || ${snap} || '|' || coalesce(${sql.raw(carried[f].put)}, '')), 12), '')`
      return sql`${carried[f].get(picked)} as ${sql.raw(f)}`
    }),
    sql`,
    `,
  )}
  from (${persons}) c
  left join person p on p.la_code = ${ctx.laCode} and p.person_id = c.person_id
  group by c.person_id`
}
