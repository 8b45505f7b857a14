/**
 * The **default layouts** of the LAS source: one per adult-social-care report a performance team exports from
 * Liquidlogic LAS (CSV or XLSX), with the column headers such report exports typically use.
 *
 * Every council builds its own LAS reports, so these are a documented starting point, not a standard: a
 * council whose report names a column differently maps it in its configuration (`mapping.columns.<layout>`), and
 * a report missing a required column fails with an error listing what is missing and what was not recognised.
 *
 * Every report is run for a reporting period (as a CLD submission is: the rolling 12 months to a quarter end) and
 * echoes its parameters in `Period Start` and `Period End`: person details are as at the period end, events are
 * those ending in the period or still open at its end (services: overlapping it), and a later period's version of
 * a record supersedes an earlier one. The LA code comes from the configuration (`laCode`) unless the report has
 * an `LA Code` column.
 *
 * @category sources
 */
import * as Mapping from "../mapping/index.js"

const c = (column: Mapping.Column): Mapping.Column => column

/** The LA code column (filled from the configuration when the report has none). */
export const LA_CODE = "LA Code"

const common = {
  la: c({ name: LA_CODE, headers: ["LA", "Council Code"], description: "The council's CASSR code" }),
  start: c({
    name: "Period Start",
    headers: ["Report Start Date", "Reporting Period Start", "Period From"],
    required: true,
    description: "The report's reporting period start (its parameter)",
  }),
  end: c({
    name: "Period End",
    headers: ["Report End Date", "Reporting Period End", "Period To", "As At Date"],
    required: true,
    description: "The report's reporting period end (its parameter): details are as at this date",
  }),
  person: (required: boolean) =>
    c({
      name: "Person ID",
      headers: ["LAS Person ID", "LAS ID", "Client ID", "Person Ref"],
      required,
      identifier: true,
      description: "The LAS person id (the CLD LA_Person_Unique_Identifier)",
    }),
  nhs: c({
    name: "NHS Number",
    headers: ["NHS No", "NHS No."],
    identifier: true,
    description: "The NHS number (used as the person id when valid)",
  }),
  clientType: c({
    name: "Client Type",
    headers: ["Person Category", "Client Category"],
    required: true,
    codes: "ClientType",
    description: "Service user or unpaid carer",
  }),
  team: c({
    name: "Team",
    headers: ["Responsible Team", "Allocated Team"],
    description: "The responsible team",
  }),
  description: c({
    name: "Description",
    headers: ["Step Description"],
    description: "Free-text description",
  }),
  outcome: c({
    name: "Outcome",
    headers: ["Step Outcome"],
    codes: "EventOutcome",
    description: "The step's outcome (blank while open)",
  }),
  hours: c({
    name: "Hours Caring Per Week",
    headers: ["Caring Hours"],
    description: "For an unpaid carer: hours caring per week, from the carer's record",
  }),
  adults: c({
    name: "Adults Cared For",
    headers: ["Number of Adults Cared For"],
    description: "For an unpaid carer: how many adults they care for",
  }),
}

/** The LAS contacts report: every contact with adult social care (first contact, front door). */
export const contacts = Mapping.layout({
  name: "contacts",
  title: "LAS contacts report",
  columns: [
    common.la,
    common.start,
    common.end,
    c({
      name: "Contact ID",
      headers: ["Contact Step ID"],
      required: true,
      description: "The contact step id",
    }),
    common.person(false),
    common.nhs,
    c({
      name: "Contact Date",
      headers: ["Date of Contact"],
      required: true,
      description: "When the contact came in",
    }),
    c({
      name: "Contact Source",
      headers: ["Contact Route", "Route of Access", "Referral Source"],
      codes: "RouteOfAccess",
      description: "Where the contact came from",
    }),
    c({
      name: "Contact Outcome",
      headers: ["Outcome of Contact"],
      codes: "ContactOutcome",
      description: "What the contact led to",
    }),
    common.team,
  ],
})

