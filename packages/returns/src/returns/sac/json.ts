/**
 * The one dialect-specific fragment the Safeguarding Adults Collection needs beyond date arithmetic: reading a
 * number from a JSON text column (`local_record.attributes`). Kept here, beside `measures/dialect.ts`, until it is
 * merged there.
 *
 * @category returns
 */
import { type SQL, sql } from "drizzle-orm"
import type { Dialect } from "../../measures/dialect.js"

/** The integer at `key` of a JSON object held as text (null when absent): `json_extract` / `->>`. */
export const jsonInteger = (d: Dialect, column: SQL, key: string): SQL =>
  d.name === "postgresql"
    ? sql`cast(cast(${column} as json) ->> ${key} as integer)`
    : sql`cast(json_extract(${column}, ${`$.${key}`}) as integer)`
