/**
 * The mapping part of a plugin's configuration (what a council overrides), its validation against the plugin's
 * layouts and code tables, and compiling it into the `Mapping` the readers use.
 *
 * @category models
 */
import { readFileSync } from "node:fs"
import { isAbsolute, resolve } from "node:path"
import { Effect, Either, ParseResult, Schema } from "effect"
import { ConfigError } from "../../EtlError.js"
import { badLabels, type CodeTable, lookup } from "./codes.js"
import { type CompiledLayout, compileLayout, type Layout } from "./layout.js"

/** The layouts and code tables a plugin reads with (its defaults). */
export interface Spec {
  readonly layouts: ReadonlyArray<Layout>
  readonly tables: ReadonlyArray<CodeTable>
}

/** Code overrides: table name → (local value → national label). */
export const Codes = Schema.Record({
  key: Schema.String,
  value: Schema.Record({ key: Schema.String, value: Schema.String }),
})
/** Code overrides: table name → (local value → national label). */
export type Codes = typeof Codes.Type

/**
 * What a configuration may override:
 * - `columns`: per layout, the header (or headers) a council's file uses for a column, e.g.
 *   `{ "contacts": { "Contact Date": "Date of Contact" } }`;
 * - `codes`: per code table, extra or corrected local values, e.g. `{ "RouteOfAccess": { "A&E": "Diversion from
 *   hospital services" } }`;
 * - `codesFile`: a JSON file of the same shape as `codes` (relative to the configuration file), for long lists;
 *   `codes` wins over it, and both win over the defaults;
 * - `unexpectedColumns`: `ignore` (default) or `error` — whether a column the layout does not know fails the file.
 */
export const Override = Schema.Struct({
  columns: Schema.optional(
    Schema.Record({
      key: Schema.String,
      value: Schema.Record({
        key: Schema.String,
        value: Schema.Union(Schema.String, Schema.Array(Schema.String)),
      }),
    }),
  ),
  codes: Schema.optional(Codes),
  codesFile: Schema.optional(Schema.String),
  unexpectedColumns: Schema.optional(Schema.Literal("ignore", "error")),
})
/** What a configuration may override (see `Override`). */
export type Override = typeof Override.Type

const quoteList = (xs: ReadonlyArray<string>) => xs.map((x) => JSON.stringify(x)).join(", ")

/** Problems with codes overrides: unknown tables, labels not on a table's list. */
export const codeProblems = (spec: Spec, codes: Codes, where = "codes"): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const [name, map] of Object.entries(codes)) {
    const t = spec.tables.find((x) => x.name === name)
    if (t === undefined) {
      out.push(
        `${where}: no code table ${JSON.stringify(name)} (tables: ${quoteList(spec.tables.map((x) => x.name))})`,
      )
      continue
    }
    out.push(...badLabels(t, map).map((p) => (where === "codes" ? p : `${where}: ${p}`)))
  }
  return out
}

/** Problems with an override: unknown layouts or columns, unknown code tables, labels not on a table's list. */
export const problems = (spec: Spec, o: Override): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const [name, aliases] of Object.entries(o.columns ?? {})) {
    const l = spec.layouts.find((x) => x.name === name)
    if (l === undefined) {
      out.push(
        `columns: no layout ${JSON.stringify(name)} (layouts: ${quoteList(spec.layouts.map((x) => x.name))})`,
      )
      continue
    }
    for (const column of Object.keys(aliases)) {
      if (!l.columns.some((c) => c.name === column))
        out.push(
          `columns.${name}: no column ${JSON.stringify(column)} in the ${l.title} layout (columns: ${quoteList(l.columns.map((c) => c.name))})`,
        )
    }
  }
  out.push(...codeProblems(spec, o.codes ?? {}))
  return out
}

/** The `Override` Schema checked against a plugin's layouts and tables (for its config Schema). */
export const overrideFor = (spec: Spec): Schema.Schema<Override, Schema.Schema.Encoded<typeof Override>> =>
  Override.pipe(
    Schema.filter((o) => {
      const p = problems(spec, o)
      return p.length === 0 || `the mapping does not fit this plugin:\n${p.join("\n")}`
    }),
  )

