/**
 * The Adult Social Care Client Level Data (CLD) specification, Release 2: the ordered field list with the
 * per-event-type field status DHSC applies in its data-quality checks, the defined lists (Release 2 labels, with
 * Release 1 labels and common variants mapped onto them), and fast, tolerant label and header normalisation.
 *
 * Pure data and pure functions; no I/O. Every defined list is a readonly array of Release 2 labels in the order
 * the specification (or DHSC's code) gives them.
 *
 * Sources (short names as in `shared/reference/domain.md`):
 * - **DHSC-CLD** — `DataS-DHSC/ASC-CLD-LA-Dashboard`: `Stored_procedures/create_GetDQValues_procedure.sql` (field
 *   list, modules and — in its Release 1 version — the applicable/mandatory rules), `Create_personal_details_table.sql`
 *   (accommodation statuses with settled flags, employment statuses), `Create_ASCOF_2A_2425_Onwards.sql`,
 *   `Create_ASCOF_3D_2425_Onwards.sql` (service types, delivery mechanisms, client types, event outcomes),
 *   `Main_tables/docs/methodology/5-data-cleaning.md` (ethnicity, event outcome and service type R2 lists),
 *   `Waiting_times` method (assessment types; R1-only outcomes mapped to "Release 1 specification only: Not mapped"),
 *   `6.Costs_fact.sql` (cost frequency prefixes).
 * - **NHSE-CTP** — `NHSDigital/ASC-Client-Level-Data-SALT-ASCOF-transformations` (Release 1 event outcome and
 *   service type spellings, e.g. `SALT STS001/STS001 replication code.txt`).
 * - **CLD-R1-guidance** — CLD Guidance, Release 1 (February 2023), as quoted by the ASC glossary
 *   (marketingteam125.wixsite.com/ascglossary: "Route of access", "Review reason").
 *
 * Labels marked `// [U] unverified:` could not be checked against a published source and are our best reading.
 *
 * @category models
 */

// ---------------------------------------------------------------------------------------------------------------
// field list

/** The four CLD event types, which drive which fields apply to a row. */
export type EventType = "Request" | "Assessment" | "Service" | "Review"

/** Field status as DHSC's DQ check reports it ("Mandatory / Applicable but not mandatory / Not applicable"). */
export type FieldStatus = "mandatory" | "applicable" | "not-applicable"

/** The DQ module a field belongs to (DHSC-CLD `GetDQValues` module names, shortened). */
export type FieldGroup =
  | "submission"
  | "person"
  | "event"
  | "request"
  | "assessment"
  | "carer"
  | "service"
  | "review"
  | "cost"

/** How a field's value is written. */
export type FieldKind = "text" | "date" | "number" | "code"

/** The names of the defined lists. */
export type ListName =
  | "ClientType"
  | "Gender"
  | "Ethnicity"
  | "PrimarySupportReason"
  | "AccommodationStatus"
  | "EmploymentStatus"
  | "HasUnpaidCarer"
  | "YesNo"
  | "ClientFundingStatus"
  | "EventType"
  | "EventOutcome"
  | "RequestRouteOfAccess"
  | "AssessmentType"
  | "EligibleNeedsIdentified"
  | "MethodOfAssessment"
  | "ServiceType"
  | "ServiceComponent"
  | "DeliveryMechanism"
  | "ReviewReason"
  | "ReviewOutcomesAchieved"
  | "MethodOfReview"
  | "CostFrequencyUnitType"

/** One field of the Release 2 specification, with its DQ status for each event type. */
export interface Field {
  readonly name: FieldName
  readonly group: FieldGroup
  readonly kind: FieldKind
  readonly list?: ListName
  readonly status: { readonly [E in EventType]: FieldStatus }
  /** When the status depends on more than the event type, the condition DHSC applies (plain words). */
  readonly condition?: string
}

/** The official Release 2 field names, in specification order (domain.md §3.2, from DHSC-CLD `GetDQValues`). */
export const fieldNames = [
  "LA_Code",
  "Reporting_Period_Start_Date",
  "Reporting_Period_End_Date",
  "NHS_Number",
  "LA_Person_Unique_Identifier",
  "GP_Practice_Code",
  "Gender",
  "Ethnicity",
  "Date_of_Birth",
  "Date_of_Death",
  "Client_Type",
  "Primary_Support_Reason",
  "Postcode",
  "Accommodation_Status",
  "Employment_Status",
  "Has_Unpaid_Carer",
  "Autism_Spectrum_Disorder_ASD",
  "Visual_Impairment",
  "Hearing_Impairment",
  "Dementia",
  "Client_Funding_Status",
  "Event_Type",
  "Event_Reference",
  "Event_Start_Date",
  "Event_End_Date",
  "Event_Description",
  "Event_Outcome",
  "Request_Route_of_Access",
  "Assessment_Type",
  "Eligible_Needs_Identified",
  "Method_of_Assessment",
  "Total_Hrs_Caring_per_week",
  "No_of_adults_being_cared_for",
  "Adult_1_Linked_Person_ID",
  "Adult_2_Linked_Person_ID",
  "Adult_3_Linked_Person_ID",
  "Service_Type",
  "Service_Component",
  "Delivery_Mechanism",
  "Provider_CQC_Location_ID",
  "Review_Reason",
  "Review_Outcomes_Achieved",
  "Method_of_Review",
  "Unit_Cost",
  "Cost_Frequency_Unit_Type",
  "Planned_units_per_week",
] as const

/** An official Release 2 field name. */
export type FieldName = (typeof fieldNames)[number]

/**
 * Fields DHSC's DQ procedure still reports but which domain.md §3.2 leaves out of Release 2 (they were Release 1
 * fields). `canonicalHeader` recognises them so a loader can ignore them knowingly.
 * // [U] unverified: whether Release 2 dropped these, or DHSC simply stopped checking them.
 */
export const release1OnlyFieldNames = [
  "First_Name",
  "Last_Name",
  "GP_Practice_Name",
  "Provider_CQC_Location_Name",
] as const

const M = "mandatory" as const
const A = "applicable" as const
const N = "not-applicable" as const

type StatusRow = Field["status"]
const all = (s: FieldStatus): StatusRow => ({ Request: s, Assessment: s, Service: s, Review: s })
const only = (e: EventType, s: FieldStatus): StatusRow => ({ ...all(N), [e]: s })

