/**
 * The load pipeline. For each configured source it asks the plugin for its input files, then for each file:
 *
 * 1. probes it (size, sha256, encoding); a file already loaded with the same sha256 by the same plugin and
 *    stream is skipped and reported;
 * 2. opens one transaction for the file;
 * 3. streams the plugin's rows, decoding each with the stream's row Schema and collecting every field error:
 *    failures go to quarantine (file, spreadsheet row, column, error code, message, raw row with identifiers
 *    pseudonymised); invalid optional values become data-quality findings; identifier fields are pseudonymised;
 * 4. writes the rows to the stream's sink in batches (see `Loader` for the conflict rules);
 * 5. reconciles: every row read is loaded, quarantined or a duplicate (rows = loaded + quarantined + duplicate),
 *    then commits — or, on any file-level error, rolls back so the warehouse is exactly as it was.
 *
 * A dry run does all of this and rolls every file back, so it validates and counts without writing.
 *
 * @category services
 */

import type Database from "better-sqlite3"
import { Cause, Chunk, Effect, Either, Exit, Option, ParseResult, Redacted, Schema, Stream } from "effect"
import {
  ConfigError,
  type ConfigError as ConfigErrorT,
  type SourceFileError,
  type UnknownSourceError,
  type WarehouseError,
} from "./EtlError.js"
import * as Produce from "./internal/produce.js"
import * as Workers from "./internal/workers.js"
import * as Loader from "./Loader.js"
import { Progress } from "./Progress.js"
import { Pseudonymiser } from "./Pseudonymiser.js"
import type { Context, Input, SourcePlugin, StreamSpec } from "./SourcePlugin.js"
import { SourceRegistry } from "./SourceRegistry.js"
import * as Tabular from "./Tabular.js"
import { Warehouse } from "./Warehouse.js"

/** One configured source: a plugin id and its configuration (validated by the plugin's config Schema). */
export interface SourceConfig {
  readonly plugin: string
  readonly config: unknown
}

/** A derived-data step run after a load that changed any of its tables (in its own transaction). */
export interface Derivation {
  readonly name: string
  /** SQL names of the tables whose change triggers it. */
  readonly tables: ReadonlyArray<string>
  readonly run: (sqlite: Database.Database) => void
}

/** What to load and how. */
export interface RunOptions {
  readonly sources: ReadonlyArray<SourceConfig>
  /** Folder that relative paths in plugin configurations are resolved against. */
  readonly baseDir: string
  readonly dryRun?: boolean
  /** Also store raw identifiers beside their pseudonyms (only when a council explicitly needs them). */
  readonly keepIdentifiers?: boolean
  /** The configuration as recorded with the run (secrets removed). */
  readonly recordConfig?: unknown
  readonly version?: string
  readonly derivations?: ReadonlyArray<Derivation>
  /** Rows written per batch (default 2,048). */
  readonly batchSize?: number
  /** Read and decode files in worker threads when plugins allow it (default true). */
  readonly workers?: boolean
}

/** What happened to one file. */
export interface FileSummary {
  readonly plugin: string
  readonly stream: string
  readonly path: string
  readonly size: number
  readonly sha256: string
  /** `loaded`; `skipped` (already loaded); `failed` (nothing from it kept); `validated` (dry run). */
  readonly status: "loaded" | "skipped" | "failed" | "validated"
  readonly rowsRead: number
  readonly rowsLoaded: number
  readonly rowsQuarantined: number
  readonly rowsDuplicate: number
  readonly findings: number
  /** The first rejected rows (up to 1,000 per file), for reports; the warehouse keeps them all. */
  readonly rejects: ReadonlyArray<Reject>
  readonly message?: string
  readonly error?: SourceFileError
  readonly fileId?: number
  readonly durationMs: number
}

/** Totals for one stream of one plugin. */
export interface StreamSummary {
  readonly plugin: string
  readonly stream: string
  readonly files: number
  readonly loaded: number
  readonly skipped: number
  readonly failed: number
  readonly rowsRead: number
  readonly rowsLoaded: number
  readonly rowsQuarantined: number
  readonly rowsDuplicate: number
  readonly findings: number
  /**
   * After a load (not a dry run): the rows of this stream the warehouse holds, from every file it has loaded, in
   * this run or before. Fewer than the rows loaded over time when later rows replaced earlier ones with the same key
   * (overlapping rolling submissions: DHSC's latest submission wins).
   */
  readonly rowsHeld?: number
  /** Rows this stream has loaded over time that a later row with the same key has since replaced. */
  readonly rowsReplaced?: number
}

