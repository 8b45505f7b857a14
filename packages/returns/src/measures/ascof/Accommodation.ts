/**
 * ASCOF 2E — people receiving long-term support who live in their own home or with family: 2E(1) those aged 18 to
 * 64 with a learning disability as their primary support reason, 2E(2a) all aged 18 to 64, 2E(2b) all aged 65 and
 * over — by DHSC's 2024-25-onward method: DHSC ASC-CLD-LA-Dashboard `ASCOF_measures/Create_ASCOF_2E_2425_Onwards.sql`
 * (cohort, age, numerator and denominator) and `Create_personal_details_table.sql` (the accommodation status at the
 * end of the period, and what is inferred for an unknown one).
 *
 * Unknown accommodation stays in the denominator (DHSC: "Unknowns and invalids are included in the denominator").
 *
 * Ambiguity, decided and documented: DHSC infers an unknown status from the person's latest service in the whole
 * joined-submissions table; we look at services starting on or before the period end (the status is "at the end
 * of the period").
 *
 * @category measures
 */
import { Cld } from "@asckit/core"
import type { EtlError, WarehouseReader } from "@asckit/etl"
import { type SQL, sql } from "drizzle-orm"
import { Effect } from "effect"
import * as Dialect from "../dialect.js"
import { type Context, list, lit, longTermTypes, num, ok, type Result, serviceHierarchy } from "./common.js"
import * as PersonDetails from "./PersonDetails.js"

/** Service components DHSC can map to an accommodation status (`Create_personal_details_table.sql`). */
export const mappableComponents: ReadonlyArray<string> = [
  "Shared Lives",
  "Community supported living",
  "Extra care housing",
  "Home support or domiciliary care",
]

/** The accommodation statuses counted as settled (DHSC `#REF_Accommodation_Status`, group 1). */
export const settledStatuses: ReadonlyArray<string> = Object.entries(Cld.accommodationSettled)
  .filter(([, settled]) => settled)
  .map(([label]) => label)

