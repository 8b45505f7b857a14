import { cpSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import Database from "better-sqlite3"
import { sql } from "drizzle-orm"
import { drizzle } from "drizzle-orm/better-sqlite3"
import { migrate } from "drizzle-orm/better-sqlite3/migrator"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Warehouse, WarehouseReader } from "../src/index.js"
import { tempDir } from "./helpers.js"

const dir = tempDir()

/** Creates (and migrates) a warehouse at `path`. */
const create = (path: string) => Effect.runPromise(Effect.scoped(Warehouse.make({ path })))

/** Counts the events through a read-only reader (or fails with the reader's error message). */
const read = (path: string) =>
  Effect.runPromise(
    Effect.flatMap(WarehouseReader.WarehouseReader, (r) =>
      r.get<{ n: number }>("count", sql`select count(*) as n from event`),
    ).pipe(
      Effect.provide(WarehouseReader.layer(path)),
      Effect.catchAll((e) => Effect.succeed(e.message)),
    ),
  )

describe("Warehouse", () => {
  it("opens a current warehouse read-only", async () => {
    const path = join(dir, "current.sqlite")
    await create(path)
    expect(await read(path)).toEqual({ n: 0 })
  })

  it("refuses, read-only, a warehouse an older asckit made, and says how to bring it up to date", async () => {
    // A warehouse as the release before the newest migration left it: every migration but the last applied.
    const path = join(dir, "old.sqlite")
    const older = join(dir, "older-migrations")
    cpSync(Warehouse.migrationsFolder, older, { recursive: true })
    const journalPath = join(older, "meta", "_journal.json")
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: Array<unknown> }
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }))
    const sqlite = new Database(path)
    migrate(drizzle(sqlite), { migrationsFolder: older })
    sqlite.close()
    const message = await read(path)
    expect(message).toMatch(/Cannot read the warehouse at .*old\.sqlite: it was made by an older asckit/)
    expect(message).toContain("run `asckit etl`")
    // A read-write open (as a load does) migrates it, after which it reads.
    await create(path)
    expect(await read(path)).toEqual({ n: 0 })
  })

  it("refuses a SQLite file that is not a warehouse, and a missing file", async () => {
    const path = join(dir, "other.sqlite")
    const db = new Database(path)
    db.exec("create table t (x)")
    db.close()
    expect(await read(path)).toMatch(/not an asckit warehouse/)
    expect(await read(join(dir, "missing.sqlite"))).toMatch(/Cannot open the warehouse.*Run `pnpm etl`/)
    writeFileSync(join(dir, "text.sqlite"), "not a database")
    expect(await read(join(dir, "text.sqlite"))).toMatch(/Cannot open the warehouse/)
  })
})
