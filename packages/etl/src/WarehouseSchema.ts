/**
 * The warehouse schema, as drizzle tables. Migrations are generated from this file by drizzle-kit
 * (`pnpm --filter @asckit/etl db:generate`) into `packages/etl/drizzle/` and applied when the warehouse opens.
 *
 * Layers, by table-name prefix:
 * - `etl_*`: bookkeeping — runs, source files (with sha256), quarantined rows and data-quality findings.
 * - facts (`person`, `event`, `carer_link`, …): the CLD-shaped core model every source loads into. Every fact row
 *   carries its lineage (`run_id`, `file_id`, `row_number`: the 1-based spreadsheet row it came from), a `row_key`
 *   (a hash of the stream's key fields, after pseudonymisation) and a `precedence` used when a later submission
 *   supersedes an earlier one.
 *
 * Portability: dates are ISO `YYYY-MM-DD` text, money and hours are `real`, flags are integers; nothing here is
 * SQLite-only, so the same model maps onto PostgreSQL tables for a regional hub.
 *
 * @category models
 */
import { sql } from "drizzle-orm"
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core"

// ---------------------------------------------------------------------------------------------------------------
// bookkeeping

/** One run of the ETL (`asckit etl`). */
export const etlRun = sqliteTable("etl_run", {
  id: text("id").primaryKey(),
  startedAt: text("started_at").notNull(),
  finishedAt: text("finished_at"),
  /** running | succeeded | failed */
  status: text("status").notNull(),
  dryRun: integer("dry_run", { mode: "boolean" }).notNull().default(false),
  asckitVersion: text("asckit_version").notNull(),
  /** The run's configuration, with secrets removed. */
  configJson: text("config_json"),
  summaryJson: text("summary_json"),
})

/** One source file seen by a run: loaded, skipped (already loaded, same sha256) or failed. */
export const etlFile = sqliteTable(
  "etl_file",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: text("run_id").notNull(),
    plugin: text("plugin").notNull(),
    stream: text("stream").notNull(),
    path: text("path").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    /** loaded | skipped | failed */
    status: text("status").notNull(),
    rowsRead: integer("rows_read").notNull().default(0),
    rowsLoaded: integer("rows_loaded").notNull().default(0),
    rowsQuarantined: integer("rows_quarantined").notNull().default(0),
    rowsDuplicate: integer("rows_duplicate").notNull().default(0),
    findings: integer("findings").notNull().default(0),
    startedAt: text("started_at").notNull(),
    finishedAt: text("finished_at"),
    message: text("message"),
  },
  (t) => [
    index("etl_file_sha256").on(t.plugin, t.stream, t.sha256),
    uniqueIndex("etl_file_loaded_once").on(t.plugin, t.stream, t.sha256).where(sql`${t.status} = 'loaded'`),
  ],
)

/**
 * A row that was read but not loaded, with why: quarantined for its issues (one row per issue, with the raw row,
 * identifier fields pseudonymised), or a `duplicate` (code `duplicate`, no raw row).
 */
export const etlQuarantine = sqliteTable(
  "etl_quarantine",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: text("run_id").notNull(),
    fileId: integer("file_id").notNull(),
    stream: text("stream").notNull(),
    /** 1-based row number as a spreadsheet shows it (the header is row 1). */
    rowNumber: integer("row_number").notNull(),
    /** The column (source field name) at fault, when one is. */
    column: text("column"),
    errorCode: text("error_code").notNull(),
    message: text("message").notNull(),
    rawJson: text("raw_json"),
  },
  (t) => [index("etl_quarantine_file").on(t.fileId)],
)

/** A data-quality finding on a row that was loaded (e.g. an invalid value in an optional field, stored as null). */
export const etlFinding = sqliteTable(
  "etl_finding",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: text("run_id").notNull(),
    fileId: integer("file_id").notNull(),
    stream: text("stream").notNull(),
    rowNumber: integer("row_number").notNull(),
    column: text("column").notNull(),
    code: text("code").notNull(),
    message: text("message").notNull(),
    /** The offending value; never an identifier field. */
    value: text("value"),
  },
  (t) => [index("etl_finding_file").on(t.fileId), index("etl_finding_column").on(t.column, t.code)],
)

// ---------------------------------------------------------------------------------------------------------------
// facts

const lineage = () => ({
  rowKey: text("row_key").notNull(),
  precedence: text("precedence"),
  runId: text("run_id").notNull(),
  fileId: integer("file_id").notNull(),
  rowNumber: integer("row_number").notNull(),
})

/**
 * A person's details as of a date (`as_at`: the end of the submission's reporting period, or the extract date).
 * CLD repeats a person's details on every event row; each submission contributes one snapshot per person.
 * `person_latest` (a view) keeps the latest snapshot of each person.
 */
