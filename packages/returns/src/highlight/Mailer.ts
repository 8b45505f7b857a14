/**
 * Emailing the report: the HTML report as the body (with a plain-text alternative) and the workbook attached, to the
 * recipients in the configuration, through the council's SMTP server.
 *
 * SMTP settings come from the environment, never from files or arguments (Effect `Config`; the password is a
 * `Redacted` and is only unwrapped to log in, so it never reaches a log, a message or an error):
 * `ASCKIT_SMTP_HOST`, `ASCKIT_SMTP_PORT` (default 587, or 465 for `implicit`), `ASCKIT_SMTP_USER`,
 * `ASCKIT_SMTP_PASSWORD`, `ASCKIT_SMTP_FROM`, `ASCKIT_SMTP_TLS` (`starttls`, the default: STARTTLS is required;
 * `implicit`: TLS from the start; `none`: plain text, only for a relay inside the council's network),
 * `ASCKIT_SMTP_CA_FILE` (a PEM certificate authority to trust beside the system's, e.g. the council's own),
 * `ASCKIT_SMTP_TIMEOUT_SECONDS` (default 30), `ASCKIT_SMTP_ATTEMPTS` (default 4) and `ASCKIT_SMTP_RETRY_SECONDS`
 * (first back-off delay, default 2, doubling). Certificates are always verified.
 *
 * The message is composed once (nodemailer's stream transport, which also writes the `.eml` of `--dry-run`), so every
 * attempt sends the same bytes with the same Message-ID, through nodemailer's `SMTPConnection`, step by step, so each
 * failure is known by the step it happened in:
 *
 * - **Retried, with exponential back-off** (nothing was accepted): the connection refused, reset or dropped before
 *   the end of the message; a timeout before the end of the message; any 4xx reply (RFC 5321 §4.2.1: a transient
 *   negative completion — "the command was not accepted"), including a 4xx to the end of the data.
 * - **Not retried**: a 5xx reply (permanent: the same message would be refused again), a refused login, a TLS
 *   failure (an untrusted or invalid certificate is a configuration problem, not a passing one).
 * - **Never retried — the message may have been delivered**: "accepted" in SMTP is the server's 2xx reply to the
 *   end of the message data (the `.` line; RFC 5321 §4.1.1.4 and §6.1: from then on the server is responsible for
 *   delivery). Once the whole message has been transmitted, a dropped connection or a timeout before that reply
 *   leaves delivery unknown: the server may have accepted and queued it (RFC 1047). Sending again could deliver it
 *   twice, so asckit stops, says so, and leaves the decision to a person. After a 2xx reply nothing is sent again,
 *   whatever happens to the connection afterwards (its QUIT is not waited for).
 *
 * @category output
 */
import { readFileSync } from "node:fs"
import { Readable } from "node:stream"
import { Config, Duration, Effect, Option, Redacted, Ref, Schedule } from "effect"
import nodemailer from "nodemailer"
import SMTPConnection from "nodemailer/lib/smtp-connection"
import { MailError, type MailFailure } from "./Errors.js"

/** How the connection is secured. */
export type TlsMode = "starttls" | "implicit" | "none"

/** The SMTP settings (from the environment: see the module docs). */
export interface SmtpSettings {
  readonly host: string
  readonly port: number
  readonly tls: TlsMode
  readonly user: string | undefined
  readonly password: Redacted.Redacted<string> | undefined
  readonly from: string
  /** Extra certificate authorities to trust (PEM text). */
  readonly ca: string | undefined
  readonly timeout: Duration.Duration
  readonly attempts: number
  /** The first back-off delay (doubling after each attempt). */
  readonly retryDelay: Duration.Duration
}

/** The environment variables of the SMTP settings, as an Effect `Config`. */
export const settingsConfig = Config.all({
  host: Config.string("ASCKIT_SMTP_HOST"),
  port: Config.option(Config.integer("ASCKIT_SMTP_PORT")),
  tls: Config.option(Config.literal("starttls", "implicit", "none")("ASCKIT_SMTP_TLS")),
  user: Config.option(Config.string("ASCKIT_SMTP_USER")),
  password: Config.option(Config.redacted("ASCKIT_SMTP_PASSWORD")),
  from: Config.string("ASCKIT_SMTP_FROM"),
  caFile: Config.option(Config.string("ASCKIT_SMTP_CA_FILE")),
  timeoutSeconds: Config.number("ASCKIT_SMTP_TIMEOUT_SECONDS").pipe(Config.withDefault(30)),
  attempts: Config.integer("ASCKIT_SMTP_ATTEMPTS").pipe(Config.withDefault(4)),
  retrySeconds: Config.number("ASCKIT_SMTP_RETRY_SECONDS").pipe(Config.withDefault(2)),
})

