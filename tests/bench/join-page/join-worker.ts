/**
 * In a worker, as in the app: four tables as the importer leaves them (columns; text
 * dictionary-coded), seeded: an ad report and an analytics report of 1,000,000 rows each, a chat
 * log of 300,000 conversations and 100,000 orders, over 90 days × 200 plans × 5,000 keywords,
 * with plan names spelled differently in each (full-width brackets, spaces). Times `joinFiles`
 * alone (the files are already read) and reports the joined totals against the inputs' sums.
 */
import { joinFiles, type JoinFile } from '../../../src/core/join/join';
import type { ImportReport } from '../../../src/core/read/report';
import { codeArray, type Column, type Table } from '../../../src/core/table/table';

const DAYS = 90;
const PLANS = 200;
const KEYWORDS = 5_000;
const FIRST_DAY = Date.UTC(2025, 0, 1) / 86_400_000;

let seed = 13;
function rand(): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
}

const report = (fileName: string, rows: number): ImportReport => ({
  fileName,
  encoding: 'utf-8',
  delimiter: ',',
  headerLine: 1,
  rowsRead: rows,
  droppedTotals: [],
  droppedBlank: 0,
  raggedRows: 0,
  raggedLines: [],
  renamedHeaders: [],
  warnings: [],
  currency: '¥',
});

function text(name: string, dict: string[], pick: () => number, rows: number): Column {
  const codes = codeArray(rows, dict.length + 1);
  for (let i = 0; i < rows; i++) codes[i] = pick() + 1;
  return { kind: 'text', name, type: 'category', codes, dict: ['', ...dict] };
}
function ints(name: string, rows: number, max: number): Column {
  const values = new Int32Array(rows);
  for (let i = 0; i < rows; i++) values[i] = Math.floor(rand() * max);
  return { kind: 'number', name, type: 'count', values, nulls: null };
}
function money(name: string, rows: number, max: number): Column {
  const values = new Float64Array(rows);
  for (let i = 0; i < rows; i++) values[i] = Math.round(rand() * max * 100) / 100;
  return { kind: 'number', name, type: 'money', values, nulls: null };
}
function dates(name: string, rows: number, withTime: boolean): Column {
  const days = new Float64Array(rows);
  // In date order, as exports are.
  for (let i = 0; i < rows; i++) {
    const d = FIRST_DAY + Math.floor((i * DAYS) / rows);
    days[i] = withTime ? d + Math.floor(rand() * 86_400) / 86_400 : d;
  }
  return { kind: 'date', name, type: 'date', days, hasTime: withTime };
}

const plans = (spell: (i: number) => string) => Array.from({ length: PLANS }, (_, i) => spell(i));
const keywords = Array.from({ length: KEYWORDS }, (_, i) => `关键词${i}`);
const plan = () => Math.floor(rand() * PLANS);
const keyword = () => Math.floor(rand() * KEYWORDS);

function table(columns: Column[]): Table {
  return { rowCount: (columns[1] as { codes: ArrayLike<number> }).codes.length, columns };
}

function makeFiles(): JoinFile[] {
  const M = 1_000_000;
  const ads = table([
    dates('日期', M, false),
    text(
      '推广计划',
      plans((i) => `计划（${i}）`),
      plan,
      M,
    ),
    text('关键词', keywords, keyword, M),
    ints('展现', M, 500),
    ints('点击', M, 30),
    money('消费', M, 60),
  ]);
  const visits = table([
    dates('日期', M, false),
    text(
      '推广计划',
      plans((i) => ` 计划 (${i}) `),
      plan,
      M,
    ),
    text('关键词', keywords, keyword, M),
    ints('访问量', M, 20),
  ]);
  const C = 300_000;
  const chats = table([
    dates('开始时间', C, true),
    text(
      '来源计划',
      plans((i) => `计划(${i})`),
      plan,
      C,
    ),
    text('关键词', keywords, keyword, C),
  ]);
  const O = 100_000;
  const orders = table([
    dates('下单时间', O, true),
    text(
      '来源计划',
      plans((i) => `计划（${i}）`),
      plan,
      O,
    ),
    text('关键词', keywords, keyword, O),
    money('金额', O, 3000),
  ]);
  return [
    { name: 'ads.csv', table: ads, report: report('ads.csv', M) },
    { name: 'analytics.csv', table: visits, report: report('analytics.csv', M) },
    { name: '商桥对话.csv', table: chats, report: report('商桥对话.csv', C) },
    { name: '订单.csv', table: orders, report: report('订单.csv', O) },
  ];
}

function sumOf(t: Table, name: string): number {
  const c = t.columns.find((x) => x.name === name);
  if (c?.kind !== 'number') return NaN;
  let s = 0;
  for (let i = 0; i < c.values.length; i++) s += c.values[i];
  return s;
}

self.onmessage = (e: MessageEvent<{ runs: number }>) => {
  const t0 = performance.now();
  const files = makeFiles();
  const makeMs = performance.now() - t0;
  const times: number[] = [];
  let last: ReturnType<typeof joinFiles> | null = null;
  for (let r = 0; r < e.data.runs; r++) {
    const start = performance.now();
    last = joinFiles(files);
    times.push(performance.now() - start);
  }
  const { table: joined, info } = last!;
  const [ads, visits, chats, orders] = files.map((f) => f.table);
  self.postMessage({
    makeMs,
    times,
    rowsIn: files.map((f) => f.table.rowCount),
    rowsOut: joined.rowCount,
    keys: info.keys.map((k) => k.name),
    grain: info.grain,
    shapes: info.sources.map((s) => s.shape),
    // Every row of every file lands once: the joined sums equal the inputs'.
    check: {
      展现: [sumOf(joined, '展现'), sumOf(ads, '展现')],
      消费: [sumOf(joined, '消费'), sumOf(ads, '消费')],
      访问量: [sumOf(joined, '访问量'), sumOf(visits, '访问量')],
      咨询量: [sumOf(joined, '咨询量'), chats.rowCount],
      订单量: [sumOf(joined, '订单量'), orders.rowCount],
      销售额: [sumOf(joined, '销售额'), sumOf(orders, '金额')],
    },
    unmatched: info.unmatched.length + info.unmatchedMore,
  });
};
