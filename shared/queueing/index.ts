export * from './erlang';
export * from './service';
export * from './stations';
