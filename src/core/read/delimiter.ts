/**
 * Which character separates the fields: comma, tab, semicolon or pipe. Decided by consistency,
 * not frequency: the delimiter is the one that splits the most records into the same number of
 * fields. Characters inside quotes do not count, so `"1,234"` in a tab file is no evidence for
 * commas, and title lines above the table (no delimiter at all) do not count either.
 */

export const DELIMITERS = [',', '\t', ';', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Per record of `sample`, how many times each candidate occurs outside quotes. */
function countPerRecord(sample: string, maxRecords: number): number[][] {
  const counts: number[][] = [];
  let row = [0, 0, 0, 0];
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < sample.length && counts.length < maxRecords; i++) {
    const c = sample[i];
    if (inQuotes) {
      if (c === '"') {
        if (sample[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      continue;
    }
    const k = DELIMITERS.indexOf(c as Delimiter);
    if (k >= 0) {
      row[k]++;
      fieldStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && sample[i + 1] === '\n') i++;
      counts.push(row);
      row = [0, 0, 0, 0];
      fieldStart = true;
    } else if (c !== ' ') fieldStart = false;
  }
  if (row.some((n) => n > 0)) counts.push(row);
  return counts;
}

/**
 * The commonest value and how often it occurs; a tie goes to the larger value (the wider split,
 * the wider table). 0 and 0 for no values.
 *
 * @example
 * commonest([3, 5, 5, 3]) // { value: 5, times: 2 }
 */
export function commonest(values: readonly number[]): { value: number; times: number } {
  const freq = new Map<number, number>();
  for (const v of values) freq.set(v, (freq.get(v) ?? 0) + 1);
  let value = 0;
  let times = 0;
  for (const [v, n] of freq) {
    if (n > times || (n === times && v > value)) {
      value = v;
      times = n;
    }
  }
  return { value, times };
}

/**
 * The field delimiter of delimited text, from its first records (default comma).
 *
 * @example
 * detectDelimiter('a;b;c\n1;"2,5";3\n')         // ';'
 * detectDelimiter('Report\n日期\t消费\n1\t"1,234"\n') // '\t'
 */
export function detectDelimiter(sample: string, maxRecords = 200): Delimiter {
  const records = countPerRecord(sample, maxRecords);
  let best: Delimiter = ',';
  let bestScore = 0;
  DELIMITERS.forEach((delim, k) => {
    const { value: modeCount, times: modeRecords } = commonest(
      records.filter((r) => r[k] > 0).map((r) => r[k]),
    );
    const score = modeRecords * 1000 + Math.min(modeCount, 999);
    if (score > bestScore) {
      best = delim;
      bestScore = score;
    }
  });
  return best;
}
