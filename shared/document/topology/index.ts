export * from './edge-kinds';
export * from './graph';
export * from './checks';
export * from './connect';
