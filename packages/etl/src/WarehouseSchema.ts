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
    /** Full date of birth and postcode, only when the configuration explicitly keeps identifiers (for the CLD
     * submission); otherwise only birth month/year and the postcode district are kept. */
    dateOfBirthRaw: text("date_of_birth_raw"),
    postcodeRaw: text("postcode_raw"),
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
    index("person_la_id").on(t.laCode, t.laPersonIdPseudo),
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
    /**
     * True for an open request, assessment or review that a later submission closed: the DHSC unique-event key
     * includes the end date for those, so the open and closed versions are two rows (set by `Derive`). Counts of
     * open events leave superseded rows out.
     */
    superseded: integer("superseded", { mode: "boolean" }).notNull().default(false),
    eventOutcome: text("event_outcome"),
    eventDescription: text("event_description"),
    /** The source system's own type of the event (e.g. LAS "Occupational therapy assessment"), when it has one. */
    sourceType: text("source_type"),
    /** When a review (or other planned event) was due, where the source system records it. */
    dueDate: text("due_date"),
    /** The team responsible, where the source system records it. */
    team: text("team"),
    routeOfAccess: text("route_of_access"),
    assessmentType: text("assessment_type"),
    eligibleNeedsIdentified: text("eligible_needs_identified"),
    methodOfAssessment: text("method_of_assessment"),
    serviceType: text("service_type"),
    serviceComponent: text("service_component"),
    deliveryMechanism: text("delivery_mechanism"),
    providerCqcLocationId: text("provider_cqc_location_id"),
    providerName: text("provider_name"),
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

// ---------------------------------------------------------------------------------------------------------------
// source-system facts beside CLD (LAS, ContrOCC, DoLS, spreadsheets)

/** A contact (first contact with adult social care), from the case-management system. */
export const contact = sqliteTable(
  "contact",
  {
    laCode: text("la_code").notNull(),
    contactId: text("contact_id").notNull(),
    personId: text("person_id"),
    contactDate: text("contact_date").notNull(),
    route: text("route"),
    /** safeguarding | dols | existing-case | new-case | resolved-equipment | resolved-other | … (source label kept in `outcome_source`). */
    outcome: text("outcome"),
    outcomeSource: text("outcome_source"),
    team: text("team"),
    ...lineage(),
  },
  (t) => [
    uniqueIndex("contact_row_key").on(t.rowKey),
    index("contact_date").on(t.contactDate),
    index("contact_file").on(t.fileId),
  ],
)

/** Work waiting for allocation (a work tray): waiting lists are the items waiting on a day. */
export const workItem = sqliteTable(
  "work_item",
  {
    laCode: text("la_code").notNull(),
    itemId: text("item_id").notNull(),
    personId: text("person_id"),
    /** needs-assessment | ot-assessment | carer-assessment | review | other (source label in `work_type_source`). */
    workType: text("work_type").notNull(),
    workTypeSource: text("work_type_source"),
    team: text("team"),
    priority: text("priority"),
    /** When the item started waiting. */
    enteredDate: text("entered_date").notNull(),
    /** When it was allocated (null while waiting). */
    allocatedDate: text("allocated_date"),
    /** When it left the tray for any other reason (closed, withdrawn). */
    closedDate: text("closed_date"),
    ...lineage(),
  },
  (t) => [
    uniqueIndex("work_item_row_key").on(t.rowKey),
    index("work_item_type").on(t.workType, t.enteredDate),
    index("work_item_file").on(t.fileId),
  ],
)

/** A safeguarding concern. */
export const safeguardingConcern = sqliteTable(
  "safeguarding_concern",
  {
    laCode: text("la_code").notNull(),
    concernId: text("concern_id").notNull(),
    personId: text("person_id"),
    receivedDate: text("received_date").notNull(),
    source: text("source"),
    team: text("team"),
    /** s42-enquiry | other-enquiry | no-enquiry | open */
    outcome: text("outcome"),
    decisionDate: text("decision_date"),
    ...lineage(),
  },
  (t) => [
    uniqueIndex("safeguarding_concern_row_key").on(t.rowKey),
    index("safeguarding_concern_date").on(t.receivedDate),
    index("safeguarding_concern_file").on(t.fileId),
  ],
)

