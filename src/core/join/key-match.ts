/**
 * Which columns of several files are the same key, by what the header means rather than how it
 * is spelled: the ad report's 推广计划, the chat tool's 来源计划 and an English export's Campaign
 * are one key. A header that names no known kind still joins another file's header of the same
 * spelling.
 */
import { normaliseName } from '../spec/templates';

/** Kinds of key, most specific first (a 推广单元 is an ad group, not a campaign). */
const KINDS: { kind: string; exact: string[]; pattern: RegExp }[] = [
  {
    kind: 'keyword',
    exact: ['关键词', '关键字', '搜索词', '搜索关键词', 'keyword', 'search term', 'search keyword'],
    pattern: /关键词|关键字|搜索词|keyword|search ?term/iu,
  },
  {
    kind: 'adgroup',
    exact: ['单元', '推广单元', '广告组', 'ad group', 'adgroup', 'ad set'],
    pattern: /单元|广告组|ad ?group|ad ?set/iu,
  },
  {
    kind: 'campaign',
    exact: ['推广计划', '计划', '计划名称', '广告系列', '广告计划', 'campaign', 'campaign name'],
    pattern: /计划|广告系列|campaign/iu,
  },
  {
    kind: 'region',
    exact: ['地区', '地域', '区域', '省份', '省', '城市', 'region', 'province', 'city', 'country'],
    pattern: /地区|地域|区域|省份|城市|region|province|city|country/iu,
  },
  {
    kind: 'device',
    exact: ['设备', '终端', '推广设备', 'device', 'platform type'],
    pattern: /设备|终端|device/iu,
  },
  {
    kind: 'channel',
    exact: ['渠道', '来源', '流量来源', '推广渠道', '媒体', 'channel', 'source', 'medium'],
    pattern: /渠道|来源|媒体|channel|source|medium/iu,
  },
];

/**
 * The kind of key a header names, or `name:<spelling>` for a header of no known kind (it then
 * joins only a header spelled the same).
 *
 * @example
 * keyKind('来源计划')   // 'campaign'
 * keyKind('推广单元')   // 'adgroup'
 * keyKind('Campaign')   // 'campaign'
 * keyKind('客服')       // 'name:客服'
 */
export function keyKind(header: string): string {
  const n = normaliseName(header);
  for (const k of KINDS) if (k.exact.some((e) => normaliseName(e) === n)) return k.kind;
  for (const k of KINDS) if (k.pattern.test(header.normalize('NFKC'))) return k.kind;
  return `name:${n}`;
}

/** True when the kind is one the app knows (a key worth joining on even if one file has it). */
export function knownKind(kind: string): boolean {
  return !kind.startsWith('name:');
}

/** One file's key columns: its header for each kind (the first header of a kind wins). */
export type FileKeys = Map<string, string>;

/**
 * The file's text columns by kind. Known kinds are keys whatever else is in the other files;
 * other headers are keys only when another file has the same one (`shared`).
 *
 * @example
 * fileKeys(['推广计划', '关键词', '客服'], new Set(['name:客服']))
 * // Map { 'campaign' → '推广计划', 'keyword' → '关键词', 'name:客服' → '客服' }
 */
export function fileKeys(headers: readonly string[], shared: ReadonlySet<string>): FileKeys {
  const out: FileKeys = new Map();
  for (const h of headers) {
    const kind = keyKind(h);
    if ((knownKind(kind) || shared.has(kind)) && !out.has(kind)) out.set(kind, h);
  }
  return out;
}

/**
 * The kinds of unknown name that two or more files share (they join by spelling).
 *
 * @example
 * sharedNames([['推广计划', '客服'], ['客服', '咨询渠道']]) // Set { 'name:客服' }
 */
export function sharedNames(files: readonly (readonly string[])[]): Set<string> {
  const seen = new Map<string, number>();
  for (const headers of files) {
    for (const kind of new Set(headers.map(keyKind))) {
      if (!knownKind(kind)) seen.set(kind, (seen.get(kind) ?? 0) + 1);
    }
  }
  return new Set([...seen].filter(([, n]) => n >= 2).map(([k]) => k));
}
