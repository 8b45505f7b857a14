/**
 * ASCOF 2B and 2C — adults aged 18 to 64 (2B) and 65 and over (2C) whose long-term support needs are met by
 * admission to residential and nursing care homes, per 100,000 population — by DHSC's 2024-25-onward method:
 * DHSC ASC-CLD-LA-Dashboard `ASCOF_measures/Create_ASCOF_2B2C_2425_Onwards.sql`, cited below as "2B2C §n" by the
 * script's numbered sections.
 *
 * Ambiguities, decided and documented:
 * - DHSC's service-component filter is `(component IS NULL OR component LIKE '%Residential%' OR … '%Nursing%') AND
 *   component NOT LIKE '%Short%'`; under SQL's three-valued logic the second clause also drops null components. We
 *   keep the clause as written (the CLD source rejects services without a component, so it rarely matters) and
 *   compare in lower case, since PostgreSQL's `like` is case-sensitive where SQL Server's collation is not.
 * - The ONS mid-year: see `common.ts` (the mid-year whose 30 June is in the period, else the latest earlier one
 *   loaded); the population geography is the council's ONS code (`Population.onsCodeOf`), or its LA code for a
 *   council `@asckit/core` does not know (the synthetic borough, 999).
 * - CLD cannot tell temporary from permanent stays (DHSC's caveat): every qualifying admission counts.
 *
 * @category measures
 */
import type { EtlError, WarehouseReader } from "@asckit/etl"
import { type SQL, sql } from "drizzle-orm"
import { Effect } from "effect"
import * as Dialect from "../dialect.js"
import * as Population from "../Population.js"
import { type Context, list, midYearOf, notAvailable, num, ok, type Result } from "./common.js"
import * as PersonDetails from "./PersonDetails.js"

const RESIDENTIAL = "Long term support: Residential care"
const NURSING = "Long term support: Nursing care"

/** DHSC's long-term residential or nursing service (2B2C §1), for a row of `event` aliased `alias`. */
const residentialOrNursing = (ctx: Context, alias: string): SQL => {
  const e = sql.raw(alias)
  return sql`${e}.la_code = ${ctx.laCode} and ${e}.event_type = 'Service' and ${e}.client_type = 'Service user'
    and ${e}.service_type in ${list([RESIDENTIAL, NURSING])}
    and (${e}.service_component is null or lower(${e}.service_component) like '%residential%' or lower(${e}.service_component) like '%nursing%')
    and lower(${e}.service_component) not like '%short%'`
}

/** The 2B/2C numerators: new admissions in the period by age band at the admission (people, not admissions). */
export const admissionsQuery = (ctx: Context): SQL => {
  const d = ctx.dialect
  return sql`with
-- 2B2C §1 "Select data": service users' long-term residential or nursing services whose component is residential or
-- nursing and not short term, with the person's latest details.
build as (
  select e.person_id, e.start_date, e.derived_end_date as end_date, e.event_outcome,
    ${PersonDetails.field(ctx, sql`e.person_id`, "birth_year")} as birth_year,
    ${PersonDetails.field(ctx, sql`e.person_id`, "birth_month")} as birth_month,
    ${PersonDetails.field(ctx, sql`e.person_id`, "date_of_death")} as dod
  from event e
  where ${residentialOrNursing(ctx, "e")}
),
-- 2B2C §1: a known birth date, alive at the start of the period; age at the service's start. §2 "Admissions within
-- the year": starting in the period, not ending because the person went on to self-fund.
admissions as (
  select b.*, ${d.dhscAge(sql`b.birth_year`, sql`b.birth_month`, sql`b.start_date`)} as age
  from build b
  where b.birth_year is not null and b.birth_month is not null
    and (b.dod is null or b.dod >= ${ctx.start})
    and b.start_date >= ${ctx.start} and b.start_date <= ${ctx.end}
    and (b.event_outcome is null or b.event_outcome <> 'NFA: Self-funded client or under 12wk disregard')
),
-- 2B2C §3 "Determine which are new admissions": no residential or nursing service that started earlier and ended
-- fewer than 365 days before this one started, or is still open.
new_admissions as (
  select a.* from admissions a
  where not exists (
    select 1 from event p
    where ${residentialOrNursing(ctx, "p")} and p.person_id = a.person_id and p.start_date < a.start_date
      and (p.derived_end_date is null or ${d.daysBetween(sql`p.derived_end_date`, sql`a.start_date`)} < 365)
  )
),
-- 2B2C §4: one band per person, aged 18 or over at the start (a person admitted in both bands counts once, in the
-- first band by name, as DHSC's MIN(...) does).
people as (
  select person_id, min(case when age between 18 and 64 then '18 to 64' when age > 64 then '65 and above' end) as band
  from new_admissions where age >= 18 group by person_id
)
select count(case when band = '18 to 64' then 1 end) as age18to64,
  count(case when band = '65 and above' then 1 end) as age65plus
from people`
}