/** What a run did. `ok` is false when any file failed. */
export interface RunSummary {
  readonly runId: string
  readonly dryRun: boolean
  readonly startedAt: string
  readonly finishedAt: string
  readonly keyId: string
  readonly files: ReadonlyArray<FileSummary>
  readonly streams: ReadonlyArray<StreamSummary>
  readonly ok: boolean
}

/** A sortable, readable run id: `20261123T130501Z-1a2b3c`. */
export const newRunId = (now = new Date()): string =>
  `${now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}-${Math.floor(Math.random() * 0xffffff)
    .toString(16)
    .padStart(6, "0")}`

const nowIso = () => new Date().toISOString()

const duplicateMessage =
  "duplicate: a row with the same key was already loaded (from this file, or with equal or higher precedence)"

/** Totals per plugin and stream, in first-seen order. */
export const summarise = (files: ReadonlyArray<FileSummary>): ReadonlyArray<StreamSummary> => {
  const by = new Map<string, { -readonly [K in keyof StreamSummary]: StreamSummary[K] }>()
  for (const f of files) {
    const k = `${f.plugin}\u0000${f.stream}`
    const s = by.get(k) ?? {
      plugin: f.plugin,
      stream: f.stream,
      files: 0,
      loaded: 0,
      skipped: 0,
      failed: 0,
      rowsRead: 0,
      rowsLoaded: 0,
      rowsQuarantined: 0,
      rowsDuplicate: 0,
      findings: 0,
    }
    s.files += 1
    if (f.status === "loaded" || f.status === "validated") s.loaded += 1
    if (f.status === "skipped") s.skipped += 1
    if (f.status === "failed") s.failed += 1
    s.rowsRead += f.rowsRead
    s.rowsLoaded += f.rowsLoaded
    s.rowsQuarantined += f.rowsQuarantined
    s.rowsDuplicate += f.rowsDuplicate
    s.findings += f.findings
    by.set(k, s)
  }
  return [...by.values()]
}

interface FileContext {
  readonly runId: string
  readonly plugin: SourcePlugin
  readonly config: unknown
  readonly spec: StreamSpec
  readonly input: Input
  readonly probe: Tabular.Probe
  readonly context: Context
  readonly options: RunOptions
}