/** The LAS requests-for-support report (CLD requests). */
export const requests = Mapping.layout({
  name: "requests",
  title: "LAS requests for support report",
  columns: [
    common.la,
    common.start,
    common.end,
    c({
      name: "Request ID",
      headers: ["Step ID"],
      required: true,
      description: "The request step id (Event_Reference)",
    }),
    common.person(true),
    common.nhs,
    common.clientType,
    c({
      name: "Request Type",
      headers: ["Step Type"],
      description: "The LAS step type (kept as source_type)",
    }),
    c({
      name: "Request Date",
      headers: ["Start Date"],
      required: true,
      description: "When the request was made",
    }),
    c({
      name: "Decision Date",
      headers: ["Completed Date", "End Date"],
      description: "When it was decided (blank while open)",
    }),
    c({
      name: "Route of Access",
      headers: ["Contact Source", "Referral Source"],
      required: true,
      codes: "RouteOfAccess",
      description: "CLD Request_Route_of_Access",
    }),
    common.outcome,
    common.team,
    common.description,
    common.hours,
    common.adults,
  ],
})

/** The LAS assessments report (Care Act needs, carers', occupational therapy, short-term assessments). */
export const assessments = Mapping.layout({
  name: "assessments",
  title: "LAS assessments report",
  columns: [
    common.la,
    common.start,
    common.end,
    c({ name: "Assessment ID", headers: ["Step ID"], required: true, description: "The assessment step id" }),
    common.person(true),
    common.nhs,
    common.clientType,
    c({
      name: "Assessment Type",
      headers: ["Step Type"],
      required: true,
      codes: "AssessmentType",
      description: "The LAS assessment step type (kept as source_type; mapped to CLD Assessment_Type)",
    }),
    c({
      name: "Start Date",
      headers: ["Assessment Start Date"],
      required: true,
      description: "When it started",
    }),
    c({
      name: "Completed Date",
      headers: ["End Date", "Assessment End Date"],
      description: "When it was completed (blank while open)",
    }),
    common.outcome,
    c({
      name: "Eligible Needs",
      headers: ["Eligibility Decision", "Eligible"],
      codes: "EligibleNeeds",
      description: "CLD Eligible_Needs_Identified",
    }),
    c({
      name: "Assessment Method",
      headers: ["How Assessment Conducted", "Interaction Format"],
      codes: "AssessmentMethod",
      description: "CLD Method_of_Assessment",
    }),
    common.team,
    common.description,
    common.hours,
    common.adults,
  ],
})

/** The LAS reviews report (planned and unplanned, with due and completed dates). */
export const reviews = Mapping.layout({
  name: "reviews",
  title: "LAS reviews report",
  columns: [
    common.la,
    common.start,
    common.end,
    c({ name: "Review ID", headers: ["Step ID"], required: true, description: "The review step id" }),
    common.person(true),
    common.nhs,
    common.clientType,
    c({
      name: "Review Type",
      headers: ["Step Type"],
      description: "The LAS review step type (kept as source_type)",
    }),
    c({
      name: "Review Reason",
      headers: ["Reason for Review"],
      required: true,
      codes: "ReviewReason",
      description: "CLD Review_Reason (planned or the unplanned reason)",
    }),
    c({ name: "Due Date", headers: ["Review Due Date"], description: "When the review was due" }),
    c({ name: "Start Date", headers: ["Review Start Date"], required: true, description: "When it started" }),
    c({
      name: "Completed Date",
      headers: ["End Date", "Review Completed Date"],
      description: "When it was completed",
    }),
    common.outcome,
    c({
      name: "Outcomes Met",
      headers: ["Outcomes Achieved"],
      codes: "ReviewOutcomes",
      description: "CLD Review_Outcomes_Achieved",
    }),
    c({
      name: "Review Method",
      headers: ["How Review Conducted"],
      codes: "ReviewMethod",
      description: "CLD Method_of_Review",
    }),
    common.team,
    common.description,
    common.hours,
    common.adults,
  ],
})

