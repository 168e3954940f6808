/**
 * The guard: a tiny Node program that owns a managed redis-server. The host runs it with
 * `node -e` (Electron: its own binary with ELECTRON_RUN_AS_NODE=1), keeping a pipe to its stdin.
 * When the host goes away for any reason — clean exit, crash or SIGKILL — the OS closes that pipe,
 * the guard sees end-of-file and stops Redis and deletes its folder. A poll of the host's pid
 * backs that up. Plain CommonJS JavaScript, no imports from the project: it must run anywhere.
 *
 * argv: [bin, dir, ...redisArgs]; env PIPEWRIGHT_PARENT_PID.
 */
export const GUARD_SOURCE = String.raw`
const { spawn } = require('node:child_process');
const { rmSync } = require('node:fs');
const [bin, dir, ...args] = process.argv.slice(1);
const parent = Number(process.env.PIPEWRIGHT_PARENT_PID);
const child = spawn(bin, args, { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
process.stdout.write('PIPEWRIGHT_REDIS_PID=' + child.pid + '\n');
let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  try { child.kill('SIGTERM'); } catch {}
  setTimeout(() => { try { child.kill('SIGKILL'); } catch {} }, 3000).unref();
}
function cleanup() { try { rmSync(dir, { recursive: true, force: true }); } catch {} }
child.on('error', (error) => {
  process.stderr.write('could not start ' + bin + ': ' + error.message + '\n');
  cleanup();
  process.exit(127);
});
child.on('exit', (code, signal) => {
  cleanup();
  process.exit(code === null ? (stopping ? 0 : 1) : code);
});
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
setInterval(() => {
  try { process.kill(parent, 0); } catch (error) { if (error.code !== 'EPERM') stop(); }
}, 1000);
`;
