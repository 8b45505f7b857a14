/**
 * The DoLS source's default layout and code tables: the national DoLS collection return (one row per application,
 * domain.md §5), as NHS England's template and a DoLS team's database export name its columns.
 *
 * What is verified and what is not (domain.md §5 and §8.6; NHS England "DoLS collection guidance 2023-24",
 * Adult Social Care Data Dictionary chapter, and the 2025-26 DHSC guidance):
 * - [V] the fields: application reference (LA code + person reference + the collection year's two digits + the
 *   index of the person's application), person reference (a local reference, never the NHS number), LA code
 *   (three-digit CASSR code), CQC location code of the managing authority, date application received, urgent
 *   included (0/1), the six assessment statuses coded 0 not assessed / 1 satisfied / 2 not satisfied / 3
 *   equivalent assessment, date of last assessment, sign-off date; authorisation start and end dates and reasons
 *   not granted exist in the outputs.
 * - [U] the exact header wording of the template, the application-status code values, the not-granted reason
 *   codes and the demographic fields were not retrieved. The status list here (Granted / Not granted / Withdrawn /
 *   Not yet signed off) and the reasons (the six requirements not met, change in circumstances, person died —
 *   the categories of NHS England's 2023-24 statistics, domain.md §5 sources) are asckit's; a council maps its
 *   own codes onto them in `mapping.codes`. Age bands 18-64 / 65-74 / 75-84 / 85+ are asckit's [U].
 *
 * @category sources
 */
import * as Mapping from "../mapping/index.js"

/** The assessment status codes (national, [V]): 0 not assessed, 1 satisfied, 2 not satisfied, 3 equivalent. */
export const AssessmentStatus = Mapping.codeList("DoLS assessment status", ["0", "1", "2", "3"])

/** Application statuses (asckit's list, see the module notes). */
export const ApplicationStatus = Mapping.codeList("DoLS application status", [
  "Granted",
  "Not granted",
  "Withdrawn",
  "Not yet signed off",
])

/** Reasons an application was not granted (asckit's list from NHS England's published categories). */
export const NotGrantedReason = Mapping.codeList("DoLS reason not granted", [
  "Age requirement not met",
  "Mental health requirement not met",
  "Mental capacity requirement not met",
  "No refusals requirement not met",
  "Eligibility requirement not met",
  "Best interests requirement not met",
  "Change in circumstances",
  "Person died",
  "Application withdrawn",
  "Other",
])

/** Urgent authorisation included: `1` yes, `0` no (national coding, [V]). */
export const Urgent = Mapping.codeList("DoLS urgent included", ["1", "0"])

/** Age bands of the DoLS statistics (asckit's reading [U]). */
export const AgeBand = Mapping.codeList("DoLS age band", ["18-64", "65-74", "75-84", "85+"])