const costCondition =
  "mandatory on long-term, short-term residential/nursing, carer respite and unpaid-carer services unless commissioned"

const field = (
  name: FieldName,
  group: FieldGroup,
  kind: FieldKind,
  status: StatusRow,
  extra: { readonly list?: ListName; readonly condition?: string } = {},
): Field => ({ name, group, kind, status, ...extra })

/**
 * The Release 2 fields in order, with DQ status per event type.
 *
 * Status rules come from the Release 1 version of DHSC-CLD `create_GetDQValues_procedure.sql` (commit 39b8cfe),
 * which spelled them out; the current version reads them from a table AGEM builds (`cond_*` columns) that is not
 * public, so where the rule depends on more than event type we record the event-type status that holds for the
 * common case and state the condition. All rows here are for service users and unpaid carers; for "Unpaid carer
 * known by association" rows every event field is not applicable (DHSC: `Client_Type != 'Carer known by association'`).
 */
export const fields: ReadonlyArray<Field> = [
  // Submission information — always mandatory.
  field("LA_Code", "submission", "code", all(M)),
  field("Reporting_Period_Start_Date", "submission", "date", all(M)),
  field("Reporting_Period_End_Date", "submission", "date", all(M)),
  // Person details.
  field("NHS_Number", "person", "code", all(M), {
    condition: "DHSC marks both identifiers mandatory; a row is usable when at least one of them is present",
  }),
  field("LA_Person_Unique_Identifier", "person", "text", all(M), {
    condition: "DHSC marks both identifiers mandatory; a row is usable when at least one of them is present",
  }),
  field("GP_Practice_Code", "person", "code", all(A)),
  field("Gender", "person", "code", all(M), { list: "Gender" }),
  field("Ethnicity", "person", "code", all(M), { list: "Ethnicity" }),
  field("Date_of_Birth", "person", "date", all(M)),
  field("Date_of_Death", "person", "date", all(A)),
  field("Client_Type", "person", "code", all(M), { list: "ClientType" }),
  // DHSC: mandatory unless the event is a request (or the Version 5 "Referral").
  field(
    "Primary_Support_Reason",
    "person",
    "code",
    { Request: A, Assessment: M, Service: M, Review: M },
    {
      list: "PrimarySupportReason",
    },
  ),
  field("Postcode", "person", "text", all(M)),
  field("Accommodation_Status", "person", "code", all(M), { list: "AccommodationStatus" }),
  field("Employment_Status", "person", "code", all(A), {
    list: "EmploymentStatus",
    condition:
      "mandatory for service users aged 18-64 at the period end whose PSR is learning disability support",
  }),
  field("Has_Unpaid_Carer", "person", "code", all(M), { list: "HasUnpaidCarer" }),
  field("Autism_Spectrum_Disorder_ASD", "person", "code", all(A), {
    list: "YesNo",
    condition: "applicable to service users only",
  }),
  field("Visual_Impairment", "person", "code", all(A), {
    list: "YesNo",
    condition: "applicable to service users only",
  }),
  field("Hearing_Impairment", "person", "code", all(A), {
    list: "YesNo",
    condition: "applicable to service users only",
  }),
  field("Dementia", "person", "code", all(A), {
    list: "YesNo",
    condition: "applicable to service users only",
  }),
  // DHSC: mandatory for service users on services, reviews and financial assessments; applicable otherwise.
  field(
    "Client_Funding_Status",
    "person",
    "code",
    { Request: A, Assessment: A, Service: M, Review: M },
    {
      list: "ClientFundingStatus",
      condition: "service users only; also mandatory on financial assessments",
    },
  ),
  // Events (all).
  field("Event_Type", "event", "code", all(M), { list: "EventType" }),
  field("Event_Reference", "event", "text", all(A)),
  field("Event_Start_Date", "event", "date", all(M)),
  // DHSC: mandatory for non-service events, and for services when the person has died.
  field(
    "Event_End_Date",
    "event",
    "date",
    { Request: M, Assessment: M, Service: A, Review: M },
    {
      condition: "mandatory on services too when Date_of_Death is present",
    },
  ),
  field("Event_Description", "event", "text", all(A)),
  field("Event_Outcome", "event", "code", all(M), {
    list: "EventOutcome",
    condition: "not mandatory on financial assessments",
  }),
  // Requests.
  field("Request_Route_of_Access", "request", "code", only("Request", M), { list: "RequestRouteOfAccess" }),
  // Assessments.
  field("Assessment_Type", "assessment", "code", only("Assessment", M), { list: "AssessmentType" }),
  field("Eligible_Needs_Identified", "assessment", "code", only("Assessment", A), {
    list: "EligibleNeedsIdentified",
  }),
  field("Method_of_Assessment", "assessment", "code", only("Assessment", M), {
    list: "MethodOfAssessment",
    condition: "not mandatory on financial assessments",
  }),
  // Carers and linked service users: applicable on unpaid-carer rows of any event type, never mandatory.
  field("Total_Hrs_Caring_per_week", "carer", "number", all(A), {
    condition: "unpaid carer rows only",
  }), // [U] unverified: DHSC maps this field R1<->R2 ("discontinuity"), so one release may use bands rather than a number.
  field("No_of_adults_being_cared_for", "carer", "number", all(A), { condition: "unpaid carer rows only" }),
  field("Adult_1_Linked_Person_ID", "carer", "text", all(A), { condition: "unpaid carer rows only" }),
  field("Adult_2_Linked_Person_ID", "carer", "text", all(A), { condition: "unpaid carer rows only" }),
  field("Adult_3_Linked_Person_ID", "carer", "text", all(A), { condition: "unpaid carer rows only" }),
  // Services.
  field("Service_Type", "service", "code", only("Service", M), { list: "ServiceType" }),
  field("Service_Component", "service", "code", only("Service", M), { list: "ServiceComponent" }),
  field("Delivery_Mechanism", "service", "code", only("Service", A), { list: "DeliveryMechanism" }),
  field("Provider_CQC_Location_ID", "service", "code", only("Service", A)),
  // Reviews.
  field("Review_Reason", "review", "code", only("Review", M), { list: "ReviewReason" }),
  field("Review_Outcomes_Achieved", "review", "code", only("Review", A), {
    list: "ReviewOutcomesAchieved",
    condition: "mandatory on planned reviews",
  }),
  field("Method_of_Review", "review", "code", only("Review", M), { list: "MethodOfReview" }),
  // Costs (services): DHSC makes these mandatory on long-term, short-term residential/nursing and carer-respite
  // services, and on unpaid-carer services, unless the delivery mechanism is CASSR commissioned support.
  field("Unit_Cost", "cost", "number", only("Service", A), { condition: costCondition }),
  field("Cost_Frequency_Unit_Type", "cost", "code", only("Service", A), {
    list: "CostFrequencyUnitType",
    condition: costCondition,
  }),
  field("Planned_units_per_week", "cost", "number", only("Service", A), { condition: costCondition }),
]

