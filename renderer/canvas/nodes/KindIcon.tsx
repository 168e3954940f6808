import type { NodeKind } from '../../../shared/document';

const PATHS: Record<NodeKind, string> = {
  // An arrow leaving a source: jobs are produced here.
  producer: 'M3 8h7M7 4.5 10.5 8 7 11.5M12.5 3v10',
  // Stacked slots: jobs wait here.
  queue: 'M2.5 4h11M2.5 8h11M2.5 12h11',
  // A cog: jobs are worked here.
  worker:
    'M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5ZM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4',
};

export function KindIcon({ kind, size = 14 }: { kind: NodeKind; size?: number }) {
  return (
    <svg
      className="kind-icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[kind]} />
    </svg>
  );
}
