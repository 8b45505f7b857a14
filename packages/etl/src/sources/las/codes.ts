/**
 * The national lists LAS values map onto, and the **default code tables** of the LAS source: the local values a
 * typical Liquidlogic LAS configuration uses, mapped to CLD Release 2 labels (`@asckit/core` `Cld`), Safeguarding
 * Adults Collection labels, or asckit's own lists.
 *
 * These are editable data. Every council configures LAS's lookups differently: a value not here is quarantined
 * as `unmapped-code` and listed with its row count (`Mapping.unmapped`), and the council maps it in its
 * configuration (`mapping.codes.<table>`, or a JSON `mapping.codesFile` of the same shape) — no code change.
 * Values already written as the national label are accepted as they are.
 *
 * The local labels are asckit's reading of common LAS configurations, not a published standard.
 * // [U] unverified: local LAS labels vary by council; SAC label spellings follow domain.md §4 and the
 * warehouse schema (SG2c, SG2e, SG3a, SG4a), the SG2a/SG2b ones the SAC guidance's row names.
 *
 * @category sources
 */
import * as Mapping from "../mapping/index.js"

// ---------------------------------------------------------------------------------------------------------------
// national lists beside CLD's

/** What a contact led to (the `contact.outcome` values). */
export const ContactOutcome = Mapping.codeList("ContactOutcome", [
  "safeguarding",
  "dols",
  "existing-case",
  "new-case",
  "resolved-equipment",
  "resolved-other",
])

/** The kind of work waiting in a work tray (the `work_item.work_type` values). */
export const WorkType = Mapping.codeList("WorkType", [
  "needs-assessment",
  "ot-assessment",
  "carer-assessment",
  "review",
  "other",
])

/** What a safeguarding concern led to (the `safeguarding_concern.outcome` values). */
export const ConcernOutcome = Mapping.codeList("ConcernOutcome", [
  "s42-enquiry",
  "other-enquiry",
  "no-enquiry",
  "open",
])

/** Section 42 or other enquiry (SAC SG1f). */
export const EnquiryType = Mapping.codeList("EnquiryType", ["s42", "other"])

/** SAC SG2a: type of risk. */
export const RiskType = Mapping.codeList("RiskType", [
  "Physical",
  "Sexual",
  "Psychological",
  "Financial or Material",
  "Discriminatory",
  "Organisational",
  "Neglect and Acts of Omission",
  "Domestic Abuse",
  "Sexual Exploitation",
  "Modern Slavery",
  "Self-Neglect",
])

/** SAC SG2a/SG2b: source of risk. */
export const RiskSource = Mapping.codeList("RiskSource", [
  "Service Provider",
  "Other - Known to Individual",
  "Other - Unknown to Individual",
])

/** SAC SG2b: location of risk. */
export const RiskLocation = Mapping.codeList("RiskLocation", [
  "Own Home",
  "In the community (excluding community services)",
  "In a community service",
  "Care Home - Nursing",
  "Care Home - Residential",
  "Hospital - Acute",
  "Hospital - Mental Health",
  "Hospital - Community",
  "Other",
])

/** SAC SG2c: risk assessment outcome. */
export const RiskOutcome = Mapping.codeList("RiskOutcome", [
  "Risk identified and action taken",
  "Risk identified and no action taken",
  "Risk - inconclusive and action taken",
  "Risk - inconclusive and no action taken",
  "No risk identified and action taken",
  "No risk identified and no action taken",
  "Enquiry ceased at individual's request and no action taken",
])

/** SAC SG2e: result of action taken. */
export const RiskResult = Mapping.codeList("RiskResult", ["Risk remained", "Risk reduced", "Risk removed"])

/** SAC SG3a: whether the person lacked capacity. */
export const Capacity = Mapping.codeList("Capacity", ["Yes", "No", "Don't know", "Not recorded"])

/** SAC SG3a: supported by an advocate, family or friend. */
export const AdvocateSupport = Mapping.codeList("AdvocateSupport", ["Yes", "No"])

