/**
 * The reference data of the SALT-style tables: NHS England's reference tables (NHSE-CTP,
 * `NHSDigital/ASC-Client-Level-Data-SALT-ASCOF-transformations`, written for CLD Release 1 labels) restated on the
 * Release 2 labels the warehouse holds, and the SALT row and column labels. Every CLD label used here is checked
 * against `@asckit/core`'s defined lists when this module loads, so a renamed label fails loudly, not silently.
 *
 * @category returns
 */
import { Cld } from "@asckit/core"

/** A CLD Release 2 label of `list`; throws at module load if the label is not on the list. */
const label = (list: Cld.ListName, value: string): string => {
  if (!(Cld.lists[list] as ReadonlyArray<string>).includes(value))
    throw new Error(`"${value}" is not a Release 2 label of ${list}`)
  return value
}

/** Service types, Release 2. */
export const ST = {
  nursing: label("ServiceType", "Long term support: Nursing care"),
  residential: label("ServiceType", "Long term support: Residential care"),
  community: label("ServiceType", "Long term support: Community"),
  prison: label("ServiceType", "Long term support: Prison"),
  stMax: label("ServiceType", "Short term support: ST-Max"),
  lowLevel: label("ServiceType", "Short term support: Ongoing low level"),
  otherShort: label("ServiceType", "Short term support: Other short term"),
  carerDirect: label("ServiceType", "Unpaid carer support: Direct to unpaid carer"),
  carerInvolving: label("ServiceType", "Unpaid carer support: Support involving the person cared-for"),
} as const

/** The four long-term service types. */
export const longTerm: ReadonlyArray<string> = [ST.nursing, ST.residential, ST.community, ST.prison]

/** Delivery mechanisms, Release 2. */
export const DM = {
  directPayment: label("DeliveryMechanism", "Direct payment"),
  managedBudget: label("DeliveryMechanism", "CASSR managed personal budget"),
  commissioned: label("DeliveryMechanism", "CASSR commissioned support"),
} as const

/** Client types, Release 2. */
export const CLIENT = {
  serviceUser: label("ClientType", "Service user"),
  carer: label("ClientType", "Unpaid carer"),
  carerByAssociation: label("ClientType", "Unpaid carer known by association"),
} as const

const O = (v: string) => label("EventOutcome", v)

/** Event outcomes, Release 2. */
export const OUTCOME = {
  stMax: O("Progress to reablement/ST-Max"),
  assessment: O("Progress to assessment, review or reassessment"),
  notMapped: O("Release 1 specification only: Not mapped"),
  planning: O("Progress to support planning or services"),
  continuation: O("Continuation of support or services"),
  hospital: O("Admitted to hospital"),
  movedLa: O("NFA: Responsibility moved to another local authority"),
  nhs: O("NFA: Referral to NHS services or NHS funded social care"),
  selfFunded: O("NFA: Self-funded client or under 12wk disregard"),
  advice: O("NFA: Information and advice or signposting"),
  referralLa: O("NFA: Referral to other service within the local authority"),
  declined: O("NFA: Support declined"),
  deceased: O("NFA: Deceased"),
  endedPlanned: O("NFA: Support ended as planned"),
  endedOther: O("NFA: Support ended for other reason"),
  noServices: O("NFA: No services offered for other reason"),
  other: O("NFA: Other"),
} as const

/**
 * NHS England's event-outcome hierarchy for de-duplicating a cluster's conflicting outcomes (NHSE-CTP STS001 and
 * STS002a `#REF_Event_Outcome_Hierarchy`), restated on Release 2 labels through `Cld.release1`. Where two Release 1
 * outcomes map to one Release 2 label the higher place is kept ("Progress to Re-assessment / Unplanned Review" 4 →
 * "Progress to assessment…" 2; "Provision of service" 10 → "Progress to support planning…" 5; "Progress to End of
 * Life Care" 6 and "Progress to financial assessment" 9 → "Release 1 specification only: Not mapped" 6). Release 2's
 * new "NFA: Referral to other service within the local authority" has no Release 1 place: it is put after
 * "Information and advice", its nearest Release 1 outcome (asckit's choice). Unknown outcomes rank last (99).
 */
