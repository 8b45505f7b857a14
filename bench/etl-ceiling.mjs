// Bench child: the ceiling — plain better-sqlite3 prepared inserts of the same rows (every row of every CLD file
// of the borough, once each) into the `event` table of a fresh warehouse (same schema and indexes), in one
// transaction. Each file is parsed into memory and its rows' keys hashed (sha1, as the pipeline's row keys are)
// before its timed insert, so only the inserts and the commit are timed. Prints one JSON line.
import { hash } from "node:crypto"
import { readdirSync, rmSync } from "node:fs"
import { join } from "node:path"
import { Cld } from "@asckit/core"
import { Tabular, Warehouse } from "@asckit/etl"
import Database from "better-sqlite3"
import { Effect } from "effect"

const [dir, db] = process.argv.slice(2)
rmSync(db, { force: true })
rmSync(`${db}-wal`, { force: true })
await Effect.runPromise(Effect.scoped(Warehouse.make({ path: db }))) // create and migrate
const sqlite = new Database(db)
sqlite.pragma("journal_mode = WAL")
sqlite.pragma("synchronous = NORMAL")
const cols = {
  la_code: "LA_Code",
  person_id: "LA_Person_Unique_Identifier",
  event_type: "Event_Type",
  event_reference: "Event_Reference",
  client_type: "Client_Type",
  start_date: "Event_Start_Date",
  end_date: "Event_End_Date",
  derived_end_date: "Event_End_Date",
  event_outcome: "Event_Outcome",
  event_description: "Event_Description",
  route_of_access: "Request_Route_of_Access",
  assessment_type: "Assessment_Type",
  eligible_needs_identified: "Eligible_Needs_Identified",
  method_of_assessment: "Method_of_Assessment",
  service_type: "Service_Type",
  service_component: "Service_Component",
  delivery_mechanism: "Delivery_Mechanism",
  provider_cqc_location_id: "Provider_CQC_Location_ID",
  review_reason: "Review_Reason",
  review_outcomes_achieved: "Review_Outcomes_Achieved",
  method_of_review: "Method_of_Review",
  unit_cost: "Unit_Cost",
  cost_frequency_unit_type: "Cost_Frequency_Unit_Type",
  planned_units_per_week: "Planned_units_per_week",
  total_hours_caring_per_week: "Total_Hrs_Caring_per_week",
  adults_cared_for: "No_of_adults_being_cared_for",
  submission_start: "Reporting_Period_Start_Date",
  submission_end: "Reporting_Period_End_Date",
}
const names = Object.keys(cols)
const stmt = sqlite.prepare(
  `insert into event (${names.join(", ")}, row_key, precedence, run_id, file_id, row_number) values (${names.map(() => "?").join(", ")}, ?, ?, ?, ?, ?)`,
)
let peak = 0
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
let rows = 0
let timed = 0
const files = readdirSync(join(dir, "cld"))
  .filter((f) => f.endsWith(".csv"))
  .sort()
sqlite.exec("BEGIN")
for (const [fi, f] of files.entries()) {
  const records = []
  for await (const batch of Tabular.csvRecords(join(dir, "cld", f), "utf-8")) records.push(...batch)
  const header = records.shift().cells.map((h) => Cld.canonicalHeader(h))
  const at = Object.fromEntries(header.map((h, i) => [h, i]))
  const idx = names.map((n) => at[cols[n]])
  const prepared = records.map((r) => {
    const args = idx.map((i) => r.cells[i] || null)
    args.push(hash("sha1", `${fi}:${r.row}`, "base64url"), null, "bench", fi, r.row)
    return args
  })
  const t0 = performance.now()
  for (const args of prepared) stmt.run(args)
  timed += performance.now() - t0
  rows += records.length
}
const t1 = performance.now()
sqlite.exec("COMMIT")
timed += performance.now() - t1
clearInterval(sample)
sqlite.close()
const seconds = timed / 1000
console.log(
  JSON.stringify({
    rows,
    seconds,
    rowsPerSecond: rows / seconds,
    peakRssMB: Math.max(peak, process.resourceUsage().maxRSS * 1024) / 1e6,
  }),
)