/** SAC SG4a: asked about desired outcomes. */
export const MspAsked = Mapping.codeList("MspAsked", [
  "Yes - outcomes expressed",
  "Yes - no outcomes expressed",
  "No",
  "Don't know",
  "Not recorded",
])

/** SAC SG4a: desired outcomes achieved. */
export const MspAchieved = Mapping.codeList("MspAchieved", [
  "Fully achieved",
  "Partially achieved",
  "Not achieved",
])

// ---------------------------------------------------------------------------------------------------------------
// default tables

const t = Mapping.table

/** The default LAS code tables (see the module docs). */
export const tables: ReadonlyArray<Mapping.CodeTable> = [
  t({
    name: "ClientType",
    description: "LAS person category → CLD Client_Type",
    list: Mapping.cldList("ClientType"),
    map: {
      Client: "Service user",
      "Service User": "Service user",
      Adult: "Service user",
      Carer: "Unpaid carer",
      "Unpaid Carer": "Unpaid carer",
      "Carer (known by association)": "Unpaid carer known by association",
    },
  }),
  t({
    name: "Gender",
    description: "LAS gender → CLD Gender",
    list: Mapping.cldList("Gender"),
    map: {
      M: "Male",
      F: "Female",
      "Not Known": "Unknown",
      "Not Specified": "Unknown",
      "Not Recorded": "Unknown",
      Indeterminate: "Other",
      "Non-Binary": "Other",
      "Prefer to self-describe": "Other",
    },
  }),
  t({
    name: "Ethnicity",
    description: "LAS ethnicity (2011/2021 census style) → CLD Ethnicity",
    list: Mapping.cldList("Ethnicity"),
    map: {
      "White - British": "White: English, Welsh, Scottish, Northern Irish or British",
      "White - English/Welsh/Scottish/Northern Irish/British":
        "White: English, Welsh, Scottish, Northern Irish or British",
      "White - Irish": "White: Irish",
      "White - Gypsy or Irish Traveller": "White: Gypsy or Irish Traveller",
      "White - Roma": "White: Roma",
      "White - Any Other White Background": "White: Any other White background",
      "Mixed - White and Black Caribbean": "Mixed or multiple ethnic groups: White and Black Caribbean",
      "Mixed - White and Black African": "Mixed or multiple ethnic groups: White and Black African",
      "Mixed - White and Asian": "Mixed or multiple ethnic groups: White and Asian",
      "Mixed - Any Other Mixed Background":
        "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background",
      "Asian or Asian British - Indian": "Asian or Asian British: Indian",
      "Asian or Asian British - Pakistani": "Asian or Asian British: Pakistani",
      "Asian or Asian British - Bangladeshi": "Asian or Asian British: Bangladeshi",
      "Asian or Asian British - Chinese": "Asian or Asian British: Chinese",
      "Asian or Asian British - Any Other Asian Background":
        "Asian or Asian British: Any other Asian background",
      "Black or Black British - Caribbean": "Black, Black British, Caribbean or African: Caribbean",
      "Black or Black British - African": "Black, Black British, Caribbean or African: African",
      "Black or Black British - Any Other Black Background":
        "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background",
      "Other Ethnic Group - Arab": "Other ethnic group: Arab",
      "Other Ethnic Group - Any Other": "Other ethnic group: Any other ethnic group",
      "Information Refused": "No data: Refused",
      "Information Not Yet Obtained": "No data: Undeclared or not known",
      "Not Stated": "No data: Undeclared or not known",
    },
  }),
  t({
    name: "PrimarySupportReason",
    description: "LAS primary support reason → CLD Primary_Support_Reason",
    list: Mapping.cldList("PrimarySupportReason"),
    map: {
      "Physical Support - Personal Care": "Physical Support: Personal Care Support",
      "Physical Support - Access and Mobility": "Physical Support: Access and Mobility Only",
      "Sensory Support - Visual Impairment": "Sensory Support: Support for Visual Impairment",
      "Sensory Support - Hearing Impairment": "Sensory Support: Support for Hearing Impairment",
      "Sensory Support - Dual Impairment": "Sensory Support: Support for Dual Impairment",
      "Memory and Cognition": "Support with Memory and Cognition",
      "Learning Disability": "Learning Disability Support",
      "Mental Health": "Mental Health Support",
      "Social Support - Substance Misuse": "Social Support: Substance Misuse Support",
      "Social Support - Asylum Seeker": "Social Support: Asylum Seeker Support",
      "Social Support - Social Isolation/Other": "Social Support: Support for Social Isolation/Other",
    },
  }),
  t({
    name: "Accommodation",
    description: "LAS accommodation status → CLD Accommodation_Status",
    list: Mapping.cldList("AccommodationStatus"),
    map: {
      "Owner Occupier": "Owner occupier or shared ownership scheme",
      "Shared Ownership": "Owner occupier or shared ownership scheme",
      "Council Tenant": "Tenant: Local authority or other social housing provider",
      "Housing Association Tenant": "Tenant: Local authority or other social housing provider",
      "Private Rented": "Tenant: Private landlord",
      "Living with Family/Friends": "Settled mainstream housing with family or friends",
      "Supported Accommodation": "Supported accommodation, supported lodgings or supported group home",
      "Shared Lives": "Shared Lives scheme",
      "Approved Premises":
        "Approved premises for offenders released from prison or under probation supervision",
      "Sheltered/Extra Care Housing": "Sheltered housing, extra care housing or other sheltered housing",
      "Traveller Site": "Mobile accommodation for Gypsy, Roma and Traveller communities",
      "Rough Sleeper": "Rough sleeper or squatting",
      "Hostel/Night Shelter": "Night shelter, emergency hostel or direct access hostel",
      Refuge: "Refuge",
      "Temporary Accommodation (Council Placed)":
        "Placed in temporary accommodation by the council (inc. homelessness resettlement)",
      "Staying with Family/Friends (Short Term)": "Staying with family or friends as a short term guest",
      "Hospital/Healthcare Facility": "Acute hospital or long term healthcare residential facility",
      "Residential Care Home": "Registered care home",
      "Nursing Home": "Registered nursing home",
      "Prison/YOI": "Prison, young offenders institution or detention centre",
      "Other Temporary": "Other temporary accommodation",
      "Not Known": "Unknown",
    },
  }),
  t({
    name: "Employment",
    description: "LAS employment status → CLD Employment_Status",
    list: Mapping.cldList("EmploymentStatus"),
    map: {
      "Paid Employment - Under 16 Hours": "Paid: Less than 16 hours a week",
      "Paid Employment - 16 Hours or More": "Paid: 16 or more hours a week",
      "Paid Employment - Hours Unknown": "Paid: Hours per week unknown",
      "Unemployed - Seeking Work": "Not in paid employment: Seeking work",
      "Voluntary Work Only": "Not in paid employment: Voluntary work only",
      "Not Seeking Work/Retired": "Not in paid employment: Not actively seeking work or retired",
      Retired: "Not in paid employment: Not actively seeking work or retired",
      "Not Known": "Unknown",
    },
  }),
  t({
    name: "HasUnpaidCarer",
    description: "LAS 'has a carer' → CLD Has_Unpaid_Carer",
    list: Mapping.cldList("HasUnpaidCarer"),
    map: { Y: "Yes", N: "No", "Not Known": "Unknown" },
  }),
  t({
    name: "FundingStatus",
    description: "LAS/financial assessment funding status → CLD Client_Funding_Status",
    list: Mapping.cldList("ClientFundingStatus"),
    map: {
      "Council Funded": "Fully social care funded",
      "Full Cost to Council": "Fully social care funded",
      "Client Contribution": "Joint client and social care funded",
      "Part Funded": "Joint client and social care funded",
      "Self Funder": "Fully client funded",
      "Full Cost Payer": "Fully client funded",
    },
  }),
  t({
    name: "YesNo",
    description: "LAS yes/no flags (autism, visual and hearing impairment, dementia) → CLD Yes/No/Unknown",
    list: Mapping.cldList("YesNo"),
    map: { Y: "Yes", N: "No", "Not Known": "Unknown", "Not Recorded": "Unknown" },
  }),
  t({
    name: "RouteOfAccess",
    description: "LAS contact source / route → CLD Request_Route_of_Access",
    list: Mapping.cldList("RequestRouteOfAccess"),
    map: {
      Community: "Community/other route",
      "Self/Family/Friend": "Community/other route",
      GP: "Community/other route",
      "Other Agency": "Community/other route",
      "Hospital Discharge": "Discharge from hospital",
      "Hospital Avoidance": "Diversion from hospital services",
      "Transition from Children's Services": "Planned entry (transition)",
      "Prison Release": "Prison",
      "Self Funder - Depleted Funds": "Self-funder",
      "Following Reablement": "Discharge from reablement",
      "Transfer from Another Council": "Transfer from other LA",
    },
  }),
  t({
    name: "ContactOutcome",
    description: "LAS contact outcome → asckit contact outcome",
    list: ContactOutcome,
    map: {
      "Safeguarding Concern": "safeguarding",
      "Refer to Safeguarding": "safeguarding",
      "DoLS Request": "dols",
      "Pass to Allocated Worker/Team": "existing-case",
      "Existing Case - Pass to Team": "existing-case",
      "Progress to Assessment": "new-case",
      "Refer to Reablement": "new-case",
      "Open New Case": "new-case",
      "Resolved - Equipment Provided": "resolved-equipment",
      "Resolved - Information and Advice": "resolved-other",
      "Resolved - Signposted": "resolved-other",
      "Resolved - Referred to Other Service": "resolved-other",
      "Resolved - No Further Action": "resolved-other",
    },
  }),
  t({
    name: "EventOutcome",
    description: "LAS step outcome (requests, assessments, reviews) → CLD Event_Outcome",
    list: Mapping.cldList("EventOutcome"),
    map: {
      "Progress to Reablement": "Progress to reablement/ST-Max",
      "Refer to Reablement": "Progress to reablement/ST-Max",
      "Progress to Assessment/Review": "Progress to assessment, review or reassessment",
      "Progress to Care Act Assessment": "Progress to assessment, review or reassessment",
      "Progress to Support Planning": "Progress to support planning or services",
      "Provide Equipment/Minor Adaptations": "Progress to support planning or services",
      "No Change - Continue Current Support": "Continuation of support or services",
      "Admitted to Hospital": "Admitted to hospital",
      "NFA - Moved to Another LA": "NFA: Responsibility moved to another local authority",
      "NFA - Referred to NHS/CHC": "NFA: Referral to NHS services or NHS funded social care",
      "NFA - Self Funder": "NFA: Self-funded client or under 12wk disregard",
      "NFA - Information and Advice": "NFA: Information and advice or signposting",
      "NFA - Referred to Other Council Service": "NFA: Referral to other service within the local authority",
      "NFA - Support Declined": "NFA: Support declined",
      "NFA - Client Deceased": "NFA: Deceased",
      "NFA - Support Ended As Planned": "NFA: Support ended as planned",
      "NFA - Support Ended Other Reason": "NFA: Support ended for other reason",
      "NFA - No Services Offered": "NFA: No services offered for other reason",
      "NFA - Other": "NFA: Other",
    },
  }),
  t({
    name: "AssessmentType",
    description:
      "LAS assessment step type → CLD Assessment_Type (the step type is kept as the event's source_type). Occupational therapy assessments are read as short-term assessments: a council that records them as long-term maps them so",
    list: Mapping.cldList("AssessmentType"),
    map: {
      "Care Act Assessment": "Long term assessment",
      "Care Act Reassessment": "Long term assessment",
      "Needs Assessment": "Long term assessment",
      "Occupational Therapy Assessment": "Short term assessment",
      "Short Term Assessment": "Short term assessment",
      "Reablement Assessment": "Short term assessment",
      "Carer's Assessment": "Unpaid carer assessment",
      "Joint Carer's Assessment": "Unpaid carer assessment",
      "Financial Assessment": "Financial assessment",
    },
  }),
  t({
    name: "EligibleNeeds",
    description: "LAS eligibility decision → CLD Eligible_Needs_Identified",
    list: Mapping.cldList("EligibleNeedsIdentified"),
    map: { Eligible: "Yes", "Eligible Needs": "Yes", "Not Eligible": "No", "No Eligible Needs": "No" },
  }),
  t({
    name: "AssessmentMethod",
    description: "LAS how the assessment was carried out → CLD Method_of_Assessment",
    list: Mapping.cldList("MethodOfAssessment"),
    map: {
      "Face to Face": "Face to face",
      "Home Visit": "Face to face",
      "Telephone Assessment": "Telephone",
      "Video Call": "Video call",
      "Online Self-Assessment": "Online or self-assessment",
      "Self-Assessment": "Online or self-assessment",
    },
  }),
  t({
    name: "ReviewReason",
    description: "LAS review reason → CLD Review_Reason",
    list: Mapping.cldList("ReviewReason"),
    map: {
      "Scheduled Review": "Planned",
      "Annual Review": "Planned",
      "Hospital Admission/Discharge": "Unplanned: Hospital (planned and unplanned episodes)",
      "Carer Breakdown/Change": "Unplanned: Carer related",
      "Safeguarding Concern": "Unplanned: Safeguarding concern",
      "Change in Needs": "Unplanned: Other reason",
      "Provider Failure": "Unplanned: Provider failure",
      "Change in Commissioning": "Unplanned: Change in commissioning arrangements",
      "Short Term Support Review": "Review of short term support",
    },
  }),
  t({
    name: "ReviewOutcomes",
    description: "LAS outcomes met → CLD Review_Outcomes_Achieved",
    list: Mapping.cldList("ReviewOutcomesAchieved"),
    map: {
      "Fully Met": "Fully achieved",
      "Partially Met": "Partially achieved",
      "Not Met": "Not achieved",
      "Not Known": "Unknown",
    },
  }),
  t({
    name: "ReviewMethod",
    description: "LAS how the review was carried out → CLD Method_of_Review",
    list: Mapping.cldList("MethodOfReview"),
    map: {
      "Face to Face": "Face to face",
      "Home Visit": "Face to face",
      "Telephone Review": "Telephone",
      "Video Call": "Video call",
      "Self-Review": "Paper or online self-review",
      "Paper/Online Self-Review": "Paper or online self-review",
    },
  }),
  t({
    name: "WorkType",
    description: "LAS work tray / allocation type → asckit work type",
    list: WorkType,
    map: {
      "Awaiting Care Act Assessment": "needs-assessment",
      "Awaiting Reassessment": "needs-assessment",
      "Awaiting OT Assessment": "ot-assessment",
      "Awaiting Carer's Assessment": "carer-assessment",
      "Awaiting Review": "review",
      "Awaiting Allocation - Other": "other",
    },
  }),
  t({
    name: "ConcernOutcome",
    description: "LAS safeguarding concern decision → asckit concern outcome",
    list: ConcernOutcome,
    map: {
      "Section 42 Enquiry": "s42-enquiry",
      "S42 Enquiry": "s42-enquiry",
      "Other Safeguarding Enquiry": "other-enquiry",
      "Non-Statutory Enquiry": "other-enquiry",
      "No Further Safeguarding Action": "no-enquiry",
      "Information and Advice Only": "no-enquiry",
      "Decision Pending": "open",
    },
  }),
  t({
    name: "EnquiryType",
    description: "LAS enquiry type → SAC section 42 / other enquiry",
    list: EnquiryType,
    map: {
      "Section 42 Enquiry": "s42",
      "S42 Enquiry": "s42",
      "Other Safeguarding Enquiry": "other",
      "Non-Statutory Enquiry": "other",
    },
  }),
  t({
    name: "RiskType",
    description: "LAS category of abuse → SAC SG2a type of risk",
    list: RiskType,
    map: {
      "Physical Abuse": "Physical",
      "Sexual Abuse": "Sexual",
      "Psychological Abuse": "Psychological",
      "Emotional/Psychological Abuse": "Psychological",
      "Financial Abuse": "Financial or Material",
      "Financial or Material Abuse": "Financial or Material",
      "Discriminatory Abuse": "Discriminatory",
      "Organisational Abuse": "Organisational",
      Neglect: "Neglect and Acts of Omission",
      "Domestic Abuse": "Domestic Abuse",
      "Sexual Exploitation": "Sexual Exploitation",
      "Modern Slavery": "Modern Slavery",
      "Self Neglect": "Self-Neglect",
    },
  }),
  t({
    name: "RiskSource",
    description: "LAS person alleged to cause harm → SAC source of risk",
    list: RiskSource,
    map: {
      "Social Care Provider": "Service Provider",
      "Care Provider": "Service Provider",
      "Known to the Adult": "Other - Known to Individual",
      "Family Member": "Other - Known to Individual",
      "Not Known to the Adult": "Other - Unknown to Individual",
      Stranger: "Other - Unknown to Individual",
    },
  }),
  t({
    name: "RiskLocation",
    description: "LAS location of abuse → SAC SG2b location of risk",
    list: RiskLocation,
    map: {
      "Own Home": "Own Home",
      "Community Setting": "In the community (excluding community services)",
      "Community Service": "In a community service",
      "Day Centre": "In a community service",
      "Nursing Home": "Care Home - Nursing",
      "Residential Home": "Care Home - Residential",
      "Acute Hospital": "Hospital - Acute",
      "Mental Health Hospital": "Hospital - Mental Health",
      "Community Hospital": "Hospital - Community",
    },
  }),
  t({
    name: "RiskOutcome",
    description: "LAS enquiry risk outcome → SAC SG2c",
    list: RiskOutcome,
    map: {
      "Risk Identified - Action Taken": "Risk identified and action taken",
      "Risk Identified - No Action Taken": "Risk identified and no action taken",
      "Inconclusive - Action Taken": "Risk - inconclusive and action taken",
      "Inconclusive - No Action Taken": "Risk - inconclusive and no action taken",
      "No Risk - Action Taken": "No risk identified and action taken",
      "No Risk - No Action Taken": "No risk identified and no action taken",
      "Ceased at Adult's Request": "Enquiry ceased at individual's request and no action taken",
    },
  }),
  t({
    name: "RiskResult",
    description: "LAS result of action → SAC SG2e",
    list: RiskResult,
    map: { Remained: "Risk remained", Reduced: "Risk reduced", Removed: "Risk removed" },
  }),
  t({
    name: "Capacity",
    description: "LAS capacity question → SAC SG3a",
    list: Capacity,
    map: { Y: "Yes", N: "No", "Not Known": "Don't know", "Not Assessed": "Not recorded" },
  }),
  t({
    name: "AdvocateSupport",
    description: "LAS advocacy question → SAC SG3a (supported by an advocate, family or friend)",
    list: AdvocateSupport,
    map: { Y: "Yes", N: "No" },
  }),
  t({
    name: "MspAsked",
    description: "LAS Making Safeguarding Personal: asked about desired outcomes → SAC SG4a",
    list: MspAsked,
    map: {
      "Asked - Outcomes Expressed": "Yes - outcomes expressed",
      "Asked - No Outcomes Expressed": "Yes - no outcomes expressed",
      "Not Asked": "No",
      "Not Known": "Don't know",
    },
  }),
  t({
    name: "MspAchieved",
    description: "LAS Making Safeguarding Personal: desired outcomes achieved → SAC SG4a",
    list: MspAchieved,
    map: { "Fully Met": "Fully achieved", "Partially Met": "Partially achieved", "Not Met": "Not achieved" },
  }),
]
