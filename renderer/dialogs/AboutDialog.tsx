import { ACTIONS } from '../actions/registry';
import { ShortcutText } from '../panels/ShortcutText';
import { useHostInfo } from '../state/host-info-store';
import { Dialog } from './Dialog';

/** Version and host, and every keyboard shortcut, read from the action registry. */
export function AboutDialog() {
  const info = useHostInfo((s) => s.appInfo);
  const withKeys = ACTIONS.filter((a) => (a.shortcuts ?? []).length > 0);
  return (
    <Dialog title="About Pipewright" testId="about-dialog">
      <p>
        Design, generate, run and simulate BullMQ background-job pipelines.
        {info
          ? ` Version ${info.version}, ${info.host === 'electron' ? 'desktop' : 'web'} on ${info.platform}.`
          : ''}
      </p>
      <h3 className="dialog__sub">Keyboard shortcuts</h3>
      <table className="shortcuts">
        <tbody>
          {withKeys.map((a) => (
            <tr key={a.id}>
              <td>{a.label}</td>
              <td>
                {(a.shortcuts ?? []).map((s) => (
                  <ShortcutText key={s} shortcut={s} />
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