const fieldIndex = new Map<string, Field>(fields.map((f) => [f.name, f]))

/** The field called `name`, or `undefined` when it is not a Release 2 field. */
export const fieldByName = (name: string): Field | undefined => fieldIndex.get(name)

/** True when `name` is an official Release 2 field name (exact spelling). */
export const isFieldName = (name: string): name is FieldName => fieldIndex.has(name)

// ---------------------------------------------------------------------------------------------------------------
// defined lists

/** Client type (DHSC-CLD 3D carers filter lists both releases). */
export const ClientType = ["Service user", "Unpaid carer", "Unpaid carer known by association"] as const

/** Gender. // [U] unverified: only "Unknown" is confirmed (DHSC person details); the rest follow the V5/R1 list. */
export const Gender = ["Male", "Female", "Other", "Unknown"] as const

/** Ethnicity: 2021-Census-style 19 categories plus two "No data" codes (DHSC-CLD `5-data-cleaning.md`). */
export const Ethnicity = [
  "White: English, Welsh, Scottish, Northern Irish or British",
  "White: Irish",
  "White: Gypsy or Irish Traveller",
  "White: Roma",
  "White: Any other White background",
  "Mixed or multiple ethnic groups: White and Black Caribbean",
  "Mixed or multiple ethnic groups: White and Black African",
  "Mixed or multiple ethnic groups: White and Asian",
  "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background",
  "Asian or Asian British: Indian",
  "Asian or Asian British: Pakistani",
  "Asian or Asian British: Bangladeshi",
  "Asian or Asian British: Chinese",
  "Asian or Asian British: Any other Asian background",
  "Black, Black British, Caribbean or African: Caribbean",
  "Black, Black British, Caribbean or African: African",
  "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background",
  "Other ethnic group: Arab",
  "Other ethnic group: Any other ethnic group",
  "No data: Refused",
  "No data: Undeclared or not known",
] as const

/**
 * Primary support reason. "Learning Disability Support" is the spelling DHSC filters on; the other ten follow
 * the SALT PSR list (domain.md §2.3) in the same style.
 * // [U] unverified: exact Release 2 spelling of the ten non-LD labels.
 */
export const PrimarySupportReason = [
  "Physical Support: Access and Mobility Only",
  "Physical Support: Personal Care Support",
  "Sensory Support: Support for Visual Impairment",
  "Sensory Support: Support for Hearing Impairment",
  "Sensory Support: Support for Dual Impairment",
  "Support with Memory and Cognition",
  "Learning Disability Support",
  "Mental Health Support",
  "Social Support: Substance Misuse Support",
  "Social Support: Asylum Seeker Support",
  "Social Support: Support for Social Isolation/Other",
] as const

/** Accommodation status as submitted (DHSC-CLD `Create_personal_details_table.sql`, sort order 1–20). */
export const AccommodationStatus = [
  "Owner occupier or shared ownership scheme",
  "Tenant: Local authority or other social housing provider",
  "Tenant: Private landlord",
  "Settled mainstream housing with family or friends",
  "Supported accommodation, supported lodgings or supported group home",
  "Shared Lives scheme",
  "Approved premises for offenders released from prison or under probation supervision",
  "Sheltered housing, extra care housing or other sheltered housing",
  "Mobile accommodation for Gypsy, Roma and Traveller communities",
  "Rough sleeper or squatting",
  "Night shelter, emergency hostel or direct access hostel",
  "Refuge",
  "Placed in temporary accommodation by the council (inc. homelessness resettlement)",
  "Staying with family or friends as a short term guest",
  "Acute hospital or long term healthcare residential facility",
  "Registered care home",
  "Registered nursing home",
  "Prison, young offenders institution or detention centre",
  "Other temporary accommodation",
  "Unknown",
] as const

/**
 * Settled (true) or not, per label, as DHSC's ASCOF 2E applies it; includes the two statuses DHSC derives for
 * unknowns from the person's services, "Unknown: Presumed at home" (settled) and "Unknown: Presumed in community"
 * (unsettled). Source: DHSC-CLD `Create_personal_details_table.sql` (`Accommodation_Status_Group`).
 */
export const accommodationSettled: Readonly<Record<string, boolean>> = {
  "Owner occupier or shared ownership scheme": true,
  "Tenant: Local authority or other social housing provider": true,
  "Tenant: Private landlord": true,
  "Settled mainstream housing with family or friends": true,
  "Supported accommodation, supported lodgings or supported group home": true,
  "Shared Lives scheme": true,
  "Approved premises for offenders released from prison or under probation supervision": true,
  "Sheltered housing, extra care housing or other sheltered housing": true,
  "Mobile accommodation for Gypsy, Roma and Traveller communities": true,
  "Rough sleeper or squatting": false,
  "Night shelter, emergency hostel or direct access hostel": false,
  Refuge: false,
  "Placed in temporary accommodation by the council (inc. homelessness resettlement)": false,
  "Staying with family or friends as a short term guest": false,
  "Acute hospital or long term healthcare residential facility": false,
  "Registered care home": false,
  "Registered nursing home": false,
  "Prison, young offenders institution or detention centre": false,
  "Other temporary accommodation": false,
  Unknown: false,
  "Unknown: Presumed at home": true,
  "Unknown: Presumed in community": false,
}

/** The statuses DHSC derives for unknown accommodation (not submitted by councils). */
export const DerivedAccommodationStatus = [
  "Unknown: Presumed at home",
  "Unknown: Presumed in community",
] as const

/** Employment status (DHSC-CLD `Create_personal_details_table.sql`, `#REF_Employment_Status`). */
export const EmploymentStatus = [
  "Paid: Less than 16 hours a week",
  "Paid: 16 or more hours a week",
  "Paid: Hours per week unknown",
  "Not in paid employment: Seeking work",
  "Not in paid employment: Voluntary work only",
  "Not in paid employment: Not actively seeking work or retired",
  "Unknown",
] as const

