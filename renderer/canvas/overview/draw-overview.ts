import type { Scene } from './overview-scene';

/** Colours of the overview, read from the theme's CSS variables. */
export interface OverviewColors {
  producer: string;
  queue: string;
  worker: string;
  edge: string;
  failed: string;
  accent: string;
  error: string;
  warning: string;
  /** Text on a node's fill. */
  label: string;
}

/** Which nodes and edges carry a mark: selection, findings, overload (ρ ≥ 1). */
export interface OverviewMarks {
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  errors: ReadonlySet<string>;
  warnings: ReadonlySet<string>;
  overloaded: ReadonlySet<string>;
}

export interface OverviewView {
  /** React Flow's transform: screen = flow × zoom + (x, y). */
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
  pixelRatio: number;
}

/**
 * Draws the pipeline as the overview shows it below the detail zoom: edges as thin curves (failed
 * routes dashed), nodes as boxes in their kind's colour, marks as outlines in screen pixels.
 */
export function drawOverview(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  view: OverviewView,
  colors: OverviewColors,
  marks: OverviewMarks,
): void {
  const { x, y, zoom, width, height, pixelRatio: r } = view;
  ctx.setTransform(r, 0, 0, r, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.setTransform(zoom * r, 0, 0, zoom * r, x * r, y * r);
  const px = 1 / zoom; // one screen pixel, in flow units

  const strokeEdges = (pick: (failed: boolean, selected: boolean) => boolean) => {
    ctx.beginPath();
    for (const e of scene.edges) {
      if (!pick(e.failed, marks.selectedEdges.has(e.id))) continue;
      const [x0, y0, x1, y1, x2, y2, x3, y3] = e.curve;
      ctx.moveTo(x0, y0);
      ctx.bezierCurveTo(x1, y1, x2, y2, x3, y3);
    }
    ctx.stroke();
  };
  ctx.lineWidth = 1.25 * px;
  ctx.strokeStyle = colors.edge;
  ctx.setLineDash([]);
  strokeEdges((failed, selected) => !failed && !selected);
  ctx.strokeStyle = colors.failed;
  ctx.setLineDash([5 * px, 3 * px]);
  strokeEdges((failed, selected) => failed && !selected);
  ctx.setLineDash([]);
  ctx.lineWidth = 2.5 * px;
  ctx.strokeStyle = colors.accent;
  strokeEdges((_, selected) => selected);

  for (const kind of ['producer', 'queue', 'worker'] as const) {
    ctx.fillStyle = colors[kind];
    for (const n of scene.nodes) if (n.kind === kind) ctx.fillRect(n.x, n.y, n.width, n.height);
  }
  const outline = (ids: ReadonlySet<string>, color: string, widthPx: number) => {
    if (ids.size === 0) return;
    ctx.strokeStyle = color;
    ctx.lineWidth = widthPx * px;
    const pad = (widthPx / 2 + 1) * px;
    for (const n of scene.nodes) {
      if (ids.has(n.id))
        ctx.strokeRect(n.x - pad, n.y - pad, n.width + 2 * pad, n.height + 2 * pad);
    }
  };
  drawNames(ctx, scene, view, colors.label);
  ctx.setTransform(zoom * r, 0, 0, zoom * r, x * r, y * r);
  outline(marks.warnings, colors.warning, 2);
  outline(marks.overloaded, colors.warning, 2);
  outline(marks.errors, colors.error, 2);
  outline(marks.selectedNodes, colors.accent, 3);
}

/** Smallest on-screen box (px) a name is written in; below it the box alone shows the node. */
const NAME_MIN_WIDTH = 44;
const NAME_FONT_PX = 11;

/** Names in screen pixels (a readable size whatever the zoom), cut to fit their box. */
function drawNames(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  view: OverviewView,
  color: string,
): void {
  const { x, y, zoom, pixelRatio: r } = view;
  if (!scene.nodes.some((n) => n.width * zoom >= NAME_MIN_WIDTH)) return;
  ctx.setTransform(r, 0, 0, r, 0, 0);
  ctx.fillStyle = color;
  ctx.font = `600 ${NAME_FONT_PX}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  for (const n of scene.nodes) {
    const width = n.width * zoom;
    const height = n.height * zoom;
    if (width < NAME_MIN_WIDTH || height < NAME_FONT_PX + 2 || !n.name) continue;
    const room = width - 8;
    let text = n.name;
    if (ctx.measureText(text).width > room) {
      while (text.length > 1 && ctx.measureText(`${text}…`).width > room) text = text.slice(0, -1);
      text = `${text}…`;
    }
    ctx.fillText(text, n.x * zoom + x + 4, n.y * zoom + y + height / 2);
  }
}
