/**
 * The source-plugin contract. A source plugin is a value: an id, a description, a config Schema, the streams it
 * yields, how to list its input files, and an `extract` that turns one input file into an Effect `Stream` of raw
 * rows. Plugins never touch the warehouse. The pipeline does the rest: it decodes each row with the stream's row
 * Schema (collecting every field error), quarantines failures with their reasons, pseudonymises identifier
 * fields, and loads the rest into the stream's sink in batches, in one transaction per file.
 *
 * A stream declares
 * - `row`: the Schema from raw cells (canonical column name → text) to the decoded row;
 * - `key`: the decoded fields that identify a row (hashed into the warehouse `row_key`);
 * - `mode`: `append` (a row whose key is already loaded is a duplicate), `merge` (upsert: the row with the
 *   higher `precedence` wins; on a tie, the later file), or `replace` (rows this stream loaded before are removed
 *   first);
 * - `identifiers`: decoded fields holding person identifiers, which the pipeline pseudonymises before loading;
 * - `sink`: which warehouse tables the decoded rows land in (`Sink` values are defined by `@asckit/etl`).
 *
 * @category models
 */

import type { SQLiteTable } from "drizzle-orm/sqlite-core"
import type { Effect, Schema, Stream } from "effect"
import type { ConfigError, SourceFileError } from "./EtlError.js"

/** A raw row: cell text by canonical column name (`undefined` for a column the file does not have). */
export type RawRow = Readonly<Record<string, string | undefined>>

/** A structural problem with a row found while reading it (a truncated line, extra fields). */
export interface RowIssue {
  readonly column?: string | undefined
  readonly code: string
  readonly message: string
}

/** One row read from a source file. */
export interface SourceRow {
  /** 1-based row number as a spreadsheet shows it (the header is row 1). */
  readonly row: number
  readonly values: RawRow
  /** Structural problems: the row is quarantined without decoding. */
  readonly issues?: ReadonlyArray<RowIssue>
}

/** One input of a plugin: a file and the stream its rows belong to. */
export interface Input {
  readonly stream: string
  readonly path: string
}

/** How a stream's rows are written (see the module docs). */
export type WriteMode = "append" | "replace" | "merge"

/** Where a decoded row is written: a warehouse table and the mapping of the row to its columns. */
export interface Target<A> {
  /** A fact table of `WarehouseSchema` (it has the lineage columns). */
  readonly table: SQLiteTable
  /** The table's data columns (drizzle property names) for a row, or `undefined` to write nothing. */
  readonly map: (row: A) => Record<string, unknown> | undefined
  /** For secondary targets: the values identifying the target row (hashed into its `row_key`), or `undefined`
   * when this row has nothing for the target. */
  readonly key?: (row: A) => ReadonlyArray<unknown> | undefined
  /** For secondary targets: precedence of the row (a higher one replaces a lower). */
  readonly precedence?: (row: A) => string | undefined
}

/** The tables a stream loads into: one primary table (its row counts are the stream's), and any others fed from
 * the same rows (e.g. CLD event rows also carry person details). */
export interface Sink<A> {
  readonly primary: Target<A>
  readonly secondary?: ReadonlyArray<Target<A>>
}

/** A stream of a source plugin (see the module docs). */
export interface StreamSpec<A = any> {
  readonly name: string
  readonly description: string
  readonly row: Schema.Schema<A, any>
  readonly key: ReadonlyArray<keyof A & string>
  readonly mode: WriteMode
  /** A decoded field whose value orders versions of the same row (merge mode): greater wins. */
  readonly precedence?: keyof A & string
  /** Decoded fields holding person identifiers, pseudonymised by the pipeline before loading. */
  readonly identifiers?: ReadonlyArray<keyof A & string>
  /** The source column of a decoded field, where they differ (findings are reported by source column). */
  readonly columnOf?: Readonly<Record<string, string>>
  /** Raw columns holding person identifiers: never echoed in messages, pseudonymised in the quarantine. */
  readonly identifierColumns?: ReadonlyArray<string>
  readonly sink: Sink<A>
}

/** What a plugin is told about where it runs. */
export interface Context {
  /** The folder relative paths in its configuration are resolved against. */
  readonly baseDir: string
}

/** A source plugin (see the module docs). */
export interface SourcePlugin<C = any> {
  readonly id: string
  readonly description: string
  /** The Schema of the plugin's configuration (as written in the ETL config file). */
  readonly config: Schema.Schema<C, any>
  readonly streams: ReadonlyArray<StreamSpec>
  /** Lists the input files of a configuration (expanding folders and patterns), in load order. */
  readonly inputs: (
    config: C,
    context: Context,
  ) => Effect.Effect<ReadonlyArray<Input>, ConfigError | SourceFileError>
  /**
   * Where the plugin can be loaded from in a worker thread (`{ module: import.meta.url, export: "plugin" }`), so
   * files are read and decoded in parallel with the warehouse writes. Optional: without it the plugin runs in the
   * pipeline's thread. Its configuration must then be structured-cloneable (plain data).
   */
  readonly worker?: { readonly module: string; readonly export: string }
  /** Reads one input file as raw rows. */
  readonly extract: (config: C, input: Input, context: Context) => Stream.Stream<SourceRow, SourceFileError>
}

/** Declares a source plugin (an identity function that checks the shape and keeps the config type). */
export const make = <C>(plugin: SourcePlugin<C>): SourcePlugin<C> => plugin

/** Declares a stream, keeping the decoded row type for its key, sink and identifiers. */
export const stream = <A>(spec: StreamSpec<A>): StreamSpec<A> => spec
