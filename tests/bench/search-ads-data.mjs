// The import bench's data: the sample's columns (日期,分公司,…,销售额), seeded, about 100 bytes a
// row, written once into the git-ignored tests/bench/data.
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { rng } from '../../scripts/rng.mjs';

/**
 * Write `rows` rows of search-ads data with the sample's columns to `file` (once: an existing file
 * is reused) and return the column sums the funnel must show, computed while writing.
 */
export async function generateSearchAds(ROWS, dataFile, STAGES) {
  const sumsFile = `${dataFile}.sums.json`;
  if (existsSync(dataFile) && existsSync(sumsFile))
    return JSON.parse(readFileSync(sumsFile, 'utf8'));
  mkdirSync(dirname(dataFile), { recursive: true });
  const rand = rng(20250501);
  const branches = [
    ['北京分公司', '华北'],
    ['上海分公司', '华东'],
    ['广州分公司', '华南'],
    ['成都分公司', '西南'],
    ['武汉分公司', '华中'],
    ['西安分公司', '西北'],
  ];
  const teams = ['一组', '二组', '三组'];
  const channels = ['百度', '360', '搜狗', '神马', '必应'];
  const plans = ['品牌词', '通用词', '竞品词', '地域词', '产品词', '活动词', '人群词', '长尾词'];
  const days = 730;
  const sums = Object.fromEntries([...STAGES, '消费', '销售额'].map((k) => [k, 0]));
  const out = createWriteStream(dataFile);
  const write = (s) =>
    new Promise((resolve) => (out.write(s) ? resolve() : out.once('drain', resolve)));
  let buf = '日期,分公司,团队,地区,渠道,推广计划,展现量,点击量,访问量,咨询量,订单量,消费,销售额\n';
  for (let i = 0; i < ROWS; i++) {
    const d = Math.floor((i * days) / ROWS);
    const date = new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    const [branch, region] = branches[Math.floor(rand() * branches.length)];
    const team = branch.slice(0, 2) + teams[Math.floor(rand() * teams.length)];
    const channel = channels[Math.floor(rand() * channels.length)];
    // Baidu plan names carry the city and the device: 北京-品牌词-移动.
    const plan = `${branch.slice(0, 2)}-${plans[Math.floor(rand() * plans.length)]}-${rand() < 0.6 ? '移动' : 'PC'}`;
    const impr = 200 + Math.floor(rand() * 3000);
    const clicks = Math.floor(impr * (0.01 + rand() * 0.06));
    const visits = Math.floor(clicks * (0.6 + rand() * 0.35));
    const leads = Math.floor(visits * rand() * 0.12);
    const orders = Math.floor(leads * rand() * 0.4);
    const costCents = Math.floor(clicks * (150 + rand() * 450));
    const revenue = orders * (800 + Math.floor(rand() * 4000));
    sums['展现量'] += impr;
    sums['点击量'] += clicks;
    sums['访问量'] += visits;
    sums['咨询量'] += leads;
    sums['订单量'] += orders;
    sums['消费'] += costCents;
    sums['销售额'] += revenue;
    buf += `${date},${branch},${team},${region},${channel},${plan},${impr},${clicks},${visits},${leads},${orders},${(costCents / 100).toFixed(2)},${revenue}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise((resolve) => out.end(resolve));
  sums['消费'] = sums['消费'] / 100;
  writeFileSync(sumsFile, JSON.stringify(sums));
  return sums;
}
