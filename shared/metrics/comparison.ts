/**
 * One figure measured (by a run, or by an import reading Redis) beside the simulator's
 * prediction for the same document: the rows of every predicted-versus-measured table.
 */
export interface ComparisonRow {
  nodeId: string;
  name: string;
  figure: string;
  predicted: number;
  measured: number;
  /** (measured − predicted) / predicted in %, null when the prediction is 0. */
  differencePercent: number | null;
}

export function comparisonRow(
  nodeId: string,
  name: string,
  figure: string,
  predicted: number,
  measured: number,
): ComparisonRow {
  return {
    nodeId,
    name,
    figure,
    predicted,
    measured,
    differencePercent: predicted === 0 ? null : ((measured - predicted) / predicted) * 100,
  };
}
