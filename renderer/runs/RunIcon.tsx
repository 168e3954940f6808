/** Icons of the run controls (16×16 strokes, like the toolbar's). */
const PATHS = {
  play: 'M4.5 2.5v11l9-5.5z',
  stop: 'M3.5 3.5h9v9h-9z',
  monitor:
    'M1.5 8s2.5-4.5 6.5-4.5S14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8zM8 6a2 2 0 1 0 0 4 2 2 0 0 0 0-4z',
  chevron: 'M4 6l4 4 4-4',
  pause: 'M5 3v10M11 3v10',
  report: 'M4 2h5l3 3v9H4zM6 8h4M6 10.5h4M6 5.5h2',
  restart: 'M13 8a5 5 0 1 1-1.5-3.5M13 2.5v3h-3',
} as const;

export type RunIconName = keyof typeof PATHS;

export function RunIcon({ name, filled = false }: { name: RunIconName; filled?: boolean }) {
  return (
    <svg
      width={16}
      height={16}
      viewBox="0 0 16 16"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
