/**
 * Declarative column and code mapping for source plugins that read a council's own extracts (LAS, ContrOCC, DoLS
 * databases, local spreadsheets). Every council's reports differ, so a plugin ships a documented **default
 * layout** and **default code tables**, and a council overrides what differs in its configuration — no code.
 *
 * The pieces (stable API; other plugins build on it):
 * - **Layouts** (`Layout`, `Column`, `layout`): the canonical columns of one extract, each with the header
 *   spellings of the default report, whether the file must have it, the code table its values go through, and
 *   whether it holds an identifier. Headers match ignoring case, spaces and punctuation; a council's aliases win.
 * - **Code tables** (`CodeTable`, `table`, `CodeList`, `codeList`, `cldList`): local value → national label
 *   (a CLD Release 2 list, a SAC list, or an asckit list), as plain data. Values already written as national
 *   labels are accepted too (unless `acceptNational: false`).
 * - **Overrides** (`Override`, `overrideFor(spec)` for a plugin's config Schema): per layout, header aliases
 *   (`columns: { contacts: { "Contact Date": "Date of Contact" } }`); per table, extra or corrected entries
 *   (`codes: { RouteOfAccess: { "A&E": "Diversion from hospital services" } }`) or a JSON `codesFile` of the same
 *   shape; and whether unknown columns are an error (`unexpectedColumns`). Validated when the configuration is:
 *   unknown layouts, columns and tables, and labels not on a table's list, are configuration errors.
 * - **Compiling and reading** (`compile(spec, override, baseDir)` → `Mapping`; `read(mapping, layout, path)` → a
 *   `Stream` of `SourceRow`s): a file whose header does not fit the layout fails before any row with an error
 *   listing the missing columns (and the headers looked for) and the unrecognised ones; coded values are replaced
 *   by their national labels (the local value kept under `localColumn(column)`); a row holding a value no table
 *   maps is quarantined with code `unmapped-code`, naming the column, the value and the table to extend.
 * - **Decoding** (`rowSchema({ name, fields, build })` with `text`/`date`/`number`/`integer`/`code` fields): the
 *   row Schema of a stream — mandatory fields fail the row, invalid optional ones become findings.
 * - **The unmapped report** (`unmapped({ runId })`): every unmapped value with its row count, most first.
 * - `defaults(spec)`: a plugin's defaults in the shape of an override, to copy and edit.
 *
 * A plugin using it: declares its `Spec` (layouts + tables), puts `mapping: Schema.optional(overrideFor(spec))`
 * in its config Schema, compiles the mapping in `inputs` (so a bad codes file is a configuration error) and in
 * `extract` reads with `read(mapping, layoutName, input.path, { sheet })`; its streams' row Schemas decode the
 * national labels with `rowSchema`. See `sources/las` and `sources/controcc`.
 *
 * @category sources
 */
export * from "./codes.js"
export * from "./config.js"
export * from "./decode.js"
export * from "./layout.js"
export * from "./read.js"
export * from "./report.js"
