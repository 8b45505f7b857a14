/**
 * The built-in dataset mappings of the spreadsheet source: the spreadsheets most adult social care teams keep
 * beside their case-management system. Each lists the header spellings it recognises and maps common local labels
 * onto its own short lists; a council adds its own headers and labels in the configuration's `mapping`, or copies
 * one of these into a mapping file and edits it.
 *
 * - `complaints`: statutory adult social care complaints — received, responded, outcome upheld / partly upheld /
 *   not upheld (or withdrawn), who complained, category, team, stage.
 * - `compliments`: compliments received, from whom, about what, for which team.
 * - `carers-hub`: carers registered with the carers' hub — registered, closed, age band, who they care for,
 *   referral source, support given, hours caring a week.
 * - `feedback`: "how did we do?" feedback returns — date, team, what about, channel, overall rating 1–5 (value).
 * - `audits`: case-file audits — date, person, team, auditor, grade (Outstanding / Good / Requires improvement /
 *   Inadequate), score (value), practice checks.
 * - `training`: people trained per month, course and team (value), e.g. the progression model.
 * - `sars`: Safeguarding Adults Reviews for the Safeguarding Adults Collection's SG5 — commissioned, concluded,
 *   whether one or more individuals died (SG5a), individuals who died / survived serious harm (SG5b). Labels from
 *   NHS England's SAC publication code (`SG5a Where one or more individuals died`, `SG5a Where no individuals
 *   died`, `SG5b Who suffered serious harm and died / survived`; NHSDigital/ASC-Safeguarding-Adults,
 *   pbi_safeguarding_adult_reviews.py). Which SARs SG5 counts in a year (commissioned or concluded) was not
 *   checked [U]: both dates are kept.
 *
 * @category sources
 */
import { type DatasetMapping, dataset, NONE } from "./dataset.js"

const yesNo = {
  name: "YesNo",
  labels: ["Yes", "No"],
  map: { Y: "Yes", N: "No", True: "Yes", False: "No" },
}

/** Statutory complaints (the complaints team's log). */
export const complaints = dataset({
  dataset: "complaints",
  title: "complaints log",
  description: "Adult social care complaints: received, responded, outcome",
  columns: [
    {
      name: "reference",
      headers: ["Ref", "Reference", "Complaint Ref", "Complaint ID", "Case Ref"],
      field: "recordId",
    },
    {
      name: "clientId",
      headers: ["Client ID", "Person ID", "LA Person ID", "Service User ID", "Client Ref"],
      field: "personId",
      description: "The person the complaint is about (LA person id)",
    },
    {
      name: "receivedDate",
      headers: ["Date Received", "Received", "Received Date", "Date Complaint Received"],
      field: "recordDate",
      type: "date",
    },
    {
      name: "respondedDate",
      headers: ["Date Responded", "Response Date", "Date of Response", "Responded", "Date Closed"],
      field: "endDate",
      type: "date",
    },
    { name: "complainant", headers: ["Complainant", "Complaint From", "Made By"], field: "source" },
    {
      name: "category",
      headers: ["Category", "Complaint Category", "Nature of Complaint", "Subject"],
      field: "category",
    },
    { name: "team", headers: ["Team", "Service Area", "Team Responsible"], field: "team" },
    { name: "stage", headers: ["Stage", "Complaint Stage"] },
    {
      name: "outcome",
      headers: ["Outcome", "Decision", "Finding"],
      field: "outcome",
      codes: "ComplaintOutcome",
    },
  ],
  codes: [
    {
      name: "ComplaintOutcome",
      description: "Upheld, partly upheld or not upheld (withdrawn kept apart); an open complaint has none",
      labels: ["Upheld", "Partly upheld", "Not upheld", "Withdrawn"],
      map: {
        "Fully upheld": "Upheld",
        "Partially upheld": "Partly upheld",
        "Part upheld": "Partly upheld",
        "Upheld in part": "Partly upheld",
        "Not upheld - no fault": "Not upheld",
        "No fault found": "Not upheld",
        "Withdrawn by complainant": "Withdrawn",
        Open: NONE,
        Ongoing: NONE,
        Pending: NONE,
        "In progress": NONE,
        "Under investigation": NONE,
      },
    },
  ],
})

