// Person ids are text, always: an event log whose person column is `member` with 18-digit
// numbers (or client ids like 1000000001.1700007777) keeps every id exactly as written, so two
// people whose ids differ only in the 17th digit stay two people. The expected ids and counts
// are the test's own strings and sets, never the app's numbers.
import { describe, expect, test } from 'vitest';
import { importDelimitedText } from '../../../src/core/read/delimited';
import { beyondDouble, planColumn } from '../../../src/core/read/infer';
import { eventIndex } from '../../../src/core/engine/events-model';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { isNull, numberColumn, textAt, textColumn } from '../../../src/core/table/table';

describe('numbers a double cannot hold are ids', () => {
  // Independently of the code under test: BigInt says whether an integer survives a double.
  const survives = (s: string) => BigInt(Number(s)) === BigInt(s);

  test('integers past 15 digits; 17-digit neighbours that a double would merge', () => {
    const a = '12345678901234567';
    const b = '12345678901234568';
    expect(survives(a) && survives(b)).toBe(false);
    expect(Number(a)).toBe(Number(b)); // why it matters: as numbers they are one person
    for (const s of [a, b, '123456789012345678', '-123456789012345678', '1234567890123456'])
      expect(beyondDouble(s), s).toBe(true);
    for (const s of ['123456789012345', '-999999999999999', '42', '0', ''])
      expect(beyondDouble(s), s).toBe(false);
  });

  test('decimals: only those whose digits do not come back from a double', () => {
    expect(String(Number('1000000001.1700007777'))).not.toBe('1000000001.1700007777');
    expect(beyondDouble('1000000001.1700007777')).toBe(true);
    expect(beyondDouble('1247504368.1707954466')).toBe(true);
    // A float as pandas writes it, and a database decimal's trailing zeros, are numbers.
    expect(beyondDouble('0.30000000000000004')).toBe(false);
    expect(beyondDouble('12.34000000000000000000')).toBe(false);
    expect(beyondDouble('1234567.89')).toBe(false);
  });

  test('one such id among short numbers makes the column text, not an odd cell left empty', () => {
    const sample = ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '1009', '1010'];
    for (let i = 0; i < 40; i++) sample.push(String(2000 + i));
    expect(planColumn('member', sample).kind).toBe('number');
    expect(planColumn('member', [...sample, '123456789012345678']).kind).toBe('text');
    expect(planColumn('visits', ['1', '2', '0.30000000000000004']).kind).toBe('number');
    // Under a measure's header the same value is one odd cell: the count column stays.
    expect(planColumn('点击量', [...sample, '123456789012345678']).kind).toBe('number');
    expect(planColumn('Sessions', [...sample, '123456789012345678']).kind).toBe('number');
  });

  test('past the sample: a long id turns the column to text with every id exact; in a count it is listed', async () => {
    // 3,000 rows of short numbers, then at row 2,501 an 18-digit value, in two columns.
    const long = '123456789012345678';
    const lines = ['member,点击量'];
    for (let i = 1; i <= 3000; i++) lines.push(i === 2501 ? `${long},${long}` : `${i},${i}`);
    const { table, report } = await importDelimitedText(lines.join('\n'), { fileName: 'm.csv' });
    const member = textColumn(table, 'member')!;
    const ids = Array.from({ length: table.rowCount }, (_, r) => textAt(member, r));
    expect(ids[2500]).toBe(long);
    expect(ids[2499]).toBe('2500');
    expect(new Set(ids).size).toBe(3000);
    // The count column keeps its other 2,999 values and lists the one it could not add.
    const clicks = numberColumn(table, '点击量')!;
    let sum = 0;
    for (let r = 0; r < table.rowCount; r++) if (!isNull(clicks, r)) sum += clicks.values[r];
    expect(sum).toBe((3000 * 3001) / 2 - 2501);
    expect(isNull(clicks, 2500)).toBe(true);
    expect(report.warnings).toContainEqual(
      expect.objectContaining({
        key: 'import.warn.notNumbers',
        params: expect.objectContaining({ column: '点击量', count: 1 }),
      }),
    );
    expect(report.warnings).toContainEqual(
      expect.objectContaining({
        key: 'import.warn.becameText',
        params: expect.objectContaining({ column: 'member' }),
      }),
    );
  });
});

describe('an event log whose person column is `member`', () => {
  // Ids that differ only in the 17th digit, 18-digit ones, and a few short ones among them.
  const members = [
    '12345678901234567',
    '12345678901234568',
    '123456789012345678',
    '123456789012345679',
    '1000000001.1700007777',
    '1000000001.1700007778',
    '1001',
    '1002',
  ];
  const rows: string[][] = [];
  members.forEach((m, i) => {
    rows.push([m, 'visit', `2025-03-0${1 + (i % 5)} 10:00:00`]);
    if (i % 2 === 0) rows.push([m, 'order', `2025-03-0${1 + (i % 5)} 11:00:00`]);
  });
  // Many short ids first, so the long ones are rare in the column (under the odd-cell share).
  for (let i = 0; i < 200; i++) rows.unshift([String(5000 + i), 'visit', '2025-03-01 09:00:00']);
  const csv = ['member,event,time', ...rows.map((r) => r.join(','))].join('\n') + '\n';

  test('is recognised with no click, and every id is kept exactly as written', async () => {
    const { table } = await importDelimitedText(csv, { fileName: 'members.csv' });
    const { spec } = recogniseSpec(table);
    expect(spec.shape).toBe('events');
    expect(spec.events?.person).toBe('member');
    const col = textColumn(table, 'member')!;
    expect(col).not.toBeNull();
    const written = new Set(rows.map((r) => r[0]));
    expect(new Set(col.dict.slice(1))).toEqual(written);
    const index = eventIndex(table, 'member', 'time')!;
    expect(index.people).toBe(written.size);
    expect(new Set(index.ids)).toEqual(written);
  });
});
