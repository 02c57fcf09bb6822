// The HTML encoding of the OGC API (conformance class "HTML"): the same documents as the JSON, readable in a
// browser, every link followable. No scripts, no external assets.

export interface Link {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#2b2b2b}
a{color:#0072b2}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f2ed}code{background:#f4f2ed;padding:0 .2rem}nav a{margin-right:1rem}.muted{color:#6b665e}`;

export function page(title: string, links: Link[], body: string): string {
  const nav = links
    .filter((l) => l.rel !== 'self')
    .map((l) => `<a href="${esc(l.href)}" rel="${esc(l.rel)}">${esc(l.title ?? l.rel)}</a>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · Gauntlet OGC API</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${CSS}</style></head>
<body><header><p class="muted"><a href="/ogc?f=html">Gauntlet OGC API – Features</a></p><h1>${esc(title)}</h1><nav>${nav}</nav></header>
<main>${body}</main></body></html>`;
}

export function table(rows: [string, string][]): string {
  return `<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('')}</table>`;
}

export function list(items: string[]): string {
  return `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}

export const link = (href: string, text: string) => `<a href="${esc(href)}">${esc(text)}</a>`;
export const text = esc;

/** A property value as text: objects and arrays as compact JSON. */
export function value(v: unknown): string {
  if (v === null || v === undefined) return '<span class="muted">–</span>';
  return esc(typeof v === 'object' ? JSON.stringify(v) : v);
}
