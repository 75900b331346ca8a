// The event funnel's rule written again, plainly and slowly, for the browser tests: people as
// lists of {time, name} objects, tried entry by entry with no typed arrays, no sorting tricks and
// nothing imported from the app. The rule, as the README states it: a person reaches step k
// when they did steps 1…k in order (each at or after the one before, never the same event
// twice) with step k within the window of step 1; each person counts once, from the earliest
// entry that goes furthest, then the earliest events in order after it.
import { readCsv } from './csv';

export interface Ev {
  /** Milliseconds since 1970 (UTC). */
  t: number;
  name: string;
  props: Record<string, string>;
}

export interface Path {
  /** How many steps the person reached (0 = never entered). */
  reached: number;
  /** Times of the steps reached, from the entry. */
  times: number[];
}

/** People's events from a CSV export, by person id. */
export function peopleOf(
  path: string,
  columns: { person: string; event: string; time: string },
  timeOf: (cell: string) => number,
): Map<string, Ev[]> {
  const csv = readCsv(path);
  const at = (name: string) => csv.header.indexOf(name);
  const people = new Map<string, Ev[]>();
  for (const row of csv.rows) {
    // Header names are the data's words (`__proto__` included): a record without a prototype.
    const props: Record<string, string> = Object.create(null);
    csv.header.forEach((h, i) => (props[h] = row[i]));
    const id = row[at(columns.person)];
    const list = people.get(id) ?? [];
    list.push({ t: timeOf(row[at(columns.time)]), name: row[at(columns.event)], props });
    people.set(id, list);
  }
  return people;
}

/** '2025-03-01 10:00:00' read as UTC. */
export const utcText = (cell: string) => Date.parse(cell.replace(' ', 'T') + 'Z');
/** GA4's microseconds, kept to the microsecond (as milliseconds with a fraction). */
export const micros = (cell: string) => Number(cell) / 1000;

/**
 * The counted path of one person, sequential mode. An exclusion after step a (0-based) stops a
 * path at step a when one of its events falls strictly between step a's event and the event
 * that would be step a + 1.
 */
export function pathOf(
  events: Ev[],
  steps: string[][],
  windowMs: number,
  exclusions: { events: string[]; after: number }[] = [],
): Path {
  let best: Path = { reached: 0, times: [] };
  const entries = events.filter((e) => steps[0].includes(e.name)).sort((a, b) => a.t - b.t);
  for (const entry of entries) {
    const used = new Set<Ev>([entry]);
    const times = [entry.t];
    for (let k = 1; k < steps.length; k++) {
      const next = events
        .filter(
          (e) =>
            !used.has(e) &&
            steps[k].includes(e.name) &&
            e.t >= times[k - 1] &&
            e.t - entry.t <= windowMs,
        )
        .sort((a, b) => a.t - b.t)[0];
      if (!next) break;
      const excluded = exclusions.some(
        (x) =>
          x.after === k - 1 &&
          events.some((e) => x.events.includes(e.name) && e.t > times[k - 1] && e.t < next.t),
      );
      if (excluded) break;
      used.add(next);
      times.push(next.t);
    }
    if (times.length > best.reached) best = { reached: times.length, times };
  }
  return best;
}

/** People reaching each step. */
export function countsOf(paths: Path[], steps: number): number[] {
  return Array.from({ length: steps }, (_, k) => paths.filter((p) => p.reached > k).length);
}

/** Median (halfway between the two middle values of an even count), in seconds. */
export function medianSeconds(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) / 1000;
}

/** Median seconds from step 1 to step k among the people who reached it. */
export function medianToStep(paths: Path[], k: number): number | null {
  return medianSeconds(paths.filter((p) => p.reached > k).map((p) => p.times[k] - p.times[0]));
}

/**
 * Silent conversion at a middle step k (0-based): people who reached step k − 1 only and did
 * no event of step k in their window, and of them those who did step k + 1 (and the last
 * step) after their step k − 1 within the window.
 */
export function silentAt(
  people: Ev[][],
  paths: Path[],
  steps: string[][],
  k: number,
  windowMs: number,
): { without: number; silent: number; toLast: number } {
  let without = 0;
  let silent = 0;
  let toLast = 0;
  paths.forEach((p, i) => {
    if (p.reached !== k) return;
    const start = p.times[0];
    const inWindow = people[i].filter((e) => e.t >= start && e.t <= start + windowMs);
    if (inWindow.some((e) => steps[k].includes(e.name))) return;
    without++;
    const later = inWindow.filter((e) => e.t >= p.times[k - 1]);
    if (later.some((e) => steps[k + 1].includes(e.name))) silent++;
    if (later.some((e) => steps[steps.length - 1].includes(e.name))) toLast++;
  });
  return { without, silent, toLast };
}
