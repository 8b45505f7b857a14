/**
 * Decoding a row of a hospital-discharge (SUS-like) extract: one row per hospital spell's last episode, as the
 * council receives it from its ICB or the data service (the fields DHSC's ASCOF 2D takes from SUS admitted patient
 * care, DHSC ASC-CLD-LA-Dashboard `ASCOF_main_script.sql`).
 *
 * - Mandatory: LA code, NHS number (10 digits with a valid modulus-11 check digit: it is how a discharge links to
 *   the person's CLD record), episode id, admission date, discharge date (on or after the admission).
 * - Optional and lenient (an invalid value is kept as null and reported as a finding): age at discharge (0–130),
 *   admission method (2 characters, NHS Data Dictionary ADMISSION METHOD), discharge method (1 digit), discharge
 *   destination (2 digits), treatment function (3 characters), management type (SUS `Der_Management_Type`: EM, NE,
 *   EL, DC, RD, RN; "Emergency", "Non-elective", "Elective", "Day case" are read as their codes).
 *
 * @internal
 */
import type { LocalDate } from "@asckit/core"
import { Either, ParseResult, Schema } from "effect"
import * as Fields from "../../Fields.js"
import { validNhsNumber } from "../cld/row.js"

/** The canonical columns of an extract, in the order the writer of test files uses. */
export const columns = [
  "LA_Code",
  "NHS_Number",
  "Episode_Id",
  "Age_At_Discharge",
  "Admission_Date",
  "Discharge_Date",
  "Admission_Method",
  "Discharge_Method",
  "Discharge_Destination",
  "Treatment_Function_Code",
  "Management_Type",
] as const

/** A canonical column. */
export type Column = (typeof columns)[number]

const key = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, "")

/** Header spellings SUS extracts use, by canonical column. */
const aliases: Readonly<Record<Column, ReadonlyArray<string>>> = {
  LA_Code: ["LA", "CASSR_Code", "Council_Code"],
  NHS_Number: ["NHS_No", "NHSNumber", "Patient_NHS_Number"],
  Episode_Id: ["APCS_Ident", "Spell_Id", "Spell_Ident", "Episode_Ident", "Hospital_Provider_Spell_Number"],
  Age_At_Discharge: ["Age", "Age_On_Discharge", "Der_Age_At_Discharge"],
  Admission_Date: ["Admission_Dt", "Admitted"],
  Discharge_Date: ["Discharge_Dt", "Discharged"],
  Admission_Method: ["Admission_Method_Code", "AdmiMeth", "Admission_Method_Hospital_Provider_Spell"],
  Discharge_Method: ["Discharge_Method_Code", "DisMeth", "Discharge_Method_Hospital_Provider_Spell"],
  Discharge_Destination: [
    "Discharge_Destination_Code",
    "DisDest",
    "Discharge_Destination_Hospital_Provider_Spell",
  ],
  Treatment_Function_Code: ["Treatment_Function", "TretSpef", "Treatment_Specialty"],
  Management_Type: ["Der_Management_Type", "Management_Type_Code"],
}

const headerIndex = new Map<string, Column>(
  columns.flatMap((c) => [[key(c), c] as const, ...aliases[c].map((a) => [key(a), c] as const)]),
)

/** The canonical column of a header cell (case, spaces and underscores ignored), or `undefined`. */
export const canonicalHeader = (h: string): Column | undefined => headerIndex.get(key(h))

/** SUS management types, by code and common words. */
const managementTypes: Readonly<Record<string, string>> = {
  em: "EM",
  emergency: "EM",
  ne: "NE",
  nonelective: "NE",
  el: "EL",
  elective: "EL",
  dc: "DC",
  daycase: "DC",
  rd: "RD",
  regularday: "RD",
  rn: "RN",
  regularnight: "RN",
}

const pattern = (list: string, re: RegExp, upper = false) =>
  Fields.code(list, (s) => {
    const v = upper ? s.toUpperCase() : s
    return re.test(v) ? v : undefined
  })

const age = Schema.transformOrFail(Fields.integer, Schema.Unknown as Schema.Schema<number | null>, {
  strict: true,
  decode: (n, _, ast) =>
    n === null || (n >= 0 && n <= 130)
      ? ParseResult.succeed(n)
      : ParseResult.fail(
          new ParseResult.Type(ast, n, Fields.issue("out-of-range", `${n} is not an age (0 to 130)`)),
        ),
  encode: (n) => ParseResult.succeed(n),
})

const nhsNumber = Schema.transformOrFail(Fields.text, Schema.Unknown as Schema.Schema<string | null>, {
  strict: true,
  decode: (s, _, ast) => {
    if (s === null) return ParseResult.succeed(null)
    const digits = s.replace(/[\s-]/g, "")
    return validNhsNumber(digits)
      ? ParseResult.succeed(digits)
      : ParseResult.fail(
          new ParseResult.Type(
            ast,
            s,
            Fields.issue(
              "invalid-nhs-number",
              "is not a valid NHS number (10 digits with a correct check digit)",
            ),
          ),
        )
  },
  encode: (s) => ParseResult.succeed(s),
})