/** The code tables: local values → the lists above (a council adds its own in `mapping.codes`). */
export const tables: ReadonlyArray<Mapping.CodeTable> = [
  Mapping.table({
    name: "AssessmentStatus",
    description:
      "Status of each of the six assessments: 0 not assessed, 1 satisfied, 2 not satisfied, 3 equivalent",
    list: AssessmentStatus,
    map: {
      "Not assessed": "0",
      "Not yet assessed": "0",
      "Not completed": "0",
      Satisfied: "1",
      Met: "1",
      Yes: "1",
      Passed: "1",
      "Not satisfied": "2",
      "Not met": "2",
      No: "2",
      Failed: "2",
      Equivalent: "3",
      "Equivalent assessment": "3",
    },
  }),
  Mapping.table({
    name: "ApplicationStatus",
    description:
      "What became of the application (blank: worked out from the sign-off and authorisation dates)",
    list: ApplicationStatus,
    map: {
      Authorised: "Granted",
      Approved: "Granted",
      "Standard authorisation granted": "Granted",
      Refused: "Not granted",
      "Not authorised": "Not granted",
      "Not Granted": "Not granted",
      "Withdrawn by managing authority": "Withdrawn",
      "In progress": "Not yet signed off",
      Open: "Not yet signed off",
      Pending: "Not yet signed off",
      "Awaiting allocation": "Not yet signed off",
      "Awaiting assessment": "Not yet signed off",
      Allocated: "Not yet signed off",
    },
  }),
  Mapping.table({
    name: "NotGrantedReason",
    description: "Why a signed-off application was not granted",
    list: NotGrantedReason,
    map: {
      "Under 18": "Age requirement not met",
      "No mental disorder": "Mental health requirement not met",
      "Has capacity": "Mental capacity requirement not met",
      "Person has capacity": "Mental capacity requirement not met",
      "Valid refusal": "No refusals requirement not met",
      "Valid decision by attorney or deputy": "No refusals requirement not met",
      Ineligible: "Eligibility requirement not met",
      "Not eligible": "Eligibility requirement not met",
      "Not in best interests": "Best interests requirement not met",
      "No deprivation of liberty": "Best interests requirement not met",
      Discharged: "Change in circumstances",
      "Discharged from hospital": "Change in circumstances",
      "Moved placement": "Change in circumstances",
      "Change of circumstances": "Change in circumstances",
      Deceased: "Person died",
      Died: "Person died",
      Death: "Person died",
      Withdrawn: "Application withdrawn",
    },
  }),
  Mapping.table({
    name: "Urgent",
    description: "Whether the application included an urgent authorisation",
    list: Urgent,
    map: {
      Yes: "1",
      Y: "1",
      True: "1",
      Urgent: "1",
      "Urgent authorisation": "1",
      No: "0",
      N: "0",
      False: "0",
      Standard: "0",
      "Standard only": "0",
    },
  }),
  Mapping.table({
    name: "AgeBand",
    description: "The person's age band (when the file has no age)",
    list: AgeBand,
    map: {
      "18 to 64": "18-64",
      "18 - 64": "18-64",
      "65 to 74": "65-74",
      "65 - 74": "65-74",
      "75 to 84": "75-84",
      "75 - 84": "75-84",
      "85 and over": "85+",
      "85 plus": "85+",
      "85 or over": "85+",
    },
  }),
  Mapping.table({
    name: "Gender",
    description: "The person's gender (CLD Release 2 labels)",
    list: Mapping.cldList("Gender"),
    map: { M: "Male", F: "Female", "Not known": "Unknown", "Not stated": "Unknown", U: "Unknown" },
  }),
]

/** The assessment columns, in the national order, with the warehouse field each feeds. */
export const assessmentColumns = [
  ["Age_Assessment", "ageAssessment", "age"],
  ["Mental_Health_Assessment", "mentalHealthAssessment", "mental health"],
  ["Mental_Capacity_Assessment", "mentalCapacityAssessment", "mental capacity"],
  ["No_Refusals_Assessment", "noRefusalsAssessment", "no refusals"],
  ["Eligibility_Assessment", "eligibilityAssessment", "eligibility"],
  ["Best_Interests_Assessment", "bestInterestsAssessment", "best interests"],
] as const

const assessment = (name: string, what: string): Mapping.Column => ({
  name,
  headers: [`${what} Assessment Status`, `${what} Assessment`, `${what} Status`, `${what} Requirement`],
  codes: "AssessmentStatus",
  description: `Status of the ${what.toLowerCase()} assessment (0–3)`,
})

