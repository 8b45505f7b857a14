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

/** The derivations `asckit etl` runs after loading. */
export const all: ReadonlyArray<Derivation> = [eventEndDates]
