// Fuzz of the three decoders of untrusted text: share links (#s=), view hashes (#v=) and
// workspace / share files. Whatever comes in is either refused with a typed problem or read as
// exactly what was written: never an exception, never a different snapshot, view or workspace.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from '../../../src/persist/share';
import { readWorkspaceFile, workspaceFile } from '../../../src/persist/file';
import type { LiveState } from '../../../src/persist/repo';
import { decodeView, encodeView, type ViewState } from '../../../src/state/view-hash';
import { packFile, packLink, packView } from '../../fixtures/hostile/integrity-codec.mjs';
import { URL_SAFE } from '../../fixtures/hostile/integrity-links.mjs';
import { snapshot as kept, twoDatasets } from '../persist/kept';
import { assertFuzz, FUZZ_SEEDS } from './runs';

/** Time for one property under every seed (npm run fuzz runs many seeds and cases). */
const TIMEOUT =
  30_000 * FUZZ_SEEDS.length * Math.max(1, Number(process.env.FUZZ_RUNS ?? 150) / 150);

const SHARE_PROBLEMS = ['too-long', 'damaged', 'too-large', 'invalid', 'newer'];
const VIEW_PROBLEMS = ['too-long', 'damaged', 'invalid'];
const FILE_PROBLEMS = ['not-ours', 'newer', 'invalid', 'endian'];

const snapshot = kept();

const view: ViewState = {
  filters: [{ field: '地区', values: ['华北', '华东'] }],
  range: { from: '2025-09-01', to: '2025-09-30' },
  granularity: 'week',
  breakdown: '分公司',
  drill: [],
  compare: 'segments',
  pair: null,
  tab: 'breakdown',
};

function state(): LiveState {
  return { ...twoDatasets(), view: encodeView(view) };
}

/** One character replaced, inserted or removed at a position the fuzzer picks. */
const edit = (alphabet: fc.Arbitrary<string>) =>
  fc.record({
    kind: fc.constantFrom('replace', 'insert', 'remove'),
    at: fc.nat(),
    c: alphabet,
  });
type Edit = { kind: 'replace' | 'insert' | 'remove'; at: number; c: string };

function applyEdit(text: string, e: Edit): string {
  const at = e.at % (text.length + (e.kind === 'insert' ? 1 : 0));
  if (e.kind === 'insert') return text.slice(0, at) + e.c + text.slice(at);
  if (e.kind === 'remove') return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + e.c + text.slice(at + 1);
}

const urlChar = fc.constantFrom(...URL_SAFE.split(''), '.', '=', '+', '/', '%', ' ');
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });

let link = '';
let file = '';
const live = state();
beforeAll(async () => {
  link = await encodeShare(snapshot);
  file = workspaceFile('我的工作区', live, 1_750_000_000_000);
});

async function sameFile(text: string): Promise<void> {
  const r = await readWorkspaceFile(text);
  if (r.ok) expect(r).toEqual(await readWorkspaceFile(file));
  else expect(FILE_PROBLEMS).toContain(r.problem);
}

