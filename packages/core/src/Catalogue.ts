/**
 * The measure catalogue: every measure asckit knows (ASCOF 2023+, ASCOF 2014, SAC, DoLS and an example local
 * framework), lookups by id and by framework code, the links between old and new ASCOF codes, and `define` for
 * councils' own catalogues.
 *
 * ```ts
 * Catalogue.get("ASCOF-2023:2C")                   // Either<Measure, MeasureDefinitionError>
 * Catalogue.find("ASCOF", "2014", "2A(2)")         // Option<Measure>
 * Catalogue.successorOf("ASCOF-2014:2A(2)")        // Option: ASCOF-2023:2C
 * Catalogue.define([...myMeasures], { base: Catalogue.builtIn })
 * ```
 *
 * Old → new links come from each measure's `legacyCodes` (for ASCOF, the ODS-2425 Contents "2022 to 2023 Code"
 * column), so they work the same in user catalogues.
 *
 * @category catalogue
 */
import { Either, Option } from "effect"
import { MeasureDefinitionError } from "./CoreError.js"
import * as Ascof2014 from "./catalogue/Ascof2014.js"
import * as Ascof2023 from "./catalogue/Ascof2023.js"
import * as Dols from "./catalogue/Dols.js"
import * as Local from "./catalogue/Local.js"
import * as Sac from "./catalogue/Sac.js"
import * as Measure from "./Measure.js"

/** One framework version in a catalogue: its measure count and objectives (domains, sections) in order. */
export interface FrameworkSummary {
  readonly framework: string
  readonly version: string
  readonly measureCount: number
  readonly objectives: ReadonlyArray<Measure.Objective>
}

/** A set of measures with unique ids, and the lookups over it. */
export interface Catalogue {
  /** Every measure, in definition order. */
  readonly all: ReadonlyArray<Measure.Measure>
  /** One entry per framework version, in order of first appearance. */
  readonly frameworks: ReadonlyArray<FrameworkSummary>
  /** The measure with this exact id. */
  readonly byId: (id: string) => Option.Option<Measure.Measure>
  /** The measure with this id, or an error naming the closest ids. */
  readonly get: (id: string) => Either.Either<Measure.Measure, MeasureDefinitionError>
  /** The measure with this published code in a framework version; codes match case-insensitively. */
  readonly find: (framework: string, version: string, code: string) => Option.Option<Measure.Measure>
  /** The measure that lists this one (or this id) among its `legacyCodes`. */
  readonly successorOf: (measure: Measure.Measure | string) => Option.Option<Measure.Measure>
  /** The measure named by this one's first `legacyCodes` entry that the catalogue holds. */
  readonly predecessorOf: (measure: Measure.Measure | string) => Option.Option<Measure.Measure>
}

const key = (framework: string, version: string, code: string): string =>
  `${framework}\u0000${version}\u0000${code}`.toLowerCase()

const pushTo = <K, V>(map: Map<K, Array<V>>, k: K, v: V): void => {
  const list = map.get(k)
  if (list === undefined) map.set(k, [v])
  else list.push(v)
}

/** Edit distance between two strings (insertions, deletions, substitutions). */
const levenshtein = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/**
 * Up to `limit` ids close to `query`, best first: the same id ignoring case, then ids containing the query, then ids
 * or codes a few edits away (ties go to ids with the query's `FRAMEWORK-VERSION:` prefix).
 */
const nearMatches = (
  query: string,
  measures: ReadonlyArray<Measure.Measure>,
  limit = 5,
): ReadonlyArray<string> => {
  const q = query.trim().toLowerCase()
  const colon = q.indexOf(":")
  const qPrefix = q.slice(0, colon + 1)
  const qCode = q.slice(colon + 1)
  const tolerance = Math.max(2, Math.floor(q.length / 4))
  return measures
    .map((m) => {
      const id = m.id.toLowerCase()
      const distance =
        id === q
          ? 0
          : q.length > 0 && id.includes(q)
            ? 1
            : Math.min(levenshtein(q, id), levenshtein(qCode, m.code.toLowerCase()) + 1)
      const otherFramework = qPrefix !== "" && !id.startsWith(qPrefix) ? 0.5 : 0
      return { id: m.id, score: distance + otherFramework }
    })
    .filter((c) => c.score <= tolerance)
    .sort((x, y) => x.score - y.score || x.id.localeCompare(y.id))
    .slice(0, limit)
    .map((c) => c.id)
}

const summarise = (measures: ReadonlyArray<Measure.Measure>): ReadonlyArray<FrameworkSummary> => {
  const groups = new Map<string, Array<Measure.Measure>>()
  for (const m of measures) pushTo(groups, `${m.framework}\u0000${m.frameworkVersion}`, m)
  return Array.from(groups.values(), (ms) => {
    const objectives = new Map<string, Measure.Objective>()
    for (const m of ms) if (!objectives.has(m.objective.code)) objectives.set(m.objective.code, m.objective)
    const first = ms[0]!
    return {
      framework: first.framework,
      version: first.frameworkVersion,
      measureCount: ms.length,
      objectives: Array.from(objectives.values()),
    }
  })
}