/** Compliments received. */
export const compliments = dataset({
  dataset: "compliments",
  title: "compliments log",
  description: "Compliments received by adult social care",
  columns: [
    {
      name: "reference",
      headers: ["Ref", "Reference", "Compliment Ref", "Compliment ID"],
      field: "recordId",
    },
    {
      name: "clientId",
      headers: ["Client ID", "Person ID", "LA Person ID", "Service User ID"],
      field: "personId",
    },
    {
      name: "receivedDate",
      headers: ["Date Received", "Received", "Received Date", "Date"],
      field: "recordDate",
      type: "date",
    },
    { name: "from", headers: ["From", "Compliment From", "Received From"], field: "source" },
    { name: "about", headers: ["About", "Regarding", "Category"], field: "category" },
    { name: "team", headers: ["Team", "Service Area"], field: "team" },
  ],
})

/** Carers registered with the carers' hub. */
export const carersHub = dataset({
  dataset: "carers-hub",
  title: "carers' hub register",
  description: "Unpaid carers registered with the carers' hub",
  columns: [
    {
      name: "hubId",
      headers: ["Hub ID", "Carer ID", "Registration ID", "Carer Ref"],
      field: "recordId",
      identifier: true,
      description: "The hub's id of the carer (identifies a person: pseudonymised)",
    },
    {
      name: "ascId",
      headers: ["ASC ID", "LA Person ID", "Council ID", "Client ID"],
      field: "personId",
      description: "The carer's LA person id, when known to adult social care",
    },
    {
      name: "registeredDate",
      headers: ["Registered", "Date Registered", "Registration Date", "Start Date"],
      field: "recordDate",
      type: "date",
    },
    { name: "closedDate", headers: ["Closed", "Date Closed", "End Date"], field: "endDate", type: "date" },
    { name: "ageBand", headers: ["Age Band", "Carer Age Band", "Age Group"], codes: "CarerAgeBand" },
    {
      name: "caringFor",
      headers: ["Caring For", "Cared For Condition", "Condition of Cared For"],
      field: "category",
    },
    { name: "referredBy", headers: ["Referred By", "Referral Source", "Source"], field: "source" },
    {
      name: "hoursPerWeek",
      headers: ["Hours Caring Per Week", "Hours Caring", "Weekly Hours"],
      type: "number",
    },
    { name: "support", headers: ["Support Provided", "Support", "Outcome"], field: "outcome" },
  ],
  codes: [
    {
      name: "CarerAgeBand",
      labels: ["18-24", "25-44", "45-64", "65-74", "75+"],
      map: {
        "18 to 24": "18-24",
        "25 to 44": "25-44",
        "45 to 64": "45-64",
        "65 to 74": "65-74",
        "75 and over": "75+",
        "75 plus": "75+",
        "Not known": NONE,
      },
    },
  ],
})

/** "How did we do?" feedback returns. */
export const feedback = dataset({
  dataset: "feedback",
  title: "feedback returns",
  description: "Feedback returns after an assessment or review (anonymous)",
  columns: [
    { name: "returnNo", headers: ["Return No", "Return Number", "Response ID", "Ref"], field: "recordId" },
    {
      name: "receivedDate",
      headers: ["Date Received", "Received", "Date", "Response Date"],
      field: "recordDate",
      type: "date",
    },
    { name: "team", headers: ["Team", "Service Area"], field: "team" },
    { name: "about", headers: ["About", "Feedback About", "Activity"], field: "category" },
    { name: "channel", headers: ["Channel", "Format", "How Received"], field: "source" },
    {
      name: "rating",
      headers: ["Overall Rating", "Rating", "Score (1-5)"],
      field: "value",
      type: "integer",
      description: "1 (very poor) to 5 (excellent)",
    },
    { name: "listenedTo", headers: ["Listened To", "Felt Listened To"], codes: "ListenedTo" },
    {
      name: "easyToFindInformation",
      headers: ["Easy To Find Information", "Information Easy To Find"],
      codes: "EasyToFind",
    },
  ],
  codes: [
    {
      name: "ListenedTo",
      labels: ["Yes", "Partly", "No"],
      map: { Y: "Yes", N: "No", Partially: "Partly", Somewhat: "Partly", "To some extent": "Partly" },
    },
    {
      name: "EasyToFind",
      labels: ["Yes", "No", "Did not need it"],
      map: {
        Y: "Yes",
        N: "No",
        "Didn't need it": "Did not need it",
        "Not needed": "Did not need it",
        "N/A": "Did not need it",
      },
    },
  ],
})

