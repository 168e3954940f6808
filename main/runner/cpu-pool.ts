import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Threads that keep a core busy for a given time, so `cpu` work really loads the machine while
 * the runner's own thread stays free for Redis, metrics and controls. The thread body is inline
 * source: it runs the same from TypeScript sources and from the bundled Electron build.
 */
const THREAD_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, ms }) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {}
  parentPort.postMessage(id);
});
`;

interface Task {
  id: number;
  ms: number;
  done: () => void;
}

export class CpuPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Task[] = [];
  private readonly running = new Map<Worker, Task>();
  private nextId = 0;
  private closed = false;

  /** `size` defaults to the number of cores: CPU-bound work cannot go faster than that. */
  constructor(readonly size = availableParallelism()) {}

  /** Resolves after a thread has spun for `ms` (waiting first if every core is taken). */
  burn(ms: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error('CPU pool is closed'));
    return new Promise((done) => {
      this.queue.push({ id: this.nextId++, ms, done });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.done();
    for (const task of this.running.values()) task.done();
    this.running.clear();
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const thread = this.idle.pop() ?? (this.all.length < this.size ? this.spawn() : undefined);
      if (!thread) return;
      const task = this.queue.shift()!;
      this.running.set(thread, task);
      thread.postMessage({ id: task.id, ms: task.ms });
    }
  }

  private spawn(): Worker {
    const thread = new Worker(THREAD_SOURCE, { eval: true });
    thread.unref();
    thread.on('message', () => {
      const task = this.running.get(thread);
      this.running.delete(thread);
      this.idle.push(thread);
      task?.done();
      this.pump();
    });
    thread.on('error', () => {
      const task = this.running.get(thread);
      this.running.delete(thread);
      this.all.splice(this.all.indexOf(thread), 1);
      task?.done();
      this.pump();
    });
    this.all.push(thread);
    return thread;
  }
}
