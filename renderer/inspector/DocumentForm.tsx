import type { PipelineDocument } from '../../shared/document';
import { DEFAULT_SETTINGS } from '../../shared/document';
import { Group } from './fields/Field';
import { CheckField } from './fields/SelectField';
import { TextField } from './fields/TextField';
import { useDocumentEditor } from './useEditors';

/** With nothing selected: the pipeline's own name, description and Redis settings. */
export function DocumentForm({ doc }: { doc: PipelineDocument }) {
  const edit = useDocumentEditor();
  return (
    <>
      <Group title="Pipeline">
        <TextField label="Name" value={doc.name} onCommit={edit(['name'])} />
        <TextField
          label="Description"
          multiline
          optional
          value={doc.description}
          onCommit={edit(['description'])}
        />
      </Group>
      <Group title="Redis">
        <TextField
          label="Redis URL"
          mono
          optional
          placeholder={DEFAULT_SETTINGS.redisUrl}
          value={doc.settings?.redisUrl}
          onCommit={edit(['settings', 'redisUrl'])}
        />
        <TextField
          label="Key prefix"
          mono
          optional
          placeholder={DEFAULT_SETTINGS.prefix}
          value={doc.settings?.prefix}
          onCommit={edit(['settings', 'prefix'])}
        />
        <CheckField
          label="Redis Cluster"
          help="queues share a {hash-tag} prefix"
          checked={doc.settings?.cluster ?? false}
          onToggle={(on) => edit(['settings', 'cluster'])(on ? true : undefined)}
        />
      </Group>
      <p className="inspector__tip">
        Select a node or an edge to edit it. Select several nodes of one kind to edit them together.
      </p>
    </>
  );
}
