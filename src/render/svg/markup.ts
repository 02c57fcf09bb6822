// Small helpers to write SVG as text: the renderer builds one string and hands it to resvg.

/** Escapes text and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type AttrValue = string | number | undefined | null | false;

/** An element: `el('circle', { cx: 1, r: 2 })`; attributes that are undefined, null or false are left out. */
export function el(name: string, attrs: Record<string, AttrValue>, children?: string): string {
  let s = `<${name}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    s += ` ${k}="${typeof v === 'number' ? num(v) : esc(v)}"`;
  }
  return children === undefined ? `${s}/>` : `${s}>${children}</${name}>`;
}

/** A number for an attribute: two decimals at most, no "-0". */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Text with a white halo drawn beneath its fill (resvg honours paint-order). */
export function haloText(text: string, attrs: Record<string, AttrValue>, haloWidth = 3, haloColour = '#FFFFFF'): string {
  return el('text', { ...attrs, stroke: haloColour, 'stroke-width': haloWidth, 'stroke-linejoin': 'round', 'paint-order': 'stroke' }, esc(text));
}
