import { isMacPlatform } from '../actions/keyboard';
import { useUi } from '../state/ui-store';

/** True on macOS (Cmd instead of Ctrl), from the host's app info or else the browser. */
export function useIsMac(): boolean {
  const platform = useUi((s) => s.appInfo?.platform);
  return isMacPlatform(platform ?? (typeof navigator === 'undefined' ? '' : navigator.platform));
}