const personDetails = [
  c({ name: "Date of Birth", headers: ["DOB"], identifier: true, description: "Reduced to month and year" }),
  c({ name: "Date of Death", headers: ["DOD"], description: "Date of death" }),
  c({ name: "Gender", headers: ["Sex"], codes: "Gender", description: "CLD Gender" }),
  c({ name: "Ethnicity", headers: ["Ethnic Origin"], codes: "Ethnicity", description: "CLD Ethnicity" }),
  c({
    name: "Accommodation",
    headers: ["Accommodation Status"],
    codes: "Accommodation",
    description: "CLD Accommodation_Status (as at the period end)",
  }),
  c({
    name: "Employment Status",
    headers: ["Employment"],
    codes: "Employment",
    description: "CLD Employment_Status",
  }),
  c({ name: "GP Practice Code", headers: ["GP Practice"], description: "The GP practice's ODS code" }),
  c({ name: "Postcode", headers: ["Post Code"], identifier: true, description: "Reduced to its district" }),
]

/** The LAS person details report: everyone with involvement in the period, details as at its end. */
export const people = Mapping.layout({
  name: "people",
  title: "LAS person details report",
  columns: [
    common.la,
    common.start,
    common.end,
    common.person(true),
    common.nhs,
    common.clientType,
    ...personDetails,
    c({
      name: "Primary Support Reason",
      headers: ["PSR"],
      codes: "PrimarySupportReason",
      description: "CLD Primary_Support_Reason",
    }),
    c({
      name: "Has Unpaid Carer",
      headers: ["Has Carer"],
      codes: "HasUnpaidCarer",
      description: "CLD Has_Unpaid_Carer",
    }),
    c({
      name: "Funding Status",
      headers: ["Client Funding Status"],
      codes: "FundingStatus",
      description: "CLD Client_Funding_Status",
    }),
    c({
      name: "Autism",
      headers: ["Autism Spectrum Disorder"],
      codes: "YesNo",
      description: "CLD Autism_Spectrum_Disorder_ASD",
    }),
    c({ name: "Visual Impairment", codes: "YesNo", description: "CLD Visual_Impairment" }),
    c({ name: "Hearing Impairment", codes: "YesNo", description: "CLD Hearing_Impairment" }),
    c({ name: "Dementia", codes: "YesNo", description: "CLD Dementia" }),
  ],
})

/** The LAS carers report: unpaid carers with involvement in the period and the adults they care for. */
export const carers = Mapping.layout({
  name: "carers",
  title: "LAS carers report",
  columns: [
    common.la,
    common.start,
    common.end,
    c({
      name: "Carer Person ID",
      headers: ["Carer ID", "Carer LAS ID", "Person ID"],
      required: true,
      identifier: true,
      description: "The carer's LAS person id",
    }),
    common.nhs,
    ...personDetails,
    ...[1, 2, 3].map((n) =>
      c({
        name: `Cared For Person ID ${n}`,
        headers: [`Cared For ${n} ID`, `Adult ${n} Linked Person ID`],
        identifier: true,
        description: `The LAS person id of adult ${n} the carer cares for (CLD Adult_${n}_Linked_Person_ID)`,
      }),
    ),
  ],
})

/** The LAS work tray report: work waiting for allocation (waiting lists). */
export const workTray = Mapping.layout({
  name: "work-tray",
  title: "LAS work tray (awaiting allocation) report",
  columns: [
    common.la,
    common.start,
    common.end,
    c({
      name: "Item ID",
      headers: ["Work Tray Item ID", "Task ID"],
      required: true,
      description: "The work item id",
    }),
    common.person(false),
    common.nhs,
    c({
      name: "Work Type",
      headers: ["Work Tray", "Task Type"],
      required: true,
      codes: "WorkType",
      description: "What is waiting",
    }),
    common.team,
    c({ name: "Priority", headers: ["RAG", "Priority Rating"], description: "Priority as recorded" }),
    c({
      name: "Date Entered",
      headers: ["Date Added", "Date Received"],
      required: true,
      description: "When the item started waiting",
    }),
    c({
      name: "Date Allocated",
      headers: ["Allocated Date"],
      description: "When it was allocated (blank while waiting)",
    }),
    c({ name: "Date Closed", headers: ["Closed Date"], description: "When it left the tray otherwise" }),
  ],
})

