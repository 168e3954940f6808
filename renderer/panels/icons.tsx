/** Small stroke icons (16×16) for the toolbar; each is a single path. */
const PATHS = {
  new: 'M4 2h5l3 3v9H4zM9 2v3h3M8 8v4M6 10h4',
  open: 'M2 4h4l1.5 1.5H14V13H2zM2 7h12',
  save: 'M3 2h8l2 2v10H3zM5 2v4h5V2M5 14v-4h6v4',
  saveAs: 'M3 2h8l2 2v5M3 2v12h6M5 2v4h5V2M11 11v4M9 13h4',
  import: 'M8 2v8M5 7l3 3 3-3M3 12v2h10v-2',
  export: 'M8 10V2M5 5l3-3 3 3M3 12v2h10v-2',
  importRedis:
    'M2 4c0-1.1 2.2-2 5-2s5 .9 5 2-2.2 2-5 2-5-.9-5-2zM2 4v8c0 1.1 2.2 2 5 2M12 4v3M13 9v5M11 12l2 2 2-2',
  undo: 'M5 4 2 7l3 3M2 7h8a4 4 0 0 1 0 8H7',
  redo: 'M11 4l3 3-3 3M14 7H6a4 4 0 0 0 0 8h3',
  duplicate: 'M5 5h8v8H5zM3 11V3h8',
  delete: 'M3 4h10M6 4V2h4v2M4.5 4l.7 10h5.6l.7-10',
  layout: 'M2 3h4v3H2zM10 2h4v3h-4zM10 11h4v3h-4zM6 4.5h2v8h2M8 3.5h2',
  fit: 'M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4',
  zoomSel: 'M7 2a5 5 0 1 0 0 10A5 5 0 0 0 7 2zM10.5 10.5 14 14M5 7h4M7 5v4',
  quickAdd: 'M7 2a5 5 0 1 0 0 10A5 5 0 0 0 7 2zM10.5 10.5 14 14',
  theme: 'M8 2a6 6 0 1 0 6 6 4.5 4.5 0 0 1-6-6z',
  problems: 'M8 2 1.5 13.5h13zM8 6.5v3.5M8 12v.01',
  help: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM6.2 6a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.2v.5M8 11.5v.01',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
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
