import type { PipelineNode } from '../../shared/document';
import type { PathKey } from '../editing/edit';
import { NumberField } from './fields/NumberField';
import { TextField } from './fields/TextField';
import { Group } from './fields/Field';
import type { Commit } from './values';

/** Name, id and position of one node (several nodes keep their own). */
export function NodeGeneral({
  nodes,
  edit,
}: {
  nodes: readonly PipelineNode[];
  edit: (path: readonly PathKey[]) => Commit;
}) {
  const node = nodes[0];
  if (!node || nodes.length > 1) return null;
  return (
    <Group title="Node">
      <TextField
        label="Name"
        value={node.name}
        onCommit={edit(['name'])}
        help={node.kind === 'producer' ? undefined : 'Also the BullMQ queue or worker name: no ":"'}
      />
      <div className="field-row">
        <NumberField
          label="X"
          value={node.position.x}
          onCommit={edit(['position', 'x'])}
          unit="px"
        />
        <NumberField
          label="Y"
          value={node.position.y}
          onCommit={edit(['position', 'y'])}
          unit="px"
        />
      </div>
      <div className="field__help">
        id <code>{node.id}</code>
      </div>
    </Group>
  );
}