/**
 * A safeguarding enquiry (section 42 or other), with what the Safeguarding Adults Collection asks of a concluded
 * one: risk assessment outcome (SG2c), result of action (SG2e), capacity and advocacy (SG3a), Making Safeguarding
 * Personal (SG4a). Types, sources and locations of risk are in `safeguarding_risk` (an enquiry can have several).
 */
export const safeguardingEnquiry = sqliteTable(
  "safeguarding_enquiry",
  {
    laCode: text("la_code").notNull(),
    enquiryId: text("enquiry_id").notNull(),
    concernId: text("concern_id"),
    personId: text("person_id"),
    /** s42 | other */
    enquiryType: text("enquiry_type").notNull(),
    team: text("team"),
    startDate: text("start_date").notNull(),
    concludedDate: text("concluded_date"),
    /** SG2c label, e.g. "Risk identified and action taken". */
    riskAssessmentOutcome: text("risk_assessment_outcome"),
    /** SG2e: "Risk remained" | "Risk reduced" | "Risk removed". */
    resultOfAction: text("result_of_action"),
    /** SG3a: "Yes" | "No" | "Don't know" | "Not recorded". */
    lackedCapacity: text("lacked_capacity"),
    /** SG3a, of those lacking capacity: "Yes" | "No" (supported by an advocate, family or friend). */
    supportedByAdvocate: text("supported_by_advocate"),
    /** SG4a: "Yes - outcomes expressed" | "Yes - no outcomes expressed" | "No" | "Don't know" | "Not recorded". */
    mspAsked: text("msp_asked"),
    /** SG4a, of those expressed: "Fully achieved" | "Partially achieved" | "Not achieved". */
    mspAchieved: text("msp_achieved"),
    ...lineage(),
  },
  (t) => [
    uniqueIndex("safeguarding_enquiry_row_key").on(t.rowKey),
    index("safeguarding_enquiry_dates").on(t.startDate, t.concludedDate),
    index("safeguarding_enquiry_file").on(t.fileId),
  ],
)

/** One type of risk in an enquiry, with its source and location (SG2a, SG2b; multiple per enquiry). */
export const safeguardingRisk = sqliteTable(
  "safeguarding_risk",
  {
    laCode: text("la_code").notNull(),
    enquiryId: text("enquiry_id").notNull(),
    typeOfRisk: text("type_of_risk").notNull(),
    sourceOfRisk: text("source_of_risk"),
    locationOfRisk: text("location_of_risk"),
    ...lineage(),
  },
  (t) => [
    uniqueIndex("safeguarding_risk_row_key").on(t.rowKey),
    index("safeguarding_risk_enquiry").on(t.laCode, t.enquiryId),
    index("safeguarding_risk_file").on(t.fileId),
  ],
)

/** A DoLS application, as the national DoLS collection records it (one row per application). */
export const dolsApplication = sqliteTable(
  "dols_application",
  {
    laCode: text("la_code").notNull(),
    applicationRef: text("application_ref").notNull(),
    personId: text("person_id"),
    managingAuthorityCqc: text("managing_authority_cqc"),
    receivedDate: text("received_date").notNull(),
    urgent: integer("urgent", { mode: "boolean" }),
    /** Assessment statuses: 0 not assessed, 1 satisfied, 2 not satisfied, 3 equivalent assessment. */
    ageAssessment: integer("age_assessment"),
    mentalHealthAssessment: integer("mental_health_assessment"),
    mentalCapacityAssessment: integer("mental_capacity_assessment"),
    noRefusalsAssessment: integer("no_refusals_assessment"),
    eligibilityAssessment: integer("eligibility_assessment"),
    bestInterestsAssessment: integer("best_interests_assessment"),
    lastAssessmentDate: text("last_assessment_date"),
    signedOffDate: text("signed_off_date"),
    /** granted | not-granted | withdrawn | open (source label in `status_source`). */
    status: text("status").notNull(),
    statusSource: text("status_source"),
    notGrantedReason: text("not_granted_reason"),
    authorisationStart: text("authorisation_start"),
    authorisationEnd: text("authorisation_end"),
    ageBand: text("age_band"),
    gender: text("gender"),
    ...lineage(),
  },
  (t) => [
    uniqueIndex("dols_application_row_key").on(t.rowKey),
    index("dols_application_dates").on(t.receivedDate, t.signedOffDate),
    index("dols_application_file").on(t.fileId),
  ],
)

