import type { MonitorSnapshot } from '../../shared/api/contract';
import { formatCount, formatRate } from '../../shared/metrics/format';

const count = (n: number | undefined) => (n === undefined ? '–' : formatCount(n));

/** The monitored queues with their live counts and throughput. */
export function MonitorTable({
  queues,
  snapshot,
}: {
  queues: readonly string[];
  snapshot: MonitorSnapshot | null;
}) {
  return (
    <div className="run-table-wrap">
      <table className="run-table" data-testid="monitor-table">
        <thead>
          <tr>
            <th>Queue</th>
            <th className="num">Waiting</th>
            <th className="num">Active</th>
            <th className="num">Delayed</th>
            <th className="num">Completed</th>
            <th className="num">Failed</th>
            <th className="num">Throughput</th>
            <th className="num">Workers</th>
          </tr>
        </thead>
        <tbody>
          {queues.map((name) => {
            const q = snapshot?.queues[name];
            return (
              <tr key={name} data-testid={`monitor-queue-${name}`}>
                <th scope="row">
                  {name}
                  {q?.paused ? <span className="run-tag">paused</span> : null}
                </th>
                <td className="num">{count(q?.waiting)}</td>
                <td className="num">{count(q?.active)}</td>
                <td className="num">{count(q?.delayed)}</td>
                <td className="num">{count(q?.completed)}</td>
                <td className="num">{count(q?.failed)}</td>
                <td className="num">{q ? formatRate(q.throughputPerSec) : '–'}</td>
                <td className="num">{count(q?.workers)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {snapshot === null ? (
        <p className="run-muted">Press Watch to follow these queues live.</p>
      ) : null}
    </div>
  );
}
