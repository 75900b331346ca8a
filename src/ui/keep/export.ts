/**
 * Exports of what is on screen: a chart as a standalone SVG (computed styles inlined, so it
 * looks the same in a slide or another browser) or as a PNG drawn from that SVG; a table as
 * CSV (raw numbers where the page carries them, formula-looking text neutralised); and the
 * download itself, through a blob: URL (never a data value in an href).
 */
import { toCsv, type CsvCell } from '../../core/table/csv';

/** Style properties that carry a chart's look; everything else is left to defaults. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'visibility',
  'display',
];

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The SVG as a standalone document: a clone with each element's computed style inlined, an
 * explicit size and a background, so it renders the same outside the page.
 */
export function svgDocument(svg: SVGSVGElement): { text: string; width: number; height: number } {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, k) => {
    const cs = getComputedStyle(el);
    const target = to[k] as SVGElement;
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    target.setAttribute('style', style);
    target.removeAttribute('class');
    target.removeAttribute('tabindex');
  });
  const box = svg.getBoundingClientRect();
  const vb = svg.viewBox.baseVal;
  const width = Math.round(vb && vb.width ? vb.width : box.width) || 800;
  const height = Math.round(vb && vb.height ? vb.height : box.height) || 400;
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', getComputedStyle(document.body).backgroundColor || '#ffffff');
  clone.insertBefore(bg, clone.firstChild);
  const text =
    '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
  return { text, width, height };
}

export function svgBlob(svg: SVGSVGElement): Blob {
  return new Blob([svgDocument(svg).text], { type: 'image/svg+xml;charset=utf-8' });
}

/** The chart drawn at twice its size on a canvas, as PNG (the image comes from a blob: URL). */
export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { text, width, height } = svgDocument(svg);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart could not be drawn'));
    });
    img.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * A shown number back to a number: "1,234" → 1234, "12.50%" → 0.125, "¥1,234.00" → 1234,
 * "—" → empty. Anything else stays text.
 */
export function shownValue(text: string): CsvCell {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s === '—' || s === '') return null;
  const m = /^([+\-−]?)[¥￥$€£]?([\d,]*\.?\d+)(%?)$/.exec(s);
  if (!m) return s;
  const n = Number(m[2].replace(/,/g, '')) * (m[1] === '-' || m[1] === '−' ? -1 : 1);
  if (!Number.isFinite(n)) return s;
  return m[3] ? n / 100 : n;
}

/** A cell's value: the raw number the page carries (`data-value`, `data-count`), else its text. */
function cellValue(cell: HTMLTableCellElement): CsvCell {
  const raw = cell.dataset.value ?? cell.dataset.count;
  if (raw !== undefined && raw !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return shownValue(cell.textContent ?? '');
}

/** A table on screen as CSV: header from its head row, one line per body row. */
export function tableCsv(table: HTMLTableElement): string {
  const headRow = table.tHead?.rows[0] ?? null;
  const header = headRow ? [...headRow.cells].map((c) => (c.textContent ?? '').trim()) : [];
  const bodyRows = [...table.tBodies].flatMap((b) => [...b.rows]);
  return toCsv(
    header,
    bodyRows.map((r) => [...r.cells].map(cellValue)),
  );
}

/** The accessible name of a table: its caption, else its label. */
export function tableName(table: HTMLTableElement, fallback: string): string {
  return (table.caption?.textContent ?? table.getAttribute('aria-label') ?? '').trim() || fallback;
}

/** Save a blob as a file, through a short-lived blob: URL. */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
