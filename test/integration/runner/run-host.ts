// A stand-in host for the orphan test: starts a run on the given Redis, prints the runner's pid,
// then idles until it is killed. Run with `node --import tsx run-host.ts <redisUrl> <prefix>`.
import { RunService } from '../../../main/services/runs/service';
import { RedisService } from '../../../main/services/runs/redis';
import { edge, pipeline, producer, queue, worker } from './helpers';

const [url, prefix] = process.argv.slice(2);
const redis = new RedisService({ defaultUrl: () => url, allowStart: false });
const runs = new RunService({ redis });
const info = await runs.start({
  document: pipeline(
    'orphan',
    [producer('p', { arrival: { type: 'constant', ratePerSec: 20 } }), queue('q'), worker('w', {})],
    [edge('p', 'q'), edge('q', 'w')],
    prefix,
  ),
});
process.stdout.write(`${JSON.stringify({ runnerPid: runs.runnerPid, prefix: info.prefix })}\n`);
setInterval(() => {}, 60_000);