/** Case-file audits. */
export const audits = dataset({
  dataset: "audits",
  title: "case-file audit tracker",
  description: "Case-file audits: grade and practice checks",
  columns: [
    { name: "auditId", headers: ["Audit ID", "Audit Ref", "Ref"], field: "recordId" },
    { name: "personId", headers: ["Person ID", "Client ID", "LA Person ID", "Case ID"], field: "personId" },
    { name: "auditDate", headers: ["Audit Date", "Date Audited", "Date"], field: "recordDate", type: "date" },
    { name: "team", headers: ["Team", "Service Area"], field: "team" },
    { name: "auditor", headers: ["Auditor", "Audited By", "Auditor Role"], field: "source" },
    { name: "grade", headers: ["Grade", "Overall Grade", "Rating"], field: "outcome", codes: "AuditGrade" },
    { name: "score", headers: ["Score", "Total Score", "Score (%)"], field: "value", type: "number" },
    { name: "strengthsBased", headers: ["Strengths Based", "Strengths-based Practice"], codes: "YesNo" },
    { name: "mcaRecorded", headers: ["MCA Recorded", "Capacity Recorded"], codes: "YesNoNotApplicable" },
    { name: "carerConsidered", headers: ["Carer Considered", "Carers Considered"], codes: "YesNo" },
  ],
  codes: [
    {
      name: "AuditGrade",
      labels: ["Outstanding", "Good", "Requires improvement", "Inadequate"],
      map: {
        O: "Outstanding",
        G: "Good",
        RI: "Requires improvement",
        "Req. improvement": "Requires improvement",
        I: "Inadequate",
      },
    },
    yesNo,
    {
      name: "YesNoNotApplicable",
      labels: ["Yes", "No", "Not applicable"],
      map: { Y: "Yes", N: "No", "N/A": "Not applicable", NA: "Not applicable" },
    },
  ],
})

/** Learning and development counts: people trained per month, course and team. */
export const training = dataset({
  dataset: "training",
  title: "training counts",
  description: "People trained per month, course and team (e.g. the progression model)",
  columns: [
    { name: "month", headers: ["Month", "Period", "Month Trained"], field: "recordDate", type: "month" },
    { name: "course", headers: ["Course", "Course Name", "Training"], field: "category", required: true },
    { name: "team", headers: ["Team", "Service Area"], field: "team" },
    { name: "deliveredBy", headers: ["Delivered By", "Provider"], field: "source" },
    {
      name: "trained",
      headers: ["Number Trained", "Trained", "Attendees", "Count"],
      field: "value",
      type: "integer",
      required: true,
    },
  ],
  recordIdFrom: ["month", "course", "team"],
})

/** Safeguarding Adults Reviews (SAC SG5a/SG5b). */
export const sars = dataset({
  dataset: "sars",
  title: "Safeguarding Adults Review log",
  description: "Safeguarding Adults Reviews (SAC SG5): commissioned, concluded, whether anyone died",
  columns: [
    { name: "sarRef", headers: ["SAR Ref", "SAR Reference", "Ref", "Review Ref"], field: "recordId" },
    { name: "referralDate", headers: ["Referral Received", "Date Referred", "Referral Date"], type: "date" },
    {
      name: "commissionedDate",
      headers: ["Date Commissioned", "Commissioned", "Date SAR Commissioned", "Start Date"],
      field: "recordDate",
      type: "date",
    },
    {
      name: "concludedDate",
      headers: ["Date Concluded", "Concluded", "Date Completed", "Date Published"],
      field: "endDate",
      type: "date",
    },
    {
      name: "category",
      headers: ["Category", "SG5a Category", "Died?"],
      field: "category",
      codes: "SarCategory",
    },
    {
      name: "individualsDied",
      headers: ["Individuals Died", "Who Suffered Serious Harm and Died", "Number Died"],
      type: "integer",
    },
    {
      name: "individualsSurvived",
      headers: ["Individuals Survived", "Who Suffered Serious Harm and Survived", "Number Survived"],
      type: "integer",
    },
    { name: "abuseType", headers: ["Type of Abuse", "Type of Risk", "Abuse Type"] },
  ],
  codes: [
    {
      name: "SarCategory",
      description: "SG5a: where one or more individuals died / where no individuals died",
      labels: ["One or more individuals died", "No individuals died"],
      map: {
        "Where one or more individuals died": "One or more individuals died",
        "Where no individuals died": "No individuals died",
        Died: "One or more individuals died",
        Death: "One or more individuals died",
        Yes: "One or more individuals died",
        "Serious harm": "No individuals died",
        No: "No individuals died",
      },
    },
  ],
})

/** Every built-in dataset mapping, by dataset name. */
export const builtIn: Readonly<Record<string, DatasetMapping>> = Object.fromEntries(
  [complaints, compliments, carersHub, feedback, audits, training, sars].map((m) => [m.dataset, m]),
)
