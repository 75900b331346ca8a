#!/usr/bin/env node
// Regenerates the embedded sample workspaces in public/samples from a fixed seed, so anyone can
// rebuild them byte for byte: `npm run samples`.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from './rng.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'samples');
mkdirSync(out, { recursive: true });

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

/**
 * A shop back-office funnel: 访客数 → (访客数 − 跳失人数 = 有效入店) → 咨询人数 → 下单人数 →
 * 支付人数, per day, shop and traffic channel. Live-stream buyers mostly order without chatting
 * (静默下单), so on those rows 下单人数 exceeds 咨询人数: a real, non-nested funnel.
 */
function shop() {
  const rand = rng(20250502);
  const shops = [
    { name: '天猫旗舰店', scale: 1.3, aov: 268 },
    { name: '京东自营店', scale: 1, aov: 242 },
    { name: '抖音小店', scale: 0.8, aov: 159 },
  ];
  const channels = [
    { name: '搜索', share: 1, bounce: 0.42, inquiry: 0.11, silent: 0.018 },
    { name: '推荐', share: 0.8, bounce: 0.55, inquiry: 0.07, silent: 0.012 },
    { name: '直播', share: 0.6, bounce: 0.35, inquiry: 0.025, silent: 0.06 },
    { name: '付费推广', share: 0.7, bounce: 0.5, inquiry: 0.09, silent: 0.015 },
  ];
  const header = [
    '日期',
    '店铺',
    '渠道',
    '访客数',
    '跳失人数',
    '咨询人数',
    '下单人数',
    '支付人数',
    '支付金额',
  ];
  const lines = [header.join(',')];
  for (let d = 0; d < 184; d++) {
    const date = day(d);
    const weekday = new Date(date).getUTCDay();
    // Shoppers buy at the weekend: the opposite rhythm of the B2B search-ads funnel.
    const weekly = weekday === 0 || weekday === 6 ? 1.25 : 1;
    // A mid-year sale (6·18) lifts traffic for a few days.
    const promo = d >= 45 && d <= 49 ? 2.2 : 1;
    for (const s of shops) {
      for (const ch of channels) {
        const visitors = Math.round(
          1400 * s.scale * ch.share * weekly * promo * (0.8 + rand() * 0.4),
        );
        const bounces = binomial(rand, visitors, ch.bounce);
        const entered = visitors - bounces;
        const inquiries = binomial(rand, entered, ch.inquiry);
        const fromChat = binomial(rand, inquiries, 0.34);
        const silent = binomial(rand, entered - inquiries, ch.silent * (promo > 1 ? 1.4 : 1));
        const orders = fromChat + silent;
        const payments = binomial(rand, orders, 0.86);
        const amount = Math.round(payments * s.aov * (0.8 + rand() * 0.4) * 100) / 100;
        lines.push(
          [date, s.name, ch.name, visitors, bounces, inquiries, orders, payments, amount.toFixed(2)]
            .map(csvCell)
            .join(','),
        );
      }
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * A B2B pipeline exported from a CRM: one row per opportunity (商机) with its current stage, the
 * date it entered each stage and its close date (结单日期: when it was won or lost, or for an open
 * deal when it is expected to close), snapshotted on 2025-10-31. Deals move stage by stage; each
 * step either advances after some days, is lost (当前阶段 = 输单, the dates show how far it got)
 * or is still open on the snapshot day.
 */
function pipeline() {
  const rand = rng(20250503);
  const org = [
    {
      branch: '北京分公司',
      region: '华北',
      teams: [
        ['北京大客户组', ['张伟', '李娜', '王强']],
        ['北京渠道组', ['刘洋', '陈静']],
      ],
    },
    {
      branch: '上海分公司',
      region: '华东',
      teams: [
        ['上海大客户组', ['杨帆', '赵敏', '黄磊']],
        ['上海渠道组', ['周婷', '吴昊']],
      ],
    },
    { branch: '广州分公司', region: '华南', teams: [['广州综合组', ['徐峰', '孙悦', '马超']]] },
  ];
  const people = org.flatMap((b) =>
    b.teams.flatMap(([team, names]) => names.map((owner) => ({ ...b, team, owner }))),
  );
  const companies = [
    '华信',
    '远航',
    '恒通',
    '中科',
    '云启',
    '博远',
    '新元',
    '东方',
    '天成',
    '海纳',
    '明德',
    '凯瑞',
  ];
  const trades = ['科技', '制造', '物流', '医药', '教育', '能源', '零售', '金融'];
  const products = [
    'ERP实施',
    '数据平台',
    '设备采购',
    '年度服务',
    '系统升级',
    '培训项目',
    '安全加固',
    '云迁移',
  ];
  // Stage after stage: the chance to move on and the typical days spent before moving.
  const steps = [
    { to: '需求确认', p: 0.72, days: 9 },
    { to: '方案', p: 0.76, days: 14 },
    { to: '报价', p: 0.78, days: 10 },
    { to: '谈判', p: 0.72, days: 12 },
    { to: '赢单', p: 0.62, days: 15 },
  ];
  const probability = { 线索: 10, 需求确认: 20, 方案: 40, 报价: 60, 谈判: 80, 赢单: 100, 输单: 0 };
  const start = Date.UTC(2025, 0, 2);
  const snapshot = Math.round((Date.UTC(2025, 9, 31) - start) / 86_400_000);
  const date = (d) => new Date(start + d * 86_400_000).toISOString().slice(0, 10);
  const header = [
    '商机名称',
    '负责人',
    '团队',
    '分公司',
    '地区',
    '客户类型',
    '项目类型',
    '当前阶段',
    '金额',
    '赢单概率',
    '创建日期',
    '需求确认日期',
    '方案日期',
    '报价日期',
    '谈判日期',
    '成交日期',
    '结单日期',
  ];
  const lines = [header.join(',')];
  for (let i = 0; i < 640; i++) {
    const who = people[Math.floor(rand() * people.length)];
    const existing = rand() < 0.35;
    const big = rand() < 0.3;
    const name =
      companies[Math.floor(rand() * companies.length)] +
      trades[Math.floor(rand() * trades.length)] +
      '·' +
      products[Math.floor(rand() * products.length)];
    const amount = big
      ? Math.round((200_000 + rand() * 1_800_000) / 1000) * 1000
      : Math.round((10_000 + rand() * 140_000) / 100) * 100;
    // More deals in recent months (the team grew), so the open pipeline is worth forecasting.
    const created = Math.floor(Math.sqrt(rand()) * (snapshot - 5));
    // Existing customers and small projects move faster and more surely.
    const ease = (existing ? 1.18 : 1) * (big ? 0.88 : 1);
    const pace = (big ? 1.5 : 1) * (existing ? 0.8 : 1);
    let stage = '线索';
    let day = created;
    const entered = {};
    // 结单日期 (close date, as a CRM keeps it): the day a deal was won or lost; for an open deal
    // the owner's expected close, the typical days its remaining steps take from its stage.
    let close = null;
    let left = 0;
    for (const s of steps) {
      const next = day + Math.max(1, Math.round(s.days * pace * (0.3 + rand() * 1.4)));
      if (next > snapshot) break; // still open in its current stage
      if (rand() >= Math.min(0.95, s.p * ease)) {
        stage = '输单';
        close = next;
        break;
      }
      day = next;
      stage = s.to;
      entered[s.to] = date(day);
      left++;
    }
    if (stage === '赢单') close = day;
    else if (close === null) {
      const rest = steps.slice(left).reduce((sum, s) => sum + s.days * pace, 0);
      close = Math.max(snapshot + 3, day + Math.round(rest));
    }
    lines.push(
      [
        name,
        who.owner,
        who.team,
        who.branch,
        who.region,
        existing ? '老客户' : '新客户',
        big ? '大项目' : '小项目',
        stage,
        `¥${amount}`,
        `${probability[stage]}%`,
        date(created),
        entered['需求确认'] ?? '',
        entered['方案'] ?? '',
        entered['报价'] ?? '',
        entered['谈判'] ?? '',
        entered['赢单'] ?? '',
        date(close),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}

for (const [file, make] of [
  ['search-ads.csv', searchAds],
  ['shop.csv', shop],
  ['b2b-pipeline.csv', pipeline],
]) {
  writeFileSync(join(out, file), make());
  console.log(`wrote public/samples/${file}`);
}
