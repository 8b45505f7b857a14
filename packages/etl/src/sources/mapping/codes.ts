/**
 * Code tables: a source system's local values mapped onto a national list (CLD Release 2 labels, SAC labels, or
 * asckit's own lists), as plain data a council can read and extend.
 *
 * @category models
 */
import { Cld } from "@asckit/core"

/** A list of national values a code table maps local values onto. */
export interface CodeList {
  readonly name: string
  readonly labels: ReadonlyArray<string>
  /** The national label a value already written as one stands for (tolerantly), or `undefined`. */
  readonly normalise: (raw: string) => string | undefined
}

/** The comparison key of a local value: trimmed, lower case, runs of whitespace as one space. */
export const localKey = (raw: string): string => raw.trim().replace(/\s+/g, " ").toLowerCase()

/** A code list of `labels`, a value matching one ignoring case and repeated spaces. */
export const codeList = (name: string, labels: ReadonlyArray<string>): CodeList => {
  const byKey = new Map(labels.map((l) => [localKey(l), l]))
  return { name, labels, normalise: (raw) => byKey.get(localKey(raw)) }
}

/** A CLD Release 2 defined list; Release 1 labels and known variants are accepted (`Cld.normalise`). */
export const cldList = (list: Cld.ListName): CodeList => ({
  name: list,
  labels: Cld.lists[list],
  normalise: (raw) => Cld.normalise(list, raw)?.value,
})

/** A table mapping a source system's local values onto the labels of a national list. */
export interface CodeTable {
  /** The table's name, as configurations refer to it (`mapping.codes.<name>`). */
  readonly name: string
  readonly description: string
  readonly list: CodeList
  /** Local value → national label (local values match ignoring case and repeated spaces). */
  readonly map: Readonly<Record<string, string>>
  /** Also accept values already written as national labels (default true). */
  readonly acceptNational?: boolean
}

/** Declares a code table (an identity function that checks its shape). */
export const table = (t: CodeTable): CodeTable => t

/** Problems with entries mapping local values to labels that are not on the table's national list. */
export const badLabels = (t: CodeTable, map: Readonly<Record<string, string>>): ReadonlyArray<string> =>
  Object.entries(map)
    .filter(([, national]) => t.list.normalise(national) === undefined)
    .map(
      ([local, national]) =>
        `codes.${t.name}: ${JSON.stringify(local)} is mapped to ${JSON.stringify(national)}, which is not a ${t.list.name} label (one of: ${t.list.labels.map((l) => JSON.stringify(l)).join(", ")})`,
    )

const CACHE_LIMIT = 4096

/**
 * A lookup for a table with extra entries (a council's overrides, which win over the defaults): the national
 * label of a raw value, or `undefined` when the table has no mapping for it. Memoised.
 */
export const lookup = (
  t: CodeTable,
  extra: ReadonlyArray<Readonly<Record<string, string>>> = [],
): ((raw: string) => string | undefined) => {
  const byKey = new Map<string, string>()
  for (const map of [...extra].reverse().concat([t.map])) {
    // later maps in `extra` win: add them first, and never overwrite
    for (const [local, national] of Object.entries(map)) {
      const k = localKey(local)
      const label = t.list.normalise(national)
      if (label !== undefined && !byKey.has(k)) byKey.set(k, label)
    }
  }
  const acceptNational = t.acceptNational !== false
  const cache = new Map<string, string | null>()
  return (raw) => {
    const hit = cache.get(raw)
    if (hit !== undefined) return hit ?? undefined
    const found = byKey.get(localKey(raw)) ?? (acceptNational ? t.list.normalise(raw) : undefined)
    if (cache.size < CACHE_LIMIT) cache.set(raw, found ?? null)
    return found
  }
}
