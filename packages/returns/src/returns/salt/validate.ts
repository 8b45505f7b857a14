/**
 * Validation of the SALT-style tables, as a pure function of the figures the tables hold (`Figures`), so that each
 * rule can be tested on crafted figures — most of them cannot be broken through the warehouse, because the SQL
 * guarantees them — as well as on data.
 *
 * Rules (NHS England's SALT validation checks and its central transformation principles for CLD, domain.md §2):
 * - subsets within their sets: STS002a's episodes within STS001's ST-Max sequels; STS004's people at home within
 *   its discharges; LTS001b (clients on the snapshot) within LTS001a (clients in the year); LTS001b tables 1a + 1b
 *   and 3a + 3b + 3c within table 2; LTS001c within LTS001b; LTS002a within LTS001a; LTS002b within LTS001c;
 * - LTS004's tables count every client of the cohort once (table 1; tables 2a + 2b + not recorded);
 * - mandatory data: LTS001a has clients;
 * - queries: STS001 requests without a classifiable sequel; LTS001a–c counts without a (consistent) primary
 *   support reason;
 * - against last year (`previous`): the key figures' large swings (`Validation.swings`).
 * Document-level checks (impossible values, mandatory cells) run on the built document (`Validation`).
 *
 * @category returns
 */
import type * as D from "../../ReturnDocument.js"
import * as V from "../../Validation.js"

/** The age bands of the 18+ tables. */
export type Band = "18-64" | "65+"

const BANDS: ReadonlyArray<{ readonly key: Band; readonly label: string; readonly table: string }> = [
  { key: "18-64", label: "aged 18-64", table: "1a" },
  { key: "65+", label: "aged 65 and over", table: "1b" },
]

/** A figure for each age band. */
export type ByBand = Readonly<Record<Band, number>>

/** The figures the SALT rules compare, for one period. */
export interface Figures {
  /** The period, as written (`2024-25`). */
  readonly period: string
  /** LTS001b's snapshot date (the period end). */
  readonly snapshot: string
  /** The key figures compared with last year's. */
  readonly keyFigures: ReadonlyArray<V.KeyFigure>
  /** STS001 requests from new clients with an ST-Max sequel, by band. */
  readonly sts001StMax: ByBand
  /** STS001 requests with no sequel CLD could classify (no service found, or unclassified). */
  readonly sts001Unclassified: number
  /** STS002a completed ST-Max episodes of new clients, by band. */
  readonly sts002a: ByBand
  /** STS004, when hospital discharges are loaded and the period has 1 October – 31 December. */
  readonly sts004?: { readonly discharged: number; readonly atHome: number } | undefined
  /** LTS001a clients in the year (tables 1a, 1b). */
  readonly lts001a: ByBand
  /** LTS001b clients on the snapshot (tables 1a, 1b). */
  readonly lts001b: ByBand
  /** LTS001b table 2: clients on the snapshot, all ages. */
  readonly lts001bAllAges: number
  /** LTS001b tables 3a + 3b + 3c: men, women and others. */
  readonly lts001bByGender: number
  /** LTS001c clients in long-term support for more than 12 months, by band. */
  readonly lts001c: ByBand
  /** LTS001a–c client counts without a primary support reason, or with conflicting ones. */
  readonly psrUnknown: number
  /** LTS002a reviewed clients, by band. */
  readonly lts002a: ByBand
  /** LTS002b reviewed clients, by band. */
  readonly lts002b: ByBand
  /** LTS004: the cohort (18-64, learning disability), table 1's total, and tables 2a + 2b + not recorded. */
  readonly lts004: { readonly cohort: number; readonly table1: number; readonly table2: number }
}

const both = (b: ByBand) => b["18-64"] + b["65+"]

