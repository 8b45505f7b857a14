/**
 * The typed errors of the highlight report: a configuration that cannot be used, and a message that could not be
 * sent (with what happened to it).
 *
 * @category errors
 */
import { Schema } from "effect"

/** The highlight-report configuration (or a file it names) cannot be read or is invalid; the message says where. */
export class HighlightConfigError extends Schema.TaggedError<HighlightConfigError>()("HighlightConfigError", {
  path: Schema.String,
  message: Schema.String,
}) {}

/**
 * Why a message was not sent: the server could not be reached (`connection`), did not answer in time (`timeout`),
 * the TLS connection failed (`tls`), the login was refused (`auth`), the server refused the message for now
 * (`temporary`, a 4xx reply) or for good (`rejected`, a 5xx reply), the SMTP settings are missing or wrong
 * (`config`), or — the one case that must never be retried — the whole message was transmitted but no reply came,
 * so it may have been accepted (`unknown-delivery`).
 */
export const MailFailure = Schema.Literal(
  "connection",
  "timeout",
  "tls",
  "auth",
  "temporary",
  "rejected",
  "config",
  "unknown-delivery",
)
/** Why a message was not sent. */
export type MailFailure = typeof MailFailure.Type

/** A message could not be sent (or may not have been): the failure, the attempts made, and what to do next. */
export class MailError extends Schema.TaggedError<MailError>()("MailError", {
  failure: MailFailure,
  /** Attempts made (1 when the failure was not worth retrying). */
  attempts: Schema.Number,
  /** The SMTP reply code, when the server answered. */
  responseCode: Schema.optional(Schema.Number),
  message: Schema.String,
}) {}