/** The cells of a row, each decoded by its column's rule (stage 1; errors are reported by column). */
export const CellsSchema = Schema.Struct({
  LA_Code: Fields.required(
    Fields.text,
    "the council's LA code: add an LA_Code column or set laCode in the configuration",
  ),
  NHS_Number: Fields.required(nhsNumber, "the NHS number links the discharge to the person"),
  Episode_Id: Fields.required(Fields.text, "the spell or episode identifier"),
  Age_At_Discharge: Fields.lenient(age),
  Admission_Date: Fields.required(Fields.date),
  Discharge_Date: Fields.required(Fields.date, "the extract holds discharges"),
  Admission_Method: Fields.lenient(pattern("admission method", /^[0-9A-Z]{2}$/, true)),
  Discharge_Method: Fields.lenient(pattern("discharge method", /^[0-9]$/)),
  Discharge_Destination: Fields.lenient(pattern("discharge destination", /^[0-9]{2}$/)),
  Treatment_Function_Code: Fields.lenient(pattern("treatment function", /^[0-9A-Z]{3}$/, true)),
  Management_Type: Fields.lenient(Fields.code("management type", (s) => managementTypes[key(s)])),
})

/** A decoded hospital row (identifiers raw until the pipeline pseudonymises them). */
export interface HospitalRow {
  readonly laCode: string
  /** Identifier: pseudonymised by the pipeline into the person id CLD uses for the same NHS number. */
  readonly nhsNumber: string
  /** Identifier: pseudonymised by the pipeline (a hospital record number is personal data). */
  readonly episodeId: string
  readonly ageAtDischarge: number | null | Fields.InvalidValue
  readonly admissionDate: LocalDate.LocalDate
  readonly dischargeDate: LocalDate.LocalDate
  readonly admissionMethod: string | null | Fields.InvalidValue
  readonly dischargeMethod: string | null | Fields.InvalidValue
  readonly dischargeDestination: string | null | Fields.InvalidValue
  readonly treatmentFunction: string | null | Fields.InvalidValue
  readonly managementType: string | null | Fields.InvalidValue
}

/** The source column of each decoded field (findings are reported by source column). */
export const columnOf: Readonly<Record<string, Column>> = {
  laCode: "LA_Code",
  nhsNumber: "NHS_Number",
  episodeId: "Episode_Id",
  ageAtDischarge: "Age_At_Discharge",
  admissionDate: "Admission_Date",
  dischargeDate: "Discharge_Date",
  admissionMethod: "Admission_Method",
  dischargeMethod: "Discharge_Method",
  dischargeDestination: "Discharge_Destination",
  treatmentFunction: "Treatment_Function_Code",
  managementType: "Management_Type",
}

/** A row: its cells decoded (stage 1), then the discharge checked against the admission (stage 2). */
export const HospitalRowSchema: Schema.Schema<
  HospitalRow,
  Schema.Schema.Encoded<typeof CellsSchema>
> = Schema.transformOrFail(CellsSchema, Schema.Unknown as Schema.Schema<HospitalRow>, {
  strict: true,
  decode: (c, _, ast) =>
    c.Discharge_Date < c.Admission_Date
      ? ParseResult.fail(
          new ParseResult.Pointer(
            "Discharge_Date",
            c,
            new ParseResult.Type(
              ast,
              c.Discharge_Date,
              Fields.issue(
                "end-before-start",
                `the discharge (${c.Discharge_Date}) is before the admission (${c.Admission_Date})`,
              ),
            ),
          ),
        )
      : ParseResult.succeed({
          laCode: c.LA_Code.toUpperCase(),
          nhsNumber: c.NHS_Number,
          episodeId: c.Episode_Id,
          ageAtDischarge: c.Age_At_Discharge,
          admissionDate: c.Admission_Date,
          dischargeDate: c.Discharge_Date,
          admissionMethod: c.Admission_Method,
          dischargeMethod: c.Discharge_Method,
          dischargeDestination: c.Discharge_Destination,
          treatmentFunction: c.Treatment_Function_Code,
          managementType: c.Management_Type,
        }),
  encode: (_r, _o, ast, actual) =>
    ParseResult.fail(new ParseResult.Forbidden(ast, actual, "hospital rows are decoded, never encoded")),
})

/** Decodes one raw row (for tests and tools; the pipeline uses the Schema directly). */
export const decodeRow = (raw: Partial<Record<Column, string>>) =>
  Either.mapLeft(
    Schema.decodeUnknownEither(HospitalRowSchema)(Object.fromEntries(columns.map((c) => [c, raw[c]])), {
      errors: "all",
    }),
    (e) => ParseResult.ArrayFormatter.formatErrorSync(e),
  )
