// Generated CSV files for the import's fuzz tests: columns mostly of one kind (counts, decimals,
// ISO dates, text in several scripts) with the odd cells exports have (empty, placeholders,
// thousands separators, spaces, totals, quotes with doubled quotes and line breaks, blank lines,
// short and long rows, CRLF or CR, a BOM), as UTF-8 bytes.
import fc from 'fast-check';

const kinds = ['count', 'decimal', 'date', 'text'] as const;
type Kind = (typeof kinds)[number];

const digits = fc.integer({ min: 0, max: 99_999 }).map(String);
const values: Record<Kind, fc.Arbitrary<string>> = {
  count: fc.oneof(
    digits,
    digits.map((d) => `-${d}`),
    fc.constant('0'),
  ),
  decimal: fc
    .tuple(fc.integer({ min: -9999, max: 9999 }), fc.integer({ min: 0, max: 999 }))
    .map(([a, b]) => `${a}.${b}`),
  date: fc
    .tuple(
      fc.integer({ min: 1890, max: 2230 }),
      fc.integer({ min: 1, max: 13 }),
      fc.integer({ min: 0, max: 31 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  text: fc
    .array(fc.constantFrom('a', 'Z', 's', 'T', '北', '京', '合', '计', 'é', '😀', '-', '.', '7'), {
      minLength: 1,
      maxLength: 6,
    })
    .map((cs) => cs.join('')),
};
/** What exports put among a column's values now and then. */
const odd = fc.constantFrom(
  '',
  '--',
  'N/A',
  ' 12 ',
  '1,234',
  '12.5%',
  '¥30',
  '2025/1/5',
  '5/1/2025',
  '2025-01-05 10:30',
  '\u3000x',
  '\uFEFFy',
  'Total',
  '合计',
  '"q, ""uoted"""',
  '"two\nlines"',
  '"cr\r\nlf"',
  '00123',
  '1e5',
  'x'.repeat(20),
);
const ending = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

export const csvFile = fc
  .record({
    columns: fc.array(fc.constantFrom(...kinds), { minLength: 1, maxLength: 5 }),
    rows: fc.array(
      fc.record({
        cells: fc.array(fc.tuple(fc.nat(99), fc.nat(), fc.nat()), { minLength: 5, maxLength: 5 }),
        width: fc.oneof(fc.constant(0), fc.integer({ min: -2, max: 2 })),
        ending,
        blank: fc.nat(30),
      }),
      { minLength: 1, maxLength: 60 },
    ),
    lastEnding: fc.boolean(),
    mainEnding: fc.constantFrom('\n', '\r\n'),
    oddShare: fc.integer({ min: 0, max: 30 }),
    bom: fc.boolean(),
    oddSeed: fc.array(odd, { minLength: 1, maxLength: 8 }),
    valueSeed: fc.array(fc.tuple(...kinds.map((k) => values[k])), {
      minLength: 1,
      maxLength: 12,
    }),
  })
  .map(({ columns, rows, lastEnding, mainEnding, oddShare, bom, oddSeed, valueSeed }) => {
    const header = columns.map((k, j) => `${k}${j}`).join(',');
    const lines = rows.map((r, k) => {
      const n = Math.max(1, columns.length + (r.width === 0 ? 0 : r.width));
      const cells = Array.from({ length: n }, (_, j) => {
        const [p, a, b] = r.cells[j % 5];
        // Some files have many odd cells, some none; the rest are of their column's kind.
        if (p < oddShare) return oddSeed[a % oddSeed.length];
        const kind = columns[j] ?? 'text';
        return valueSeed[b % valueSeed.length][kinds.indexOf(kind)];
      });
      // A file keeps one kind of line break but for a few rows; a blank line now and then.
      const own = r.blank < 3 ? r.ending : mainEnding;
      const end = k < rows.length - 1 || lastEnding ? own : '';
      return (r.blank === 0 ? own : '') + cells.join(',') + end;
    });
    const text = `${header}\n${lines.join('')}`;
    const body = new TextEncoder().encode(text);
    return bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
  });
