export * from './types';
export * from './histogram';
export * from './time-weighted';
export * from './backlog-trend';
export * from './stats';
export * from './summary';
export * from './format';
export * from './comparison';
