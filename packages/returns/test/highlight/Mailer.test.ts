/**
 * Emailing the report through a real SMTP server on 127.0.0.1: `smtp-server` with AUTH and STARTTLS on a self-signed
 * certificate generated here with the openssl CLI, and, for the failures a library server cannot be made to
 * produce, a hand-written SMTP responder on a plain socket. Each failure mode behaves as documented in `Mailer.ts`.
 */
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { createServer, type Server, type Socket } from "node:net"
import { join } from "node:path"
import { Period } from "@asckit/core"
import { WarehouseReader } from "@asckit/etl"
import { ConfigProvider, Effect, Either } from "effect"
import ExcelJS from "exceljs"
import { simpleParser } from "mailparser"
import { SMTPServer, type SMTPServerOptions } from "smtp-server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { HighlightReport } from "../../src/index.js"
import { makeWarehouse, testConfig } from "./fixture.js"

const { Mailer } = HighlightReport

const wh = makeWarehouse()
afterAll(wh.cleanup)

// A self-signed certificate for 127.0.0.1, made for this test run only.
const key = join(wh.dir, "key.pem")
const cert = join(wh.dir, "cert.pem")
execFileSync(
  "openssl",
  [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    key,
    "-out",
    cert,
    "-days",
    "2",
    "-subj",
    "/CN=asckit test SMTP server",
    "-addext",
    "subjectAltName=IP:127.0.0.1,DNS:localhost",
  ],
  { stdio: "ignore" },
)

const USER = "highlight-bot"
const PASSWORD = "s3cret-smtp-password-never-logged"

const resolved = await Effect.runPromise(
  HighlightReport.Config.resolveConfig(
    testConfig({
      email: { to: ["dmt@council.example", "lead@council.example"], subject: "Highlight report {period}" },
    }),
    wh.dir,
  ),
)
const written = await Effect.runPromise(
  Effect.flatMap(WarehouseReader.WarehouseReader, (reader) =>
    HighlightReport.write(reader, resolved, Period.quarter(2025, 2), join(wh.dir, "out")),
  ).pipe(Effect.provide(WarehouseReader.layer(wh.path))),
)

/** The environment of a run, as the CLI would read it. */
const env = (port: number, extra: Record<string, string> = {}) =>
  ConfigProvider.fromMap(
    new Map(
      Object.entries({
        ASCKIT_SMTP_HOST: "127.0.0.1",
        ASCKIT_SMTP_PORT: String(port),
        ASCKIT_SMTP_USER: USER,
        ASCKIT_SMTP_PASSWORD: PASSWORD,
        ASCKIT_SMTP_FROM: "performance@council.example",
        ASCKIT_SMTP_CA_FILE: cert,
        ASCKIT_SMTP_TIMEOUT_SECONDS: "5",
        ASCKIT_SMTP_ATTEMPTS: "3",
        ASCKIT_SMTP_RETRY_SECONDS: "0.02",
        ...extra,
      }),
    ),
  )

const sendReport = (port: number, extra: Record<string, string> = {}) =>
  Effect.runPromise(
    Effect.either(HighlightReport.email(written, resolved, { dryRun: false })).pipe(
      Effect.withConfigProvider(env(port, extra)),
    ),
  )

interface Received {
  readonly raw: Buffer
  readonly secure: boolean
  readonly user: string | undefined
}

/** An smtp-server on 127.0.0.1 with AUTH (after STARTTLS) on the test certificate. */
const smtp = async (options: Partial<SMTPServerOptions> = {}) => {
  const received: Array<Received> = []
  let connections = 0
  const server = new SMTPServer({
    key: readFileSync(key),
    cert: readFileSync(cert),
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onConnect: (_session, cb) => {
      connections += 1
      cb()
    },
    onAuth: (auth, _session, cb) =>
      auth.username === USER && auth.password === PASSWORD
        ? cb(null, { user: auth.username })
        : cb(Object.assign(new Error("Invalid username or password"), { responseCode: 535 })),
    onData: (stream, session, cb) => {
      const chunks: Array<Buffer> = []
      stream.on("data", (c: Buffer) => chunks.push(c))
      stream.on("end", () => {
        received.push({
          raw: Buffer.concat(chunks),
          secure: session.secure,
          user: session.user as string | undefined,
        })
        cb()
      })
    },
    ...options,
  })
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok))
  const port = (server.server.address() as { port: number }).port
  return {
    port,
    received,
    connections: () => connections,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
}