/** Has unpaid carer. "Unknown" is confirmed by DHSC's `Has_Unpaid_Carer` cleaning; Yes/No are the obvious pair. */
export const HasUnpaidCarer = ["Yes", "No", "Unknown"] as const

/** The Yes/No flags: ASD, visual impairment, hearing impairment, dementia. // [U] unverified: whether R2 has "Unknown". */
export const YesNo = ["Yes", "No", "Unknown"] as const

/** Client funding status (DHSC-CLD `Create_personal_details_table.sql`). */
export const ClientFundingStatus = [
  "Fully social care funded",
  "Joint client and social care funded",
  "Fully client funded",
] as const

/** Event type (DHSC-CLD, all scripts). */
export const EventType = ["Request", "Assessment", "Service", "Review"] as const

/**
 * Event outcome, in DHSC's hierarchy order (domain.md §3.3; DHSC-CLD `REF_Event_Outcome_Hierarchy_R2` as used in
 * `Create_ASCOF_2A_2425_Onwards.sql` and `5-data-cleaning.md`). "Release 1 specification only: Not mapped" is what
 * DHSC maps the Release 1-only outcomes to ("Progress to financial assessment", "Progress to End of Life Care"); it
 * is kept here so those map somewhere, but councils do not submit it.
 */
export const EventOutcome = [
  "Progress to reablement/ST-Max",
  "Progress to assessment, review or reassessment",
  "Release 1 specification only: Not mapped",
  "Progress to support planning or services",
  "Continuation of support or services",
  "Admitted to hospital",
  "NFA: Responsibility moved to another local authority",
  "NFA: Referral to NHS services or NHS funded social care",
  "NFA: Self-funded client or under 12wk disregard",
  "NFA: Information and advice or signposting",
  "NFA: Referral to other service within the local authority",
  "NFA: Support declined",
  "NFA: Deceased",
  "NFA: Support ended as planned",
  "NFA: Support ended for other reason",
  "NFA: No services offered for other reason",
  "NFA: Other",
] as const

/**
 * Request route of access. The Release 1 list is verified (CLD-R1-guidance); the Release 2 spelling is ours.
 * // [U] unverified: Release 2 labels (written here as sentence-case versions of Release 1).
 */
export const RequestRouteOfAccess = [
  "Planned entry (transition)",
  "Discharge from hospital",
  "Diversion from hospital services",
  "Community/other route",
  "Prison",
  "Self-funder",
  "Discharge from reablement",
  "Transfer from other LA",
] as const

/**
 * Assessment type. The two short/long term labels are verified (DHSC waiting-times method).
 * // [U] unverified: "Unpaid carer assessment" and "Financial assessment" (Release 1 had "Financial Assessment").
 */
export const AssessmentType = [
  "Short term assessment",
  "Long term assessment",
  "Unpaid carer assessment",
  "Financial assessment",
] as const

/** Eligible needs identified. // [U] unverified: list values. */
export const EligibleNeedsIdentified = ["Yes", "No"] as const

/** Method of assessment. // [U] unverified: list values. */
export const MethodOfAssessment = [
  "Face to face",
  "Telephone",
  "Video call",
  "Online or self-assessment",
  "Other",
] as const

/** Service type (DHSC-CLD `5-data-cleaning.md`, `Service_Type_Cleaned`). */
export const ServiceType = [
  "Long term support: Nursing care",
  "Long term support: Residential care",
  "Long term support: Community",
  "Long term support: Prison",
  "Short term support: ST-Max",
  "Short term support: Ongoing low level",
  "Short term support: Other short term",
  "Unpaid carer support: Direct to unpaid carer",
  "Unpaid carer support: Support involving the person cared-for",
] as const

/**
 * Service component. DHSC's code writes "Short term residential care", "Short term nursing care", "Shared Lives",
 * "Community supported living", "Extra care housing", "Home support or domiciliary care" and "Direct payment";
 * the rest come from a third-party data model citing the spec (domain.md §3.3).
 * // [U] unverified: exact spelling of the labels DHSC's code does not use, in particular the unpaid-carer ones.
 */
export const ServiceComponent = [
  "Reablement",
  "Short term nursing care",
  "Short term residential care",
  "Long term nursing care",
  "Long term residential care",
  "Home support or domiciliary care",
  "Day support",
  "Meals",
  "Transport",
  "Equipment",
  "Direct payment",
  "Shared Lives",
  "Community supported living",
  "Extra care housing",
  "Professional support: Social worker",
  "Professional support: Other",
  "Learning, education or employment support",
  "End of life care",
  "Emergency support",
  "Other short term",
  "Other long term",
  "Unpaid carer respite",
  "Unpaid carer sitting service",
  "Unpaid carer universal services",
  "Unpaid carer other",
] as const

/** Delivery mechanism (DHSC-CLD `Create_ASCOF_3D_2425_Onwards.sql`). */
export const DeliveryMechanism = [
  "Direct payment",
  "CASSR managed personal budget",
  "CASSR commissioned support",
] as const

/**
 * Review reason. Release 1 is verified (CLD-R1-guidance: "Planned", "Unplanned - Hospital (Planned and unplanned
 * episodes)", …); DHSC derives the review type from the prefix ("Planned…", "Unplanned…") and has a Release 2
 * value "Review of short term support" (DHSC-CLD `GetDerivedFields`).
 * // [U] unverified: Release 2 spelling of the unplanned reasons (written with a colon, as R2 writes groups).
 */
export const ReviewReason = [
  "Planned",
  "Unplanned: Hospital (planned and unplanned episodes)",
  "Unplanned: Carer related",
  "Unplanned: Safeguarding concern",
  "Unplanned: Other reason",
  "Unplanned: Provider failure",
  "Unplanned: Change in commissioning arrangements",
  "Review of short term support",
] as const

/** Review outcomes achieved. // [U] unverified: list values. */
export const ReviewOutcomesAchieved = [
  "Fully achieved",
  "Partially achieved",
  "Not achieved",
  "Unknown",
] as const

/** Method of review. // [U] unverified: list values. */
export const MethodOfReview = [
  "Face to face",
  "Telephone",
  "Video call",
  "Paper or online self-review",
  "Other",
] as const

