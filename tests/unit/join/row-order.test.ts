import { describe, expect, it } from 'vitest';
import { importDelimitedText } from '../../../src/core/read/delimited';
import { joinFiles, type JoinFile } from '../../../src/core/join/join';
import type { Table } from '../../../src/core/table/table';

// The join looks keys up period by period (period-groups.ts), fastest when rows come in date
// order as exports do. Rows in any order must join the same: these files are made row by row,
// summed here by key, then joined in date order and shuffled.

let seed = 7;
function rand(): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const DAYS = Array.from({ length: 40 }, (_, i) =>
  new Date(Date.UTC(2025, 3, 1 + i)).toISOString().slice(0, 10),
);
const PLANS = ['品牌词', '通用词', '竞品词', '活动', '课程', '地域'];
const KEYWORDS = ['学校', '培训', '价格', '哪家好', '报名', '课程表', '地址', '电话'];

interface Row {
  date: string;
  cells: string[];
  /** The value it adds to each measure, by the measure's name in the joined table. */
  adds: [string, number][];
}

function rowsFor(n: number, make: (date: string) => Row): Row[] {
  // In date order, as exports are.
  return Array.from({ length: n }, (_, i) => make(DAYS[Math.floor((i * DAYS.length) / n)]));
}
const ads = rowsFor(1500, (date) => {
  const clicks = Math.floor(rand() * 30);
  const cost = Math.round(rand() * 6000) / 100;
  const key = [date, pick(PLANS), pick(KEYWORDS)];
  return {
    date,
    cells: [...key, String(clicks), cost.toFixed(2)],
    adds: [
      ['点击', clicks],
      ['消费', cost],
    ],
  };
});
const visits = rowsFor(1200, (date) => {
  const v = Math.floor(rand() * 20);
  return { date, cells: [date, pick(PLANS), pick(KEYWORDS), String(v)], adds: [['访问量', v]] };
});
const chats = rowsFor(400, (date) => {
  const time = `${date} ${String(Math.floor(rand() * 24)).padStart(2, '0')}:30:00`;
  return { date, cells: [time, pick(PLANS), pick(KEYWORDS)], adds: [['咨询量', 1]] };
});

const keyOf = (r: Row) => `${r.date}|${r.cells[1]}|${r.cells[2]}`;

function shuffled<T>(xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function csv(name: string, header: string, rows: readonly Row[]): Promise<JoinFile> {
  const text = [header, ...rows.map((r) => r.cells.join(','))].join('\n') + '\n';
  const { table, report } = await importDelimitedText(text, { fileName: name });
  return { name, table, report };
}

async function join(a: readonly Row[], v: readonly Row[], c: readonly Row[]) {
  return joinFiles([
    await csv('推广.csv', '日期,推广计划,关键词,点击,消费', a),
    await csv('统计.csv', '日期,推广计划,关键词,访问量', v),
    await csv('商桥.csv', '开始时间,推广计划,关键词', c),
  ]).table;
}

/** The joined rows in order: `date|campaign|keyword` and its non-zero measures. */
function joinedRows(table: Table): [string, Map<string, number>][] {
  const out: [string, Map<string, number>][] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const key: string[] = [];
    const values = new Map<string, number>();
    for (const c of table.columns) {
      if (c.kind === 'date') key.push(new Date(c.days[r] * 86_400_000).toISOString().slice(0, 10));
      else if (c.kind === 'text') key.push(c.dict[c.codes[r]]);
      else if (c.values[r] !== 0) values.set(c.name, Math.round(c.values[r] * 100) / 100);
    }
    out.push([key.join('|'), values]);
  }
  return out;
}

/** The test's own sums per key, and the keys in the order the rows first show them. */
function expected(files: readonly (readonly Row[])[]) {
  const sums = new Map<string, Map<string, number>>();
  for (const rows of files) {
    for (const r of rows) {
      const m = sums.get(keyOf(r)) ?? new Map<string, number>();
      sums.set(keyOf(r), m);
      for (const [name, x] of r.adds) m.set(name, (m.get(name) ?? 0) + x);
    }
  }
  for (const m of sums.values()) {
    for (const [name, x] of m) {
      if (x === 0) m.delete(name);
      else m.set(name, Math.round(x * 100) / 100);
    }
  }
  return sums;
}

describe('joining rows in any order', () => {
  it('gives each key the sums of its rows, keys in the order first seen, rows in date order', async () => {
    const want = expected([ads, visits, chats]);
    const got = joinedRows(await join(ads, visits, chats));
    expect(got.map(([k]) => k)).toEqual([...want.keys()]);
    expect(new Map(got)).toEqual(want);
  });

  it('gives the same sums per key and keys in the order first seen, rows shuffled', async () => {
    const [a, v, c] = [shuffled(ads), shuffled(visits), shuffled(chats)];
    const want = expected([a, v, c]);
    const got = joinedRows(await join(a, v, c));
    expect(got.map(([k]) => k)).toEqual([...want.keys()]);
    expect(new Map(got)).toEqual(want);
    expect(new Map(got)).toEqual(expected([ads, visits, chats]));
  });
});
