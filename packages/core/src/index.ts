/**
 * @asckit/core — the typed indicator library for English adult social care. Pure: no I/O.
 *
 * Modules are namespaces: `Period.parse("2024-25 Q2")`, `Measure.make({...})`, `Outcome.compute(...)`.
 */
export * as CoreError from "./CoreError.js"
export * as LocalDate from "./LocalDate.js"
export * as Measure from "./Measure.js"
export * as Period from "./Period.js"
