/**
 * Names from data are keys, never members of Object.prototype: a stage made from a column called
 * `constructor`, a segment called `__proto__`, weights and targets typed for them, kept, saved,
 * read back and reloaded, with the same numbers.
 */
import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../../src/core/decide/targets';
import { editsOf } from '../../../src/core/decide/scenario';
import { readPlans } from '../../../src/persist/plans-schema';
import { Plans } from '../../../src/state/plans.svelte';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype'];

describe('names from data', () => {
  it('a target names only what it holds: no stage is Object.prototype', () => {
    const r = resolveTarget({ kind: 'counts', values: {} }, NAMES, null);
    expect(r.counts).toEqual([null, null, null, null, null]);
  });

  it('scenario rates for stages named like Object members read as no change', () => {
    const edits = editsOf(
      { name: '', top: null, budget: null, costPerUnit: null, averageValue: null, rates: {} },
      NAMES,
    );
    expect(edits.rates).toEqual([null, null, null, null, null]);
  });

  it('weights and targets for such names survive saving and reloading', () => {
    const plans = new Plans();
    const weights = Object.create(null) as Record<string, number>;
    NAMES.forEach((n, k) => Object.defineProperty(weights, n, { value: k + 1, enumerable: true }));
    plans.setSplit('ds-1', {
      field: '关键词',
      stage: 'orders',
      method: 'weights',
      weights,
      total: 15,
    });
    plans.setTarget('ds-1', 'all', { kind: 'counts', values: weights });
    // What storage does: a JSON-like copy, read back through the loader's validator.
    const stored = JSON.parse(JSON.stringify(plans.toJSON()));
    const checked = readPlans(stored);
    expect(checked.ok).toBe(true);
    const back = new Plans();
    expect(back.restore(stored)).toEqual({ ok: true });
    const split = back.of('ds-1').split!;
    expect(NAMES.map((n) => Object.hasOwn(split.weights, n) && split.weights[n])).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(Object.getPrototypeOf(split.weights)).toBeNull();
    const target = back.target('ds-1', 'all')!;
    expect(resolveTarget(target, NAMES, null).counts).toEqual([1, 2, 3, 4, 5]);
    // Nothing leaked onto Object.prototype along the way.
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
  });

  it('a target key that is an Object member finds nothing until set', () => {
    const plans = new Plans();
    expect(plans.target('ds-1', 'constructor')).toBeNull();
    expect(plans.target('constructor', 'all')).toBeNull();
  });
});