/** Loads one file in one transaction; rolls back on any error. */
const loadFile = (
  fc: FileContext,
  pool: Workers.Pool,
): Effect.Effect<FileSummary, WarehouseError, Warehouse | Pseudonymiser | Progress> =>
  Effect.gen(function* () {
    const w = yield* Warehouse
    const pseudo = yield* Pseudonymiser
    const progress = yield* Progress
    const { spec, input, probe, plugin, runId, options } = fc
    const dryRun = options.dryRun === true
    const batchSize = options.batchSize ?? 2048
    const started = Date.now()
    let read = 0
    let quarantined = 0
    let decodedOk = 0
    let findings = 0
    const sample: Array<Reject> = []

    progress.emit({
      _tag: "FileStarted",
      plugin: plugin.id,
      stream: spec.name,
      path: input.path,
      size: probe.size,
    })

    // The producer: in a worker thread when the plugin allows it, else here.
    const inWorker = yield* pool.batches(plugin, spec.name, fc.config, input, fc.context)
    const batches: Stream.Stream<Produce.Batch, SourceFileError> = Option.getOrElse(inWorker, () => {
      const produce = Produce.producer(spec, pseudo.pseudonymise, options.keepIdentifiers === true)
      return plugin.extract(fc.config, input, fc.context).pipe(
        Stream.rechunk(batchSize),
        Stream.mapChunks((c) => Chunk.of(produce(Chunk.toReadonlyArray(c)))),
      )
    })

    const body = Effect.gen(function* () {
      const fileId = yield* w.use("record the file", (_db, s) =>
        Number(
          s
            .prepare(
              "insert into etl_file (run_id, plugin, stream, path, size, sha256, status, started_at) values (?, ?, ?, ?, ?, ?, 'loading', ?)",
            )
            .run(runId, plugin.id, spec.name, input.path, probe.size, probe.sha256, nowIso()).lastInsertRowid,
        ),
      )
      const { writer, insertQuarantine, insertFinding } = yield* w.use("prepare the load", (db, s) => {
        if (spec.mode === "replace")
          Loader.clearStream(db, spec.sink.primary.table, plugin.id, spec.name, fileId)
        return {
          writer: Loader.writer(db, s, spec.sink, spec.mode),
          insertQuarantine: s.prepare(
            "insert into etl_quarantine (run_id, file_id, stream, row_number, column, error_code, message, raw_json) values (?, ?, ?, ?, ?, ?, ?, ?)",
          ),
          insertFinding: s.prepare(
            "insert into etl_finding (run_id, file_id, stream, row_number, column, code, message, value) values (?, ?, ?, ?, ?, ?, ?, ?)",
          ),
        }
      })
      const lineage = { runId, fileId }
      const consume = (b: Produce.Batch) =>
        w.use("load rows", () => {
          read += b.read
          for (const q of b.quarantined) {
            quarantined += 1
            for (const i of q.issues) {
              insertQuarantine.run(
                runId,
                fileId,
                spec.name,
                q.row,
                i.column ?? null,
                i.code,
                i.message,
                q.raw,
              )
              if (sample.length < 1000) {
                sample.push({
                  path: input.path,
                  stream: spec.name,
                  row: q.row,
                  column: i.column ?? null,
                  code: i.code,
                  message: i.message,
                })
              }
            }
          }
          for (const f of b.findings) {
            findings += 1
            insertFinding.run(runId, fileId, spec.name, f.row, f.column, f.code, f.message, f.value)
          }
          decodedOk += b.items.length
          for (const row of writer.write(b.items, lineage)) {
            // Reported, not quarantined: the same key was already loaded with equal or higher precedence.
            insertQuarantine.run(runId, fileId, spec.name, row, null, "duplicate", duplicateMessage, null)
            if (sample.length < 1000) {
              sample.push({
                path: input.path,
                stream: spec.name,
                row,
                column: null,
                code: "duplicate",
                message: duplicateMessage,
              })
            }
          }
          progress.emit({ _tag: "RowsRead", path: input.path, rows: read })
        })
      yield* Stream.runForEach(batches, consume)
      const loaded = yield* w.use("count the load", (db) =>
        Loader.countFromFile(db, spec.sink.primary.table, fileId),
      )
      const duplicate = decodedOk - loaded
      yield* w.use("finish the file", (_db, s) =>
        s
          .prepare(
            "update etl_file set status = 'loaded', rows_read = ?, rows_loaded = ?, rows_quarantined = ?, rows_duplicate = ?, findings = ?, finished_at = ? where id = ?",
          )
          .run(read, loaded, quarantined, duplicate, findings, nowIso(), fileId),
      )
      return { fileId, loaded, duplicate }
    })

    const exit = yield* Effect.acquireUseRelease(
      w.use("begin the file's transaction", (_db, s) => s.exec("BEGIN IMMEDIATE")),
      () => Effect.exit(body),
      (_, result) =>
        w
          .use("end the file's transaction", (_db, s) => {
            if (!s.inTransaction) return
            if (Exit.isSuccess(result) && Exit.isSuccess(result.value) && !dryRun) s.exec("COMMIT")
            else s.exec("ROLLBACK")
          })
          .pipe(Effect.orDie),
    )
    const base = {
      plugin: plugin.id,
      stream: spec.name,
      path: input.path,
      size: probe.size,
      sha256: probe.sha256,
      durationMs: Date.now() - started,
    }
    let summary: FileSummary
    if (Exit.isSuccess(exit)) {
      const { fileId, loaded, duplicate } = exit.value
      summary = {
        ...base,
        status: dryRun ? "validated" : "loaded",
        rowsRead: read,
        rowsLoaded: loaded,
        rowsQuarantined: quarantined,
        rowsDuplicate: duplicate,
        findings,
        rejects: sample,
        ...(dryRun ? {} : { fileId }),
      }
    } else {
      const failure = Cause.failureOption(exit.cause)
      if (Option.isNone(failure)) return yield* Effect.failCause(exit.cause as Cause.Cause<never>)
      const err = failure.value
      if (err._tag === "WarehouseError") return yield* Effect.fail(err)
      summary = {
        ...base,
        status: "failed",
        rowsRead: 0,
        rowsLoaded: 0,
        rowsQuarantined: 0,
        rowsDuplicate: 0,
        findings: 0,
        rejects: [],
        message: err.message,
        error: err,
      }
      if (!dryRun) yield* recordFailure(runId, plugin.id, spec.name, input.path, probe, err.message)
    }
    progress.emit({ _tag: "FileFinished", summary })
    return summary
  }).pipe(Effect.withSpan("Pipeline.loadFile", { attributes: { path: fc.input.path } }))

