/**
 * The commentary: a markdown file beside the configuration, split into blocks by its `##` headings (a section id or
 * title, an obsession id or title; the text before the first heading is the summary), rendered to HTML through a
 * small safe subset — paragraphs, `###`/`####` headings, bulleted and numbered lists, **bold**, *italic*, `code` and
 * links to `http(s):` or `mailto:` addresses. Everything else is escaped: raw HTML in the file shows as text, never
 * as markup, and a link to any other scheme (`javascript:`, `data:`) is not a link.
 *
 * @category output
 */

/** Escapes text for HTML content and attribute values. */
export const escape = (s: string): string =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")

/** A key for matching headings to sections and obsessions: lower case, letters and digits only. */
export const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "")

/** The commentary split into its summary and blocks keyed by heading slug. */
export interface Commentary {
  readonly summary: string | undefined
  readonly blocks: ReadonlyMap<string, string>
}

/** Splits a commentary file at its `##` headings (see the module docs). */
export const split = (text: string | undefined): Commentary => {
  const blocks = new Map<string, string>()
  if (text === undefined) return { summary: undefined, blocks }
  let current: string | undefined
  let buffer: Array<string> = []
  let summary: string | undefined
  const flush = () => {
    const body = buffer.join("\n").trim()
    if (current === undefined) summary = body === "" ? undefined : body
    else if (body !== "") blocks.set(current, body)
    buffer = []
  }
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const h = /^##\s+(.+?)\s*#*\s*$/.exec(line)
    if (h && !line.startsWith("###")) {
      flush()
      current = slug(h[1]!)
    } else if (/^#\s+/.test(line) && current === undefined && buffer.every((l) => l.trim() === "")) {
      // a top-level title line: not part of the summary
    } else buffer.push(line)
  }
  flush()
  return { summary, blocks }
}

/** The block for the first of `keys` (ids or titles) the commentary has. */
export const find = (c: Commentary, ...keys: ReadonlyArray<string>): string | undefined => {
  for (const k of keys) {
    const b = c.blocks.get(slug(k))
    if (b !== undefined) return b
  }
  return undefined
}

const safeHref = (url: string): string | undefined => {
  const u = url.trim()
  return /^(https?:\/\/|mailto:)[^\s]+$/i.test(u) ? u : undefined
}

/** Renders inline markdown (already a single block of text) to safe HTML. */
export const inline = (text: string): string =>
  text
    .split(/(`[^`]+`)/)
    .map((part) => {
      if (/^`[^`]+`$/.test(part)) return `<code>${escape(part.slice(1, -1))}</code>`
      let out = ""
      let rest = part
      // links first, on the raw text, so their URLs are checked before escaping
      const link = /\[([^\]]+)\]\(([^)\s]+)\)/
      for (let m = link.exec(rest); m !== null; m = link.exec(rest)) {
        out += emphasis(escape(rest.slice(0, m.index)))
        const href = safeHref(m[2]!)
        out +=
          href === undefined
            ? emphasis(escape(m[0]))
            : `<a href="${escape(href)}" rel="noopener noreferrer">${emphasis(escape(m[1]!))}</a>`
        rest = rest.slice(m.index + m[0].length)
      }
      return out + emphasis(escape(rest))
    })
    .join("")

const emphasis = (escaped: string): string =>
  escaped
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, "<strong>$1</strong>")
    .replace(/__(?=\S)(.+?)(?<=\S)__/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*(?=\S)(.+?)(?<=\S)\*(?!\*)/g, "$1<em>$2</em>")
    .replace(/(^|[^_\w])_(?=\S)(.+?)(?<=\S)_(?!\w)/g, "$1<em>$2</em>")

/** Renders a block of the safe markdown subset to HTML. */
export const toHtml = (markdown: string): string => {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n")
  const out: Array<string> = []
  let para: Array<string> = []
  let list: { tag: "ul" | "ol"; items: Array<string> } | undefined
  const endPara = () => {
    // lines of a paragraph join with a space; a line ending in two spaces or a backslash breaks the line
    if (para.length > 0)
      out.push(
        `<p>${para
          .map((l, i) => {
            const hard = /( {2,}|\\)$/.test(l) && i < para.length - 1
            return `${inline(l.replace(/( {2,}|\\)$/, ""))}${hard ? "<br>" : ""}`
          })
          .join("\n")}</p>`,
      )
    para = []
  }
  const endList = () => {
    if (list !== undefined)
      out.push(`<${list.tag}>${list.items.map((i) => `<li>${inline(i)}</li>`).join("")}</${list.tag}>`)
    list = undefined
  }
  for (const raw of lines) {
    const line = /( {2,}|\\)$/.test(raw) ? raw : raw.trimEnd()
    const heading = /^(#{1,6})\s+(.*)$/.exec(line)
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line)
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line)
    if (line.trim() === "") {
      endPara()
      endList()
    } else if (heading) {
      endPara()
      endList()
      const level = Math.min(6, Math.max(4, heading[1]!.length + 1))
      out.push(`<h${level}>${inline(heading[2]!)}</h${level}>`)
    } else if (bullet || numbered) {
      endPara()
      const tag = bullet ? "ul" : "ol"
      if (list !== undefined && list.tag !== tag) endList()
      list ??= { tag, items: [] }
      list.items.push((bullet ?? numbered)![1]!)
    } else if (list !== undefined && /^\s+\S/.test(raw)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`
    } else {
      endList()
      para.push(line.trimStart())
    }
  }
  endPara()
  endList()
  return out.join("\n")
}

/** The commentary as plain text (markup removed), for spreadsheets and the email's text part. */
export const toText = (markdown: string): string =>
  markdown
    .replace(/\r\n?/g, "\n")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, "$1 ($2)")
    .replace(/\*\*(.+?)\*\*|__(.+?)__/g, "$1$2")
    .replace(/(^|[^*\w])\*(\S.*?)\*/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1")
    // a paragraph's lines join with a space; blank lines and list items keep their line breaks
    .replace(/([^\n])\n(?!\n|\s*[-*+]\s|\s*\d+[.)]\s)/g, "$1 ")
    .trim()
