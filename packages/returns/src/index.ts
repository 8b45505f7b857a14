/**
 * @asckit/returns — return plugins (statutory spreadsheets, the ASCOF return, the highlight report) as pure
 * documents, and their rendering.
 */
export * as HighlightReport from "./highlight/index.js"
export * as Ascof from "./measures/ascof/index.js"
export * as OtherMeasures from "./measures/other/index.js"
export * as SurveyMeasures from "./measures/survey/index.js"
export * as ReturnDocument from "./ReturnDocument.js"
export * as ReturnError from "./ReturnError.js"
export * as ReturnPlugin from "./ReturnPlugin.js"
export * as ReturnRegistry from "./ReturnRegistry.js"
export * as AscofReturn from "./returns/ascof/index.js"
export * as CldSubmission from "./returns/cld-submission/index.js"
export * as DolsReturn from "./returns/dols/index.js"
export * as SacReturn from "./returns/sac/index.js"
export * as SaltReturn from "./returns/salt/index.js"
export * as Validation from "./Validation.js"
export * as WorkbookWriter from "./WorkbookWriter.js"
