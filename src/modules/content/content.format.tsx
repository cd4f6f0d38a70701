// The body of pages, guides, announcements and FAQ answers is plain text with a few
// line-based conventions, rendered to elements (never raw HTML, so nothing typed can inject
// markup):
//   blank line          → new paragraph        ## Heading / ### Heading → headings
//   - item / * item     → bulleted list         1. item                → numbered list
//   [label](/path) or [label](https://…)  → link        **text** → bold
import type { VNode } from 'preact';

export type Block =
  | { type: 'p'; lines: string[] }
  | { type: 'h2' | 'h3'; text: string }
  | { type: 'ul' | 'ol'; items: string[] };

const bullet = /^\s*[-*]\s+(.*)$/;
const numbered = /^\s*\d{1,3}[.)]\s+(.*)$/;

/** Splits a body into blocks. */
export function parseBody(body: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  const flush = () => {
    if (current) blocks.push(current);
    current = null;
  };
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') {
      flush();
      continue;
    }
    const h = /^(#{2,3})\s+(.*)$/.exec(line.trim());
    if (h) {
      flush();
      blocks.push({ type: h[1] === '##' ? 'h2' : 'h3', text: h[2]!.trim() });
      continue;
    }
    const b = bullet.exec(line);
    const n = b ? null : numbered.exec(line);
    if (b || n) {
      const type = b ? 'ul' : 'ol';
      const text = (b ?? n)![1]!.trim();
      if (current && (current as Block).type === type) (current as { items: string[] }).items.push(text);
      else {
        flush();
        current = { type, items: [text] };
      }
      continue;
    }
    if (current && (current as Block).type === 'p') (current as { lines: string[] }).lines.push(line.trim());
    else {
      flush();
      current = { type: 'p', lines: [line.trim()] };
    }
  }
  flush();
  return blocks;
}

/** Addresses a link may point to: same-site paths, http(s) and mailto. Nothing else (no javascript:). */
export function safeHref(url: string): string | null {
  const u = url.trim();
  if (/^\/(?!\/)[^\s]*$/.test(u)) return u;
  if (/^https?:\/\/[^\s/]+[^\s]*$/i.test(u)) return u;
  if (/^mailto:[^\s@]+@[^\s@]+$/i.test(u)) return u;
  return null;
}

const inlinePattern = /\[([^\]\n]{1,200})\]\(([^)\s]{1,500})\)|\*\*([^*\n]{1,500})\*\*/g;

/** Inline text with links and bold; anything else stays text. */
export function Inline({ text }: { text: string }): VNode {
  const out: (string | VNode)[] = [];
  let last = 0;
  for (const m of text.matchAll(inlinePattern)) {
    out.push(text.slice(last, m.index));
    if (m[1] !== undefined) {
      const href = safeHref(m[2]!);
      out.push(href ? <a href={href}>{m[1]}</a> : m[0]);
    } else {
      out.push(<strong>{m[3]}</strong>);
    }
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return <>{out}</>;
}

export function RichText({ body }: { body: string }): VNode {
  return (
    <div class="rich-text">
      {parseBody(body).map((b, i) => {
        switch (b.type) {
          case 'h2':
            return (
              <h2 key={i}>
                <Inline text={b.text} />
              </h2>
            );
          case 'h3':
            return (
              <h3 key={i}>
                <Inline text={b.text} />
              </h3>
            );
          case 'ul':
          case 'ol': {
            const List = b.type;
            return (
              <List key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>
                    <Inline text={item} />
                  </li>
                ))}
              </List>
            );
          }
          default:
            return (
              <p key={i}>
                {b.lines.map((l, j) => (
                  <>
                    {j > 0 && <br />}
                    <Inline text={l} />
                  </>
                ))}
              </p>
            );
        }
      })}
    </div>
  );
}

/** The body as plain words (for the search index and generated summaries). */
export function plainText(body: string): string {
  return body
    .replace(/\[([^\]\n]*)\]\([^)\s]*\)/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/^\s*(#{2,3}|[-*]|\d{1,3}[.)])\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}
