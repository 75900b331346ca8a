#!/usr/bin/env node
// Regenerates the embedded sample workspaces in public/samples from a fixed seed, so anyone can
// rebuild them byte for byte: `npm run samples`.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'samples');
mkdirSync(out, { recursive: true });

/** mulberry32: a small, fast, seeded PRNG. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A binomial draw, normal-approximated for large n (exact enough for sample data). */
function binomial(rand, n, p) {
  if (n <= 0 || p <= 0) return 0;
  if (n < 40) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rand() < p) k++;
    return k;
  }
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  const z = Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
  return Math.max(0, Math.min(n, Math.round(mean + sd * z)));
}

const csvCell = (v) =>
  /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
const day = (d) => new Date(Date.UTC(2025, 4, 1) + d * 86_400_000).toISOString().slice(0, 10);

function searchAds() {
  const rand = rng(20250501);
  const branches = [
    { name: '北京分公司', region: '华北', teams: ['北京一组', '北京二组'], scale: 1.25 },
    { name: '上海分公司', region: '华东', teams: ['上海一组', '上海二组'], scale: 1.15 },
    { name: '广州分公司', region: '华南', teams: ['广州一组', '广州二组'], scale: 0.95 },
    { name: '成都分公司', region: '西南', teams: ['成都一组'], scale: 0.7 },
  ];
  // Channels differ in volume, price and quality: the breakdown has something to find.
  const channels = [
    { name: '百度', share: 1, ctr: 0.032, cpc: 4.2 },
    { name: '360', share: 0.35, ctr: 0.026, cpc: 3.1 },
    { name: '搜狗', share: 0.25, ctr: 0.024, cpc: 2.8 },
    { name: '神马', share: 0.3, ctr: 0.041, cpc: 2.2 },
  ];
  const campaigns = [
    { name: '品牌词', ctr: 1.6, consult: 1.4 },
    { name: '通用词', ctr: 0.9, consult: 1 },
    { name: '竞品词', ctr: 0.7, consult: 0.8 },
    { name: '地域词', ctr: 1.1, consult: 1.1 },
  ];
  const days = 184; // 2025-05-01 .. 2025-10-31
  const header = [
    '日期',
    '分公司',
    '团队',
    '地区',
    '渠道',
    '推广计划',
    '展现量',
    '点击量',
    '访问量',
    '咨询量',
    '订单量',
    '消费',
    '销售额',
  ];
  const lines = [header.join(',')];
  for (let d = 0; d < days; d++) {
    const date = day(d);
    const weekday = new Date(date).getUTCDay();
    const weekly = weekday === 0 || weekday === 6 ? 0.72 : 1;
    const growth = 1 + d / 600;
    for (const b of branches) {
      for (const team of b.teams) {
        for (const ch of channels) {
          for (const cp of campaigns) {
            const base = 900 * b.scale * ch.share * weekly * growth * (0.75 + rand() * 0.5);
            const impressions = Math.round(base);
            const clicks = binomial(rand, impressions, Math.min(0.5, ch.ctr * cp.ctr));
            // 成都's landing page is slow: a visible weak layer for diagnosis.
            const visitRate = b.name === '成都分公司' ? 0.62 : 0.86;
            const visits = binomial(rand, clicks, visitRate);
            const consults = binomial(rand, visits, 0.075 * cp.consult);
            const orders = binomial(rand, consults, 0.24);
            const cost = Math.round(clicks * ch.cpc * (0.85 + rand() * 0.3) * 100) / 100;
            const revenue = orders * Math.round(1800 + rand() * 2400);
            lines.push(
              [
                date,
                b.name,
                team,
                b.region,
                ch.name,
                cp.name,
                impressions,
                clicks,
                visits,
                consults,
                orders,
                cost.toFixed(2),
                revenue,
              ]
                .map(csvCell)
                .join(','),
            );
          }
        }
      }
    }
  }
  return lines.join('\n') + '\n';
}

writeFileSync(join(out, 'search-ads.csv'), searchAds());
console.log('wrote public/samples/search-ads.csv');