describe('share links', { timeout: TIMEOUT }, () => {
  it('refuse arbitrary text with a typed problem', async () => {
    await assertFuzz(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^[\w-]*$/)),
        async (text) => {
          const r = await decodeShare(text);
          if (!r.ok) expect(SHARE_PROBLEMS).toContain(r.problem);
        },
      ),
    );
  });

  it('refuse arbitrary bytes and JSON behind a valid check, or read them strictly', async () => {
    await assertFuzz(
      fc.asyncProperty(fc.jsonValue(), async (json) => {
        const r = await decodeShare(packLink(json));
        if (!r.ok) expect(SHARE_PROBLEMS).toContain(r.problem);
        else expect(JSON.parse(JSON.stringify(r.snapshot))).toEqual(json);
      }),
    );
    await assertFuzz(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const r = await decodeShare(Buffer.from([0x0e, ...bytes]).toString('base64url'));
        if (!r.ok) expect(SHARE_PROBLEMS).toContain(r.problem);
      }),
    );
  });

  it('refuse every one-character edit of a valid link, or read exactly the snapshot', async () => {
    await assertFuzz(
      fc.asyncProperty(edit(urlChar), async (e) => {
        const r = await decodeShare(applyEdit(link, e));
        if (r.ok) expect(r.snapshot).toEqual(snapshot);
        else expect(SHARE_PROBLEMS).toContain(r.problem);
      }),
      4,
    );
  });

  it('refuse a snapshot with one value changed before signing, or read exactly it', async () => {
    // a valid check on altered content: the schema, not the CRC, must hold
    await assertFuzz(
      fc.asyncProperty(fc.nat(), fc.jsonValue(), async (at, value) => {
        const json = JSON.stringify(snapshot);
        const slots = [...json.matchAll(/:(?=[^{[])/g)].map((m) => m.index);
        const from = slots[at % slots.length] + 1;
        const end = json.slice(from).search(/[,}\]]/) + from;
        let altered: unknown;
        try {
          altered = JSON.parse(json.slice(0, from) + JSON.stringify(value) + json.slice(end));
        } catch {
          return;
        }
        const r = await decodeShare(packLink(altered));
        if (r.ok) expect(r.snapshot).toEqual(altered);
        else expect(SHARE_PROBLEMS).toContain(r.problem);
      }),
    );
  });
});

describe('view hashes', { timeout: TIMEOUT }, () => {
  it('refuse arbitrary text with a typed problem', async () => {
    await assertFuzz(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^[\w.-]*$/)),
        (text) => {
          const r = decodeView(text);
          if (!r.ok) expect(VIEW_PROBLEMS).toContain(r.problem);
        },
      ),
    );
  });

  it('refuse arbitrary JSON behind a valid check, or read it strictly', async () => {
    await assertFuzz(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (json) => {
        const r = decodeView(packView(json));
        if (!r.ok) expect(VIEW_PROBLEMS).toContain(r.problem);
      }),
    );
  });

  it('refuse every one-character edit of a valid view, or read exactly the view', async () => {
    const value = encodeView(view);
    await assertFuzz(
      fc.property(edit(urlChar), (e) => {
        const r = decodeView(applyEdit(value, e));
        if (r.ok) expect(r.state).toEqual(view);
        else expect(VIEW_PROBLEMS).toContain(r.problem);
      }),
      4,
    );
  });
});

describe('workspace files', { timeout: TIMEOUT }, () => {
  it('refuse arbitrary text and arbitrary JSON with a typed problem', async () => {
    await assertFuzz(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary' }), fc.json()), async (text) => {
        const r = await readWorkspaceFile(text);
        if (!r.ok) expect(FILE_PROBLEMS).toContain(r.problem);
      }),
    );
    await assertFuzz(
      fc.asyncProperty(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.constantFrom(1, 2),
        async (json, v) => {
          const r = await readWorkspaceFile(
            packFile({ format: 'funnel-workbench', v, kind: 'workspace', ...json }, v),
          );
          if (!r.ok) expect(FILE_PROBLEMS).toContain(r.problem);
        },
      ),
    );
  });

  it('refuse every one-character edit of a valid file, or read exactly the workspace', async () => {
    await assertFuzz(
      fc.asyncProperty(edit(anyChar), async (e) => {
        await sameFile(applyEdit(file, e));
      }),
      4,
    );
  });

  it('refuse every byte flip of a valid file as saved on disk, or read exactly the workspace', async () => {
    const bytes = new TextEncoder().encode(file);
    await assertFuzz(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (at, flip) => {
        const changed = Uint8Array.from(bytes);
        changed[at % changed.length] ^= flip;
        // as the browser reads a file: bad UTF-8 becomes U+FFFD
        await sameFile(new TextDecoder().decode(changed));
      }),
      4,
    );
  });
});
