import { useAnalysis } from '../state/analysis-store';
import { useDocumentState } from '../state/document-store';
import { sameModel } from './theory';

/** Node ids in the order of the analysed document (tables and charts follow it). */
export function useNodeOrder(): readonly string[] {
  const analysed = useAnalysis((s) => s.meta?.document);
  const current = useDocumentState((s) => s.document);
  return (analysed ?? current).nodes.map((n) => n.id);
}

/** A node's name in the analysed document, else in the open one, else its id. */
export function useNameOf(): (id: string) => string {
  const analysed = useAnalysis((s) => s.meta?.document);
  const current = useDocumentState((s) => s.document);
  return (id) =>
    analysed?.nodes.find((n) => n.id === id)?.name ??
    current.nodes.find((n) => n.id === id)?.name ??
    id;
}

/** The figures shown were produced from a pipeline that has been edited since. */
export function useStale(): boolean {
  const analysed = useAnalysis((s) => s.meta?.document);
  return useDocumentState((s) => analysed !== undefined && !sameModel(analysed, s.document));
}