/** The LAS safeguarding concerns report. */
export const safeguardingConcerns = Mapping.layout({
  name: "safeguarding-concerns",
  title: "LAS safeguarding concerns report",
  columns: [
    common.la,
    common.start,
    common.end,
    c({
      name: "Concern ID",
      headers: ["Safeguarding Concern ID"],
      required: true,
      description: "The concern step id",
    }),
    common.person(false),
    common.nhs,
    c({
      name: "Date Received",
      headers: ["Concern Date"],
      required: true,
      description: "When the concern was received",
    }),
    c({ name: "Source of Concern", headers: ["Referrer Type"], description: "Who raised it" }),
    common.team,
    c({
      name: "Concern Outcome",
      headers: ["Decision"],
      codes: "ConcernOutcome",
      description: "Section 42 enquiry, other enquiry, no enquiry, or pending",
    }),
    c({ name: "Decision Date", headers: ["Date of Decision"], description: "When the decision was made" }),
  ],
})

/** The LAS safeguarding enquiries report (section 42 and other), with SAC's questions on concluded ones. */
export const safeguardingEnquiries = Mapping.layout({
  name: "safeguarding-enquiries",
  title: "LAS safeguarding enquiries report",
  columns: [
    common.la,
    common.start,
    common.end,
    c({
      name: "Enquiry ID",
      headers: ["Safeguarding Enquiry ID"],
      required: true,
      description: "The enquiry step id",
    }),
    c({ name: "Concern ID", headers: ["Safeguarding Concern ID"], description: "The concern it came from" }),
    common.person(false),
    common.nhs,
    c({
      name: "Enquiry Type",
      headers: ["Type of Enquiry"],
      required: true,
      codes: "EnquiryType",
      description: "Section 42 or other",
    }),
    common.team,
    c({
      name: "Start Date",
      headers: ["Enquiry Start Date"],
      required: true,
      description: "When it started",
    }),
    c({ name: "Concluded Date", headers: ["Enquiry End Date"], description: "When it concluded" }),
    c({
      name: "Risk Outcome",
      headers: ["Risk Assessment Outcome"],
      codes: "RiskOutcome",
      description: "SAC SG2c",
    }),
    c({ name: "Result of Action", headers: ["Risk Result"], codes: "RiskResult", description: "SAC SG2e" }),
    c({ name: "Lacked Capacity", headers: ["Lacks Capacity"], codes: "Capacity", description: "SAC SG3a" }),
    c({
      name: "Advocate",
      headers: ["Supported by Advocate"],
      codes: "AdvocateSupport",
      description: "SAC SG3a: supported by an advocate, family or friend",
    }),
    c({ name: "MSP Asked", headers: ["Desired Outcomes Asked"], codes: "MspAsked", description: "SAC SG4a" }),
    c({
      name: "MSP Outcomes Achieved",
      headers: ["Desired Outcomes Achieved"],
      codes: "MspAchieved",
      description: "SAC SG4a",
    }),
  ],
})

/** The LAS safeguarding risks report: one row per enquiry and type of risk (SAC SG2a, SG2b). */
export const safeguardingRisks = Mapping.layout({
  name: "safeguarding-risks",
  title: "LAS safeguarding risks report",
  columns: [
    common.la,
    common.start,
    common.end,
    c({
      name: "Enquiry ID",
      headers: ["Safeguarding Enquiry ID"],
      required: true,
      description: "The enquiry",
    }),
    c({
      name: "Type of Risk",
      headers: ["Category of Abuse", "Abuse Type"],
      required: true,
      codes: "RiskType",
      description: "SAC SG2a",
    }),
    c({
      name: "Source of Risk",
      headers: ["Person Alleged to Cause Harm"],
      codes: "RiskSource",
      description: "SAC SG2a/b",
    }),
    c({
      name: "Location of Risk",
      headers: ["Location of Abuse"],
      codes: "RiskLocation",
      description: "SAC SG2b",
    }),
  ],
})

/** Every LAS layout. */
export const layouts: ReadonlyArray<Mapping.Layout> = [
  contacts,
  requests,
  assessments,
  reviews,
  people,
  carers,
  workTray,
  safeguardingConcerns,
  safeguardingEnquiries,
  safeguardingRisks,
]
