/**
 * The Safeguarding Adults Collection's row and column labels, as NHS England's SAC publication code names them
 * (`NHSDigital/ASC-Safeguarding-Adults`, `publication_outputs/data_tables_export_outputs.py`: "SG2a Physical Abuse",
 * "SG2b Own Home", "SG2c Risk identified and action taken", "SG3a Yes, they lacked capacity", "SG4a Yes they were
 * asked and outcomes were expressed", …; ENQUIRY_TYPE "Safeguarding Concerns", "Section 42 Enquiries", "Other
 * Enquiries"), with the spellings source systems write for each (e.g. the LAS source's "Physical", "Risk -
 * inconclusive and action taken"), matched ignoring case, spaces and punctuation.
 *
 * @category returns
 */

/** A SAC row: a key, the published label, and other spellings that mean it. */
export interface SacRow {
  readonly key: string
  readonly label: string
  readonly variants?: ReadonlyArray<string>
}

/** The three kinds of activity SG1a–SG1d count individuals for (NHSE-SAC-code ENQUIRY_TYPE). */
export const activities = [
  { key: "concerns", label: "Safeguarding Concerns" },
  { key: "s42", label: "Section 42 Enquiries" },
  { key: "other", label: "Other Enquiries" },
] as const

/** SG1a age bands (age on the last day of the year). */
export const ageBands: ReadonlyArray<SacRow> = [
  { key: "18-64", label: "18-64" },
  { key: "65-74", label: "65-74" },
  { key: "75-84", label: "75-84" },
  { key: "85-94", label: "85-94" },
  { key: "95+", label: "95+" },
  { key: "unknown", label: "Age unknown" },
]

/** SG1b gender. */
export const genderRows: ReadonlyArray<SacRow> = [
  { key: "male", label: "Male" },
  { key: "female", label: "Female" },
  { key: "not-known", label: "Not Known" },
]

/** SG1c ethnicity groups, with the CLD Release 2 prefix each is read from. */
export const ethnicityRows: ReadonlyArray<SacRow & { readonly prefix?: string }> = [
  { key: "white", label: "White", prefix: "White:" },
  { key: "mixed", label: "Mixed / Multiple", prefix: "Mixed or multiple ethnic groups:" },
  { key: "asian", label: "Asian / Asian British", prefix: "Asian or Asian British:" },
  {
    key: "black",
    label: "Black / African / Caribbean / Black British",
    prefix: "Black, Black British, Caribbean or African:",
  },
  { key: "other", label: "Other Ethnic Group", prefix: "Other ethnic group:" },
  { key: "refused", label: "Refused" },
  { key: "undeclared", label: "Undeclared / Not Known" },
]

/** SG1d primary support reason groups, with the CLD Release 2 labels (or prefixes) each is read from. */
export const psrRows: ReadonlyArray<SacRow & { readonly prefix?: string }> = [
  { key: "physical", label: "Physical Support", prefix: "Physical Support:" },
  { key: "sensory", label: "Sensory Support", prefix: "Sensory Support:" },
  { key: "memory", label: "Support with Memory and Cognition", prefix: "Support with Memory and Cognition" },
  { key: "ld", label: "Learning Disability Support", prefix: "Learning Disability Support" },
  { key: "mh", label: "Mental Health Support", prefix: "Mental Health Support" },
  { key: "social", label: "Social Support", prefix: "Social Support:" },
  { key: "none", label: "No Support Reason" },
  { key: "not-known", label: "Not Known" },
]

/** SG1e rows (not derivable from CLD's single autism flag). */
export const autismRows: ReadonlyArray<SacRow> = [
  {
    key: "autism",
    label:
      "Learning, Developmental or Intellectual Disability (Autism excluding Asperger's Syndrome/ High Functioning Autism)",
  },
  {
    key: "asperger",
    label:
      "Learning, Developmental or Intellectual Disability (Asperger's Syndrome/ High Functioning Autism)",
  },
]

/** SG1f case counts. */
export const caseRows: ReadonlyArray<SacRow> = [
  { key: "concerns", label: "Total Number of Safeguarding Concerns" },
  { key: "s42", label: "Total Number of Section 42 Safeguarding Enquiries" },
  { key: "other", label: "Total Number of Other Safeguarding Enquiries" },
]

const abuse = (label: string, ...more: ReadonlyArray<string>): SacRow => ({
  key: label.toLowerCase().replace(/[^a-z]+/g, "-"),
  label,
  variants: [label.replace(/ Abuse$/, ""), ...more],
})

/** SG2a type of risk. */
export const riskTypes: ReadonlyArray<SacRow> = [
  abuse("Physical Abuse"),
  abuse("Sexual Abuse"),
  abuse("Psychological Abuse", "Psychological or emotional abuse", "Emotional abuse"),
  abuse("Financial or Material Abuse", "Financial abuse", "Financial"),
  abuse("Discriminatory Abuse"),
  abuse("Organisational Abuse", "Institutional abuse"),
  abuse("Neglect and Acts of Omission", "Neglect"),
  abuse("Domestic Abuse"),
  abuse("Sexual Exploitation"),
  abuse("Modern Slavery"),
  abuse("Self-Neglect", "Self neglect"),
]

