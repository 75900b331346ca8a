/**
 * The embedded samples, shipped as static files beside the app and imported through the same
 * pipeline as a user's file (relative URL: works under any sub-path).
 */
import type { Importer } from './imports.svelte';

export async function openSample(importer: Importer, file: string): Promise<void> {
  const response = await fetch(`./samples/${file}`);
  if (!response.ok) throw new Error(`sample ${file}: HTTP ${response.status}`);
  await importer.importBytes(await response.arrayBuffer(), file);
}