const configError = (message: string) => new MailError({ failure: "config", attempts: 0, message })

/** Reads the SMTP settings from the environment (the current `ConfigProvider`); the error names what is missing. */
export const settings: Effect.Effect<SmtpSettings, MailError> = Effect.gen(function* () {
  const c = yield* Effect.mapError(settingsConfig, (e) =>
    configError(
      `The SMTP settings are incomplete or invalid: ${e.toString()}. Set ASCKIT_SMTP_HOST and ASCKIT_SMTP_FROM (and ASCKIT_SMTP_PORT, ASCKIT_SMTP_USER, ASCKIT_SMTP_PASSWORD as the server needs) in the environment, or use --dry-run to write the message without sending it.`,
    ),
  )
  if (c.host.trim() === "" || c.from.trim() === "") {
    return yield* Effect.fail(
      configError(
        "ASCKIT_SMTP_HOST and ASCKIT_SMTP_FROM must not be empty. Set ASCKIT_SMTP_HOST and ASCKIT_SMTP_FROM in the environment, or use --dry-run.",
      ),
    )
  }
  const tls = Option.getOrElse(
    c.tls,
    () => (Option.getOrUndefined(c.port) === 465 ? "implicit" : "starttls") as TlsMode,
  )
  const port = Option.getOrElse(c.port, () => (tls === "implicit" ? 465 : 587))
  if (!(port > 0 && port < 65536))
    return yield* Effect.fail(configError(`ASCKIT_SMTP_PORT ${port} is not a port number.`))
  if (c.attempts < 1) return yield* Effect.fail(configError("ASCKIT_SMTP_ATTEMPTS must be at least 1."))
  const caFile = Option.getOrUndefined(Option.filter(c.caFile, (f) => f !== ""))
  const ca =
    caFile === undefined
      ? undefined
      : yield* Effect.try({
          try: () => readFileSync(caFile, "utf8"),
          catch: () => configError(`Cannot read ASCKIT_SMTP_CA_FILE ${caFile}.`),
        })
  return {
    host: c.host,
    port,
    tls,
    // an empty variable is an unset one (no login)
    user: Option.getOrUndefined(Option.filter(c.user, (u) => u !== "")),
    password: Option.getOrUndefined(Option.filter(c.password, (p) => Redacted.value(p) !== "")),
    from: c.from,
    ca,
    timeout: Duration.seconds(c.timeoutSeconds),
    attempts: c.attempts,
    retryDelay: Duration.seconds(c.retrySeconds),
  }
})

// ---------------------------------------------------------------------------------------------------------------
// composing

/** A message to send. */
export interface Message {
  readonly from: string
  readonly to: ReadonlyArray<string>
  readonly cc?: ReadonlyArray<string>
  readonly subject: string
  readonly html: string
  readonly text: string
  readonly attachments: ReadonlyArray<{
    readonly filename: string
    readonly content: Buffer
    readonly contentType: string
  }>
}

/** A composed message: its RFC 5322 bytes, envelope and Message-ID. */
export interface Composed {
  readonly raw: Buffer
  readonly envelope: { readonly from: string; readonly to: ReadonlyArray<string> }
  readonly messageId: string
}

/** Composes a message once (nodemailer's stream transport): the bytes every attempt sends, and the `.eml` of a dry run. */
export const compose = (message: Message): Effect.Effect<Composed, MailError> =>
  Effect.tryPromise({
    try: async () => {
      const transport = nodemailer.createTransport({
        streamTransport: true,
        buffer: true,
        newline: "windows",
      })
      const info = await transport.sendMail({
        from: message.from,
        to: [...message.to],
        ...(message.cc === undefined || message.cc.length === 0 ? {} : { cc: [...message.cc] }),
        subject: message.subject,
        html: message.html,
        text: message.text,
        attachments: message.attachments.map((a) => ({
          filename: a.filename,
          content: a.content,
          contentType: a.contentType,
        })),
      })
      const raw = info.message as Buffer
      const envelope = info.envelope as { from: string; to: Array<string> }
      return { raw, envelope, messageId: info.messageId }
    },
    catch: (e) =>
      new MailError({
        failure: "config",
        attempts: 0,
        message: `Cannot compose the message: ${(e as Error).message}`,
      }),
  })

