/**
 * Small SQL building blocks shared by the statutory returns (SALT-style tables, the Safeguarding Adults Collection,
 * DoLS): mappings written as `case` expressions from plain data, label lists, and the CLD base tables every SALT
 * query starts from. Everything here is standard SQL that SQLite and PostgreSQL both run; date arithmetic comes from
 * `measures/dialect.ts`.
 *
 * @category returns
 */
import { type SQL, sql } from "drizzle-orm"
import type { Dialect } from "../../measures/dialect.js"

/**
 * The end date given to open events where NHS England's code writes `GETDATE()` (today). A fixed far date keeps
 * every figure reproducible: an open episode never "ends" inside a reporting period, whenever the return is built.
 */
export const OPEN_END = "9999-12-31"

/** `case <expr> when k1 then v1 … else <otherwise> end`, from plain data (values bound as parameters). */
export const caseMap = (
  expr: SQL,
  entries: ReadonlyArray<readonly [string | number, string | number]>,
  otherwise: string | number | null,
): SQL => {
  if (entries.length === 0) return sql`${otherwise}`
  const whens = entries.map(([k, v]) => sql`when ${k} then ${v}`)
  return sql`(case ${expr} ${sql.join(whens, sql` `)} else ${otherwise} end)`
}

/** The position (1-based) of `expr` in `ordered`, else `otherwise`: a hierarchy rank as a `case` expression. */
export const rankOf = (expr: SQL, ordered: ReadonlyArray<string>, otherwise = 99): SQL =>
  caseMap(
    expr,
    ordered.map((v, i) => [v, i + 1] as const),
    otherwise,
  )

/** `(v1, v2, …)` for `in` lists (values bound as parameters). */
export const list = (values: ReadonlyArray<string>): SQL =>
  sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`

/**
 * A comparison key for labels from spreadsheets: lower case, without spaces, hyphens, colons, commas, full stops,
 * slashes, brackets or apostrophes (so "Care Home - Nursing", "care home: nursing" and "Care home nursing" match).
 * `labelKey` is the same key computed in TypeScript.
 */
export const keyOf = (expr: SQL): SQL => {
  let out = sql`lower(${expr})`
  for (const ch of [" ", "-", ":", ",", ".", "/", "(", ")", "'", "’", "–"])
    out = sql`replace(${out}, ${ch}, '')`
  return out
}

/** The TypeScript twin of `keyOf`. */
export const labelKey = (label: string): string => label.toLowerCase().replace(/[\s\-:,./()'’–]/g, "")

/**
 * People whose events NHS England leaves out of the SALT tables: an id made from the LA person id (no NHS number)
 * when the same LA person id also appears with an NHS number, so the person cannot be counted once with certainty
 * (NHSE-CTP, every replication script: "CREATE AMALGAMATED NHS/LA IDENTIFIER", rows with a NULL [ID] deleted).
 */
export const ambiguousIds = (la: string): SQL => sql`
  select distinct p.person_id
  from person p
  join (
    select la_person_id_pseudo from person
    where la_code = ${la} and la_person_id_pseudo is not null
    group by la_person_id_pseudo
    having max(case when nhs_number_pseudo is null then 1 else 0 end) = 1
       and max(case when nhs_number_pseudo is null then 0 else 1 end) = 1
  ) a on a.la_person_id_pseudo = p.la_person_id_pseudo
  where p.la_code = ${la} and p.nhs_number_pseudo is null`

/**
 * Every CLD event of a council with the person details of the submission it came from (CLD repeats the person's
 * details on each event row; the warehouse keeps one snapshot per person and submission, `person.as_at` =
 * `event.submission_end`). The end date is the warehouse's `derived_end_date`: the latest submitted version of the
 * event, with DHSC's corrections (open services missing from a later submission cropped; events ended at death) —
 * the equivalent of NHS England's "latest version of each event" step. Columns: pid, type, client, st, en, outcome,
 * route, stype, scomp, dm, reason, birth_y, birth_m, dod, psr, gender, ethnicity, carer, employment, accommodation, asat.
 */
export const cldEvents = (la: string): SQL => sql`
  select e.person_id as pid, e.event_type as type, e.client_type as client, e.start_date as st,
    e.derived_end_date as en, e.event_outcome as outcome, e.route_of_access as route, e.service_type as stype,
    e.service_component as scomp, e.delivery_mechanism as dm, e.review_reason as reason,
    p.birth_year as birth_y, p.birth_month as birth_m, p.date_of_death as dod, p.primary_support_reason as psr,
    p.gender as gender, p.ethnicity as ethnicity, p.has_unpaid_carer as carer,
    p.employment_status as employment, p.accommodation_status as accommodation, e.submission_end as asat
  from event e
  left join person p on p.la_code = e.la_code and p.person_id = e.person_id and p.as_at = e.submission_end
  where e.la_code = ${la}
    and e.event_type in ('Request', 'Assessment', 'Service', 'Review')
    and e.person_id not in (${ambiguousIds(la)})`

/** An age band expression (`'18-64'`, `'65+'`, else `'other'`) from an age expression. */
export const workingAgeBand = (age: SQL): SQL =>
  sql`(case when ${age} between 18 and 64 then '18-64' when ${age} >= 65 then '65+' else 'other' end)`

/** A derived-age expression for columns `birth_y`, `birth_m` (DHSC's proxy date of birth on the 1st of the month). */
export const ageAt = (d: Dialect, at: string, prefix = ""): SQL =>
  d.dhscAge(sql.raw(`${prefix}birth_y`), sql.raw(`${prefix}birth_m`), sql`${at}`)
