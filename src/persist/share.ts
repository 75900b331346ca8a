/**
 * Share links: a snapshot of what a view shows, carried in the page's own URL fragment
 * (`#s=…`), which browsers never send to a server. The snapshot holds the funnel spec and the
 * AGGREGATED numbers behind the view (stage totals, cost, revenue; optionally one total per
 * segment of the breakdown), the target and the scenarios; never a data row.
 *
 * Encoding: JSON → UTF-8 → raw deflate (CompressionStream), behind a mark byte and the CRC-32
 * of the deflated bytes → base64url. A changed character changes the bytes (the base64 reader
 * admits one text per byte sequence), so the CRC refuses it as damaged: without it about one
 * change in 40 still inflated to a valid snapshot with different numbers. Links made before
 * the check have no mark: their first byte starts a deflate block, and the mark is one no
 * deflate block can start with (block type 3 is reserved), so the two can never be confused.
 *
 * Size: a link of at most 8,000 characters. Links travel through chat apps, mail clients and
 * ticket systems, several of which cut, wrap or refuse longer URLs, and old browsers and proxies
 * stop near 2 k–8 k. 8,000 characters hold about 6 KB of deflated JSON: a funnel with its
 * target, scenarios and a breakdown of about 250 segments (a plain funnel is ~700). Anything larger is
 * offered as a file instead.
 *
 * Incoming links are untrusted: the text is refused before decompressing when it is longer than
 * we ever make, decompression stops at 256 KB (a deflate bomb of a few KB could otherwise expand
 * to gigabytes), and the JSON must pass the strict schema (no unknown keys, no `__proto__`).
 */
import type { ScenarioEdits, RateEdit } from '../core/decide/scenario';
import type { FunnelSpec } from '../core/spec/spec';
import type { TargetInput } from '../core/decide/targets';
import {
  arr,
  dict,
  epochMs,
  int,
  isPlainObject,
  nullable,
  num,
  obj,
  oneOf,
  SchemaError,
  str,
  unique,
  validate,
  type Check,
} from './check';
import { crc32, deflate, fromBase64, inflate, toBase64 } from './bytes';
import { versionOf } from './migrate';
import { specCheck, type ShapeOf } from './schema';

export const SHARE_VERSION = 1;
export const MAX_LINK_CHARS = 8_000;
export const MAX_SNAPSHOT_BYTES = 256 * 1024;
/** The fragment key this module owns (the explore view keeps its state under `v`). */
export const SHARE_KEY = 's';
/** First byte of a checked link: final bit 0, block type 3 (reserved), so never a deflate start. */
const CHECKED = 0x0e;
/** The mark and the CRC-32 before the deflated bytes. */
const HEAD = 5;

export interface Aggregates {
  counts: number[];
  cost: number | null;
  revenue: number | null;
  /** Data rows behind the numbers (a count, never the rows). */
  rows: number;
}

export interface SharedBreakdown {
  column: string;
  segments: { value: string; totals: Aggregates }[];
}

export interface SharedScenario {
  name: string;
  edits: ScenarioEdits;
}

export interface ShareSnapshot {
  v: typeof SHARE_VERSION;
  /** The dataset's name, shown as the shared view's title. */
  title: string;
  createdAt: number;
  currency: string;
  spec: FunnelSpec;
  /** The view's filters and period in words ("地区: 华东"), so the reader knows what slice this is. */
  slice: string[];
  totals: Aggregates;
  breakdown: SharedBreakdown | null;
  target: TargetInput | null;
  scenarios: SharedScenario[];
}

const text = str(1_000);
const maybeNum = nullable(num);
const aggregates = obj({
  counts: arr(num, 100),
  cost: maybeNum,
  revenue: maybeNum,
  rows: int(0),
} satisfies ShapeOf<Aggregates>);

const rateEdit: Check<RateEdit> = (v, path) =>
  isPlainObject(v) && v.kind === 'relative'
    ? obj({ kind: oneOf('relative'), change: num })(v, path)
    : obj({ kind: oneOf('absolute'), rate: num })(v, path);

const edits = obj({
  top: maybeNum,
  budget: maybeNum,
  rates: arr(nullable(rateEdit), 100),
  costPerUnit: maybeNum,
  averageValue: maybeNum,
} satisfies ShapeOf<ScenarioEdits>);

const target = obj({
  kind: oneOf('counts', 'rates'),
  values: dict(num, 100, 200),
} satisfies ShapeOf<TargetInput>);

