import { isMacPlatform } from '../actions/keyboard';
import { useHostInfo } from '../state/host-info-store';

/** True on macOS (Cmd instead of Ctrl), from the host's app info or else the browser. */
export function useIsMac(): boolean {
  const platform = useHostInfo((s) => s.appInfo?.platform);
  return isMacPlatform(platform ?? (typeof navigator === 'undefined' ? '' : navigator.platform));
}
