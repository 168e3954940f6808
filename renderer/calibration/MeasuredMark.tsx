import { useDocument } from '../state/document-store';
import { fieldLabel, measuredFields, measuredTitle } from './report-view';

/**
 * "measured" beside an inspector group whose values an import fitted (one node selected): the
 * sample and fit show on hover. Values edited since stay marked until the import is replaced —
 * the mark says where the number came from, not that it is unchanged.
 */
export function MeasuredMark({
  ids,
  fields,
}: {
  ids: readonly string[];
  fields: readonly string[];
}) {
  const doc = useDocument();
  if (ids.length !== 1 || !doc.calibration) return null;
  const measured = measuredFields(doc, ids[0]!);
  const found = fields.map((f) => measured.get(f)).filter((f) => f !== undefined);
  if (found.length === 0) return null;
  const title = found.map((f) => `${fieldLabel(f.field)}: ${measuredTitle(doc, f)}`).join('\n');
  return (
    <span
      className="measured-mark"
      title={title}
      data-testid={`measured-${found.map((f) => f.field).join('-')}`}
    >
      measured
    </span>
  );
}
