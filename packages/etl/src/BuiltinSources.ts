/** The source plugins asckit ships, as one list: what the CLI registers, and what tests load a whole borough with. */
import type { SourcePlugin } from "./SourcePlugin.js"
import * as AscofPublishedSource from "./sources/ascof-published/index.js"
import * as CldSource from "./sources/cld/index.js"
import * as ControccSource from "./sources/controcc/index.js"
import * as CqcDirectorySource from "./sources/cqc-directory/index.js"
import * as DolsSource from "./sources/dols/index.js"
import * as HospitalSource from "./sources/hospital/index.js"
import * as LasSource from "./sources/las/index.js"
import * as OnsPopulationSource from "./sources/ons-population/index.js"
import * as PublishedValuesSource from "./sources/published-values/index.js"
import * as SpreadsheetSource from "./sources/spreadsheet/index.js"
import * as SurveySource from "./sources/survey/index.js"

/** Every built-in source plugin. */
export const all: ReadonlyArray<SourcePlugin> = [
  CldSource.plugin,
  AscofPublishedSource.plugin,
  OnsPopulationSource.plugin,
  HospitalSource.plugin,
  DolsSource.plugin,
  SpreadsheetSource.plugin,
  LasSource.plugin,
  ControccSource.plugin,
  SurveySource.plugin,
  PublishedValuesSource.plugin,
  CqcDirectorySource.plugin,
]