/**
 * A record from a local spreadsheet loaded through a declarative mapping (complaints and compliments, carers'
 * hub registrations, feedback returns, case-file audits, training counts…): a few generic fields every dataset
 * maps onto, and the rest of its mapped columns as JSON.
 */
export const localRecord = sqliteTable(
  "local_record",
  {
    /** The dataset, e.g. `complaints`, `compliments`, `carers-hub`, `feedback`, `audits`, `training`. */
    dataset: text("dataset").notNull(),
    laCode: text("la_code").notNull(),
    recordId: text("record_id").notNull(),
    personId: text("person_id"),
    /** The record's main date (received, registered, audited…). */
    recordDate: text("record_date").notNull(),
    /** A second date (responded, closed…). */
    endDate: text("end_date"),
    category: text("category"),
    outcome: text("outcome"),
    source: text("source"),
    team: text("team"),
    /** A count or measure the record carries (default 1). */
    value: real("value"),
    /** Any other mapped columns, as a JSON object. */
    attributes: text("attributes"),
    ...lineage(),
  },
  (t) => [
    uniqueIndex("local_record_row_key").on(t.rowKey),
    index("local_record_dataset").on(t.dataset, t.recordDate),
    index("local_record_file").on(t.fileId),
  ],
)

// ---------------------------------------------------------------------------------------------------------------
// reference data and other sources for the indicators

/** An ONS mid-year population estimate for one geography, sex and single year of age (90 means 90 and over). */
export const populationEstimate = sqliteTable(
  "population_estimate",
  {
    geographyCode: text("geography_code").notNull(),
    geographyName: text("geography_name"),
    /** The mid-year of the estimate (e.g. 2024 for mid-2024). */
    year: integer("year").notNull(),
    /** Male | Female | Total */
    sex: text("sex").notNull(),
    age: integer("age").notNull(),
    value: integer("value").notNull(),
    ...lineage(),
  },
  (t) => [
    uniqueIndex("population_estimate_row_key").on(t.rowKey),
    index("population_estimate_geo").on(t.geographyCode, t.year, t.sex),
    index("population_estimate_file").on(t.fileId),
  ],
)

/**
 * A published value of a measure for one geography and year (DHSC's ASCOF tables and other published figures),
 * with the published marker when there is no number.
 */
export const benchmarkValue = sqliteTable(
  "benchmark_value",
  {
    framework: text("framework").notNull(),
    /** The published measure code, e.g. `2A`, `3D(1a)`. */
    measureCode: text("measure_code").notNull(),
    /** Financial year, e.g. `2024-25`. */
    year: text("year").notNull(),
    /** council | region | council-type | england */
    geographyLevel: text("geography_level").notNull(),
    /** CASSR code, region code, council-type code, or `England`. */
    geographyCode: text("geography_code").notNull(),
    onsCode: text("ons_code"),
    geographyName: text("geography_name"),
    /** A breakdown of the measure, e.g. `outstanding` in 6B's table; empty for the measure itself. */
    disaggregation: text("disaggregation").notNull().default(""),
    numerator: real("numerator"),
    denominator: real("denominator"),
    outcome: real("outcome"),
    /** `[c]`, `[x]` or `[z]` when the outcome is not a number. */
    marker: text("marker"),
    marginOfError: real("margin_of_error"),
    source: text("source"),
    ...lineage(),
  },
  (t) => [
    uniqueIndex("benchmark_value_row_key").on(t.rowKey),
    index("benchmark_value_measure").on(t.measureCode, t.year, t.geographyCode),
    index("benchmark_value_file").on(t.fileId),
  ],
)