const recordFailure = (
  runId: string,
  plugin: string,
  stream: string,
  path: string,
  probe: { size: number; sha256: string },
  message: string,
) =>
  Effect.flatMap(Warehouse, (w) =>
    w.use("record a failed file", (_db, s) =>
      s
        .prepare(
          "insert into etl_file (run_id, plugin, stream, path, size, sha256, status, started_at, finished_at, message) values (?, ?, ?, ?, ?, ?, 'failed', ?, ?, ?)",
        )
        .run(runId, plugin, stream, path, probe.size, probe.sha256, nowIso(), nowIso(), message),
    ),
  )

const alreadyLoaded = (plugin: string, stream: string, sha256: string) =>
  Effect.flatMap(Warehouse, (w) =>
    w.use(
      "look up earlier loads",
      (_db, s) =>
        s
          .prepare(
            "select id, path, finished_at from etl_file where plugin = ? and stream = ? and sha256 = ? and status = 'loaded'",
          )
          .get(plugin, stream, sha256) as { id: number; path: string; finished_at: string } | undefined,
    ),
  )

/** What stopped a run early, in a line (for `etl_run.summary_json`). */
const stoppedBy = (cause: Cause.Cause<unknown>): string => {
  if (Cause.isInterruptedOnly(cause)) return "interrupted"
  const failure = Cause.failureOption(cause)
  if (Option.isSome(failure)) {
    const e = failure.value
    return e instanceof Error || (typeof e === "object" && e !== null && "message" in e)
      ? String((e as { message: unknown }).message)
      : String(e)
  }
  return Cause.pretty(cause).split("\n")[0] ?? "unexpected error"
}

/** Marks a run that stopped early as failed (if it is still `running`); never fails itself. */
const markRunFailed = (
  w: typeof Warehouse.Service,
  runId: string,
  cause: Cause.Cause<unknown>,
): Effect.Effect<void> =>
  w
    .use("mark the run failed", (_db, s) => {
      // Nothing a failed run began may stay half-written (file transactions end themselves; this is the backstop).
      if (s.inTransaction) s.exec("ROLLBACK")
      s.prepare(
        "update etl_run set status = 'failed', finished_at = ?, summary_json = ? where id = ? and status = 'running'",
      ).run(nowIso(), JSON.stringify({ error: stoppedBy(cause) }), runId)
    })
    .pipe(
      Effect.catchAll((e) => Effect.logWarning(`Could not mark run ${runId} failed: ${e.message}`)),
      Effect.asVoid,
    )

/** Runs a load (see the module docs). Fails only for configuration and warehouse errors; file errors are
 * reported in the summary (`ok: false`). A run that fails or is interrupted after it was recorded is marked
 * `failed` in `etl_run` (its `summary_json` says why), never left `running`. */
export const run = (
  options: RunOptions,
): Effect.Effect<
  RunSummary,
  ConfigErrorT | UnknownSourceError | WarehouseError,
  Warehouse | SourceRegistry | Pseudonymiser | Progress