export const outcomeHierarchy: ReadonlyArray<string> = [
  OUTCOME.stMax,
  OUTCOME.assessment,
  OUTCOME.hospital,
  OUTCOME.planning,
  OUTCOME.notMapped,
  OUTCOME.continuation,
  OUTCOME.endedPlanned,
  OUTCOME.deceased,
  OUTCOME.movedLa,
  OUTCOME.nhs,
  OUTCOME.advice,
  OUTCOME.referralLa,
  OUTCOME.selfFunded,
  OUTCOME.declined,
  OUTCOME.endedOther,
  OUTCOME.noServices,
  OUTCOME.other,
]

/** Request routes of access, Release 2 (the STS001 columns). */
export const routes: ReadonlyArray<string> = Cld.RequestRouteOfAccess

/** Primary support reasons, Release 2 (the LTS001 rows). */
export const psrs: ReadonlyArray<string> = Cld.PrimarySupportReason

/** Learning disability, the LTS004 cohort's primary support reason. */
export const LD = label("PrimarySupportReason", "Learning Disability Support")

/** Review reasons (LTS002 significant events). */
export const reviewReasons: ReadonlyArray<string> = Cld.ReviewReason

/** A row of a SALT-style table: a stable key, its label, and (for SALT rows CLD cannot produce) why not. */
export interface RowDef {
  readonly key: string
  readonly label: string
  /** Set when the row exists in SALT but cannot be derived from CLD: its cells are `[x]` with this note. */
  readonly notAvailable?: string
}

/**
 * STS001 sequels to a request (SALT STS001 rows; NHSE-CTP STS001 `#REF_Service_Type` and `#REF_SEQUEL_MAPPING`),
 * plus the two rows the central method adds when no sequel can be found.
 */
export const sts001Sequels: ReadonlyArray<RowDef> = [
  { key: "st-max", label: "Short Term Support: ST-Max" },
  { key: "lt-nursing", label: "Long Term Support: Nursing Care" },
  { key: "lt-residential", label: "Long Term Support: Residential Care" },
  { key: "lt-community", label: "Long Term Support: Community" },
  { key: "lt-prison", label: "Long Term Support: Prison" },
  { key: "st-low-level", label: "Short Term Support: Ongoing Low Level" },
  { key: "st-other", label: "Short Term Support: Other Short Term" },
  { key: "nhs", label: "100% NHS Funded Care" },
  {
    key: "end-of-life",
    label: "End of Life",
    notAvailable:
      "CLD Release 2 has no end-of-life outcome (Release 1 'Progress to End of Life Care' maps to 'Release 1 specification only: Not mapped'), so this sequel cannot be derived.",
  },
  { key: "universal", label: "Universal Services / Signposted to other services" },
  { key: "deceased", label: "No Services Provided - Deceased" },
  { key: "nfa-other", label: "No Services Provided - other reason" },
  { key: "no-service-found", label: "No service found (CLD: no sequel in the chronology)" },
  { key: "unclassified", label: "Unable to classify (CLD: outcome not mappable)" },
]

/** Service types as STS001 sequel keys, in NHS England's hierarchy (NHSE-CTP STS001 `#REF_Service_Type`). */
export const sts001ServiceHierarchy: ReadonlyArray<readonly [string, string]> = [
  [ST.stMax, "st-max"],
  [ST.nursing, "lt-nursing"],
  [ST.residential, "lt-residential"],
  [ST.community, "lt-community"],
  [ST.prison, "lt-prison"],
  [ST.lowLevel, "st-low-level"],
  [ST.otherShort, "st-other"],
]

/**
 * STS001 mapping of outcomes found in the chronology (NHSE-CTP STS001 `#REF_SEQUEL_MAPPING`, `Mapping_Code` 1):
 * Release 1 rows restated on Release 2 labels. "NFA: Support ended as planned" (Release 1 "Service ended as
 * planned") stays unclassifiable (code 2), as NHS England had it; the new Release 2 "NFA: Referral to other service
 * within the local authority" is read as a signposting to other services (asckit's choice, the nearest SALT row).
 * Outcomes not listed are NHS England's code 2 ("Unable to classify").
 */