/** The latest mid-year at or before `year` loaded for a geography (ONS estimates arrive about a year late). */
const populationYear = (
  reader: WarehouseReader.Service,
  geography: string,
  year: number,
): Effect.Effect<number | undefined, EtlError.WarehouseError> =>
  Effect.map(
    reader.get<{ year: unknown }>(
      "ONS population years",
      sql`select max(year) as year from population_estimate where geography_code = ${geography} and year <= ${year}`,
    ),
    (r) => (r?.year === null || r?.year === undefined ? undefined : num(r.year)),
  )

/** ASCOF 2B and 2C for a council and period (one query for both). */
export const compute = (
  reader: WarehouseReader.Service,
  ctx: Context,
): Effect.Effect<readonly [Result, Result], EtlError.WarehouseError> =>
  Effect.gen(function* () {
    const query = admissionsQuery(ctx)
    const text = Dialect.text(query)
    const wanted = midYearOf(ctx.period)
    const geography = Population.onsCodeOf(ctx.laCode)
    const year = yield* populationYear(reader, geography, wanted)
    const population =
      year === undefined ? undefined : yield* Population.denominators(reader, geography, year)
    if (year === undefined || population === undefined) {
      const reason = `no ONS mid-year population estimate is loaded for ${geography} (mid-${wanted} or earlier)`
      return [
        notAvailable(ctx.laCode, ctx.period, "2B", reason, "new admissions aged 18-64 per 100,000", text),
        notAvailable(ctx.laCode, ctx.period, "2C", reason, "new admissions aged 65+ per 100,000", text),
      ] as const
    }
    const counts = yield* reader.get<{ age18to64: unknown; age65plus: unknown }>("ASCOF 2B and 2C", query)
    const note = (band: string) =>
      `People aged ${band} at the start of a new long-term residential or nursing service in the period (no such ` +
      `service in the 12 months before), per 100,000 of the ONS mid-${year} population of ${geography}` +
      `${year === wanted ? "" : ` (mid-${wanted} is not loaded: the latest earlier estimate is used)`}. ` +
      "CLD cannot tell temporary from permanent stays. Method: DHSC ASC-CLD-LA-Dashboard Create_ASCOF_2B2C_2425_Onwards.sql."
    const result = (
      code: "2B" | "2C",
      numerator: number,
      denominator: number | undefined,
      band: string,
      label: string,
    ) =>
      denominator === undefined
        ? notAvailable(
            ctx.laCode,
            ctx.period,
            code,
            `the ONS mid-${year} estimate for ${geography} does not hold every single year of age ${label}`,
            `new admissions aged ${label} per 100,000`,
            text,
          )
        : ok(
            ctx,
            code,
            { numerator, denominator },
            note(band),
            `new admissions aged ${label} / ONS mid-${year} population aged ${label} × 100,000`,
            text,
          )
    return [
      result("2B", num(counts?.age18to64), population.age18to64, "18 to 64", "18-64"),
      result("2C", num(counts?.age65plus), population.age65plus, "65 and over", "65+"),
    ] as const
  })
