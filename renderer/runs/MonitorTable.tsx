import type { MonitorSnapshot } from '../../shared/api/contract';
import { formatRate } from '../canvas/format';

const count = (n: number | undefined) => (n === undefined ? '–' : n.toLocaleString());

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
            <th>Waiting</th>
            <th>Active</th>
            <th>Delayed</th>
            <th>Completed</th>
            <th>Failed</th>
            <th>Throughput</th>
            <th>Workers</th>
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
                <td>{count(q?.waiting)}</td>
                <td>{count(q?.active)}</td>
                <td>{count(q?.delayed)}</td>
                <td>{count(q?.completed)}</td>
                <td>{count(q?.failed)}</td>
                <td>{q ? formatRate(q.throughputPerSec) : '–'}</td>
                <td>{count(q?.workers)}</td>
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
