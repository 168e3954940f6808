export { createApi, webSocketUrl, type CreateApiOptions } from './create-api';
export type { ConnectionStatus, HostApi } from './transport';
export { hasHost, host, setHost } from './host';
