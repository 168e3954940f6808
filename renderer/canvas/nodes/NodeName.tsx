import { useRef, useState } from 'react';
import { renameAction } from '../../actions/rename';
import { runAction } from '../../actions/run';
import { startRenaming, stopRenaming, useIsRenaming } from '../../state/rename-store';

/** The node's name; double-click or F2 edits it in place (Enter keeps, Escape cancels). */
export function NodeName({ nodeId, name }: { nodeId: string; name: string }) {
  const renaming = useIsRenaming(nodeId);
  if (!renaming) {
    return (
      <span
        className="pw-node__name"
        title={`${name} — double-click or F2 to rename`}
        onDoubleClick={() => startRenaming(nodeId)}
      >
        {name}
      </span>
    );
  }
  return <NameInput nodeId={nodeId} name={name} />;
}

function NameInput({ nodeId, name }: { nodeId: string; name: string }) {
  const [value, setValue] = useState(name);
  const done = useRef(false);
  const finish = (keep: boolean) => {
    if (done.current) return;
    done.current = true;
    stopRenaming();
    if (keep) void runAction(renameAction, { nodeId, name: value });
  };
  return (
    <input
      className="pw-node__rename nodrag"
      aria-label="Node name"
      value={value}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(true);
        if (e.key === 'Escape') finish(false);
      }}
    />
  );
}
