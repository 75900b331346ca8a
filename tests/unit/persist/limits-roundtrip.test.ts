/**
 * One set of limits from import to load: what recognition and the mapping editor make from an
 * unusual but ordinary file is always something the loader reads back.
 */
import { describe, expect, it } from 'vitest';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { addStage, updateStage } from '../../../src/core/spec/spec-edit';
import { MAX_NAME_LENGTH, MAX_STAGES } from '../../../src/core/table/limits';
import { fromArrays } from '../../../src/core/table/table';
import { validate } from '../../../src/persist/check';
import { specCheck } from '../../../src/persist/schema';

function countColumns(n: number, name = (k: number) => `count ${k + 1}`) {
  const data = Object.create(null) as Record<string, number[]>;
  for (let k = 0; k < n; k++) data[name(k)] = [n - k, n - k];
  return fromArrays(data);
}

describe('limits shared by recognition, the editor and the loader', () => {
  it('a report with 150 count columns gets 100 stages, says so, and loads', () => {
    const table = countColumns(150);
    const { spec, reasons } = recogniseSpec(table);
    expect(spec.stages).toHaveLength(MAX_STAGES);
    expect(spec.stages[0].label).toBe('count 1');
    expect(spec.stages.at(-1)!.label).toBe('count 100');
    expect(reasons.some((r) => r.key === 'map.reason.tooManyStages')).toBe(true);
    expect(validate(specCheck, spec).ok).toBe(true);
    // The editor adds no 101st stage.
    expect(addStage(table, spec, 'new').stages).toHaveLength(MAX_STAGES);
  });

  it('stages named by 1,000-character headers still make ids the loader takes', () => {
    const long = (k: number) => `${'指标'.repeat(499)}${k}`;
    const table = countColumns(3, long);
    const { spec } = recogniseSpec(table);
    expect(spec.stages).toHaveLength(3);
    expect(new Set(spec.stages.map((s) => s.id)).size).toBe(3);
    expect(validate(specCheck, spec).ok).toBe(true);
  });

  it('a label typed longer than the limit is cut to it', () => {
    const table = countColumns(2);
    const { spec } = recogniseSpec(table);
    const next = updateStage(spec, 0, { label: 'x'.repeat(MAX_NAME_LENGTH + 500) });
    expect(next.stages[0].label).toHaveLength(MAX_NAME_LENGTH);
    expect(validate(specCheck, next).ok).toBe(true);
  });
});
