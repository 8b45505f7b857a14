/**
 * Pseudonymisation of person identifiers at load: a keyed HMAC-SHA256 of the identifier, truncated to 128 bits
 * and written in base64url (22 characters). The same key always gives the same pseudonym, so people link across
 * files and runs; without the key a pseudonym cannot be reversed or recomputed from a known NHS number.
 *
 * The key comes from the ETL configuration or the `ASCKIT_PSEUDONYMISATION_KEY` environment variable and is never
 * logged; runs record only a key id (the first 8 hex digits of the key's sha256) so a team can tell which key a
 * warehouse was built with.
 *
 * @category services
 */
import { createHash, createHmac } from "node:crypto"
import { Context, Layer, Redacted } from "effect"

/** The pseudonymiser service. */
export interface Service {
  /** The pseudonym of an identifier (the input is trimmed first). */
  readonly pseudonymise: (identifier: string) => string
  /** A non-secret id of the key in use. */
  readonly keyId: string
  /** The key itself, for the pipeline's reader threads (never logged: it is `Redacted`). */
  readonly key: Redacted.Redacted<string>
}

/** The pseudonymiser service tag. */
export class Pseudonymiser extends Context.Tag("@asckit/etl/Pseudonymiser")<Pseudonymiser, Service>() {}

/** The environment variable holding the key when the configuration does not. */
export const keyEnvironmentVariable = "ASCKIT_PSEUDONYMISATION_KEY"

/** The shortest key accepted (characters). */
export const minimumKeyLength = 16

/** Builds a pseudonymiser for a key; pseudonyms are cached (people appear on many rows). */
export const make = (key: Redacted.Redacted<string>): Service => {
  const secret = Redacted.value(key)
  const cache = new Map<string, string>()
  return {
    key,
    keyId: createHash("sha256").update(secret).digest("hex").slice(0, 8),
    pseudonymise: (identifier) => {
      const id = identifier.trim()
      let p = cache.get(id)
      if (p === undefined) {
        p = createHmac("sha256", secret).update(id).digest("base64url").slice(0, 22)
        if (cache.size >= 200_000) cache.clear()
        cache.set(id, p)
      }
      return p
    },
  }
}

/** A layer providing a pseudonymiser for `key`. */
export const layer = (key: Redacted.Redacted<string>): Layer.Layer<Pseudonymiser> =>
  Layer.sync(Pseudonymiser, () => make(key))