/**
 * Cost frequency (unit type). DHSC's costs code matches the prefixes week, fortnight, 4-week, month, quarter,
 * annual and the value "one-off", and names per-session, hourly and daily costs (DHSC-CLD `6.Costs_fact.sql`).
 * // [U] unverified: exact capitalisation and the "Per session" spelling.
 */
export const CostFrequencyUnitType = [
  "Hourly",
  "Daily",
  "Per session",
  "Weekly",
  "Fortnightly",
  "4-weekly",
  "Monthly",
  "Quarterly",
  "Annually",
  "One-off",
] as const

/** Every defined list by name. */
export const lists: { readonly [L in ListName]: ReadonlyArray<string> } = {
  ClientType,
  Gender,
  Ethnicity,
  PrimarySupportReason,
  AccommodationStatus,
  EmploymentStatus,
  HasUnpaidCarer,
  YesNo,
  ClientFundingStatus,
  EventType,
  EventOutcome,
  RequestRouteOfAccess,
  AssessmentType,
  EligibleNeedsIdentified,
  MethodOfAssessment,
  ServiceType,
  ServiceComponent,
  DeliveryMechanism,
  ReviewReason,
  ReviewOutcomesAchieved,
  MethodOfReview,
  CostFrequencyUnitType,
}

// ---------------------------------------------------------------------------------------------------------------
// Release 1 labels and variants

/**
 * Release 1 labels (and Release 1-era spellings seen in NHSE/DHSC code) mapped to the Release 2 label. The first
 * key for each Release 2 label is the canonical Release 1 spelling (what `toRelease1` writes).
 */
