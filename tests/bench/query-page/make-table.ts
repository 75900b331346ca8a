/**
 * A seeded, realistic search-ads table built directly as columns: dates in order, branches and
 * teams, regions, channels, campaigns, 5,000 keywords (a few popular, a long tail), and the
 * five stages with cost and revenue. Same seed, same table, on every machine.
 */
import type { Column, Table, TextColumn } from '../../../src/core/table/table';
import { dayOf } from '../../../src/core/engine/period';
import { rng } from '../../../scripts/rng.mjs';

const BRANCHES = ['北京', '上海', '广州', '深圳', '成都', '武汉', '西安', '杭州'];
const REGION_OF = ['华北', '华东', '华南', '华南', '西南', '华中', '西北', '华东'];
const CHANNELS = ['百度', '360', '搜狗', '神马'];
const CHANNEL_SHARE = [0.55, 0.75, 0.88, 1];
const CAMPAIGNS = ['品牌词', '通用词', '竞品词', '地域词', '活动词'];
export const KEYWORDS = 5_000;
export const DAYS = 730;

function text(name: string, values: string[], codes: Uint8Array | Uint16Array): TextColumn {
  return { kind: 'text', name, type: 'category', codes, dict: ['', ...values] };
}

/**
 * @example
 * makeSearchAds(1_000_000, 20250501).rowCount // 1000000
 */
export function makeSearchAds(rows: number, seed: number): Table {
  const rand = rng(seed);
  const first = dayOf(2024, 1, 1);
  const days = new Float64Array(rows);
  const branch = new Uint8Array(rows);
  const team = new Uint8Array(rows);
  const region = new Uint8Array(rows);
  const channel = new Uint8Array(rows);
  const campaign = new Uint8Array(rows);
  const keyword = new Uint16Array(rows);
  const imp = new Int32Array(rows);
  const clk = new Int32Array(rows);
  const vis = new Int32Array(rows);
  const con = new Int32Array(rows);
  const ord = new Int32Array(rows);
  const cost = new Float64Array(rows);
  const revenue = new Float64Array(rows);
  const regions = [...new Set(REGION_OF)];
  for (let i = 0; i < rows; i++) {
    days[i] = first + Math.floor((i * DAYS) / rows);
    const b = Math.floor(rand() * BRANCHES.length);
    branch[i] = b + 1;
    team[i] = b * 4 + Math.floor(rand() * 4) + 1;
    region[i] = regions.indexOf(REGION_OF[b]) + 1;
    const r = rand();
    channel[i] = CHANNEL_SHARE.findIndex((s) => r < s) + 1;
    campaign[i] = Math.floor(rand() * CAMPAIGNS.length) + 1;
    // Squaring a uniform draw gives a few popular keywords and a long tail.
    const k = rand();
    keyword[i] = Math.floor(k * k * KEYWORDS) + 1;
    imp[i] = 50 + Math.floor(rand() * 1500);
    clk[i] = Math.round(imp[i] * (0.015 + rand() * 0.04));
    vis[i] = Math.round(clk[i] * (0.6 + rand() * 0.35));
    con[i] = Math.round(vis[i] * rand() * 0.18);
    ord[i] = Math.round(con[i] * rand() * 0.5);
    cost[i] = Math.round(clk[i] * (1.5 + rand() * 4) * 100) / 100;
    revenue[i] = ord[i] * (800 + Math.floor(rand() * 4000));
  }
  const teams = BRANCHES.flatMap((b) => [1, 2, 3, 4].map((n) => `${b}${n}组`));
  const num = (
    name: string,
    values: Int32Array | Float64Array,
    type: 'count' | 'money',
  ): Column => ({
    kind: 'number',
    name,
    type,
    values,
    nulls: null,
  });
  return {
    rowCount: rows,
    columns: [
      { kind: 'date', name: '日期', type: 'date', days, hasTime: false },
      text(
        '分公司',
        BRANCHES.map((b) => `${b}分公司`),
        branch,
      ),
      text('团队', teams, team),
      text('地区', regions, region),
      text('渠道', CHANNELS, channel),
      text('推广计划', CAMPAIGNS, campaign),
      text(
        '关键词',
        Array.from({ length: KEYWORDS }, (_, k) => `关键词${k + 1}`),
        keyword,
      ),
      num('展现量', imp, 'count'),
      num('点击量', clk, 'count'),
      num('访问量', vis, 'count'),
      num('咨询量', con, 'count'),
      num('订单量', ord, 'count'),
      num('消费', cost, 'money'),
      num('销售额', revenue, 'money'),
    ],
  };
}