/** The default layout: the national return's columns, with the spellings of the template and common exports. */
export const applications = Mapping.layout({
  name: "applications",
  title: "DoLS applications (national DoLS return)",
  columns: [
    {
      name: "Application_Reference",
      headers: ["Application Reference", "Application Ref", "Application ID", "App Ref", "DoLS Reference"],
      identifier: true,
      description: "The application reference (it embeds the person reference, so it is pseudonymised)",
    },
    {
      name: "Person_Reference",
      headers: [
        "Person Reference",
        "Person Ref",
        "Person ID",
        "Client ID",
        "LA Person ID",
        "Local Person ID",
      ],
      required: true,
      identifier: true,
      description: "The council's local reference for the person (never the NHS number)",
    },
    {
      name: "LA_Code",
      headers: ["LA Code", "CASSR Code", "Council Code", "Supervisory Body Code"],
      description: "Three-digit CASSR code of the supervisory body (default: the configuration's laCode)",
    },
    {
      name: "CQC_Location_Code",
      headers: [
        "CQC Location Code",
        "CQC Location ID",
        "Managing Authority CQC Location",
        "Managing Authority CQC Location Code",
        "Managing Authority",
      ],
      description: "CQC location code of the managing authority (care home or hospital)",
    },
    {
      name: "Date_Application_Received",
      headers: [
        "Date Application Received",
        "Date Received",
        "Application Received",
        "Received Date",
        "Received",
      ],
      required: true,
      description: "When the supervisory body received the application",
    },
    {
      name: "Urgent_Authorisation",
      headers: ["Urgent Authorisation Included", "Urgent Included", "Urgent Authorisation", "Urgent"],
      codes: "Urgent",
      description: "Whether the application included an urgent authorisation (1/0)",
    },
    assessment("Age_Assessment", "Age"),
    assessment("Mental_Health_Assessment", "Mental Health"),
    assessment("Mental_Capacity_Assessment", "Mental Capacity"),
    assessment("No_Refusals_Assessment", "No Refusals"),
    assessment("Eligibility_Assessment", "Eligibility"),
    assessment("Best_Interests_Assessment", "Best Interests"),
    {
      name: "Date_Of_Last_Assessment",
      headers: ["Date of Last Assessment", "Last Assessment Date", "Date Last Assessed"],
      description: "When the last of the assessments was completed",
    },
    {
      name: "Date_Signed_Off",
      headers: [
        "Application Sign-off Date",
        "Date Application Signed Off",
        "Date Signed Off",
        "Sign-off Date",
        "Signed Off",
        "Date Completed",
      ],
      description: "When the supervisory body signed the application off (granted or not)",
    },
    {
      name: "Application_Status",
      headers: ["Application Status", "Status", "Outcome", "Application Outcome", "Granted / Not Granted"],
      codes: "ApplicationStatus",
      description:
        "Granted, not granted, withdrawn, or not yet signed off (blank: worked out from the dates)",
    },
    {
      name: "Reason_Not_Granted",
      headers: ["Reason Not Granted", "Not Granted Reason", "Reason for Not Granting", "Reason"],
      codes: "NotGrantedReason",
      description: "Why the application was not granted",
    },
    {
      name: "Authorisation_Start_Date",
      headers: ["Authorisation Start Date", "Date Authorisation Starts", "Authorised From", "Start Date"],
      description: "Start of the standard authorisation granted",
    },
    {
      name: "Authorisation_End_Date",
      headers: [
        "Authorisation End Date",
        "Date Authorisation Ends",
        "Authorised To",
        "Expiry Date",
        "End Date",
      ],
      description: "End of the standard authorisation granted (as granted)",
    },
    {
      name: "Age",
      headers: ["Age", "Age at Application", "Age on Receipt"],
      description: "The person's age when the application was received (stored as its band)",
    },
    {
      name: "Age_Band",
      headers: ["Age Band", "Age Group"],
      codes: "AgeBand",
      description: "The person's age band, when the file has no age",
    },
    {
      name: "Gender",
      headers: ["Gender", "Sex"],
      codes: "Gender",
      description: "The person's gender",
    },
  ],
})

/** The DoLS source's layouts and code tables (its defaults). */
export const spec: Mapping.Spec = { layouts: [applications], tables }

/** The age band of an age (DoLS statistics bands; asckit's reading [U]), or undefined below 18. */
export const ageBandOf = (age: number): string | undefined =>
  age < 18 ? undefined : age < 65 ? "18-64" : age < 75 ? "65-74" : age < 85 ? "75-84" : "85+"