> =>
  Effect.gen(function* () {
    const w = yield* Warehouse
    const registry = yield* SourceRegistry
    const pseudo = yield* Pseudonymiser
    const progress = yield* Progress
    const runId = newRunId()
    const startedAt = nowIso()
    const dryRun = options.dryRun === true
    const context: Context = { baseDir: options.baseDir }
    const pool = yield* Workers.make({
      key: Redacted.value(pseudo.key),
      keepIdentifiers: options.keepIdentifiers === true,
      batchSize: options.batchSize ?? 2048,
      enabled: options.workers !== false,
    })

    // Validate every source's plugin and configuration before touching anything.
    const sources: Array<{ plugin: SourcePlugin; config: unknown }> = []
    for (const [i, s] of options.sources.entries()) {
      const plugin = yield* registry.get(s.plugin)
      const decoded = Schema.decodeUnknownEither(plugin.config)(s.config, { errors: "all" })
      if (Either.isLeft(decoded)) {
        return yield* Effect.fail(
          new ConfigError({
            message: `Source ${i + 1} (${plugin.id}): the configuration is not valid:\n${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}`,
          }),
        )
      }
      sources.push({ plugin, config: decoded.right })
    }

    // Checkpoint the WAL every ~256 MB (and at the end of the run), not after every file's commit.
    yield* w.use("defer checkpoints", (_db, s) => s.pragma("wal_autocheckpoint = 65536"))
    if (!dryRun) {
      yield* w.use("record the run", (_db, s) =>
        s
          .prepare(
            "insert into etl_run (id, started_at, status, dry_run, asckit_version, config_json) values (?, ?, 'running', 0, ?, ?)",
          )
          .run(runId, startedAt, options.version ?? "unknown", JSON.stringify(options.recordConfig ?? null)),
      )
      // A run that stops early (a warehouse error, a defect, an interruption) is marked failed, not left
      // `running`: the finaliser runs when the run's scope closes, before the warehouse does.
      yield* Effect.addFinalizer((exit) =>
        Exit.isSuccess(exit) ? Effect.void : markRunFailed(w, runId, exit.cause),
      )
    }

    const files: Array<FileSummary> = []
    const touched = new Set<string>()
    const failed = (plugin: string, stream: string, path: string, e: SourceFileError): FileSummary => ({
      plugin,
      stream,
      path,
      size: 0,
      sha256: "",
      status: "failed",
      rowsRead: 0,
      rowsLoaded: 0,
      rowsQuarantined: 0,
      rowsDuplicate: 0,
      findings: 0,
      rejects: [],
      message: e.message,
      error: e,
      durationMs: 0,
    })

    // Plan: list every input, probe it, and decide whether it needs loading (so readers can work ahead).
    const plan: Array<FileContext> = []
    for (const { plugin, config } of sources) {
      const inputs = yield* plugin.inputs(config, context).pipe(
        Effect.catchTag("SourceFileError", (e) => {
          const summary = failed(plugin.id, plugin.streams[0]?.name ?? "", e.path, e)
          files.push(summary)
          progress.emit({ _tag: "FileFinished", summary })
          return Effect.succeed([] as ReadonlyArray<Input>)
        }),
      )
      for (const input of inputs) {
        const spec = plugin.streams.find((s) => s.name === input.stream)
        if (!spec) {
          return yield* Effect.fail(
            new ConfigError({
              message: `Plugin ${plugin.id} listed an input for unknown stream "${input.stream}".`,
            }),
          )
        }
        const probed = yield* Effect.either(Tabular.probe(input.path))
        if (Either.isLeft(probed)) {
          const summary = failed(plugin.id, spec.name, input.path, probed.left)
          files.push(summary)
          progress.emit({ _tag: "FileFinished", summary })
          continue
        }
        const probe = probed.right
        const duplicateInRun = plan.some(
          (f) => f.plugin.id === plugin.id && f.spec.name === spec.name && f.probe.sha256 === probe.sha256,
        )
        const earlier = duplicateInRun
          ? { path: plan.find((f) => f.probe.sha256 === probe.sha256)!.input.path, finished_at: "this run" }
          : yield* alreadyLoaded(plugin.id, spec.name, probe.sha256)
        if (earlier) {
          const summary: FileSummary = {
            plugin: plugin.id,
            stream: spec.name,
            path: input.path,
            size: probe.size,
            sha256: probe.sha256,
            status: "skipped",
            rowsRead: 0,
            rowsLoaded: 0,
            rowsQuarantined: 0,
            rowsDuplicate: 0,
            findings: 0,
            rejects: [],
            message: `already loaded (same sha256) from ${earlier.path}${earlier.finished_at === "this run" ? " in this run" : ` at ${earlier.finished_at}`}`,
            durationMs: 0,
          }
          files.push(summary)
          if (!dryRun) {
            yield* w.use("record a skipped file", (_db, s) =>
              s
                .prepare(
                  "insert into etl_file (run_id, plugin, stream, path, size, sha256, status, started_at, finished_at, message) values (?, ?, ?, ?, ?, ?, 'skipped', ?, ?, ?)",
                )
                .run(
                  runId,
                  plugin.id,
                  spec.name,
                  input.path,
                  probe.size,
                  probe.sha256,
                  nowIso(),
                  nowIso(),
                  summary.message ?? null,
                ),
            )
          }
          progress.emit({ _tag: "FileFinished", summary })
          continue
        }
        plan.push({ runId, plugin, config, spec, input, probe, context, options })
      }
    }

    // Load, one transaction per file, the next file's reader working ahead.
    for (const [i, fc] of plan.entries()) {
      // Jobs reach a worker in load order: this file's first, then the next one's.
      for (const f of [fc, plan[i + 1]]) {
        if (f) yield* pool.prefetch(f.plugin, f.spec.name, f.config, f.input, f.context)
      }
      const summary = yield* loadFile(fc, pool)
      files.push(summary)
      if (summary.status === "loaded") {
        touched.add(Loader.tableName(fc.spec.sink.primary.table))
        for (const t of fc.spec.sink.secondary ?? []) touched.add(Loader.tableName(t.table))
      }
    }

    if (!dryRun) {
      for (const d of options.derivations ?? []) {
        if (!d.tables.some((t) => touched.has(t))) continue
        yield* w.use(`derive ${d.name}`, (_db, s) => s.transaction(() => d.run(s))())
      }
    }

    yield* w.use("checkpoint", (_db, s) => {
      s.pragma("wal_autocheckpoint = 1000")
      if (!s.memory) s.pragma("wal_checkpoint(TRUNCATE)")
    })
    const summarised = summarise(files)
    // What the warehouse now holds of each stream that loaded a file, beside what its files have loaded over time.
    const primaryOf = new Map(
      plan.map((fc) => [
        `${fc.plugin.id}\u0000${fc.spec.name}`,
        Loader.tableName(fc.spec.sink.primary.table),
      ]),
    )
    const streams: ReadonlyArray<StreamSummary> = dryRun
      ? summarised
      : yield* w.use("count the rows held", (_db, s) =>
          summarised.map((t) => {
            const table = primaryOf.get(`${t.plugin}\u0000${t.stream}`)
            if (table === undefined || t.loaded === 0) return t
            const files = "select id from etl_file where plugin = ? and stream = ? and status = 'loaded'"
            const held = (
              s
                .prepare(`select count(*) as n from "${table}" where file_id in (${files})`)
                .get(t.plugin, t.stream) as {
                n: number
              }
            ).n
            const loaded = (
              s
                .prepare(
                  "select coalesce(sum(rows_loaded), 0) as n from etl_file where plugin = ? and stream = ? and status = 'loaded'",
                )
                .get(t.plugin, t.stream) as { n: number }
            ).n
            return { ...t, rowsHeld: held, rowsReplaced: Math.max(0, loaded - held) }
          }),
        )
    const ok = files.every((f) => f.status !== "failed")
    const finishedAt = nowIso()
    const summary: RunSummary = {
      runId,
      dryRun,
      startedAt,
      finishedAt,
      keyId: pseudo.keyId,
      files,
      streams,
      ok,
    }
    if (!dryRun) {
      yield* w.use("finish the run", (_db, s) =>
        s
          .prepare("update etl_run set status = ?, finished_at = ?, summary_json = ? where id = ?")
          .run(
            ok ? "succeeded" : "failed",
            finishedAt,
            JSON.stringify({ keyId: summary.keyId, streams }),
            runId,
          ),
      )
    }
    return summary
  }).pipe(Effect.scoped, Effect.withSpan("Pipeline.run"))

/** The rejected rows of a run, for a reject report (no raw values: those stay in the warehouse). */
export interface Reject {
  readonly path: string
  readonly stream: string
  readonly row: number
  readonly column: string | null
  readonly code: string
  readonly message: string
}

/** The quarantined rows of a run, in file and row order. */
export const rejects = (runId: string): Effect.Effect<ReadonlyArray<Reject>, WarehouseError, Warehouse> =>
  Effect.flatMap(Warehouse, (w) =>
    w.use(
      "read the quarantine",
      (_db, s) =>
        s
          .prepare(
            `select f.path as path, q.stream as stream, q.row_number as "row", q."column" as "column", q.error_code as code, q.message as message
             from etl_quarantine q join etl_file f on f.id = q.file_id
             where q.run_id = ? order by q.file_id, q.row_number, q.id`,
          )
          .all(runId) as Array<Reject>,
    ),
  )
