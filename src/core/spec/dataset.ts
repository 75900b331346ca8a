/**
 * A dataset as the app holds it: an imported table, the funnel spec mapped onto it and the
 * report of its import. One type for the workspace, the saved records, workspace files and the
 * read-only snapshot a shared link opens.
 */
import type { JoinInfo } from '../join/join-info';
import type { ImportReport } from '../read/report';
import type { Table } from '../table/table';
import type { FunnelSpec } from './spec';

export interface Dataset {
  id: string;
  name: string;
  importedAt: number;
  table: Table;
  spec: FunnelSpec;
  report: ImportReport | null;
  /** Made from several exports (core/join): its sources, keys, grain and unmatched keys. */
  join?: JoinInfo | null;
}
