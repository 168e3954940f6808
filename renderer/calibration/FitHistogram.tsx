import { useMemo } from 'react';
import type { FittedValue } from '../../shared/calibration';
import { SERIES_COLORS, UPlotChart } from '../analysis/UPlotChart';
import { histogramSeries } from './report-view';

/** The data of one fitted number as a histogram, with the fitted distribution's expected counts. */
export function FitHistogram({ value, title }: { value: FittedValue; title: string }) {
  const data = useMemo(() => (value.histogram ? histogramSeries(value.histogram) : null), [value]);
  if (!data || data.xs.length === 0) return null;
  return (
    <div className="calibration__chart">
      <UPlotChart
        title={title}
        testId={`calibration-histogram-${value.nodeId}-${value.field}`}
        xs={data.xs}
        ys={[data.counts, data.fitted]}
        series={[
          { label: 'measured', color: SERIES_COLORS[0]!, points: true },
          { label: 'fitted', color: SERIES_COLORS[1]!, dash: [5, 3] },
        ]}
        xFormat={(v) => `${Number(v.toPrecision(3))} ms`}
        y={{ format: (v) => String(Math.round(v)), ticks: 'integer' }}
      />
    </div>
  );
}