export const person = sqliteTable(
  "person",
  {
    laCode: text("la_code").notNull(),
    /** Pseudonymised person id: keyed HMAC of the NHS number, else of the LA code and LA person id (DHSC). */
    personId: text("person_id").notNull(),
    asAt: text("as_at").notNull(),
    nhsNumberPseudo: text("nhs_number_pseudo"),
    laPersonIdPseudo: text("la_person_id_pseudo"),
    /** Raw identifiers, only when the configuration explicitly keeps them. */
    nhsNumberRaw: text("nhs_number_raw"),
    laPersonIdRaw: text("la_person_id_raw"),
    clientType: text("client_type"),
    gender: text("gender"),
    ethnicity: text("ethnicity"),
    birthYear: integer("birth_year"),
    birthMonth: integer("birth_month"),
    dateOfDeath: text("date_of_death"),
    primarySupportReason: text("primary_support_reason"),
    accommodationStatus: text("accommodation_status"),
    employmentStatus: text("employment_status"),
    hasUnpaidCarer: text("has_unpaid_carer"),
    clientFundingStatus: text("client_funding_status"),
    autismSpectrumDisorder: text("autism_spectrum_disorder"),
    visualImpairment: text("visual_impairment"),
    hearingImpairment: text("hearing_impairment"),
    dementia: text("dementia"),
    gpPracticeCode: text("gp_practice_code"),
    /** Postcode degraded to its district (outward code), for privacy. */
    postcodeDistrict: text("postcode_district"),
    ...lineage(),
  },
  (t) => [
    uniqueIndex("person_row_key").on(t.rowKey),
    index("person_id").on(t.laCode, t.personId, t.asAt),
    index("person_file").on(t.fileId),
  ],
)

/**
 * One CLD event — a request, assessment, service or review — deduplicated across overlapping submissions by the
 * DHSC unique-event key (`row_key`), the latest submission winning (`precedence`).
 */
export const event = sqliteTable(
  "event",
  {
    laCode: text("la_code").notNull(),
    personId: text("person_id").notNull(),
    /** Request | Assessment | Service | Review */
    eventType: text("event_type").notNull(),
    eventReference: text("event_reference"),
    clientType: text("client_type"),
    startDate: text("start_date").notNull(),
    endDate: text("end_date"),
    /** End date after DHSC's corrections (date of death; open services cropped when absent from the next submission). */
    derivedEndDate: text("derived_end_date"),
    eventOutcome: text("event_outcome"),
    eventDescription: text("event_description"),
    routeOfAccess: text("route_of_access"),
    assessmentType: text("assessment_type"),
    eligibleNeedsIdentified: text("eligible_needs_identified"),
    methodOfAssessment: text("method_of_assessment"),
    serviceType: text("service_type"),
    serviceComponent: text("service_component"),
    deliveryMechanism: text("delivery_mechanism"),
    providerCqcLocationId: text("provider_cqc_location_id"),
    reviewReason: text("review_reason"),
    reviewOutcomesAchieved: text("review_outcomes_achieved"),
    methodOfReview: text("method_of_review"),
    unitCost: real("unit_cost"),
    costFrequencyUnitType: text("cost_frequency_unit_type"),
    plannedUnitsPerWeek: real("planned_units_per_week"),
    totalHoursCaringPerWeek: real("total_hours_caring_per_week"),
    adultsCaredFor: integer("adults_cared_for"),
    /** The reporting period of the submission this version of the event came from. */
    submissionStart: text("submission_start"),
    submissionEnd: text("submission_end"),
    ...lineage(),
  },
  (t) => [
    uniqueIndex("event_row_key").on(t.rowKey),
    index("event_person").on(t.laCode, t.personId, t.eventType, t.startDate),
    index("event_type_dates").on(t.eventType, t.startDate, t.endDate),
    index("event_file").on(t.fileId),
  ],
)

/**
 * An unpaid carer linked to the person they care for (CLD `Adult_1/2/3_Linked_Person_ID`). The linked id is the
 * cared-for person's LA person id, so it is stored as that id's pseudonym: join `person.la_person_id_pseudo`.
 */
export const carerLink = sqliteTable(
  "carer_link",
  {
    laCode: text("la_code").notNull(),
    carerPersonId: text("carer_person_id").notNull(),
    caredForLaPersonIdPseudo: text("cared_for_la_person_id_pseudo").notNull(),
    asAt: text("as_at").notNull(),
    ...lineage(),
  },
  (t) => [uniqueIndex("carer_link_row_key").on(t.rowKey), index("carer_link_file").on(t.fileId)],
)

/** Every fact table, by SQL name: what sinks may write and `replace` may clear. */
export const factTables = { person, event, carer_link: carerLink } as const
