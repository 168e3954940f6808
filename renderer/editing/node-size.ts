// Shared with the layout an import uses (shared/layout/).
export { NODE_SIZE } from '../../shared/layout/node-size';
