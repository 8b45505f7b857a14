/**
 * ASCOF 3D(1a) and 3D(2a) — people in long-term community support receiving self-directed support (a direct payment
 * or a CASSR-managed personal budget), and direct payments, on the snapshot day — by DHSC's 2024-25-onward method:
 * DHSC ASC-CLD-LA-Dashboard `ASCOF_measures/Create_ASCOF_3D_2425_Onwards.sql` (the client measures; the carers'
 * 3D(1b)/3D(2b) were not published for 2024-25, domain.md §1.1).
 *
 * The snapshot is the period's last day: 31 March for a financial year, the end of the last quarter for a rolling
 * 12 months. Each person keeps one setting, the highest in DHSC's hierarchy: nursing > residential > community with
 * a direct payment > community with a CASSR-managed personal budget > community commissioned > community with an
 * unknown mechanism > prison. The denominator is the people whose setting is community; an unknown delivery
 * mechanism stays in it.
 *
 * @category measures
 */
import type { EtlError, WarehouseReader } from "@asckit/etl"
import { type SQL, sql } from "drizzle-orm"
import { Effect } from "effect"
import * as Dialect from "../dialect.js"
import { type Context, list, lit, longTermTypes, num, ok, type Result } from "./common.js"
import * as PersonDetails from "./PersonDetails.js"

const COMMUNITY = "Long term support: Community"
const PRISON = "Long term support: Prison"
const DP = "Direct payment"
const MPB = "CASSR managed personal budget"
const COMMISSIONED = "CASSR commissioned support"

/** The 3D client counts on the snapshot day. */
export const countsQuery = (ctx: Context): SQL => {
  const d = ctx.dialect
  return sql`with
-- 3D "Create cleaned client build table": service users' long-term services open on the snapshot day; a direct
-- payment component means a direct payment whatever the delivery mechanism says.
services as materialized (
  select e.person_id, e.service_type, e.service_component,
    case when e.service_component = ${lit(DP)} then ${lit(DP)} else e.delivery_mechanism end as dm0
  from event e
  where e.la_code = ${ctx.laCode} and e.event_type = 'Service' and e.client_type = 'Service user'
    and e.service_type in ${list(longTermTypes)}
    and e.start_date <= ${ctx.end}
    and (e.derived_end_date is null or e.derived_end_date >= e.start_date)
    and (e.derived_end_date is null or e.derived_end_date >= ${ctx.end})
),
-- The people's latest details (materialised: looked up once per person).
details as materialized (${PersonDetails.latest(ctx, sql`select distinct person_id from services`, ["birth_year", "birth_month", "date_of_death"])}),
-- 3D: not dead before the snapshot; a mechanism is kept only where DHSC's reference table expects one (community:
-- the three; prison: personal budget or commissioned), else blanked; age on the snapshot day.
clean as (
  select s.person_id, s.service_type, s.service_component,
    case
      when s.service_type = ${lit(COMMUNITY)} and s.dm0 in ${list([DP, MPB, COMMISSIONED])} then s.dm0
      when s.service_type = ${lit(PRISON)} and s.dm0 in ${list([MPB, COMMISSIONED])} then s.dm0
      else ''
    end as dm,
    ${d.dhscAge(sql`p.birth_year`, sql`p.birth_month`, sql`${ctx.end}`)} as age
  from services s join details p on p.person_id = s.person_id
  where p.date_of_death is null or p.date_of_death >= ${ctx.end}
),
-- 3D "#REF_Service_Type_Delivery_Mech": the setting hierarchy (community with a direct payment component ranks 3).
ranked as (
  select c.*,
    case
      when c.service_type = ${lit(COMMUNITY)} and c.service_component = ${lit(DP)} then 3
      when c.service_type = 'Long term support: Nursing care' then 1
      when c.service_type = 'Long term support: Residential care' then 2
      when c.service_type = ${lit(COMMUNITY)} then case c.dm when ${lit(DP)} then 3 when ${lit(MPB)} then 4 when ${lit(COMMISSIONED)} then 5 else 6 end
      else case c.dm when ${lit(MPB)} then 7 when ${lit(COMMISSIONED)} then 8 else 9 end
    end as setting
  from clean c
  where c.age is null or c.age >= 18
),
-- 3D "Process filter and deduplicate to highest service": each person keeps the rows of their highest setting.
best as (select r.*, min(setting) over (partition by person_id) as best_setting from ranked r),
final as (select * from best where setting = best_setting)
select
  count(distinct case when service_type = ${lit(COMMUNITY)} then person_id end) as denominator,
  count(distinct case when service_type = ${lit(COMMUNITY)} and (dm = ${lit(DP)} or service_component = ${lit(DP)} or dm = ${lit(MPB)}) then person_id end) as self_directed,
  count(distinct case when service_type = ${lit(COMMUNITY)} and (dm = ${lit(DP)} or service_component = ${lit(DP)}) then person_id end) as direct_payment,
  count(distinct case when service_type = ${lit(COMMUNITY)} and dm = '' and (service_component is null or service_component <> ${lit(DP)}) then person_id end) as unknown_mechanism
from final`
}

/** ASCOF 3D(1a) and 3D(2a) for a council and period (one query for both). */
export const compute = (
  reader: WarehouseReader.Service,
  ctx: Context,
): Effect.Effect<readonly [Result, Result], EtlError.WarehouseError> => {
  const query = countsQuery(ctx)
  const text = Dialect.text(query)
  return Effect.map(
    reader.get<Record<"denominator" | "self_directed" | "direct_payment" | "unknown_mechanism", unknown>>(
      "ASCOF 3D",
      query,
    ),
    (r) => {
      const note =
        `People in long-term community support on ${ctx.end} (each in their highest setting: nursing > residential > ` +
        `community > prison); ${num(r?.unknown_mechanism)} with an unknown delivery mechanism are in the denominator. ` +
        "Method: DHSC ASC-CLD-LA-Dashboard Create_ASCOF_3D_2425_Onwards.sql."
      return [
        ok(
          ctx,
          "3D(1a)",
          { numerator: num(r?.self_directed), denominator: num(r?.denominator) },
          note,
          `long-term community clients on ${ctx.end} with a direct payment or CASSR-managed personal budget / all long-term community clients`,
          text,
        ),
        ok(
          ctx,
          "3D(2a)",
          { numerator: num(r?.direct_payment), denominator: num(r?.denominator) },
          note,
          `long-term community clients on ${ctx.end} with a direct payment / all long-term community clients`,
          text,
        ),
      ] as const
    },
  )
}
