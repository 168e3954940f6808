import { newDocument } from '../documents/commands';
import { closeDialog } from '../state/dialog-store';
import { useHostInfo } from '../state/host-info-store';
import { Dialog } from './Dialog';
import { ExamplePreview } from './ExamplePreview';

/** New: a blank canvas, or a copy of one of the examples, each shown with a preview. */
export function NewDialog() {
  const examples = useHostInfo((s) => s.examples);
  const start = (exampleId?: string) => {
    closeDialog();
    void newDocument(exampleId);
  };
  return (
    <Dialog title="New pipeline" wide testId="new-dialog">
      <div className="gallery">
        <button
          type="button"
          className="gallery__card gallery__card--blank"
          onClick={() => start()}
          autoFocus
        >
          <div className="gallery__blank" aria-hidden="true">
            +
          </div>
          <span className="gallery__name">Blank pipeline</span>
          <span className="gallery__desc">An empty canvas: draw from scratch.</span>
        </button>
        {examples.map((example) => (
          <button
            type="button"
            key={example.id}
            className="gallery__card"
            data-testid={`example-${example.id}`}
            onClick={() => start(example.id)}
          >
            <ExamplePreview doc={example.document} />
            <span className="gallery__name">{example.name}</span>
            <span className="gallery__desc">{example.description}</span>
          </button>
        ))}
      </div>
      {examples.length === 0 ? <p className="muted">No examples were found on the host.</p> : null}
    </Dialog>
  );
}
