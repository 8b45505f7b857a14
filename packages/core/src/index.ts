/**
 * @asckit/core — the typed indicator library for English adult social care. Pure: no I/O.
 *
 * Every module is a namespace: `Period.parse("2024-25 Q2")`, `Catalogue.get("ASCOF-2023:2C")`,
 * `Outcome.computePublished(measure, counts)`, `Benchmark.rank(measure, entries)`.
 */
export * as Benchmark from "./Benchmark.js"
export * as Catalogue from "./Catalogue.js"
export * as Cld from "./Cld.js"
export * as CoreError from "./CoreError.js"
export * as Geography from "./Geography.js"
export * as LocalDate from "./LocalDate.js"
export * as Measure from "./Measure.js"
export * as Outcome from "./Outcome.js"
export * as Period from "./Period.js"
export * as Rounding from "./Rounding.js"
export * as Value from "./Value.js"
export * as WorkingDays from "./WorkingDays.js"