/** A plugin's layouts and code tables with a council's overrides applied: what the readers use. */
export interface Mapping {
  readonly spec: Spec
  /** A layout with its header aliases; throws for a name the spec does not have (a plugin bug). */
  readonly layout: (name: string) => CompiledLayout
  /** The national label of a raw value in a code table, or `undefined` when it has no mapping. */
  readonly code: (table: string, raw: string) => string | undefined
  /** Whether columns the layout does not know fail a file. */
  readonly unexpectedColumns: "ignore" | "error"
}

/** Builds a `Mapping` from a spec and codes overrides already read (no I/O). */
export const make = (spec: Spec, override: Override = {}, fileCodes: Codes = {}): Mapping => {
  const layouts = new Map<string, CompiledLayout>()
  const lookups = new Map(
    spec.tables.map((t) => [t.name, lookup(t, [fileCodes[t.name] ?? {}, override.codes?.[t.name] ?? {}])]),
  )
  return {
    spec,
    layout: (name) => {
      let c = layouts.get(name)
      if (c === undefined) {
        const l = spec.layouts.find((x) => x.name === name)
        if (l === undefined) throw new Error(`no layout "${name}"`)
        c = compileLayout(l, override.columns?.[name] ?? {})
        layouts.set(name, c)
      }
      return c
    },
    code: (table, raw) => {
      const f = lookups.get(table)
      if (f === undefined) throw new Error(`no code table "${table}"`)
      return f(raw)
    },
    unexpectedColumns: override.unexpectedColumns ?? "ignore",
  }
}

const decodeCodes = Schema.decodeUnknownEither(Codes)

/** Reads a codes file (JSON, the shape of `codes`), failing with a `ConfigError` that says what is wrong. */
export const readCodesFile = (spec: Spec, file: string, baseDir: string): Effect.Effect<Codes, ConfigError> =>
  Effect.gen(function* () {
    const path = isAbsolute(file) ? file : resolve(baseDir, file)
    const text = yield* Effect.try({
      try: () => readFileSync(path, "utf8"),
      catch: (e) =>
        new ConfigError({
          path,
          message: `${path}: the mapping's codes file cannot be read (${(e as Error).message}). Check mapping.codesFile.`,
        }),
    })
    const json = yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: (e) =>
        new ConfigError({
          path,
          message: `${path}: the codes file is not valid JSON (${(e as Error).message}).`,
        }),
    })
    const codes = decodeCodes(json)
    if (Either.isLeft(codes)) {
      return yield* Effect.fail(
        new ConfigError({
          path,
          message: `${path}: the codes file must map table names to objects of local value → national label:\n${ParseResult.TreeFormatter.formatErrorSync(codes.left)}`,
        }),
      )
    }
    const p = codeProblems(spec, codes.right, path)
    if (p.length > 0) return yield* Effect.fail(new ConfigError({ path, message: p.join("\n") }))
    return codes.right
  })

/** Compiles a spec with a configuration's override, reading its codes file (relative to `baseDir`). */
export const compile = (
  spec: Spec,
  override: Override | undefined,
  baseDir: string,
): Effect.Effect<Mapping, ConfigError> =>
  Effect.map(
    override?.codesFile === undefined
      ? Effect.succeed({} as Codes)
      : readCodesFile(spec, override.codesFile, baseDir),
    (fileCodes) => make(spec, override ?? {}, fileCodes),
  )

/**
 * The defaults of a spec in the shape of an override — every layout's headers and every table's entries — for a
 * council to copy into its configuration or codes file and edit.
 */
export const defaults = (spec: Spec): { readonly columns: Override["columns"]; readonly codes: Codes } => ({
  columns: Object.fromEntries(
    spec.layouts.map((l) => [
      l.name,
      Object.fromEntries(l.columns.map((c) => [c.name, [c.name, ...(c.headers ?? [])]])),
    ]),
  ),
  codes: Object.fromEntries(spec.tables.map((t) => [t.name, { ...t.map }])),
})