/** The within-return findings of the SALT rules (see the module docs), in the order the tables are built. */
export const rules = (f: Figures): ReadonlyArray<D.Finding> => [
  ...V.flagged(
    "sts001-unclassified",
    `STS001: ${f.sts001Unclassified} request${f.sts001Unclassified === 1 ? "" : "s"} had no sequel CLD could classify (no service in the chronology and no usable outcome). Check their outcomes and follow-on events.`,
    f.sts001Unclassified,
    { sheet: "STS001" },
  ),
  ...BANDS.flatMap((b) =>
    V.atMost(
      "sts002a-within-sts001",
      `STS002a ${b.label}: ST-Max episodes come from STS001's ST-Max sequels`,
      { label: "STS002a episodes", value: f.sts002a[b.key] },
      { label: "STS001 requests with an ST-Max sequel", value: f.sts001StMax[b.key] },
      { sheet: "STS002a", table: "STS002a-1" },
    ),
  ),
  ...(f.sts004 === undefined
    ? []
    : V.atMost(
        "sts004-within-denominator",
        "STS004: people at home are counted among the discharges",
        { label: "at home after 91 days", value: f.sts004.atHome },
        { label: "discharged into reablement", value: f.sts004.discharged },
        { sheet: "STS004", table: "STS004-1" },
      )),
  ...V.required(
    "lts001a-has-data",
    `LTS001a: no client is in long-term support in ${f.period}. Are CLD submissions covering the period loaded?`,
    { label: "LTS001a clients", value: both(f.lts001a) },
    { sheet: "LTS001a" },
  ),
  ...BANDS.flatMap((b) =>
    V.atMost(
      "lts001b-within-lts001a",
      `LTS001b ${b.label}: clients on ${f.snapshot} are a subset of clients during the year`,
      { label: "LTS001b", value: f.lts001b[b.key] },
      { label: "LTS001a", value: f.lts001a[b.key] },
      { sheet: "LTS001b", table: `LTS001b-${b.table}` },
    ),
  ),
  ...V.atMost(
    "lts001b-tables-1-within-2",
    "LTS001b: tables 1a and 1b (18+) count some of table 2's clients (all ages)",
    { label: "tables 1a + 1b", value: both(f.lts001b) },
    { label: "table 2", value: f.lts001bAllAges },
    { sheet: "LTS001b", table: "LTS001b-2" },
  ),
  ...V.atMost(
    "lts001b-tables-3-within-2",
    "LTS001b: men, women and others (tables 3a–3c) are table 2's clients",
    { label: "tables 3a + 3b + 3c", value: f.lts001bByGender },
    { label: "table 2", value: f.lts001bAllAges },
    { sheet: "LTS001b", table: "LTS001b-3a" },
  ),
  ...BANDS.flatMap((b) =>
    V.atMost(
      "lts001c-within-lts001b",
      `LTS001c ${b.label}: clients in long-term support for more than 12 months are a subset of LTS001b`,
      { label: "LTS001c", value: f.lts001c[b.key] },
      { label: "LTS001b", value: f.lts001b[b.key] },
      { sheet: "LTS001c", table: `LTS001c-${b.table}` },
    ),
  ),
  ...V.flagged(
    "lts001-psr-unknown",
    `LTS001a–c: ${f.psrUnknown} client count${f.psrUnknown === 1 ? " has" : "s have"} no primary support reason, or conflicting ones, on the rows used. Correct the primary support reason in the case-management system.`,
    f.psrUnknown,
    { sheet: "LTS001a" },
  ),
  ...BANDS.flatMap((b) => [
    ...V.atMost(
      "lts002a-within-lts001a",
      `LTS002a ${b.label}: reviewed clients are LTS001a's clients`,
      { label: "LTS002a", value: f.lts002a[b.key] },
      { label: "LTS001a", value: f.lts001a[b.key] },
      { sheet: "LTS002a", table: `LTS002a-${b.table}` },
    ),
    ...V.atMost(
      "lts002b-within-lts001c",
      `LTS002b ${b.label}: reviewed clients are LTS001c's clients`,
      { label: "LTS002b", value: f.lts002b[b.key] },
      { label: "LTS001c", value: f.lts001c[b.key] },
      { sheet: "LTS002b", table: `LTS002b-${b.table}` },
    ),
  ]),
  ...V.equal(
    "lts004-table-1-cohort",
    "LTS004: table 1 counts every client of the cohort once",
    { label: "table 1 total", value: f.lts004.table1 },
    { label: "clients in the cohort", value: f.lts004.cohort },
    { sheet: "LTS004", table: "LTS004-1" },
  ),
  ...V.equal(
    "lts004-table-2-cohort",
    "LTS004: tables 2a, 2b and the not-recorded row count every client of the cohort once",
    { label: "tables 2a + 2b + not recorded", value: f.lts004.table2 },
    { label: "clients in the cohort", value: f.lts004.cohort },
    { sheet: "LTS004", table: "LTS004-2a" },
  ),
]

/** Year-on-year queries against last year's figures; none when last year has no data to compare with. */
export const yearOnYear = V.yearOnYear((f: Figures) => f.keyFigures)

/** The SALT validation of a period's figures, and (given last year's) the year-on-year queries. */
export const validate = V.validator(rules, yearOnYear)