/** Builds the lookups over measures already known to have unique ids. */
const build = (measures: ReadonlyArray<Measure.Measure>): Catalogue => {
  const ids = new Map(measures.map((m) => [m.id as string, m]))
  const codes = new Map<string, Array<Measure.Measure>>()
  const successors = new Map<string, Array<Measure.Measure>>()
  for (const m of measures) {
    pushTo(codes, key(m.framework, m.frameworkVersion, m.code), m)
    for (const c of m.legacyCodes) pushTo(successors, key(c.framework, c.version, c.code), m)
  }

  const byId = (id: string) => Option.fromNullable(ids.get(id))
  const find = (framework: string, version: string, code: string) => {
    const candidates = codes.get(key(framework, version, code)) ?? []
    return Option.fromNullable(
      candidates.find((m) => m.code === code) ?? (candidates.length === 1 ? candidates[0] : undefined),
    )
  }
  const resolve = (measure: Measure.Measure | string) =>
    typeof measure === "string" ? byId(measure) : Option.some(measure)

  return {
    all: measures,
    frameworks: summarise(measures),
    byId,
    find,
    get: (id) =>
      Either.fromOption(byId(id), () => {
        const near = nearMatches(id, measures)
        const examples = measures.slice(0, 2).map((m) => m.id)
        const hint =
          near.length > 0
            ? `Did you mean ${near.join(", ")}?`
            : examples.length > 0
              ? `No id is close; ids look like ${examples.join(" or ")}.`
              : "The catalogue is empty."
        return new MeasureDefinitionError({ id, message: `Unknown measure id "${id}". ${hint}` })
      }),
    successorOf: (measure) =>
      Option.flatMap(resolve(measure), (m) =>
        Option.fromNullable(successors.get(key(m.framework, m.frameworkVersion, m.code))?.[0]),
      ),
    predecessorOf: (measure) =>
      Option.flatMap(resolve(measure), (m) =>
        Option.firstSomeOf(m.legacyCodes.map((c) => find(c.framework, c.version, c.code))),
      ),
  }
}

interface Problem {
  readonly id: string | undefined
  readonly text: string
}

const duplicateProblems = (
  labelled: ReadonlyArray<readonly [string, Measure.Measure]>,
): ReadonlyArray<Problem> => {
  const seen = new Map<string, Array<string>>()
  for (const [label, m] of labelled) pushTo(seen, m.id as string, label)
  return Array.from(seen)
    .filter(([, labels]) => labels.length > 1)
    .map(([id, labels]) => ({ id, text: `duplicate id ${id}: ${labels.join(" and ")}` }))
}

/**
 * Builds a catalogue from measure definitions (plain objects as for `Measure.make`, or `Measure`s), on top of
 * `options.base` if given. Fails with one `MeasureDefinitionError` listing every invalid definition and every
 * duplicate id.
 */
export const define = (
  inputs: ReadonlyArray<unknown>,
  options?: { readonly base?: Catalogue },
): Either.Either<Catalogue, MeasureDefinitionError> => {
  const base = options?.base?.all ?? []
  const problems: Array<Problem> = []
  const labelled: Array<readonly [string, Measure.Measure]> = base.map((m) => ["base catalogue", m] as const)
  inputs.forEach((input, i) => {
    const label = `#${i + 1}`
    const result = input instanceof Measure.Measure ? Either.right(input) : Measure.validate(input)
    if (Either.isRight(result)) labelled.push([label, result.right])
    else {
      const { id, message } = result.left
      problems.push({ id, text: `${label}${id === undefined ? "" : ` (${id})`}: ${message}` })
    }
  })
  problems.push(...duplicateProblems(labelled))
  if (problems.length === 0) return Either.right(build(labelled.map(([, m]) => m)))
  return Either.left(
    new MeasureDefinitionError({
      id: problems.find((p) => p.id !== undefined)?.id,
      message:
        `Invalid catalogue: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n` +
        problems.map((p) => `- ${p.text.replaceAll("\n", "\n  ")}`).join("\n"),
    }),
  )
}

/** ASCOF 2023+ measures (objectives 1–6), as published for 2024-25. */
export const ascof2023: ReadonlyArray<Measure.Measure> = Ascof2023.measures
/** ASCOF 2014-framework measures (domains 1–4), used up to 2022-23. */
export const ascof2014: ReadonlyArray<Measure.Measure> = Ascof2014.measures
/** Safeguarding Adults Collection measures. */
export const sac: ReadonlyArray<Measure.Measure> = Sac.measures
/** Deprivation of Liberty Safeguards measures. */
export const dols: ReadonlyArray<Measure.Measure> = Dols.measures
/** The example local framework of a council's quarterly highlight report. */
export const local: ReadonlyArray<Measure.Measure> = Local.measures

/** The built-in catalogue (throws at load if two built-in measures share an id, which the tests rule out). */
export const builtIn: Catalogue = Either.getOrThrowWith(
  define([...ascof2023, ...ascof2014, ...sac, ...dols, ...local]),
  (e) => e,
)

/** Every built-in measure. */
export const all: ReadonlyArray<Measure.Measure> = builtIn.all
/** The built-in framework versions with their measure counts and objectives. */
export const frameworks: ReadonlyArray<FrameworkSummary> = builtIn.frameworks
/** The built-in measure with this exact id. */
export const byId: (id: string) => Option.Option<Measure.Measure> = builtIn.byId
/** The built-in measure with this id, or a `MeasureDefinitionError` naming the closest ids. */
export const get: (id: string) => Either.Either<Measure.Measure, MeasureDefinitionError> = builtIn.get
/** The built-in measure with this code in a framework version, e.g. `find("ASCOF", "2014", "2A(2)")`. */
export const find: (framework: string, version: string, code: string) => Option.Option<Measure.Measure> =
  builtIn.find
/** The 2023 ASCOF measure that replaced a 2014 one (e.g. 2D → 2A), via the 2023 measures' legacy codes. */
export const successorOf: (measure: Measure.Measure | string) => Option.Option<Measure.Measure> =
  builtIn.successorOf
/** The 2014 ASCOF measure a 2023 one replaced (e.g. 3D(2a) → 1C(2A)). */
export const predecessorOf: (measure: Measure.Measure | string) => Option.Option<Measure.Measure> =
  builtIn.predecessorOf