/**
 * A hand-written SMTP responder (plain text, no AUTH) for the cases that need control over the end of the data:
 * `onData(n)` decides what happens after the n-th complete message arrives.
 */
const responder = async (onData: (n: number, socket: Socket) => void) => {
  const received: Array<string> = []
  let connections = 0
  const server: Server = createServer((socket) => {
    connections += 1
    let buffer = ""
    let inData = false
    socket.write("220 responder ESMTP\r\n")
    socket.on("data", (d) => {
      buffer += d.toString("latin1")
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n")
          if (end < 0) return
          received.push(buffer.slice(0, end))
          buffer = buffer.slice(end + 5)
          inData = false
          onData(received.length, socket)
          continue
        }
        const i = buffer.indexOf("\r\n")
        if (i < 0) return
        const line = buffer.slice(0, i)
        buffer = buffer.slice(i + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === "EHLO") socket.write("250-responder\r\n250 8BITMIME\r\n")
        else if (verb === "HELO" || verb === "MAIL" || verb === "RCPT" || verb === "RSET")
          socket.write("250 OK\r\n")
        else if (verb === "DATA") {
          socket.write("354 go ahead\r\n")
          inData = true
        } else if (verb === "QUIT") socket.end("221 bye\r\n")
        else socket.write("502 not implemented\r\n")
      }
    })
    socket.on("error", () => {})
  })
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok))
  const port = (server.address() as { port: number }).port
  return {
    port,
    received,
    connections: () => connections,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
}

const plain = { ASCKIT_SMTP_TLS: "none", ASCKIT_SMTP_USER: "", ASCKIT_SMTP_PASSWORD: "" }