// ---------------------------------------------------------------------------------------------------------------
// sending

/** What the server said when it accepted the message. */
export interface Sent {
  readonly messageId: string
  readonly accepted: ReadonlyArray<string>
  readonly rejected: ReadonlyArray<string>
  readonly response: string
  readonly attempts: number
}

/** The step an attempt reached: an error before `data-sent` never delivered anything. */
type Step = "connect" | "tls" | "login" | "envelope" | "data" | "data-sent"

interface SmtpError extends Error {
  code?: string
  originalCode?: string
  responseCode?: number
  response?: string
  command?: string
  timeoutType?: string
}

/** One attempt's failure: what kind, whether another attempt is safe, and what to tell people. */
interface AttemptFailure {
  readonly failure: MailFailure
  readonly retry: boolean
  readonly responseCode?: number
  readonly detail: string
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/i

/** Classifies an attempt's error by the step it happened in (see the module docs). */
export const classify = (e: SmtpError, step: Step): AttemptFailure => {
  const code = e.originalCode ?? e.code ?? ""
  const rc = typeof e.responseCode === "number" ? e.responseCode : undefined
  const when: Record<string, string> = {
    GREETING_TIMEOUT: "the server sent no greeting",
    CONNECTION_TIMEOUT: "the connection was not established",
    SOCKET_TIMEOUT: "the server stopped answering",
    UPGRADE_TIMEOUT: "the TLS handshake did not finish",
  }
  const detail = `${(e.timeoutType && when[e.timeoutType]) || e.message}${code && !e.message.includes(code) ? ` (${code})` : ""}`
  if (rc !== undefined) {
    if (rc >= 400 && rc < 500) return { failure: "temporary", retry: true, responseCode: rc, detail }
    if (step === "login" || e.code === "EAUTH")
      return { failure: "auth", retry: false, responseCode: rc, detail }
    return { failure: "rejected", retry: false, responseCode: rc, detail }
  }
  if (step === "data-sent") return { failure: "unknown-delivery", retry: false, detail }
  if (step === "tls" || e.code === "ETLS" || TLS_CODES.test(code) || /certificate/i.test(e.message)) {
    return { failure: "tls", retry: false, detail }
  }
  if (e.code === "EAUTH" || e.code === "ENOAUTH") return { failure: "auth", retry: false, detail }
  if (e.code === "ETIMEDOUT") return { failure: "timeout", retry: true, detail }
  return { failure: "connection", retry: true, detail }
}

const attempt = (s: SmtpSettings, composed: Composed): Promise<Omit<Sent, "attempts">> =>
  new Promise((resolve, reject) => {
    const ms = Duration.toMillis(s.timeout)
    const conn = new SMTPConnection({
      host: s.host,
      port: s.port,
      secure: s.tls === "implicit",
      requireTLS: s.tls === "starttls",
      ignoreTLS: s.tls === "none",
      tls: { rejectUnauthorized: true, ...(s.ca === undefined ? {} : { ca: s.ca }) },
      connectionTimeout: ms,
      greetingTimeout: ms,
      socketTimeout: ms,
      logger: false,
      debug: false,
    })
    let step: Step = "connect"
    let settled = false
    const fail = (e: unknown) => {
      if (settled) return
      settled = true
      const err = (e instanceof Error ? e : new Error(String(e))) as SmtpError
      // a STARTTLS upgrade in progress, or TLS from the start and not yet connected: a TLS failure
      const current: Step =
        conn.upgrading === true ||
        (s.tls === "implicit" &&
          step === "connect" &&
          err.code !== "ETIMEDOUT" &&
          TLS_CODES.test(err.originalCode ?? err.code ?? ""))
          ? "tls"
          : step
      try {
        conn.close()
      } catch {
        // already closed
      }
      reject(classify(err, current))
    }
    conn.on("error", fail)
    conn.connect((err) => {
      if (err) return fail(err)
      const send = () => {
        step = "envelope"
        const stream = Readable.from([composed.raw])
        stream.once("end", () => {
          // everything handed over: from here the end of data is on its way and delivery may happen
          step = "data-sent"
        })
        conn.send(
          { from: composed.envelope.from, to: [...composed.envelope.to] },
          stream,
          (sendErr, info) => {
            if (sendErr) return fail(sendErr)
            if (settled) return
            settled = true
            // accepted: never send again; QUIT politely and do not wait for it
            try {
              conn.quit()
            } catch {
              // the server may already have gone: the message is accepted all the same
            }
            resolve({
              messageId: composed.messageId,
              accepted: (info.accepted ?? []).map(String),
              rejected: (info.rejected ?? []).map(String),
              response: String(info.response ?? ""),
            })
          },
        )
      }
      if (s.user === undefined) return send()
      step = "login"
      conn.login({ user: s.user, pass: Redacted.value(s.password ?? Redacted.make("")) }, (loginErr) => {
        if (loginErr) return fail(loginErr)
        send()
      })
    })
  })

const explain = (s: SmtpSettings, f: AttemptFailure, attempts: number): string => {
  const where = `${s.host}:${s.port}`
  const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`
  switch (f.failure) {
    case "connection":
      return `Could not reach the SMTP server ${where} (${tries}): ${f.detail}. Check ASCKIT_SMTP_HOST and ASCKIT_SMTP_PORT, and that this machine may connect to the server. The report files are kept; nothing was sent.`
    case "timeout":
      return `The SMTP server ${where} did not answer in time (${tries}; timeout ${Duration.format(s.timeout)}): ${f.detail}. The report files are kept; nothing was sent.`
    case "tls":
      return `The secure (TLS) connection to ${where} failed: ${f.detail}. The server's certificate is not trusted or not valid for ${s.host}: ask for the certificate authority's PEM file and set ASCKIT_SMTP_CA_FILE, or check ASCKIT_SMTP_TLS (starttls or implicit). Not retried; nothing was sent.`
    case "auth":
      return `The SMTP server ${where} refused the login: ${f.detail}. Check ASCKIT_SMTP_USER and ASCKIT_SMTP_PASSWORD. Not retried; nothing was sent.`
    case "temporary":
      return `The SMTP server ${where} refused the message for now (${tries}): ${f.detail}. Try again later; the report files are kept and nothing was sent.`
    case "rejected":
      return `The SMTP server ${where} rejected the message: ${f.detail}. A permanent refusal (5xx), so it was not retried; check the sender (ASCKIT_SMTP_FROM) and the recipients. Nothing was sent.`
    case "unknown-delivery":
      return `The whole message was sent to ${where}, but the connection failed before the server confirmed it (${f.detail}). The server may have accepted it, so it was NOT sent again, to avoid a duplicate: ask a recipient whether it arrived before sending it again. The report files are kept.`
    case "config":
      return f.detail
  }
}

/**
 * Sends a composed message, retrying (with exponential back-off) only what cannot have been delivered, never what
 * may have been (see the module docs).
 */
export const send = (s: SmtpSettings, composed: Composed): Effect.Effect<Sent, MailError> =>
  Effect.gen(function* () {
    const tries = yield* Ref.make(0)
    const once = Effect.zipRight(
      Ref.update(tries, (n) => n + 1),
      Effect.tryPromise({
        try: () => attempt(s, composed),
        catch: (f) =>
          typeof f === "object" && f !== null && "failure" in f
            ? (f as AttemptFailure)
            : classify(f as SmtpError, "connect"),
      }),
    )
    const schedule = Schedule.exponential(s.retryDelay, 2).pipe(
      Schedule.intersect(Schedule.recurs(s.attempts - 1)),
    )
    const sent = yield* once.pipe(
      Effect.retry({ schedule, while: (f) => f.retry }),
      Effect.catchAll((f) =>
        Effect.flatMap(Ref.get(tries), (n) =>
          Effect.fail(
            new MailError({
              failure: f.failure,
              attempts: n,
              ...(f.responseCode === undefined ? {} : { responseCode: f.responseCode }),
              message: explain(s, f, n),
            }),
          ),
        ),
      ),
    )
    return { ...sent, attempts: yield* Ref.get(tries) }
  })
