/**
 * Writes the borough's ASCOF 6A (adult social care staff turnover, Skills for Care's ASC-WDS "Trended data") as a
 * published-values CSV, the layout the `published-values` source reads: `Measure, Year, Geography, Outcome,
 * Source`.
 *
 * 6A is taken as published: ASC-WDS publishes the turnover rate without a numerator or denominator (ODS-2425 Note
 * 17), so the file carries outcomes only. The borough's (CASSR code `999`) are fictional, in Bury's range (27.1 in
 * 2023-24, 19.0 in 2024-25, domain.md §7.1) and Greater Manchester's (15.6–26.3); England's and the North West's are
 * the published ones (2023-24: 24.8 and 25.4; 2024-25: 23.7 and 23.5, ODS-2425 Table 6a), written beside the
 * borough's as comparators. 2025-26 has no published England or regional value yet, so only the borough's row.
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { csvLine } from "./csv.js"
import { LA_CODE } from "./model.js"

/** The file's columns (the `published-values` source's names). */
export const TURNOVER_COLUMNS = ["Measure", "Year", "Geography", "Outcome", "Source"] as const

/** One published 6A value. */
export interface TurnoverValue {
  readonly year: string
  /** A CASSR code (the borough's `999`), a region code (`NW`) or `England`. */
  readonly geography: string
  /** Staff turnover, % (one decimal, as published). */
  readonly outcome: number
}

/** The values written: the borough's (fictional) and England's and the North West's (published; see the notes). */
export const TURNOVER_VALUES: ReadonlyArray<TurnoverValue> = [
  { year: "2023-24", geography: LA_CODE, outcome: 23.9 },
  { year: "2023-24", geography: "NW", outcome: 25.4 },
  { year: "2023-24", geography: "England", outcome: 24.8 },
  { year: "2024-25", geography: LA_CODE, outcome: 20.6 },
  { year: "2024-25", geography: "NW", outcome: 23.5 },
  { year: "2024-25", geography: "England", outcome: 23.7 },
  { year: "2025-26", geography: LA_CODE, outcome: 21.8 },
]

/** The publisher recorded with each value. */
export const TURNOVER_SOURCE = "ASC-WDS"

/** Options for `writeTurnover`. */
export interface TurnoverWriterOptions {
  /** The folder to write into (created if missing). */
  readonly outDir: string
}

/** The file written. */
export interface TurnoverFile {
  readonly file: string
  readonly path: string
  readonly rows: number
}

/** Writes `asc-wds-turnover.csv` (CRLF line ends). */
export const writeTurnover = async (options: TurnoverWriterOptions): Promise<TurnoverFile> => {
  await mkdir(options.outDir, { recursive: true })
  const file = "asc-wds-turnover.csv"
  const path = join(options.outDir, file)
  const lines = [
    csvLine(TURNOVER_COLUMNS),
    ...TURNOVER_VALUES.map((v) =>
      csvLine(["6A", v.year, v.geography, v.outcome.toFixed(1), TURNOVER_SOURCE]),
    ),
  ]
  await writeFile(path, `${lines.join("\r\n")}\r\n`)
  return { file, path, rows: TURNOVER_VALUES.length }
}
