import { parseDocumentValue } from '../../shared/document';
import { keyPrefix } from '../../shared/bullmq-options';
import { connectToParent } from './parent-port';
import { planRun } from './plan';
import { describeInvalid, hostMessageSchema, type RunnerMessage } from './protocol';
import { Runner } from './runner';

/**
 * Entry of the runner process: owns one run's BullMQ queues, workers and load generators and
 * streams snapshots and logs to the host. Started by main/runner/spawn.ts (Node) or the Electron
 * shell (utilityProcess); every message it receives is validated before it is acted on.
 */
const port = connectToParent();
const send = (message: RunnerMessage) => port.send(message);
let runner: Runner | null = null;
let exiting = false;

async function exit(code: number): Promise<never> {
  exiting = true;
  process.exit(code);
}

async function fatal(message: string): Promise<void> {
  await send({ type: 'fatal', message });
  await exit(1);
}

port.onMessage(async (raw) => {
  const parsed = hostMessageSchema.safeParse(raw);
  if (!parsed.success) {
    await send({
      type: 'log',
      t: 0,
      level: 'error',
      message: `runner ignored a malformed message from the host: ${describeInvalid(parsed.error)}`,
    });
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case 'start': {
      if (runner)
        return void send({ type: 'log', t: 0, level: 'error', message: 'a run is already on' });
      const doc = parseDocumentValue(message.document);
      if (!doc.ok) {
        return fatal(
          `the document is not valid: ${doc.errors.map((e) => `${e.path || '(file)'}: ${e.message}`).join('; ')}`,
        );
      }
      const plan = planRun(doc.document);
      if (!plan.ok) return fatal(`this pipeline cannot run: ${plan.errors.join('; ')}`);
      runner = new Runner({
        plan: plan.plan,
        runId: message.runId,
        prefix: keyPrefix(doc.document, message.runPrefix),
        redisUrl: message.redisUrl,
        options: message.options,
        send,
      });
      try {
        await runner.start();
      } catch (error) {
        await fatal((error as Error).message);
      }
      return;
    }
    case 'control': {
      const error = runner ? await runner.control(message.control) : 'no run is on';
      return void send({ type: 'reply', requestId: message.requestId, error });
    }
    case 'stop': {
      if (!runner)
        return void send({ type: 'reply', requestId: message.requestId, error: 'no run is on' });
      const result = await runner.stop(message.drain, message.keepKeys, message.drainTimeoutMs);
      await send({ type: 'stopped', requestId: message.requestId, ...result });
      await exit(0);
    }
  }
});

port.onDisconnect(() => {
  // The host is gone: nobody will read the figures. Leave at once (keys stay, as after a crash).
  runner?.abandon();
  void exit(0);
});

process.on('uncaughtException', (error) => {
  if (!exiting) void fatal(`runner crashed: ${error.stack ?? error.message}`);
});
process.on('unhandledRejection', (error) => {
  if (!exiting)
    void fatal(
      `runner crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
});

void send({ type: 'ready', pid: process.pid });