export const release1: { readonly [L in ListName]: Readonly<Record<string, string>> } = {
  ClientType: {
    "Service User": "Service user",
    Carer: "Unpaid carer",
    "Carer known by association": "Unpaid carer known by association",
  },
  Gender: {},
  // "Mixed: White and Asian" is DHSC's documented example; the other R1 spellings follow the same pattern.
  // [U] unverified: Release 1 ethnicity spellings other than "Mixed: White and Asian".
  Ethnicity: {
    "White: English / Welsh / Scottish / Northern Irish / British":
      "White: English, Welsh, Scottish, Northern Irish or British",
    "White: Any other White background": "White: Any other White background",
    "Mixed: White and Black Caribbean": "Mixed or multiple ethnic groups: White and Black Caribbean",
    "Mixed: White and Black African": "Mixed or multiple ethnic groups: White and Black African",
    "Mixed: White and Asian": "Mixed or multiple ethnic groups: White and Asian",
    "Mixed: Any other Mixed / Multiple ethnic background":
      "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background",
    "Asian / Asian British: Indian": "Asian or Asian British: Indian",
    "Asian / Asian British: Pakistani": "Asian or Asian British: Pakistani",
    "Asian / Asian British: Bangladeshi": "Asian or Asian British: Bangladeshi",
    "Asian / Asian British: Chinese": "Asian or Asian British: Chinese",
    "Asian / Asian British: Any other Asian background": "Asian or Asian British: Any other Asian background",
    "Black / African / Caribbean / Black British: Caribbean":
      "Black, Black British, Caribbean or African: Caribbean",
    "Black / African / Caribbean / Black British: African":
      "Black, Black British, Caribbean or African: African",
    "Black / African / Caribbean / Black British: Any other Black / African / Caribbean background":
      "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background",
    "Other ethnic group: Arab": "Other ethnic group: Arab",
    "Other ethnic group: Any other ethnic group": "Other ethnic group: Any other ethnic group",
    Refused: "No data: Refused",
    "Undeclared / Not known": "No data: Undeclared or not known",
  },
  // [U] unverified: Release 1 PSR spellings (SALT-style, with "&" and " / ").
  PrimarySupportReason: {
    "Physical Support: Access & Mobility Only": "Physical Support: Access and Mobility Only",
    "Physical Support: Personal Care Support": "Physical Support: Personal Care Support",
    "Sensory Support: Support for Visual Impairment": "Sensory Support: Support for Visual Impairment",
    "Sensory Support: Support for Hearing Impairment": "Sensory Support: Support for Hearing Impairment",
    "Sensory Support: Support for Dual Impairment": "Sensory Support: Support for Dual Impairment",
    "Support with Memory & Cognition": "Support with Memory and Cognition",
    "Learning Disability Support": "Learning Disability Support",
    "Mental Health Support": "Mental Health Support",
    "Social Support: Substance Misuse Support": "Social Support: Substance Misuse Support",
    "Social Support: Asylum Seeker Support": "Social Support: Asylum Seeker Support",
    "Social Support: Support for Social Isolation / Other":
      "Social Support: Support for Social Isolation/Other",
  },
  // [U] unverified: Release 1 accommodation spellings (SALT LTS004 style).
  AccommodationStatus: {
    "Owner occupier or shared ownership scheme": "Owner occupier or shared ownership scheme",
    "Tenant - Local Authority / Arms Length Management Organisation / Registered Social Landlord / Housing Association":
      "Tenant: Local authority or other social housing provider",
    "Tenant - private landlord": "Tenant: Private landlord",
    "Settled mainstream housing with family / friends": "Settled mainstream housing with family or friends",
    "Supported accommodation / supported lodgings / supported group home":
      "Supported accommodation, supported lodgings or supported group home",
    "Shared Lives scheme": "Shared Lives scheme",
    "Approved premises for offenders released from prison or under probation supervision":
      "Approved premises for offenders released from prison or under probation supervision",
    "Sheltered Housing / extra care housing / other sheltered housing":
      "Sheltered housing, extra care housing or other sheltered housing",
    "Mobile accommodation for Gypsy / Roma and Traveller communities":
      "Mobile accommodation for Gypsy, Roma and Traveller communities",
    "Rough sleeper / squatting": "Rough sleeper or squatting",
    "Night shelter / emergency hostel / direct access hostel":
      "Night shelter, emergency hostel or direct access hostel",
    Refuge: "Refuge",
    "Placed in temporary accommodation by the council (inc. homelessness resettlement)":
      "Placed in temporary accommodation by the council (inc. homelessness resettlement)",
    "Staying with family / friends as a short-term guest":
      "Staying with family or friends as a short term guest",
    "Acute / long-term healthcare residential facility or hospital":
      "Acute hospital or long term healthcare residential facility",
    "Registered care home": "Registered care home",
    "Registered nursing home": "Registered nursing home",
    "Prison / Young offenders institution / detention centre":
      "Prison, young offenders institution or detention centre",
    "Other temporary accommodation": "Other temporary accommodation",
    Unknown: "Unknown",
  },
  // [U] unverified: Release 1 employment spellings (SALT LTS004 style).
  EmploymentStatus: {
    "Paid: Less than 16 hours a week": "Paid: Less than 16 hours a week",
    "Paid: 16 or more hours a week": "Paid: 16 or more hours a week",
    "Paid: Hours per week unknown": "Paid: Hours per week unknown",
    "Not in Paid Employment (seeking work)": "Not in paid employment: Seeking work",
    "Not in Paid Employment (voluntary work only)": "Not in paid employment: Voluntary work only",
    "Not in Paid Employment (not actively seeking work / retired)":
      "Not in paid employment: Not actively seeking work or retired",
    Unknown: "Unknown",
  },
  HasUnpaidCarer: {},
  YesNo: {},
  // [U] unverified: Release 1 funding-status capitalisation.
  ClientFundingStatus: {
    "Fully Social Care Funded": "Fully social care funded",
    "Joint Client and Social Care Funded": "Joint client and social care funded",
    "Fully Client Funded": "Fully client funded",
  },
  EventType: {},
  // NHSE-CTP STS001 (`#REF_SEQUEL_MAPPING`, `#REF_Event_Outcome_Hierarchy`) spellings; mappings to R2 follow the DHSC
  // R2 hierarchy and waiting-times notes. [U] unverified: "No change in package", "Service ended as planned" and
  // "Provision of service" targets (DHSC's mapping table is not public).
  EventOutcome: {
    "Progress to Reablement/ST-Max": "Progress to reablement/ST-Max",
    "Progress to Assessment": "Progress to assessment, review or reassessment",
    "Progress to Re-assessment / Unplanned Review": "Progress to assessment, review or reassessment",
    "Progress to Support Planning / Services": "Progress to support planning or services",
    "Provision of service": "Progress to support planning or services",
    "Progress to End of Life Care": "Release 1 specification only: Not mapped",
    "Progress to financial assessment": "Release 1 specification only: Not mapped",
    "No change in package": "Continuation of support or services",
    "Admitted to hospital": "Admitted to hospital",
    "NFA - Moved to another LA": "NFA: Responsibility moved to another local authority",
    "NFA - 100% NHS funded care": "NFA: Referral to NHS services or NHS funded social care",
    "NFA - 100% NHS-funded care": "NFA: Referral to NHS services or NHS funded social care",
    "NFA - Self-funded client (Inc. 12wk disregard)": "NFA: Self-funded client or under 12wk disregard",
    "NFA - Information & Advice / Signposting only": "NFA: Information and advice or signposting",
    "NFA - Support declined": "NFA: Support declined",
    "NFA - Deceased": "NFA: Deceased",
    "Service ended as planned": "NFA: Support ended as planned",
    "NFA - Support ended: Other reason": "NFA: Support ended for other reason",
    "NFA - Support ended – other reason": "NFA: Support ended for other reason",
    "NFA - No services offered: Other reason": "NFA: No services offered for other reason",
    "NFA - No services offered - other reason": "NFA: No services offered for other reason",
    "NFA - Other": "NFA: Other",
  },
  // CLD-R1-guidance, verified.
  RequestRouteOfAccess: {
    "Planned Entry (Transition)": "Planned entry (transition)",
    "Discharge from Hospital": "Discharge from hospital",
    "Diversion from Hospital Services": "Diversion from hospital services",
    "Community / Other route": "Community/other route",
    Prison: "Prison",
    "Self-Funder": "Self-funder",
    "Discharge from Reablement": "Discharge from reablement",
    "Transfer from Other LA": "Transfer from other LA",
  },
  // "Financial Assessment" is in DHSC's R1 DQ rules; [U] unverified: the other Release 1 spellings.
  AssessmentType: {
    "Short Term Assessment": "Short term assessment",
    "Long Term Assessment": "Long term assessment",
    "Carer Assessment": "Unpaid carer assessment",
    "Financial Assessment": "Financial assessment",
  },
  EligibleNeedsIdentified: {},
  MethodOfAssessment: {},
  // NHSE-CTP `#REF_Service_Type` and DHSC 3D comments (R1 "Carer Support: Direct to Carer").
  ServiceType: {
    "Long Term Support: Nursing Care": "Long term support: Nursing care",
    "Long Term Support: Residential Care": "Long term support: Residential care",
    "Long Term Support: Community": "Long term support: Community",
    "Long Term Support: Prison": "Long term support: Prison",
    "Short Term Support: ST-Max": "Short term support: ST-Max",
    "Short Term Support: Ongoing Low Level": "Short term support: Ongoing low level",
    "Short Term Support: Other Short Term": "Short term support: Other short term",
    "Carer Support: Direct to Carer": "Unpaid carer support: Direct to unpaid carer",
    "Carer Support: Support involving the person cared-for":
      "Unpaid carer support: Support involving the person cared-for",
  },
  // DHSC's R1 DQ rules name "Short Term Residential Care", "Short Term Nursing Care" and "Carer Respite".
  // [U] unverified: the other Release 1 component spellings.
  ServiceComponent: {
    "Short Term Residential Care": "Short term residential care",
    "Short Term Nursing Care": "Short term nursing care",
    "Long Term Residential Care": "Long term residential care",
    "Long Term Nursing Care": "Long term nursing care",
    "Home Support / Domiciliary Care": "Home support or domiciliary care",
    "Direct Payment": "Direct payment",
    "Supported Living": "Community supported living",
    "Extra Care Housing": "Extra care housing",
    "Carer Respite": "Unpaid carer respite",
    "Carer Sitting Service": "Unpaid carer sitting service",
    "Carer Other": "Unpaid carer other",
  },
  // DHSC 3D comments quote the Release 1 spellings.
  DeliveryMechanism: {
    "Direct Payment": "Direct payment",
    "CASSR Managed Personal Budget": "CASSR managed personal budget",
    "CASSR Commissioned support": "CASSR commissioned support",
    "CASSR Commissioned Support": "CASSR commissioned support",
  },
  // CLD-R1-guidance, verified.
  ReviewReason: {
    Planned: "Planned",
    "Unplanned - Hospital (Planned and unplanned episodes)":
      "Unplanned: Hospital (planned and unplanned episodes)",
    "Unplanned - Carer related": "Unplanned: Carer related",
    "Unplanned - Safeguarding concern": "Unplanned: Safeguarding concern",
    "Unplanned - Other Reason": "Unplanned: Other reason",
    "Unplanned - Provider Failure": "Unplanned: Provider failure",
    "Unplanned - Change in Commissioning arrangements": "Unplanned: Change in commissioning arrangements",
  },
  ReviewOutcomesAchieved: {},
  MethodOfReview: {},
  CostFrequencyUnitType: {},
}

