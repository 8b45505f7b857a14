/**
 * The warehouse queries behind the CLD submission: the events in scope for the reporting period with the person's
 * details as at its end, and the carers' linked people. Set-based SQL (CTEs and window functions that SQLite and
 * PostgreSQL both run); no date arithmetic, so no dialect fragment is needed.
 *
 * Rules (DHSC event filtering, domain.md §3.4; the same rule as the synthetic borough's CLD writer):
 * - requests, assessments and reviews are in scope when they end in the period or are still open at its end;
 *   services when they overlap the period. Both read: started by the period end, and not ended before it starts.
 * - One version of each event: the warehouse keys events as DHSC does, end date included (not for services), so
 *   an assessment open in one quarter's submission and completed in the next is two rows; the submission takes the
 *   latest version of an event (same council, person, type, start date, client type, key detail and reference:
 *   latest submission, then precedence), before the scope test, so an event since completed is not written open.
 * - The person's details are the latest snapshot taken on or before the period end (CLD repeats the details as at
 *   the period end); a person whose only snapshots are later is described by the earliest of them [asckit's
 *   choice: a later snapshot is the best the warehouse knows].
 * - An unpaid carer's caring hours and number of adults cared for describe the carer, and CLD repeats them on every
 *   row: an event without them (a ContrOCC service) takes the carer's values from their latest event started by the
 *   period end (by start date, then row key) that has them [asckit's choice].
 *
 * @internal
 */
import { type SQL, sql } from "drizzle-orm"

/** One in-scope event with the person's details, as the warehouse holds them. */
export interface EventRow {
  readonly la_code: string
  readonly person_id: string
  readonly event_type: string
  readonly event_reference: string | null
  readonly client_type: string | null
  readonly start_date: string
  readonly end_date: string | null
  readonly event_outcome: string | null
  readonly event_description: string | null
  readonly route_of_access: string | null
  readonly assessment_type: string | null
  readonly eligible_needs_identified: string | null
  readonly method_of_assessment: string | null
  readonly service_type: string | null
  readonly service_component: string | null
  readonly delivery_mechanism: string | null
  readonly provider_cqc_location_id: string | null
  readonly review_reason: string | null
  readonly review_outcomes_achieved: string | null
  readonly method_of_review: string | null
  readonly unit_cost: number | null
  readonly cost_frequency_unit_type: string | null
  readonly planned_units_per_week: number | null
  readonly hours: number | null
  readonly adults: number | null
  // the person's snapshot (null when the warehouse has none)
  readonly as_at: string | null
  readonly nhs_number_raw: string | null
  readonly la_person_id_raw: string | null
  readonly has_pseudonym: number | null
  readonly gp_practice_code: string | null
  readonly gender: string | null
  readonly ethnicity: string | null
  readonly birth_year: number | null
  readonly birth_month: number | null
  readonly date_of_death: string | null
  readonly primary_support_reason: string | null
  readonly postcode_district: string | null
  /** Kept only when the load kept identifiers. */
  readonly date_of_birth_raw: string | null
  readonly postcode_raw: string | null
  readonly accommodation_status: string | null
  readonly employment_status: string | null
  readonly has_unpaid_carer: string | null
  readonly autism_spectrum_disorder: string | null
  readonly visual_impairment: string | null
  readonly hearing_impairment: string | null
  readonly dementia: string | null
  readonly client_funding_status: string | null
}

const inScope = (la: string, start: string, end: string): SQL =>
  sql`e.la_code = ${la} and e.start_date <= ${end} and (e.end_date is null or e.end_date >= ${start})`

/** The in-scope events of a council's reporting period with the person's details, in submission order. */
export const events = (la: string, start: string, end: string): SQL => sql`
  with versions as (
    select e.*,
      row_number() over (
        partition by e.la_code, e.person_id, e.event_type, e.start_date, e.client_type,
          coalesce(e.route_of_access, ''), coalesce(e.assessment_type, ''), coalesce(e.service_type, ''),
          coalesce(e.service_component, ''), coalesce(e.event_reference, '')
        order by e.submission_end desc, e.precedence desc, e.row_key
      ) as version
    from event e
    where e.la_code = ${la} and e.start_date <= ${end}
  ),
  scope as (
    select * from versions e where e.version = 1 and ${inScope(la, start, end)}
  ),
  snapshot as (
    select p.*,
      row_number() over (
        partition by p.la_code, p.person_id
        order by case when p.as_at <= ${end} then 0 else 1 end,
          case when p.as_at <= ${end} then p.as_at end desc,
          p.as_at
      ) as rn
    from person p
    where p.la_code = ${la} and p.person_id in (select person_id from scope)
  ),
  caring as (
    select c.la_code, c.person_id, c.total_hours_caring_per_week as hours, c.adults_cared_for as adults,
      row_number() over (partition by c.la_code, c.person_id order by c.start_date desc, c.row_key) as rn
    from event c
    where c.la_code = ${la} and c.person_id in (select person_id from scope) and c.start_date <= ${end}
      and (c.total_hours_caring_per_week is not null or c.adults_cared_for is not null)
  )
  select s.la_code, s.person_id, s.event_type, s.event_reference, s.client_type, s.start_date, s.end_date,
    s.event_outcome, s.event_description, s.route_of_access, s.assessment_type, s.eligible_needs_identified,
    s.method_of_assessment, s.service_type, s.service_component, s.delivery_mechanism, s.provider_cqc_location_id,
    s.review_reason, s.review_outcomes_achieved, s.method_of_review, s.unit_cost, s.cost_frequency_unit_type,
    s.planned_units_per_week,
    coalesce(s.total_hours_caring_per_week, k.hours) as hours,
    coalesce(s.adults_cared_for, k.adults) as adults,
    p.as_at, p.nhs_number_raw, p.la_person_id_raw,
    case when p.nhs_number_pseudo is not null or p.la_person_id_pseudo is not null then 1 else 0 end as has_pseudonym,
    p.gp_practice_code, p.gender, p.ethnicity, p.birth_year, p.birth_month, p.date_of_death,
    p.primary_support_reason, p.postcode_district, p.date_of_birth_raw, p.postcode_raw, p.accommodation_status, p.employment_status, p.has_unpaid_carer,
    p.autism_spectrum_disorder, p.visual_impairment, p.hearing_impairment, p.dementia, p.client_funding_status
  from scope s
  left join snapshot p on p.la_code = s.la_code and p.person_id = s.person_id and p.rn = 1
  left join caring k on k.la_code = s.la_code and k.person_id = s.person_id and k.rn = 1
  order by p.la_person_id_raw, s.person_id, s.start_date, s.event_type, s.event_reference, s.row_key`

/** A carer's linked person: the cared-for person's raw LA person id, when the warehouse has their snapshot. */
export interface LinkRow {
  readonly carer_person_id: string
  readonly linked_raw: string | null
}

/** The people each in-scope carer cares for (CLD Adult_1/2/3_Linked_Person_ID), in LA person id order. */
export const links = (la: string, start: string, end: string): SQL => sql`
  select c.carer_person_id, max(p.la_person_id_raw) as linked_raw
  from carer_link c
  left join person p on p.la_code = c.la_code and p.la_person_id_pseudo = c.cared_for_la_person_id_pseudo
  where c.la_code = ${la}
    and c.carer_person_id in (select e.person_id from event e where ${inScope(la, start, end)})
  group by c.carer_person_id, c.cared_for_la_person_id_pseudo
  order by c.carer_person_id, max(p.la_person_id_raw), c.cared_for_la_person_id_pseudo`
