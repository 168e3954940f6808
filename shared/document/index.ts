export * from './schema';
export * from './parse';
export * from './serialize';
export * from './defaults';
export * from './topology';
