/**
 * Derived warehouse data, recomputed after a load that changed its inputs (in its own transaction). Each step is
 * set-based SQL over the whole warehouse, so it gives the same result however the data arrived.
 *
 * @category models
 */
import type { Derivation } from "./Pipeline.js"

/**
 * `event.derived_end_date`: the end date after DHSC's corrections (domain.md §3.4, DHSC ASC-CLD-LA-Dashboard
 * "joined submissions"):
 * 1. an open service missing from a later submission of the same council is cropped to the end of the last
 *    submission that had it;
 * 2. an event still open, or ending after the person's death, ends on the date of death (the earliest death date
 *    any snapshot of the person records).
 */
export const eventEndDates: Derivation = {
  name: "event end dates",
  tables: ["event", "person"],
  run: (sqlite) => {
    sqlite.prepare("update event set derived_end_date = end_date").run()
    const latest = sqlite
      .prepare("select la_code as la, max(submission_end) as last from event group by la_code")
      .all() as Array<{ la: string; last: string | null }>
    const crop = sqlite.prepare(
      "update event set derived_end_date = submission_end where la_code = ? and event_type = 'Service' and end_date is null and submission_end < ?",
    )
    for (const { la, last } of latest) if (last !== null) crop.run(la, last)
    sqlite
      .prepare(
        `update event set derived_end_date = d.dod
         from (select la_code, person_id, min(date_of_death) as dod from person where date_of_death is not null group by la_code, person_id) as d
         where event.la_code = d.la_code and event.person_id = d.person_id
           and (event.derived_end_date is null or event.derived_end_date > d.dod)
           and event.start_date <= d.dod`,
      )
      .run()
  },
}

/**
 * `event.superseded`: an open request, assessment or review is superseded when the same event (the DHSC key
 * without its end date: LA, person, type, start date, client type, route of access or assessment type) was closed
 * by a submission ending no earlier than the one that had it open. The DHSC key includes the end date for these
 * events, so both versions stay in the warehouse (nothing is lost); counts of open events use the flag.
 */
export const supersededOpenEvents: Derivation = {
  name: "superseded open events",
  tables: ["event"],
  run: (sqlite) => {
    sqlite.prepare("update event set superseded = 0 where superseded <> 0").run()
    sqlite
      .prepare(
        `update event set superseded = 1
         where event_type <> 'Service' and end_date is null and exists (
           select 1 from event e2
           where e2.la_code = event.la_code and e2.person_id = event.person_id and e2.event_type = event.event_type
             and e2.start_date = event.start_date and coalesce(e2.client_type, '') = coalesce(event.client_type, '')
             and coalesce(e2.route_of_access, '') = coalesce(event.route_of_access, '')
             and coalesce(e2.assessment_type, '') = coalesce(event.assessment_type, '')
             and e2.end_date is not null and coalesce(e2.submission_end, '') >= coalesce(event.submission_end, ''))`,
      )
      .run()
  },
}

/** The derivations `asckit etl` runs after loading. */
export const all: ReadonlyArray<Derivation> = [eventEndDates, supersededOpenEvents]