/**
 * Common spellings councils' systems produce that are neither Release 1 nor Release 2 labels but map to one
 * unambiguously (codes, abbreviations, old SALT wording). They normalise as Release 2.
 */
export const variants: { readonly [L in ListName]?: Readonly<Record<string, string>> } = {
  ClientType: { Client: "Service user", "Unpaid Carer": "Unpaid carer" },
  Gender: {
    M: "Male",
    F: "Female",
    "1": "Male",
    "2": "Female",
    X: "Unknown",
    "9": "Unknown",
    "Not known": "Unknown",
    "Not stated": "Unknown",
    "Not recorded": "Unknown",
    Indeterminate: "Other",
    "Non-binary": "Other",
  },
  // NHS Data Dictionary ethnic category codes (2001 census letters).
  Ethnicity: {
    A: "White: English, Welsh, Scottish, Northern Irish or British",
    B: "White: Irish",
    C: "White: Any other White background",
    D: "Mixed or multiple ethnic groups: White and Black Caribbean",
    E: "Mixed or multiple ethnic groups: White and Black African",
    F: "Mixed or multiple ethnic groups: White and Asian",
    G: "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background",
    H: "Asian or Asian British: Indian",
    J: "Asian or Asian British: Pakistani",
    K: "Asian or Asian British: Bangladeshi",
    L: "Asian or Asian British: Any other Asian background",
    M: "Black, Black British, Caribbean or African: Caribbean",
    N: "Black, Black British, Caribbean or African: African",
    P: "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background",
    R: "Asian or Asian British: Chinese",
    S: "Other ethnic group: Any other ethnic group",
    Z: "No data: Undeclared or not known",
    "99": "No data: Undeclared or not known",
    "Not stated": "No data: Undeclared or not known",
    "Not known": "No data: Undeclared or not known",
    Declined: "No data: Refused",
  },
  PrimarySupportReason: {
    "Learning Disability": "Learning Disability Support",
    "Mental Health": "Mental Health Support",
  },
  HasUnpaidCarer: { Y: "Yes", N: "No", "Not known": "Unknown" },
  YesNo: { Y: "Yes", N: "No", "Not known": "Unknown" },
  EligibleNeedsIdentified: { Y: "Yes", N: "No" },
  EventType: { Referral: "Request", Contact: "Request", Reassessment: "Assessment" },
  EventOutcome: {
    "NFA- Other": "NFA: Other",
    "Admitted to Hospital": "Admitted to hospital",
    "NFA - Self-funded client (inc. 12wk disregard)": "NFA: Self-funded client or under 12wk disregard",
  },
  RequestRouteOfAccess: {
    "Self-funder with depleted funds": "Self-funder",
    "Self-funder with depleted funds (of which previously provided with 12-week disregard or deferred payment)":
      "Self-funder",
  },
  DeliveryMechanism: { DP: "Direct payment", "Managed personal budget": "CASSR managed personal budget" },
  ReviewReason: { "Planned review": "Planned" },
  CostFrequencyUnitType: {
    "Per hour": "Hourly",
    "Per day": "Daily",
    "Per night": "Daily",
    Session: "Per session",
    "Per week": "Weekly",
    "Four weekly": "4-weekly",
    "Four-weekly": "4-weekly",
    "4 weekly": "4-weekly",
    "Per month": "Monthly",
    Annual: "Annually",
    Yearly: "Annually",
    "One off": "One-off",
  },
}

// ---------------------------------------------------------------------------------------------------------------
// normalisation

/** A label resolved to its Release 2 form, and which release the input was written in. */
export interface Normalised {
  readonly value: string
  readonly release: 1 | 2
}

/**
 * The comparison key: lower case; en/em dashes and minus as hyphens; "&" as "and"; hyphens and colons treated
 * as one separator with any surrounding spaces removed; no spaces around "/" or ","; runs of whitespace
 * collapsed; surrounding quotes, spaces and a trailing full stop removed.
 */
