/** How a workspace is called on screen ("Untitled workspace" until it has a name). */
import { t } from '../../i18n/i18n.svelte';

export function workspaceName(entry: { name: string }): string {
  return entry.name || t('keep.untitled');
}
