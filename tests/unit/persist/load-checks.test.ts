// Uniqueness and ranges on load: every id, name and dictionary value a screen keys a list by is
// unique, and every time and date is within range, in saved records, files and links alike. A
// repeat used to crash the keyed lists on every load; a time of 1e16 threw where it was shown.
import { describe, expect, it } from 'vitest';
import {
  arr,
  dayNumber,
  epochMs,
  isDayNumber,
  obj,
  str,
  unique,
  validate,
} from '../../../src/persist/check';
import { readIndex, readTable, readWorkspace } from '../../../src/persist/migrate';
import { reportCheck, specCheck } from '../../../src/persist/schema';
import { tableRecord } from '../../../src/persist/table-record';
import { readPlans } from '../../../src/persist/plans-schema';
import { readWorkspaceFile, workspaceFile } from '../../../src/persist/file';
import { decodeShare, encodeShare } from '../../../src/persist/share';
import type { NumberColumn, TextColumn } from '../../../src/core/table/table';
import {
  FILE_CLASSES,
  hostileFiles,
  shareFileOf,
} from '../../fixtures/hostile/integrity-files.mjs';
import { hostileLinks } from '../../fixtures/hostile/integrity-links.mjs';
import { snapshot, twoDatasets } from './kept';

/** Worked out by hand: 70 years of 365 days and 17 leap days before 1970. */
const DAY_1900_01_01 = -(70 * 365 + 17);
/** 231 years of 365 days and 56 leap days (1972…2196; 2100 and 2200 are not) to 2201-01-01. */
const DAY_2201_01_01 = 231 * 365 + 56;
const END_OF_2200_MS = DAY_2201_01_01 * 86_400_000 - 1;

const state = twoDatasets;