/** The 2E counts: per cohort, the people in it and those settled. */
export const countsQuery = (ctx: Context): SQL => {
  const d = ctx.dialect
  return sql`with
-- 2E "Select cohort": service users' long-term services (nursing, residential, community, prison) active at any point
-- in the period; age at the end of the person's latest one, capped at the period end.
clients as (
  select person_id, max(case when derived_end_date is null or derived_end_date >= ${ctx.end} then ${ctx.end} else derived_end_date end) as capped
  from event
  where la_code = ${ctx.laCode} and client_type = 'Service user' and event_type = 'Service'
    and service_type in ${list(longTermTypes)}
    and (derived_end_date is null or derived_end_date >= start_date)
    and start_date <= ${ctx.end} and (derived_end_date is null or derived_end_date >= ${ctx.start})
  group by person_id
),
-- "Pull through latest person details" (materialised: read once, by two steps below).
details as materialized (${PersonDetails.latest(ctx, sql`select person_id from clients`)}),
-- Personal details "Select people with an unknown/invalid accommodation status": their latest service (open ones
-- first, then the latest end; then nursing > residential > community > prison > short term; then a component that
-- maps to an accommodation; then the latest start), services ranked equal taken together.
unknown_services as (
  select u.person_id, e.service_type, e.service_component,
    dense_rank() over (partition by u.person_id order by coalesce(e.derived_end_date, '9999-01-01') desc,
      ${serviceHierarchy(sql`e.service_type`)}, case when e.service_component in ${list(mappableComponents)} then 1 else 0 end desc,
      e.start_date desc) as r,
    ${serviceHierarchy(sql`e.service_type`)} as h,
    case when e.service_component in ${list(mappableComponents)} then 1 else 0 end as mappable
  from details u
  join event e on e.la_code = ${ctx.laCode} and e.person_id = u.person_id and e.event_type = 'Service' and e.start_date <= ${ctx.end}
  where u.accommodation_status = 'Unknown'
),
-- "#Unknowns_Services_Deduped": the service type, and the mappable component, when the latest services agree on one.
latest_service as (
  select person_id,
    case when count(distinct case when h < 99 then service_type end) = 1 then max(case when h < 99 then service_type end) end as st,
    case when count(distinct case when mappable = 1 then service_component end) = 1 then max(case when mappable = 1 then service_component end) end as sc
  from unknown_services where r = 1
  group by person_id
),
-- One row per client: their capped end, details and latest service (a union grouped by person: no join).
merged as (
  select person_id, max(capped) as capped, max(birth_year) as birth_year, max(birth_month) as birth_month,
    max(dod) as dod, max(accommodation) as accommodation, max(psr) as psr, max(st) as st, max(sc) as sc
  from (
    select person_id, capped, cast(null as integer) as birth_year, cast(null as integer) as birth_month,
      cast(null as text) as dod, cast(null as text) as accommodation, cast(null as text) as psr,
      cast(null as text) as st, cast(null as text) as sc
    from clients
    union all
    select person_id, cast(null as text), birth_year, birth_month, date_of_death, accommodation_status,
      primary_support_reason, cast(null as text), cast(null as text)
    from details
    union all
    select person_id, cast(null as text), cast(null as integer), cast(null as integer), cast(null as text),
      cast(null as text), cast(null as text), st, sc
    from latest_service
  ) u
  group by person_id
),
-- Personal details "#Unknowns_Services_Mapped": the inference rules, in DHSC's order. 2E: alive at the start of the
-- period.
cohort as (
  select person_id, psr,
    ${d.dhscAge(sql`birth_year`, sql`birth_month`, sql`capped`)} as age,
    case when accommodation <> 'Unknown' then accommodation
      when st = 'Long term support: Nursing care' then 'Registered nursing home'
      when st = 'Long term support: Residential care' then 'Registered care home'
      when sc = 'Shared Lives' then 'Shared Lives scheme'
      when sc = 'Extra care housing' then 'Sheltered housing, extra care housing or other sheltered housing'
      when sc = 'Community supported living' then 'Supported accommodation, supported lodgings or supported group home'
      when st = 'Long term support: Community' and sc = 'Home support or domiciliary care' then 'Unknown: Presumed at home'
      when st = 'Long term support: Community' and sc is null then 'Unknown: Presumed in community'
      when st = 'Long term support: Prison' then 'Prison, young offenders institution or detention centre'
      else 'Unknown'
    end as status
  from merged
  where dod is null or dod >= ${ctx.start}
),
-- 2E: aged 18 or over (unknown ages are in neither count); settled by DHSC's accommodation groups.
banded as (
  select person_id, psr, status,
    case when age between 18 and 64 then '18 to 64' when age >= 65 then '65 and above' end as band,
    case when status in ${list(settledStatuses)} then 1 else 0 end as settled,
    case when status = 'Unknown' or status like 'Unknown:%' then 1 else 0 end as unknown_status
  from cohort where age >= 18
)
select
  count(case when band = '18 to 64' and psr = ${lit("Learning Disability Support")} then 1 end) as ld_den,
  count(case when band = '18 to 64' and psr = ${lit("Learning Disability Support")} and settled = 1 then 1 end) as ld_num,
  count(case when band = '18 to 64' then 1 end) as wa_den,
  count(case when band = '18 to 64' and settled = 1 then 1 end) as wa_num,
  count(case when band = '65 and above' then 1 end) as old_den,
  count(case when band = '65 and above' and settled = 1 then 1 end) as old_num,
  count(case when unknown_status = 1 then 1 end) as unknown_status
from banded`
}

/** ASCOF 2E(1), 2E(2a) and 2E(2b) for a council and period (one query for all three). */
export const compute = (
  reader: WarehouseReader.Service,
  ctx: Context,
): Effect.Effect<readonly [Result, Result, Result], EtlError.WarehouseError> => {
  const query = countsQuery(ctx)
  const text = Dialect.text(query)
  return Effect.map(
    reader.get<
      Record<"ld_den" | "ld_num" | "wa_den" | "wa_num" | "old_den" | "old_num" | "unknown_status", unknown>
    >("ASCOF 2E", query),
    (r) => {
      const note =
        "People in long-term support at any time in the period, alive at its start, by their accommodation at its " +
        "end (an unknown status inferred from their latest service where DHSC's rules allow; " +
        `${num(r?.unknown_status)} people with an unknown or presumed status are in the denominators). ` +
        "Method: DHSC ASC-CLD-LA-Dashboard Create_ASCOF_2E_2425_Onwards.sql and Create_personal_details_table.sql."
      return [
        ok(
          ctx,
          "2E(1)",
          { numerator: num(r?.ld_num), denominator: num(r?.ld_den) },
          note,
          "long-term clients aged 18-64 with a learning disability living in settled accommodation / all such clients",
          text,
        ),
        ok(
          ctx,
          "2E(2a)",
          { numerator: num(r?.wa_num), denominator: num(r?.wa_den) },
          note,
          "long-term clients aged 18-64 living in settled accommodation / all long-term clients aged 18-64",
          text,
        ),
        ok(
          ctx,
          "2E(2b)",
          { numerator: num(r?.old_num), denominator: num(r?.old_den) },
          note,
          "long-term clients aged 65+ living in settled accommodation / all long-term clients aged 65+",
          text,
        ),
      ] as const
    },
  )
}
