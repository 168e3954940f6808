// The layout is pure and lives in shared/ so an import can lay out the pipeline it builds.
export { layeredPositions, type NodeSizes } from '../../shared/layout/layered';
