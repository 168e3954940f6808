import {
  PLAYBACK_SPEEDS,
  pause,
  play,
  seek,
  setSpeed,
  useAnalysis,
  type PlaybackSpeed,
} from '../state/analysis-store';
import { formatClock } from '../../shared/metrics/format';
import './bottom-panel.css';

const speedLabel = (s: PlaybackSpeed) => (s === 'max' ? 'max' : `${s}×`);

/**
 * The timeline of the current analysis: drag to any snapshot, or replay them at 1×, 10×, 100×
 * or as fast as possible. The canvas badges and the charts follow the playhead.
 */
export function Scrubber() {
  const count = useAnalysis((s) => s.snapshots.length);
  const position = useAnalysis((s) => s.position);
  const t = useAnalysis((s) => s.snapshots[s.position]?.t ?? 0);
  const end = useAnalysis((s) =>
    Math.max(s.meta?.expectedDurationMs ?? 0, s.snapshots[s.snapshots.length - 1]?.t ?? 0),
  );
  const playing = useAnalysis((s) => s.playing);
  const speed = useAnalysis((s) => s.speed);
  if (count === 0) return null;
  return (
    <div className="scrubber" data-testid="scrubber">
      <button
        type="button"
        className="scrubber__play"
        onClick={() => (playing ? pause() : play())}
        aria-label={playing ? 'Pause the replay' : 'Replay the snapshots'}
        title={playing ? 'Pause' : 'Replay'}
        disabled={count < 2}
        data-testid="scrubber-play"
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <input
        type="range"
        className="scrubber__range"
        min={0}
        max={Math.max(0, count - 1)}
        step={1}
        value={Math.max(0, position)}
        onChange={(e) => seek(Number(e.target.value))}
        aria-label="Timeline"
        aria-valuetext={formatClock(t)}
        data-testid="scrubber-range"
      />
      <span className="scrubber__time" data-testid="scrubber-time">
        {formatClock(t)} / {formatClock(end)}
      </span>
      <span className="scrubber__speeds" role="radiogroup" aria-label="Replay speed">
        {PLAYBACK_SPEEDS.map((s) => (
          <button
            key={String(s)}
            type="button"
            role="radio"
            aria-checked={speed === s}
            className={`scrubber__speed${speed === s ? ' is-active' : ''}`}
            onClick={() => setSpeed(s)}
            data-testid={`speed-${s}`}
          >
            {speedLabel(s)}
          </button>
        ))}
      </span>
    </div>
  );
}