describe("emailing the report", () => {
  it("delivers over STARTTLS with AUTH: the HTML body holds the table and the attachment opens as the workbook", async () => {
    const server = await smtp()
    try {
      const r = await sendReport(server.port)
      expect(Either.isRight(r)).toBe(true)
      const sent = Either.getOrThrow(r)
      expect(sent._tag).toBe("Sent")
      if (sent._tag !== "Sent") return
      expect(sent.sent.attempts).toBe(1)
      expect(sent.sent.accepted).toEqual(["dmt@council.example", "lead@council.example"])
      expect(JSON.stringify(sent)).not.toContain(PASSWORD)
      expect(server.received).toHaveLength(1)
      expect(server.received[0]!.secure).toBe(true)
      expect(server.received[0]!.user).toBe(USER)
      const mail = await simpleParser(server.received[0]!.raw)
      expect(mail.subject).toBe("Highlight report 2025-26 Q2")
      expect(mail.messageId).toBe(sent.sent.messageId)
      expect(mail.html).toContain('<table class="highlight">')
      expect(mail.html).toContain('<span class="latest">60.0%</span>')
      expect(mail.text).toContain("Contacts resolved at first contact: 60.0% (Sep 2025), ▲ improving, Green")
      expect(mail.attachments.map((a) => a.filename)).toEqual(["highlight-2025-26-Q2.xlsx"])
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(mail.attachments[0]!.content as unknown as ExcelJS.Buffer)
      const values: Array<unknown> = []
      wb.getWorksheet("Highlights")!.eachRow((row) => row.eachCell((c) => values.push(c.value)))
      expect(values).toEqual(expect.arrayContaining([60, 82.3, "2 of 10", "▲ improving"]))
    } finally {
      await server.close()
    }
  })

  it("--dry-run writes the .eml and sends nothing", async () => {
    const r = await Effect.runPromise(HighlightReport.email(written, resolved, { dryRun: true }))
    expect(r._tag).toBe("DryRun")
    if (r._tag !== "DryRun") return
    expect(r.eml).toBe(join(wh.dir, "out", "highlight-2025-26-Q2.eml"))
    const mail = await simpleParser(readFileSync(r.eml))
    expect(mail.to).toMatchObject({ text: "dmt@council.example, lead@council.example" })
    expect(mail.html).toContain('<table class="highlight">')
    expect(mail.attachments).toHaveLength(1)
  })

  it("a refused connection is retried with back-off, then a clear error", async () => {
    const closed = await smtp()
    await closed.close() // nothing listens on its port now
    const t0 = Date.now()
    const err = Either.flip(await sendReport(closed.port)).pipe(
      Either.getOrThrow,
    ) as HighlightReport.Errors.MailError
    expect(err._tag).toBe("MailError")
    expect(err).toMatchObject({ failure: "connection", attempts: 3 })
    expect(err.message).toContain(`Could not reach the SMTP server 127.0.0.1:${closed.port} (3 attempts)`)
    expect(err.message).toContain("ECONNREFUSED")
    expect(Date.now() - t0).toBeGreaterThanOrEqual(20 + 40) // backed off 20 ms, then 40 ms
  })

  it("a 4xx reply is retried (the message arrives once)", async () => {
    let first = true
    const server = await smtp({
      onMailFrom: (_address, _session, cb) => {
        if (first) {
          first = false
          return cb(Object.assign(new Error("Greylisted, try again"), { responseCode: 451 }))
        }
        cb()
      },
    })
    try {
      const r = Either.getOrThrow(await sendReport(server.port))
      expect(r._tag === "Sent" && r.sent.attempts).toBe(2)
      expect(server.connections()).toBe(2)
      expect(server.received).toHaveLength(1)
    } finally {
      await server.close()
    }
  })

  it("a 4xx reply to the end of the data is retried too: the server said it did not take the message", async () => {
    const server = await responder((n, socket) =>
      socket.write(n === 1 ? "451 4.3.0 local error\r\n" : "250 2.0.0 queued\r\n"),
    )
    try {
      const r = Either.getOrThrow(await sendReport(server.port, plain))
      expect(r._tag === "Sent" && r.sent.attempts).toBe(2)
      expect(server.received).toHaveLength(2) // transmitted twice, accepted once
    } finally {
      await server.close()
    }
  })

  it("a 5xx reply is not retried: a clear error", async () => {
    const server = await smtp({
      onRcptTo: (address, _session, cb) =>
        cb(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 })),
    })
    try {
      const err = Either.flip(await sendReport(server.port)).pipe(
        Either.getOrThrow,
      ) as HighlightReport.Errors.MailError
      expect(err).toMatchObject({ failure: "rejected", attempts: 1, responseCode: 550 })
      expect(err.message).toContain("rejected the message")
      expect(err.message).toContain("not retried")
      expect(server.connections()).toBe(1)
      expect(server.received).toHaveLength(0)
    } finally {
      await server.close()
    }
  })

  it("a refused login is not retried, and the password is never shown", async () => {
    const server = await smtp()
    try {
      const err = Either.flip(await sendReport(server.port, { ASCKIT_SMTP_PASSWORD: "wrong-password" })).pipe(
        Either.getOrThrow,
      ) as HighlightReport.Errors.MailError
      expect(err).toMatchObject({ failure: "auth", attempts: 1, responseCode: 535 })
      expect(err.message).toContain("Check ASCKIT_SMTP_USER and ASCKIT_SMTP_PASSWORD")
      expect(`${err.message}${JSON.stringify(err)}`).not.toMatch(/wrong-password|s3cret/)
    } finally {
      await server.close()
    }
  })

  it("a timeout (a server that never greets) is retried, then a clear error", async () => {
    let connections = 0
    const silent = createServer((s) => {
      connections += 1
      s.on("error", () => {})
    })
    await new Promise<void>((ok) => silent.listen(0, "127.0.0.1", ok))
    const port = (silent.address() as { port: number }).port
    try {
      const err = Either.flip(
        await sendReport(port, { ASCKIT_SMTP_TIMEOUT_SECONDS: "0.3", ASCKIT_SMTP_ATTEMPTS: "2" }),
      ).pipe(Either.getOrThrow) as HighlightReport.Errors.MailError
      expect(err).toMatchObject({ failure: "timeout", attempts: 2 })
      expect(err.message).toContain(`The SMTP server 127.0.0.1:${port} did not answer in time (2 attempts`)
      expect(connections).toBe(2)
    } finally {
      silent.close()
    }
  })

  it("a TLS error (the server's certificate is not trusted) is not retried: a clear error", async () => {
    const again = await smtp()
    try {
      const r = await Effect.runPromise(
        Effect.either(HighlightReport.email(written, resolved, { dryRun: false })).pipe(
          Effect.withConfigProvider(
            ConfigProvider.fromMap(
              new Map([
                ["ASCKIT_SMTP_HOST", "127.0.0.1"],
                ["ASCKIT_SMTP_PORT", String(again.port)],
                ["ASCKIT_SMTP_USER", USER],
                ["ASCKIT_SMTP_PASSWORD", PASSWORD],
                ["ASCKIT_SMTP_FROM", "performance@council.example"],
                ["ASCKIT_SMTP_ATTEMPTS", "3"],
                ["ASCKIT_SMTP_RETRY_SECONDS", "0.02"],
              ]),
            ),
          ),
        ),
      )
      const err = Either.flip(r).pipe(Either.getOrThrow) as HighlightReport.Errors.MailError
      expect(err).toMatchObject({ failure: "tls", attempts: 1 })
      expect(err.message).toMatch(/secure \(TLS\) connection to 127\.0\.0\.1:\d+ failed: .*self[- ]signed/i)
      expect(err.message).toContain("ASCKIT_SMTP_CA_FILE")
      expect(again.connections()).toBe(1)
      expect(again.received).toHaveLength(0)
    } finally {
      await again.close()
    }
  })

  it("never sends twice once the whole message is transmitted: the server took it, then the connection dropped", async () => {
    // the responder keeps the message (as a server that has queued it) and drops the connection before replying
    const server = await responder((_n, socket) => socket.destroy())
    try {
      const err = Either.flip(await sendReport(server.port, plain)).pipe(
        Either.getOrThrow,
      ) as HighlightReport.Errors.MailError
      expect(err).toMatchObject({ failure: "unknown-delivery", attempts: 1 })
      expect(err.message).toContain("may have accepted it, so it was NOT sent again")
      expect(server.received).toHaveLength(1)
      expect(server.connections()).toBe(1)
    } finally {
      await server.close()
    }
  })

  it("an accepted message is final even when the connection drops straight after the 250", async () => {
    const server = await responder((_n, socket) => socket.end("250 2.0.0 queued as 42\r\n"))
    try {
      const r = Either.getOrThrow(await sendReport(server.port, plain))
      expect(r._tag === "Sent" && r.sent).toMatchObject({ attempts: 1, response: "250 2.0.0 queued as 42" })
      expect(server.received).toHaveLength(1)
      expect(server.connections()).toBe(1)
    } finally {
      await server.close()
    }
  })

  it("missing SMTP settings are a configuration error that says what to set", async () => {
    const r = await Effect.runPromise(
      Effect.either(HighlightReport.email(written, resolved, { dryRun: false })).pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map())),
      ),
    )
    const err = Either.flip(r).pipe(Either.getOrThrow) as HighlightReport.Errors.MailError
    expect(err.failure).toBe("config")
    expect(err.message).toContain("Set ASCKIT_SMTP_HOST and ASCKIT_SMTP_FROM")
  })
})

beforeAll(() => {
  expect(Mailer.classify(Object.assign(new Error("x"), { code: "ETIMEDOUT" }), "data-sent").failure).toBe(
    "unknown-delivery",
  )
})
