/**
 * The baseline of runner-throughput.bench.ts: a plain BullMQ script, as a user would write it —
 * one Queue, one Worker with a no-op processor, a producer adding jobs in batches of 500 as fast
 * as Redis takes them. Run as a child process (like the runner), it prints "started" when it begins
 * producing and exits when told on stdin.
 *
 *   node --import tsx test/bench/runner-plain-bullmq.ts <redisUrl> <prefix> <jobs> <concurrency>
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

const [url, prefix, jobsText, concurrencyText] = process.argv.slice(2);
const jobs = Number(jobsText);
const connection = new Redis(url!, { maxRetriesPerRequest: null });
const queue = new Queue('bench', { connection, prefix });
const worker = new Worker('bench', async () => null, {
  connection: new Redis(url!, { maxRetriesPerRequest: null }),
  prefix,
  concurrency: Number(concurrencyText),
});
await worker.waitUntilReady();
process.stdout.write('started\n');
for (let added = 0; added < jobs; added += 500) {
  const n = Math.min(500, jobs - added);
  await queue.addBulk(Array.from({ length: n }, () => ({ name: 'job', data: {} })));
}
process.stdin.once('data', async () => {
  await worker.close();
  await queue.close();
  connection.disconnect();
  process.exit(0);
});