const snapshotShape = obj({
  v: oneOf(SHARE_VERSION),
  title: text,
  createdAt: epochMs,
  currency: str(10),
  spec: specCheck,
  slice: arr(str(2_000), 100),
  totals: aggregates,
  breakdown: nullable(
    obj({
      column: text,
      segments: unique(
        arr(obj({ value: str(2_000), totals: aggregates }), 5_000),
        (seg) => seg.value,
      ),
    } satisfies ShapeOf<SharedBreakdown>),
  ),
  target: nullable(target),
  scenarios: arr(obj({ name: text, edits } satisfies ShapeOf<SharedScenario>), 20),
} satisfies ShapeOf<ShareSnapshot>);

/** The schema plus the rules between fields: one count per stage everywhere. */
export const snapshotCheck: Check<ShareSnapshot> = (v, path) => {
  const s = snapshotShape(v, path);
  const n = s.spec.stages.length;
  if (s.totals.counts.length !== n) throw new SchemaError('.totals.counts', 'not one per stage');
  s.breakdown?.segments.forEach((seg, i) => {
    if (seg.totals.counts.length !== n)
      throw new SchemaError(`.breakdown.segments[${i}]`, 'not one per stage');
  });
  return s;
};

/** Why a link could not be opened; each has its own message. */
export type ShareProblem = 'too-long' | 'damaged' | 'too-large' | 'invalid' | 'newer';

export type DecodeResult =
  { ok: true; snapshot: ShareSnapshot } | { ok: false; problem: ShareProblem; detail: string };

/**
 * The link text for a snapshot (may be longer than MAX_LINK_CHARS: the caller decides).
 *
 * @example
 * await encodeShare(snapshot) // 'q1YqS0xRslIqLkksKS1...' (base64url of deflated JSON)
 */
export async function encodeShare(snapshot: ShareSnapshot): Promise<string> {
  const packed = await deflate(new TextEncoder().encode(JSON.stringify(snapshot)));
  const out = new Uint8Array(HEAD + packed.length);
  out[0] = CHECKED;
  new DataView(out.buffer).setUint32(1, crc32(packed));
  out.set(packed, HEAD);
  return toBase64(out, true);
}

/** Read an untrusted link text back into a snapshot, or say precisely why not. */
export async function decodeShare(text: string): Promise<DecodeResult> {
  if (text.length > MAX_LINK_CHARS)
    return { ok: false, problem: 'too-long', detail: `${text.length}` };
  const link = fromBase64(text, 'url');
  if (!link || link.length === 0) return { ok: false, problem: 'damaged', detail: 'base64' };
  let packed = link;
  if (link[0] === CHECKED) {
    packed = link.subarray(HEAD);
    const crc = link.length > HEAD ? new DataView(link.buffer).getUint32(1) : -1;
    if (crc !== crc32(packed)) return { ok: false, problem: 'damaged', detail: 'check' };
  }
  let bytes: Uint8Array | null;
  try {
    bytes = await inflate(packed, MAX_SNAPSHOT_BYTES);
  } catch {
    return { ok: false, problem: 'damaged', detail: 'deflate' };
  }
  if (!bytes) return { ok: false, problem: 'too-large', detail: `> ${MAX_SNAPSHOT_BYTES}` };
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, problem: 'damaged', detail: 'json' };
  }
  let version: number;
  try {
    version = versionOf(raw);
  } catch (e) {
    return { ok: false, problem: 'invalid', detail: (e as Error).message };
  }
  if (version > SHARE_VERSION) return { ok: false, problem: 'newer', detail: `${version}` };
  const r = validate(snapshotCheck, raw);
  return r.ok
    ? { ok: true, snapshot: r.value }
    : { ok: false, problem: 'invalid', detail: r.error.message };
}

/**
 * The `s` value of a fragment such as `#v=…&s=…` (key=value pairs joined by &), or null.
 *
 * @example
 * shareParam('#v=abc&s=q1Y') // 'q1Y'
 */
export function shareParam(hash: string): string | null {
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (part.startsWith(`${SHARE_KEY}=`)) return part.slice(SHARE_KEY.length + 1);
  }
  return null;
}

/**
 * The fragment without our key, every other pair left exactly as it was.
 *
 * @example
 * withoutShare('#v=a%2Cb&s=q1Y') // '#v=a%2Cb'
 */
export function withoutShare(hash: string): string {
  const rest = hash
    .replace(/^#/, '')
    .split('&')
    .filter((p) => p !== '' && !p.startsWith(`${SHARE_KEY}=`));
  return rest.length ? `#${rest.join('&')}` : '';
}

/** The full link: this page (same origin, path and query) with the snapshot in its fragment. */
export function shareUrl(
  page: { origin: string; pathname: string; search: string },
  encoded: string,
): string {
  return `${page.origin}${page.pathname}${page.search}#${SHARE_KEY}=${encoded}`;
}
