import { formatShortcut } from '../actions/keyboard';
import { useIsMac } from './usePlatform';

/** A shortcut as this platform writes it, e.g. <kbd>Ctrl+Z</kbd> or <kbd>⌘Z</kbd>. */
export function ShortcutText({ shortcut }: { shortcut: string }) {
  const isMac = useIsMac();
  if (!shortcut) return null;
  return <kbd className="kbd">{formatShortcut(shortcut, isMac)}</kbd>;
}