/** SG2a/SG2b source of risk. */
export const riskSources: ReadonlyArray<SacRow> = [
  { key: "provider", label: "Service Provider" },
  { key: "known", label: "Other - Known to individual", variants: ["Known to individual"] },
  { key: "unknown", label: "Other - Unknown to individual", variants: ["Unknown to individual"] },
]

/** SG2b location of risk. */
export const riskLocations: ReadonlyArray<SacRow> = [
  { key: "own-home", label: "Own Home" },
  {
    key: "community",
    label: "In the Community (excluding community services)",
    variants: ["In the Community", "Community"],
  },
  { key: "community-service", label: "In a Community Service", variants: ["Community Service"] },
  { key: "care-home-nursing", label: "Care Home - Nursing" },
  { key: "care-home-residential", label: "Care Home - Residential" },
  { key: "hospital-acute", label: "Hospital - Acute" },
  { key: "hospital-mh", label: "Hospital - Mental Health" },
  { key: "hospital-community", label: "Hospital - Community" },
  { key: "other", label: "Other" },
]

/** SG2c risk assessment outcome. */
export const riskOutcomes: ReadonlyArray<SacRow> = [
  { key: "identified-action", label: "Risk identified and action taken" },
  { key: "identified-no-action", label: "Risk identified and no action taken" },
  {
    key: "inconclusive-action",
    label: "Risk Assessment inconclusive and action taken",
    variants: ["Risk - inconclusive and action taken", "Inconclusive and action taken"],
  },
  {
    key: "inconclusive-no-action",
    label: "Risk Assessment inconclusive and no action taken",
    variants: ["Risk - inconclusive and no action taken", "Inconclusive and no action taken"],
  },
  { key: "none-action", label: "No risk identified and action taken" },
  { key: "none-no-action", label: "No risk identified and no action taken" },
  {
    key: "ceased",
    label: "Enquiry ceased at individual's request and no action taken",
    variants: ["Enquiry ceased at individual's request"],
  },
]

/** SG2e result of action taken. */
export const riskResults: ReadonlyArray<SacRow> = [
  { key: "remained", label: "Risk remained", variants: ["Remained"] },
  { key: "reduced", label: "Risk reduced", variants: ["Reduced"] },
  { key: "removed", label: "Risk removed", variants: ["Removed"] },
]

/** SG3a: did the person lack capacity. */
export const capacityRows: ReadonlyArray<SacRow> = [
  { key: "yes", label: "Yes, they lacked capacity", variants: ["Yes"] },
  { key: "no", label: "No, they did not lack capacity", variants: ["No"] },
  { key: "dont-know", label: "Don't know" },
  { key: "not-recorded", label: "Not recorded" },
]

/** SG3a: of "Yes", supported by an advocate, family or friend. */
export const advocateLabel =
  "Of the enquiries recorded as Yes, in how many of these cases was support provided by an advocate, family or friend"

/** SG4a: was the person asked about their desired outcomes. */
export const mspAskedRows: ReadonlyArray<SacRow> = [
  {
    key: "yes-expressed",
    label: "Yes, they were asked and outcomes were expressed",
    variants: ["Yes - outcomes expressed", "Yes they were asked and outcomes were expressed"],
  },
  {
    key: "yes-none",
    label: "Yes, they were asked but no outcomes were expressed",
    variants: ["Yes - no outcomes expressed", "Yes they were asked but no outcomes were expressed"],
  },
  { key: "no", label: "No" },
  { key: "dont-know", label: "Don't Know" },
  { key: "not-recorded", label: "Not Recorded" },
]

/** SG4a: were the expressed outcomes achieved. */
export const mspAchievedRows: ReadonlyArray<SacRow> = [
  { key: "fully", label: "Fully Achieved" },
  { key: "partially", label: "Partially Achieved", variants: ["Partly achieved"] },
  { key: "not", label: "Not Achieved" },
]

/** SG5a: Safeguarding Adults Reviews by whether anyone died (the spreadsheet source's `SarCategory`). */
export const sarRows: ReadonlyArray<SacRow> = [
  {
    key: "died",
    label: "Where one or more individuals died",
    variants: ["One or more individuals died", "Died", "Yes"],
  },
  { key: "none-died", label: "Where no individuals died", variants: ["No individuals died", "No"] },
]

/** SG5b: individuals in Safeguarding Adults Reviews. */
export const sarPeopleRows: ReadonlyArray<SacRow> = [
  { key: "died", label: "Who suffered serious harm and died" },
  { key: "survived", label: "Who suffered serious harm and survived" },
]
