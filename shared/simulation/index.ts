export * from './changes';
export * from './engine';
export * from './options';
export * from './model';
export * from './random';
export * from './run';
export * from './sweep';
export * from './worker-host';