export const sts001OutcomeMap: ReadonlyArray<readonly [string, string]> = [
  [OUTCOME.movedLa, "nfa-other"],
  [OUTCOME.nhs, "nhs"],
  [OUTCOME.selfFunded, "nfa-other"],
  [OUTCOME.declined, "nfa-other"],
  [OUTCOME.advice, "universal"],
  [OUTCOME.referralLa, "universal"],
  [OUTCOME.deceased, "deceased"],
  [OUTCOME.noServices, "nfa-other"],
  [OUTCOME.endedOther, "nfa-other"],
  [OUTCOME.other, "nfa-other"],
]

/** STS002a sequels to a completed ST-Max episode (SALT STS002a rows; NHSE-CTP `#REF_ST_MAX_Sequel_Mappings`). */
export const sts002aSequels: ReadonlyArray<RowDef> = [
  {
    key: "early-nhs-eol-deceased",
    label:
      "Early cessation of service (not leading to long term support) - 100% NHS funded care/End of Life/deceased",
  },
  {
    key: "early-other",
    label: "Early cessation of service (not leading to long term support) - other reason",
    notAvailable:
      "NHS England's central method (NHSE-CTP STS002a) does not derive this row from CLD: early cessation for other reasons cannot be told apart from completed reablement.",
  },
  {
    key: "early-to-lt",
    label: "Early cessation of service leading to long term support",
    notAvailable:
      "NHS England's central method (NHSE-CTP STS002a) does not derive this row from CLD: reablement followed by long-term support is counted under 'Long Term Support (any setting)'.",
  },
  { key: "lt-any", label: "Long Term Support (any setting)" },
  { key: "self-funding", label: "No services provided – needs identified but self-funding" },
  { key: "low-level", label: "Ongoing Low Level Support" },
  { key: "st-other", label: "Short Term Support (other)" },
  { key: "declined", label: "No services provided – needs identified but support declined" },
  { key: "universal", label: "No Services Provided – Universal Services / signposted to other services" },
  { key: "nfa-other", label: "No services provided – other" },
  { key: "no-service-found", label: "No service found (CLD: no sequel in the chronology)" },
  { key: "unclassified", label: "Unable to classify (CLD: outcome not mappable)" },
]

/**
 * STS002a mapping of outcomes to sequels (NHSE-CTP STS002a `#REF_ST_MAX_Sequel_Mappings`) on Release 2 labels.
 * "Progress to End of Life Care" and "Admitted to hospital" map to "other" as NHS England had them (End of Life via
 * "Release 1 specification only: Not mapped"); "NFA: Support ended as planned" is "other", as NHS England's special
 * case for "Service Ended As Planned"; the new "NFA: Referral to other service within the local authority" is read as
 * a signposting (asckit's choice, as in STS001).
 */
export const sts002aOutcomeMap: ReadonlyArray<readonly [string, string]> = [
  [OUTCOME.nhs, "early-nhs-eol-deceased"],
  [OUTCOME.deceased, "early-nhs-eol-deceased"],
  [OUTCOME.selfFunded, "self-funding"],
  [OUTCOME.declined, "declined"],
  [OUTCOME.advice, "universal"],
  [OUTCOME.referralLa, "universal"],
  [OUTCOME.movedLa, "nfa-other"],
  [OUTCOME.other, "nfa-other"],
  [OUTCOME.noServices, "nfa-other"],
  [OUTCOME.endedOther, "nfa-other"],
  [OUTCOME.notMapped, "nfa-other"],
  [OUTCOME.hospital, "nfa-other"],
  [OUTCOME.endedPlanned, "nfa-other"],
]

/** STS002a service hierarchy and sequel keys (NHSE-CTP STS002a `#REF_Service_Type_Delivery_Mech`). */
export const sts002aServiceHierarchy: ReadonlyArray<readonly [string, string]> = [
  [ST.nursing, "lt-any"],
  [ST.residential, "lt-any"],
  [ST.community, "lt-any"],
  [ST.prison, "lt-any"],
  [ST.lowLevel, "low-level"],
  [ST.otherShort, "st-other"],
]