/** A hospital inpatient episode ending in a discharge (SUS-like extract), linked to the person by pseudonym. */
export const hospitalEpisode = sqliteTable(
  "hospital_episode",
  {
    laCode: text("la_code").notNull(),
    episodeId: text("episode_id").notNull(),
    personId: text("person_id").notNull(),
    ageAtDischarge: integer("age_at_discharge"),
    admissionDate: text("admission_date").notNull(),
    dischargeDate: text("discharge_date"),
    admissionMethod: text("admission_method"),
    dischargeMethod: text("discharge_method"),
    dischargeDestination: text("discharge_destination"),
    treatmentFunction: text("treatment_function"),
    /** EM (emergency) | NE (non-elective) | EL (elective) | … */
    managementType: text("management_type"),
    ...lineage(),
  },
  (t) => [
    uniqueIndex("hospital_episode_row_key").on(t.rowKey),
    index("hospital_episode_person").on(t.laCode, t.personId, t.dischargeDate),
    index("hospital_episode_file").on(t.fileId),
  ],
)

/**
 * A survey response (ASCS or SACE), with the coded answers ASCOF uses (1 = the first answer option) and the
 * survey weight when the file carries one.
 */
export const surveyResponse = sqliteTable(
  "survey_response",
  {
    /** ASCS | SACE */
    survey: text("survey").notNull(),
    /** Financial year of the survey, e.g. `2024-25`. */
    year: text("year").notNull(),
    laCode: text("la_code").notNull(),
    respondentId: text("respondent_id").notNull(),
    weight: real("weight"),
    age: integer("age"),
    /** The coded answers, by question, as a JSON object (e.g. {"q1": 2, "q3a": 1}). */
    answers: text("answers").notNull(),
    ...lineage(),
  },
  (t) => [
    uniqueIndex("survey_response_row_key").on(t.rowKey),
    index("survey_response_survey").on(t.survey, t.year, t.laCode),
    index("survey_response_file").on(t.fileId),
  ],
)

/** A care provider location's CQC rating (CQC care directory), for ASCOF 6B. */
export const providerRating = sqliteTable(
  "provider_rating",
  {
    locationId: text("location_id").notNull(),
    locationName: text("location_name"),
    /** The council area (ONS code or name as CQC gives it). */
    localAuthority: text("local_authority"),
    /** residential (care home with or without nursing) | community | other */
    careType: text("care_type"),
    /** Outstanding | Good | Requires improvement | Inadequate | Not yet rated */
    rating: text("rating"),
    ratingDate: text("rating_date"),
    /** The date of the directory extract. */
    asAt: text("as_at").notNull(),
    ...lineage(),
  },
  (t) => [
    uniqueIndex("provider_rating_row_key").on(t.rowKey),
    index("provider_rating_la").on(t.localAuthority, t.asAt),
    index("provider_rating_file").on(t.fileId),
  ],
)

/** Every fact table, by SQL name: what sinks may write and `replace` may clear. */
export const factTables = {
  person,
  event,
  carer_link: carerLink,
  contact,
  work_item: workItem,
  safeguarding_concern: safeguardingConcern,
  safeguarding_enquiry: safeguardingEnquiry,
  safeguarding_risk: safeguardingRisk,
  dols_application: dolsApplication,
  local_record: localRecord,
  population_estimate: populationEstimate,
  benchmark_value: benchmarkValue,
  hospital_episode: hospitalEpisode,
  survey_response: surveyResponse,
  provider_rating: providerRating,
} as const