const keyOf = (raw: string): string =>
  raw
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/&/g, " and ")
    .replace(/\s*[-:]\s*/g, "-")
    .replace(/\s*([/,])\s*/g, "$1")
    .replace(/\s+/g, " ")
    .replace(/^["'\s]+|["'\s.]+$/g, "")

interface Table {
  readonly exact: Map<string, Normalised>
  readonly key: Map<string, Normalised>
  readonly cache: Map<string, Normalised | null>
  readonly toR1: Map<string, string>
}

const CACHE_LIMIT = 4096

const buildTable = (list: ListName): Table => {
  const exact = new Map<string, Normalised>()
  const key = new Map<string, Normalised>()
  const toR1 = new Map<string, string>()
  const add = (raw: string, value: string, release: 1 | 2) => {
    const n: Normalised = Object.freeze({ value, release })
    if (!exact.has(raw)) exact.set(raw, n)
    const k = keyOf(raw)
    if (!key.has(k)) key.set(k, n)
  }
  for (const label of lists[list]) add(label, label, 2)
  for (const [r1, r2] of Object.entries(release1[list])) {
    add(r1, r2, 1)
    if (!toR1.has(r2)) toR1.set(r2, r1)
  }
  for (const [v, r2] of Object.entries(variants[list] ?? {})) add(v, r2, 2)
  return { exact, key, cache: new Map(), toR1 }
}

const tables = Object.fromEntries(
  (Object.keys(lists) as ListName[]).map((l) => [l, buildTable(l)]),
) as unknown as { readonly [L in ListName]: Table }

/**
 * The Release 2 label for `raw` in defined list `list`, and whether `raw` was written as Release 1 or 2; or
 * `undefined` when it matches nothing. Tolerant of case, surrounding and repeated spaces, and spacing or dash
 * style around hyphens, en dashes and colons ("NFA - Deceased", "NFA: Deceased", "nfa–deceased" all match).
 *
 * An exact Release 1 spelling reports release 1; a spelling that only matches after normalisation reports the
 * release of the label it matched, preferring Release 2 when both match (so "service user" is Release 2, while
 * "Service User" is Release 1). Fast: exact spellings are one map lookup, others are memoised.
 */
export const normalise = (list: ListName, raw: string): Normalised | undefined => {
  const t = tables[list]
  const hit = t.exact.get(raw)
  if (hit !== undefined) return hit
  const cached = t.cache.get(raw)
  if (cached !== undefined) return cached ?? undefined
  const found = t.key.get(keyOf(raw))
  if (t.cache.size < CACHE_LIMIT) t.cache.set(raw, found ?? null)
  return found
}

/** True when `raw` normalises to a label of `list`. */
export const isValid = (list: ListName, raw: string): boolean => normalise(list, raw) !== undefined

/** The canonical Release 1 spelling of Release 2 label `label` (the label itself when Release 1 wrote it the same). */
export const toRelease1 = (list: ListName, label: string): string => tables[list].toR1.get(label) ?? label

// ---------------------------------------------------------------------------------------------------------------
// rules on labels

/**
 * Whether an accommodation status counts as settled in ASCOF 2E (DHSC-CLD `Create_personal_details_table.sql`);
 * accepts Release 1 spellings and the two derived "Unknown: Presumed …" statuses. Unrecognised values are unsettled.
 */
export const settledAccommodation = (label: string): boolean => {
  const direct = accommodationSettled[label]
  if (direct !== undefined) return direct
  const derived = DerivedAccommodationStatus.find((d) => keyOf(d) === keyOf(label))
  if (derived !== undefined) return accommodationSettled[derived] === true
  const n = normalise("AccommodationStatus", label)
  return n !== undefined && accommodationSettled[n.value] === true
}

/**
 * An event outcome's rank in DHSC's hierarchy: 1 ("Progress to reablement/ST-Max") … 17 ("NFA: Other"); 999
 * for blank or unrecognised outcomes, as DHSC's `COALESCE(Event_Outcome_Hierarchy, 999)` (domain.md §3.3).
 * Accepts Release 1 spellings.
 */
export const outcomeRank = (label: string): number => {
  const n = normalise("EventOutcome", label)
  if (n === undefined) return 999
  return (EventOutcome as ReadonlyArray<string>).indexOf(n.value) + 1
}

/** The service-type group DHSC derives ("Long term support", "Short term support", "Unpaid carer support"). */
export const serviceTypeGroup = (
  label: string,
): "Long term support" | "Short term support" | "Unpaid carer support" | undefined => {
  const v = normalise("ServiceType", label)?.value
  if (v === undefined) return undefined
  return v.startsWith("Long term")
    ? "Long term support"
    : v.startsWith("Short term")
      ? "Short term support"
      : "Unpaid carer support"
}

/** True for the four long-term service types (nursing, residential, community, prison). */
export const isLongTermService = (label: string): boolean => serviceTypeGroup(label) === "Long term support"

/**
 * The review type DHSC derives from the review reason: "Planned…" → planned review of long-term support,
 * "Unplanned…" → unplanned, "Review of short term support" (DHSC-CLD `GetDerivedFields`).
 */
export const reviewType = (label: string): "Planned" | "Unplanned" | "Short term" | undefined => {
  const v = normalise("ReviewReason", label)?.value
  if (v === undefined) return undefined
  return v === "Review of short term support"
    ? "Short term"
    : v.startsWith("Unplanned")
      ? "Unplanned"
      : "Planned"
}

/** The high-level ethnic group (the part before the colon), as DHSC's `Ethnicity_Grouped`. */
export const ethnicityGroup = (label: string): string | undefined => {
  const v = normalise("Ethnicity", label)?.value
  return v === undefined ? undefined : v.slice(0, v.indexOf(":"))
}

// ---------------------------------------------------------------------------------------------------------------
// headers

const headerKey = (raw: string): string => raw.toLowerCase().replace(/[^a-z0-9]/g, "")

/** Header spellings seen in councils' extracts that differ by more than case, spaces and punctuation. */
const headerAliases: Readonly<Record<string, string>> = {
  LA: "LA_Code",
  Council_Code: "LA_Code",
  Period_Start: "Reporting_Period_Start_Date",
  Period_End: "Reporting_Period_End_Date",
  NHS_No: "NHS_Number",
  LA_Person_ID: "LA_Person_Unique_Identifier",
  Person_Unique_Identifier: "LA_Person_Unique_Identifier",
  DOB: "Date_of_Birth",
  DOD: "Date_of_Death",
  PSR: "Primary_Support_Reason",
  ASD: "Autism_Spectrum_Disorder_ASD",
  Autism: "Autism_Spectrum_Disorder_ASD",
  Autism_Spectrum_Disorder: "Autism_Spectrum_Disorder_ASD",
  Route_of_Access: "Request_Route_of_Access",
  Total_Hours_Caring_per_week: "Total_Hrs_Caring_per_week",
  Number_of_adults_being_cared_for: "No_of_adults_being_cared_for",
  Cost_Frequency: "Cost_Frequency_Unit_Type",
  Planned_Units: "Planned_units_per_week",
  CQC_Location_ID: "Provider_CQC_Location_ID",
}

const headerIndex = (() => {
  const m = new Map<string, string>()
  for (const name of fieldNames) m.set(headerKey(name), name)
  for (const name of release1OnlyFieldNames) m.set(headerKey(name), name)
  for (const [alias, name] of Object.entries(headerAliases))
    if (!m.has(headerKey(alias))) m.set(headerKey(alias), name)
  return m
})()

/**
 * The official field name for a header cell, tolerant of case, spaces, underscores and punctuation (`la code`,
 * `LA_CODE`, `La Code` → `LA_Code`; `Request: Route of Access` → `Request_Route_of_Access`; `Cost Frequency (Unit
 * Type)` → `Cost_Frequency_Unit_Type`), plus a few common aliases; a leading byte-order mark is ignored.
 * Returns one of `fieldNames`, one of `release1OnlyFieldNames`, or `undefined`.
 */
export const canonicalHeader = (raw: string): string | undefined => headerIndex.get(headerKey(raw))
