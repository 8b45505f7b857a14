/**
 * @asckit/returns — return plugins (statutory spreadsheets, the ASCOF return, the highlight report) as pure
 * documents, and their rendering.
 */
export * as ReturnDocument from "./ReturnDocument.js"
export * as ReturnError from "./ReturnError.js"
export * as ReturnPlugin from "./ReturnPlugin.js"
export * as ReturnRegistry from "./ReturnRegistry.js"
export * as WorkbookWriter from "./WorkbookWriter.js"
