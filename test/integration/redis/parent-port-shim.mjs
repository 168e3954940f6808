// Gives a plain Node child the `process.parentPort` an Electron utility process has, backed by
// Node's IPC channel, so the Redis guard's utility-process mode runs for real without Electron.
import { EventEmitter } from 'node:events';

const port = new EventEmitter();
process.on('message', (data) => port.emit('message', { data }));
process.parentPort = port;
