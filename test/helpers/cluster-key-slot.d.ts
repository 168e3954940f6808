/** Types for cluster-key-slot (ioredis's own CRC16 of Redis Cluster hash slots), which ships none. */
declare module 'cluster-key-slot' {
  export default function calculateSlot(key: string): number;
}
