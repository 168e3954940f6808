import { useMemo } from 'react';
import type { SweepResult } from '../../shared/simulation/sweep';
import { editNodesAction } from '../actions/edit-nodes';
import { runAction } from '../actions/run';
import { formatMs, formatPercent } from '../../shared/metrics/format';
import { sweepAnswer } from './sweep-form';
import { SERIES_COLORS, UPlotChart } from './UPlotChart';
import './results.css';

function Answer({ result, target }: { result: SweepResult; target: number }) {
  const answer = sweepAnswer(result, target);
  const p = result.parameter;
  const { point } = answer;
  if (!point) {
    return (
      <p className="sweep__answer sweep__answer--none" data-testid="sweep-answer">
        ✗ {answer.question}: none of the values tried. Try{' '}
        {p.kind === 'rate' ? 'lower rates' : 'higher values'}.
      </p>
    );
  }
  const apply = () => {
    if (p.kind === 'rate') return;
    void runAction(editNodesAction, {
      nodeIds: [p.workerId],
      path: ['config', p.kind],
      value: point.value,
    });
  };
  return (
    <p className="sweep__answer" data-testid="sweep-answer">
      ✓ {answer.question}: <strong data-testid="sweep-answer-value">{point.value}</strong>{' '}
      <span className="muted">
        (p95 wait {formatMs(point.p95WaitMs.mean)} ± {formatMs(point.p95WaitMs.halfWidth)},
        utilisation {formatPercent(point.utilisation.mean)})
        {answer.atEdge ? ' — the edge of the range tried; widen it to be sure' : ''}
      </span>
      {p.kind !== 'rate' ? (
        <button type="button" className="btn btn--small" onClick={apply} data-testid="sweep-apply">
          Set {p.kind} to {point.value}
        </button>
      ) : null}
    </p>
  );
}

function SweepChart({ result, target }: { result: SweepResult; target: number }) {
  const data = useMemo(() => {
    const xs = result.points.map((p) => p.value);
    return {
      xs,
      ys: [
        result.points.map((p) => p.p95WaitMs.mean),
        result.points.map((p) => p.p95WaitMs.mean + p.p95WaitMs.halfWidth),
        result.points.map((p) => p.utilisation.mean * 100),
      ],
    };
  }, [result]);
  // Waits far beyond the target would flatten everything else: the axis stops at 4× the target.
  const yRange = (_min: number, max: number): [number, number] => [
    0,
    Math.max(target * 1.25, Math.min(max * 1.08, target * 4)),
  ];
  return (
    <UPlotChart
      title="p95 wait and utilisation"
      testId="chart-sweep"
      xs={data.xs}
      ys={data.ys}
      series={[
        { label: 'p95 wait', color: SERIES_COLORS[0]!, points: true },
        { label: 'upper 95%', color: SERIES_COLORS[0]!, dash: [3, 3] },
        { label: 'utilisation %', color: SERIES_COLORS[1]!, scale: 'y2', points: true },
      ]}
      xFormat={(v) => String(Number(v.toPrecision(4)))}
      {...(result.parameter.kind === 'rate' ? {} : { xTicks: 'integer' as const })}
      y={{ format: formatMs, range: yRange, ticks: 'duration' }}
      y2={{ format: (v) => `${Math.round(v)}%`, range: (_a, max) => [0, Math.max(100, max)] }}
      guide={{ value: target, color: SERIES_COLORS[3]! }}
    />
  );
}

function PointsTable({ result, target }: { result: SweepResult; target: number }) {
  const name = result.parameter.kind === 'rate' ? 'rate /s' : result.parameter.kind;
  return (
    <table className="results__table sweep__points" data-testid="sweep-points">
      <thead>
        <tr>
          <th className="num">{name}</th>
          <th className="num">p95 wait</th>
          <th className="num">utilisation</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {result.points.map((p) => {
          const meets = p.p95WaitMs.mean + p.p95WaitMs.halfWidth <= target;
          return (
            <tr key={p.value}>
              <td className="num">{p.value}</td>
              <td className="num">
                {formatMs(p.p95WaitMs.mean)}
                {p.p95WaitMs.halfWidth > 0 ? (
                  <span className="ci"> ±{formatMs(p.p95WaitMs.halfWidth)}</span>
                ) : null}
              </td>
              <td className="num">{formatPercent(p.utilisation.mean)}</td>
              <td className={meets ? 'sweep__meets' : 'sweep__misses'}>{meets ? '✓' : '✗'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The answer, the chart of p95 wait and utilisation against the value, and the figures. */
export function SweepResultView({ result, target }: { result: SweepResult; target: number }) {
  return (
    <div className="sweep__result">
      <Answer result={result} target={target} />
      <div className="sweep__body">
        <SweepChart result={result} target={target} />
        <PointsTable result={result} target={target} />
      </div>
    </div>
  );
}