describe('reusable checks', () => {
  it('unique() names the repeat and the first of it', () => {
    const ids = unique(arr(str()));
    expect(validate(ids, ['a', 'b'])).toEqual({ ok: true, value: ['a', 'b'] });
    const r = validate(ids, ['a', 'b', 'a']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('[2]: repeats [0]');
    const byId = unique(arr(obj({ id: str() })), (x) => x.id);
    expect(() => byId([{ id: 'x' }, { id: 'x' }], '.stages')).toThrow('.stages[1]: repeats');
  });

  it('dayNumber() takes 1900-01-01 … 2200-12-31 with times of day, nothing else', () => {
    expect(DAY_1900_01_01).toBe(-25567);
    const inRange = [DAY_1900_01_01, 0, 20093.5, DAY_2201_01_01 - 1, DAY_2201_01_01 - 0.001];
    for (const d of inRange) expect(isDayNumber(d), String(d)).toBe(true);
    const outside = [DAY_1900_01_01 - 0.5, DAY_2201_01_01, 1e12, -1e12, NaN, Infinity];
    for (const d of outside) {
      expect(isDayNumber(d), String(d)).toBe(false);
      expect(() => dayNumber(d, '.d')).toThrow('.d: not a date between 1900 and 2200');
    }
  });

  it('epochMs() takes 1970 … the end of 2200', () => {
    for (const t of [0, 1_750_000_000_000, END_OF_2200_MS]) expect(epochMs(t, '.t')).toBe(t);
    for (const t of [-1, END_OF_2200_MS + 1, 1e16, NaN, Infinity, '1']) {
      expect(() => epochMs(t, '.t')).toThrow('.t: not a time between 1970 and 2200');
    }
  });
});

describe('saved records', () => {
  const rec = () => tableRecord(state().datasets[0].table);

  it('refuse a dictionary with a value twice', () => {
    const r = rec();
    const text = r.columns[1] as TextColumn;
    expect(text.dict).toEqual(['', '华东', '华北', '华南']);
    const twice = {
      ...r,
      columns: r.columns.with(1, { ...text, dict: ['', '华东', '华北', '华东'] }),
    };
    expect(() => readTable(twice)).toThrow('.columns[1].dict[3]: repeats .columns[1].dict[1]');
  });

  it('refuse a date outside 1900–2200, and a number that is not finite in a filled cell', () => {
    const r = rec();
    const far = { ...r.columns[0], days: Float64Array.of(20089, 1e12, NaN, 20178) };
    expect(() => readTable({ ...r, columns: r.columns.with(0, far) })).toThrow(
      '.columns[0].days[1]: not a date between 1900 and 2200',
    );
    const cost = r.columns[4] as NumberColumn;
    const nan = { ...cost, values: Float64Array.of(1.5, NaN, -0.125, 4) };
    expect(() => readTable({ ...r, columns: r.columns.with(4, nan) })).toThrow(
      '.columns[4].values[1]: not a finite number',
    );
    // an empty cell's slot is never read: whatever it holds is no reason to refuse
    const emptyNaN = { ...nan, nulls: Uint8Array.of(0b10) };
    expect(readTable({ ...r, columns: r.columns.with(4, emptyNaN) }).rowCount).toBe(4);
  });

  const workspace = (datasets: unknown[], savedAt = 1_750_000_000_000) => ({
    v: 1,
    id: 'ws-1',
    rev: 1,
    savedAt,
    datasets,
    activeId: null,
    view: null,
    plans: null,
  });
  const stored = (id: string, importedAt = 1_750_000_000_000) => ({
    id,
    name: `${id}.csv`,
    importedAt,
    spec: state().datasets[0].spec,
    report: null,
    table: `t:${id}`,
    rowCount: 4,
  });

  it('refuse a workspace with a dataset id twice, or a time out of range', () => {
    expect(readWorkspace(workspace([stored('a'), stored('b')])).datasets).toHaveLength(2);
    expect(() => readWorkspace(workspace([stored('a'), stored('b'), stored('a')]))).toThrow(
      '.datasets[2]: repeats .datasets[0]',
    );
    expect(() => readWorkspace(workspace([stored('a', 1e16)]))).toThrow(
      '.datasets[0].importedAt: not a time between 1970 and 2200',
    );
    expect(() => readWorkspace(workspace([], 1e16))).toThrow('.savedAt: not a time');
  });

  it('refuse an index listing a workspace twice or made in the year 318857', () => {
    const entry = (id: string, createdAt = 5) => ({
      id,
      name: id,
      createdAt,
      updatedAt: 5,
      rev: 1,
      head: null,
      deletedAt: null,
    });
    const index = (workspaces: unknown[]) => ({ v: 1, workspaces, current: null });
    expect(readIndex(index([entry('a'), entry('b')])).workspaces).toHaveLength(2);
    expect(() => readIndex(index([entry('a'), entry('a')]))).toThrow(
      '.workspaces[1]: repeats .workspaces[0]',
    );
    expect(() => readIndex(index([entry('a', 1e16)]))).toThrow('.workspaces[0].createdAt');
  });

  it('refuse a spec with a stage id, dimension, level or outcome twice', () => {
    const spec = state().datasets[0].spec;
    expect(validate(specCheck, spec).ok).toBe(true);
    const cases: [string, unknown][] = [
      ['.stages[1]: repeats .stages[0]', { ...spec, stages: [spec.stages[0], spec.stages[0]] }],
      ['.dimensions[1]: repeats', { ...spec, dimensions: ['地区', '地区'] }],
      ['.hierarchy[1]: repeats', { ...spec, hierarchy: ['地区', '地区'] }],
      ['.lostValues[1]: repeats', { ...spec, lostValues: ['输单', '输单'] }],
      ['.wonValues[1]: repeats', { ...spec, wonValues: ['赢单', '赢单'] }],
    ];
    for (const [message, bad] of cases) {
      const r = validate(specCheck, bad);
      expect(r.ok, message).toBe(false);
      if (!r.ok) expect(r.error.message).toContain(message);
    }
  });

  it('refuse a report naming a sheet twice', () => {
    const report = {
      fileName: 'a.xlsx',
      encoding: 'utf-8',
      delimiter: ',',
      headerLine: 1,
      rowsRead: 2,
      droppedTotals: [],
      droppedBlank: 0,
      raggedRows: 0,
      raggedLines: [],
      renamedHeaders: [],
      warnings: [],
      currency: '',
      sheets: ['Sheet1', 'Sheet2'],
      sheet: 'Sheet1',
    };
    expect(validate(reportCheck, report).ok).toBe(true);
    const r = validate(reportCheck, { ...report, sheets: ['Sheet1', 'Sheet1'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('.sheets[1]: repeats .sheets[0]');
  });
});

describe('saved plans', () => {
  const scenario = (id: string) => ({
    id,
    name: id,
    top: null,
    budget: null,
    costPerUnit: null,
    averageValue: null,
    rates: {},
  });
  const plans = (scenarios: unknown[], compare: string[]) => ({
    version: 1,
    datasets: {
      'ds-1': {
        targets: {},
        draft: null,
        scenarios,
        compare,
        goal: null,
        split: null,
        plannedTop: null,
      },
    },
  });

  it('refuse a scenario id twice, and a scenario compared twice', () => {
    expect(readPlans(plans([scenario('a'), scenario('b')], ['a', 'b'])).ok).toBe(true);
    expect(readPlans(plans([scenario('a'), scenario('a')], []))).toEqual({
      ok: false,
      reason: '.datasets.ds-1.scenarios[1]: repeats .datasets.ds-1.scenarios[0]',
    });
    expect(readPlans(plans([scenario('a')], ['a', 'a']))).toEqual({
      ok: false,
      reason: '.datasets.ds-1.compare[1]: repeats .datasets.ds-1.compare[0]',
    });
  });
});

describe('files', () => {
  const base = workspaceFile('w', state(), 1_750_000_000_000);

  it.each([2, 1] as const)('refuse every hostile class, version %i', async (version) => {
    expect((await readWorkspaceFile(base)).ok).toBe(true);
    for (const seed of [1, 2, 3, 4, 5]) {
      const files = hostileFiles(base, seed, version);
      expect(files.map((f) => f.label)).toEqual(FILE_CLASSES);
      for (const f of files) {
        const r = await readWorkspaceFile(f.text);
        expect(r, `${seed}: ${f.label}`).toMatchObject({ ok: false, problem: 'invalid' });
        if (!r.ok) expect(r.detail, `${seed}: ${f.label}`).toContain(f.detail);
      }
    }
  });

  it('refuse a share file with a createdAt of 1e16', async () => {
    const snap = snapshot();
    expect((await readWorkspaceFile(shareFileOf(snap, 1))).ok).toBe(true);
    const r = await readWorkspaceFile(shareFileOf({ ...snap, createdAt: 1e16 }, 1));
    expect(r).toEqual({
      ok: false,
      problem: 'invalid',
      detail: '.snapshot.createdAt: not a time between 1970 and 2200',
    });
  });
});

describe('links', () => {
  it('refuse repeated stage ids and segment values and a createdAt of 1e16', async () => {
    const value = await encodeShare(snapshot());
    for (const seed of [1, 2, 3]) {
      const links = hostileLinks(value, seed);
      expect(links.map((l) => l.label)).toEqual([
        'a createdAt of 1e16',
        'repeated stage ids',
        'repeated segment values',
      ]);
      for (const l of links) {
        const r = await decodeShare(l.text);
        expect(r, l.label).toMatchObject({ ok: false, problem: 'invalid' });
        if (!r.ok) expect(r.detail, l.label).toContain(l.detail);
      }
    }
  });
});