/**
 * LTS001 settings and delivery mechanisms, in NHS England's hierarchy (NHSE-CTP LTS001a/b/c
 * `#REF_Service_Type_Delivery_Mech`): a person in several settings is counted once, in the first.
 */
export const ltsSettings: ReadonlyArray<{
  readonly key: string
  readonly setting: string
  readonly mechanism: string
  readonly stype: string
  readonly dm: string | null
}> = [
  { key: "nursing", setting: "Nursing", mechanism: "All", stype: ST.nursing, dm: null },
  { key: "residential", setting: "Residential", mechanism: "All", stype: ST.residential, dm: null },
  {
    key: "community-dp",
    setting: "Community",
    mechanism: "Direct payment",
    stype: ST.community,
    dm: DM.directPayment,
  },
  {
    key: "community-pb",
    setting: "Community",
    mechanism: "CASSR managed personal budget",
    stype: ST.community,
    dm: DM.managedBudget,
  },
  {
    key: "community-cs",
    setting: "Community",
    mechanism: "CASSR commissioned support",
    stype: ST.community,
    dm: DM.commissioned,
  },
  {
    key: "community-unknown",
    setting: "Community",
    mechanism: "Not recorded",
    stype: ST.community,
    dm: null,
  },
  {
    key: "prison-pb",
    setting: "Prison",
    mechanism: "CASSR managed personal budget",
    stype: ST.prison,
    dm: DM.managedBudget,
  },
  {
    key: "prison-cs",
    setting: "Prison",
    mechanism: "CASSR commissioned support",
    stype: ST.prison,
    dm: DM.commissioned,
  },
  { key: "prison-unknown", setting: "Prison", mechanism: "Not recorded", stype: ST.prison, dm: null },
]

/** Ethnic groups of the LTS001b tables 3a/3b (NHSE-CTP LTS001b `#REF_Ethnicity`), by Release 2 prefix. */
export const ethnicGroups: ReadonlyArray<{ readonly prefix: string; readonly group: string }> = [
  { prefix: "White", group: "White" },
  { prefix: "Mixed or multiple ethnic groups", group: "Mixed / multiple ethnic groups" },
  { prefix: "Asian or Asian British", group: "Asian / Asian British" },
  {
    prefix: "Black, Black British, Caribbean or African",
    group: "Black / African / Caribbean / Black British",
  },
  { prefix: "Other ethnic group", group: "Other Ethnic Group" },
  { prefix: "No data", group: "No Data" },
]

/** LTS003 support provided to carers, in NHS England's hierarchy (NHSE-CTP LTS003 `#REF_CARER_SUPPORT_HIERARCHY`). */
export const carerSupport: ReadonlyArray<RowDef> = [
  { key: "dp", label: "Direct Payment only" },
  {
    key: "part-dp",
    label: "Part Direct Payment",
    notAvailable:
      "NHS England's central method (NHSE-CTP LTS003) does not derive part direct payments from CLD: each carer is counted once, in the highest category of the hierarchy.",
  },
  { key: "pb", label: "CASSR Managed Personal Budget" },
  { key: "cs", label: "CASSR Commissioned Support only" },
  { key: "unknown-dm", label: "Support Direct to Carer: Unknown Delivery Mechanism" },
  { key: "advice", label: "Information, Advice and Other Universal Services / Signposting" },
  { key: "none", label: "No Direct Support Provided to Carer" },
]

/** LTS003 carer age bands (NHSE-CTP LTS003 final query). */
export const carerAgeBands: ReadonlyArray<RowDef> = [
  { key: "u18", label: "Carer aged under 18" },
  { key: "18-25", label: "Carer aged 18-25" },
  { key: "26-64", label: "Carer aged 26-64" },
  { key: "65-84", label: "Carer aged 65-84" },
  { key: "85+", label: "Carer aged 85+" },
  { key: "unknown", label: "Age unknown" },
]

/** Genders (Release 2), the LTS004 columns. */
export const genders: ReadonlyArray<string> = Cld.Gender
