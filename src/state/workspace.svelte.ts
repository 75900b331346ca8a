/**
 * The workspace: the datasets the user has imported, which one is open, and the compiled funnel
 * of the open one. Screens read from here; persistence (src/persist) saves and restores it.
 */
import { compileSpec, type CompiledFunnel } from '../core/engine/compile';
import type { ImportReport } from '../core/read/report';
import type { Dataset } from '../core/spec/dataset';
import type { FunnelSpec } from '../core/spec/spec';
import type { Table } from '../core/table/table';
import type { Problem } from '../core/spec/validate';

export type { Dataset };

/** The compiled funnel of the open dataset, or why it did not compile. */
export interface Compiled {
  funnel: CompiledFunnel | null;
  error: string | null;
  problems: Problem[];
}

/** Told which dataset was open before and which is now, when the user opens another. */
export type SwitchListener = (from: string | null, to: string | null) => void;

/** What a view looks at: the open dataset and its compiled funnel. */
export interface DatasetSource {
  readonly active: Dataset | null;
  readonly compiled: Compiled;
  /** Call `listener` whenever another dataset is opened (absent: the source never switches). */
  onSwitch?(listener: SwitchListener): void;
}

export class Workspace implements DatasetSource {
  #datasets = $state.raw<Dataset[]>([]);
  #activeId = $state<string | null>(null);
  #listeners: SwitchListener[] = [];

  onSwitch(listener: SwitchListener): void {
    this.#listeners.push(listener);
  }

  /**
   * Open `id`, telling listeners in the same step (so no screen draws the new data through the
   * old view). Restoring a saved workspace does not go through here: its view comes with it.
   */
  #setActive(id: string | null): void {
    const from = this.#activeId;
    this.#activeId = id;
    if (from !== id) for (const listener of this.#listeners) listener(from, id);
  }

  get datasets(): Dataset[] {
    return this.#datasets;
  }

  get active(): Dataset | null {
    return this.#datasets.find((d) => d.id === this.#activeId) ?? null;
  }

  /**
   * The open dataset's funnel, compiled; null with a reason when its spec does not compile.
   * `problems` are the spec's validation problems (errors when it failed, else warnings).
   */
  readonly compiled = $derived.by((): Compiled => {
    const ds = this.active;
    if (!ds) return { funnel: null, error: null, problems: [] };
    const r = compileSpec(ds.table, ds.spec);
    return r.ok
      ? { funnel: r.funnel, error: null, problems: r.funnel.warnings ?? [] }
      : { funnel: null, error: r.error, problems: r.problems ?? [] };
  });

  /** Add a dataset and open it. */
  add(dataset: Dataset): void {
    this.#datasets = [...this.#datasets.filter((d) => d.id !== dataset.id), dataset];
    this.#setActive(dataset.id);
  }

  open(id: string): void {
    if (this.#datasets.some((d) => d.id === id)) this.#setActive(id);
  }

  remove(id: string): void {
    this.#datasets = this.#datasets.filter((d) => d.id !== id);
    if (this.#activeId === id) this.#setActive(this.#datasets.at(-1)?.id ?? null);
  }

  /** Replace the open dataset's spec (the mapping editor's one way to change it). */
  setSpec(id: string, spec: FunnelSpec): void {
    this.#datasets = this.#datasets.map((d) => (d.id === id ? { ...d, spec } : d));
  }

  /** Replace a dataset's table and report (a column retyped in the data preview). */
  updateData(id: string, table: Table, report: ImportReport | null): void {
    this.#datasets = this.#datasets.map((d) => (d.id === id ? { ...d, table, report } : d));
  }

  /** Replace everything (restoring a saved workspace). */
  replaceAll(datasets: Dataset[], activeId: string | null): void {
    this.#datasets = datasets;
    this.#activeId =
      activeId && datasets.some((d) => d.id === activeId)
        ? activeId
        : (datasets.at(-1)?.id ?? null);
  }
}

/** A short random id for datasets, scenarios and the like. */
export function newId(prefix = 'id'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
