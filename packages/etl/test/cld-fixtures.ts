/** Hand-built CLD rows for tests: a valid base row per event type, with overrides. */
import { writeFileSync } from "node:fs"
import { Cld } from "@asckit/core"

/** A valid NHS number from 9 digits (the check digit is computed; `undefined` if none exists). */
export const nhs = (nine: string): string => {
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i)
  const c = 11 - (sum % 11)
  const d = c === 11 ? 0 : c
  if (d === 10) throw new Error(`no valid NHS number starts ${nine}`)
  return nine + d
}

export type Row = Partial<Record<Cld.FieldName, string>>

const person: Row = {
  LA_Code: "999",
  Reporting_Period_Start_Date: "2024-04-01",
  Reporting_Period_End_Date: "2025-03-31",
  NHS_Number: nhs("943476591"),
  LA_Person_Unique_Identifier: "P0001",
  Gender: "Female",
  Ethnicity: "White: English, Welsh, Scottish, Northern Irish or British",
  Date_of_Birth: "1940-06-15",
  Client_Type: "Service user",
  Primary_Support_Reason: "Physical Support: Personal Care Support",
  Postcode: "BL9 0EJ",
  Accommodation_Status: "Owner occupier or shared ownership scheme",
  Has_Unpaid_Carer: "No",
  Client_Funding_Status: "Fully social care funded",
}

/** A long-term community service (open). */
export const service = (o: Row = {}): Row => ({
  ...person,
  Event_Type: "Service",
  Event_Reference: "S1",
  Event_Start_Date: "2024-05-01",
  Event_Outcome: "Continuation of support or services",
  Service_Type: "Long term support: Community",
  Service_Component: "Home support or domiciliary care",
  Delivery_Mechanism: "CASSR commissioned support",
  ...o,
})

/** A completed long-term assessment. */
export const assessment = (o: Row = {}): Row => ({
  ...person,
  Event_Type: "Assessment",
  Event_Reference: "A1",
  Event_Start_Date: "2024-04-10",
  Event_End_Date: "2024-04-20",
  Event_Outcome: "Progress to support planning or services",
  Assessment_Type: "Long term assessment",
  Eligible_Needs_Identified: "Yes",
  Method_of_Assessment: "Face to face",
  ...o,
})

/** A request. */
export const request = (o: Row = {}): Row => ({
  ...person,
  Event_Type: "Request",
  Event_Reference: "R1",
  Event_Start_Date: "2024-04-02",
  Event_End_Date: "2024-04-09",
  Event_Outcome: "Progress to assessment, review or reassessment",
  Request_Route_of_Access: "Community/other route",
  ...o,
})

/** A planned review. */
export const review = (o: Row = {}): Row => ({
  ...person,
  Event_Type: "Review",
  Event_Reference: "V1",
  Event_Start_Date: "2024-11-01",
  Event_End_Date: "2024-11-05",
  Event_Outcome: "Continuation of support or services",
  Review_Reason: "Planned",
  Review_Outcomes_Achieved: "Fully achieved",
  Method_of_Review: "Telephone",
  ...o,
})

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/** Writes rows as a CLD CSV with the official header (or the header given). */
export const writeCld = (
  path: string,
  rows: ReadonlyArray<Row>,
  header: ReadonlyArray<string> = Cld.fieldNames,
): void => {
  const names = Cld.fieldNames
  const lines = [header.map(quote).join(",")]
  for (const r of rows) lines.push(names.map((n) => quote(r[n] ?? "")).join(","))
  writeFileSync(path, lines.join("\r\n") + "\r\n")
}
