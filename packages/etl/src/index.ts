/**
 * @asckit/etl — plugin-based ETL into the asckit SQLite warehouse.
 */

export * as Derive from "./Derive.js"
export * as EtlError from "./EtlError.js"
export * as Fields from "./Fields.js"
export * as Loader from "./Loader.js"
export * as Pipeline from "./Pipeline.js"
export * as Progress from "./Progress.js"
export * as Pseudonymiser from "./Pseudonymiser.js"
export * as SourcePlugin from "./SourcePlugin.js"
export * as SourceRegistry from "./SourceRegistry.js"
export * as CldSource from "./sources/cld/index.js"
export * as CqcDirectorySource from "./sources/cqc-directory/index.js"
export * as PublishedValuesSource from "./sources/published-values/index.js"
export * as SurveySource from "./sources/survey/index.js"
export * as Tabular from "./Tabular.js"
export * as Warehouse from "./Warehouse.js"
export * as WarehouseReader from "./WarehouseReader.js"
export * as WarehouseSchema from "./WarehouseSchema.js"
