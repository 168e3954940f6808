import type { CodegenModel } from '../model';
import { code } from '../print/code';
import { tsPropertyKey } from '../print/literals';
import { hasLongCodeLine, importDecl } from '../print/ts';
import { producerNames } from './producer';
import { handlerNames } from './worker';

/** src/schedulers.ts: upserts every scheduled producer's Job Scheduler. */
export function schedulersFile(model: CodegenModel): string {
  const scheduled = model.producers.filter((p) => p.node.config.arrival.type === 'schedule');
  const imports = scheduled.map((p) =>
    importDecl([producerNames(p).scheduler], `./producers/${p.names.file}`),
  );
  const calls = scheduled.map((p) => `await ${producerNames(p).scheduler}(queues);`);
  return code`
    ${imports}
    import type { Queues } from './queues';

    /**
     * Creates or updates the Job Schedulers of the pipeline's scheduled producers. Upserting is
     * idempotent, so every process runs it at start (src/main.ts).
     */
    export async function upsertSchedulers(queues: Queues): Promise<void> {
      ${calls.length > 0 ? calls : ['// The pipeline has no scheduled producers.', 'void queues;']}
    }
  `;
}

/** src/load.ts: the load script, sending every producer's modelled load. */
export function loadFile(model: CodegenModel): string {
  const imports = model.producers.map((p) =>
    importDecl([producerNames(p).load], `./producers/${p.names.file}`),
  );
  const loadNames = model.producers.map((p) => producerNames(p).load);
  const flatLoads = `export const LOADS: ProducerLoad[] = [${loadNames.join(', ')}];`;
  const loads = hasLongCodeLine(flatLoads)
    ? code`
        export const LOADS: ProducerLoad[] = [
          ${loadNames.map((name) => `${name},`)}
        ];`
    : flatLoads;
  return code`
    import { parseArgs } from 'node:util';
    import { runLoad, type ProducerLoad } from './arrivals';
    import { createConnection } from './connection';
    ${imports}
    import { closeQueues, createQueues } from './queues';

    /** Every producer's modelled load. */
    ${loads}

    /**
     * \`npm run load -- [producer…] [--seconds N]\`: sends synthetic jobs at the modelled rates until
     * each producer is done (its limit or stop time), N seconds pass, or Ctrl-C.
     */
    async function main(): Promise<void> {
      const { values, positionals } = parseArgs({
        allowPositionals: true,
        options: { seconds: { type: 'string' } },
      });
      const unknown = positionals.filter((name) => !LOADS.some((load) => load.name === name));
      if (unknown.length > 0) {
        const known = LOADS.map((load) => load.name).join(', ') || 'none';
        throw new Error(\`unknown producer \${unknown.join(', ')}; the producers are: \${known}\`);
      }
      const loads = LOADS.filter((load) => positionals.length === 0 || positionals.includes(load.name));
      const seconds = values.seconds === undefined ? Infinity : Number(values.seconds);
      if (!(seconds > 0)) throw new Error(\`--seconds needs a positive number, got \${values.seconds}\`);

      const connection = createConnection('producer');
      const queues = createQueues(connection);
      const stop = new AbortController();
      process.once('SIGINT', () => stop.abort());
      process.once('SIGTERM', () => stop.abort());
      const timer = seconds === Infinity ? undefined : setTimeout(() => stop.abort(), seconds * 1000);
      try {
        const sent = await runLoad(loads, queues, stop.signal);
        console.log('jobs sent:', sent);
      } finally {
        clearTimeout(timer);
        await closeQueues(queues);
        await connection.quit();
      }
    }

    if (require.main === module) {
      main().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exitCode = 1;
      });
    }
  `;
}

/** src/main.ts: starts the workers and the Job Schedulers, and shuts down gracefully. */
export function mainFile(model: CodegenModel): string {
  const imports = model.workers.map((w) =>
    importDecl([handlerNames(w).start], `./workers/${w.names.file}`),
  );
  const workers = model.workers.map(
    (w) => `${tsPropertyKey(w.names.file)}: ${handlerNames(w).start},`,
  );
  return code`
    import { parseArgs } from 'node:util';
    import { runLoad } from './arrivals';
    import { createConnection, type Connection } from './connection';
    import { LOADS } from './load';
    import { closeQueues, createQueues, type Queues } from './queues';
    import { upsertSchedulers } from './schedulers';
    ${imports}

    /** Something to close on shutdown: a BullMQ Worker. */
    interface Closable {
      close(): Promise<void>;
    }

    /** Every worker of the pipeline, by the name WORKERS and docker-compose.yml use. */
    const WORKERS: Record<string, (connection: Connection, queues: Queues) => Closable> = ${
      workers.length > 0
        ? code`
      {
        ${workers}
      }`
        : '{}'
    };

    /**
     * Runs the workers named in WORKERS (comma-separated; all when unset), after upserting the Job
     * Schedulers. \`--load\` also sends the modelled load, as \`npm run load\` does. SIGINT or SIGTERM
     * shut down gracefully: workers first (active jobs finish), then queues, then connections.
     */
    async function main(): Promise<void> {
      const { values } = parseArgs({ options: { load: { type: 'boolean', default: false } } });
      const wanted = (process.env.WORKERS ?? '').split(',').map((name) => name.trim());
      const names = wanted.filter((name) => name !== '');
      const unknown = names.filter((name) => !Object.hasOwn(WORKERS, name));
      if (unknown.length > 0) {
        const known = Object.keys(WORKERS).join(', ') || 'none';
        throw new Error(\`unknown worker \${unknown.join(', ')} in WORKERS; the workers are: \${known}\`);
      }

      const workerConnection = createConnection('worker');
      const queueConnection = createConnection('producer');
      const queues = createQueues(queueConnection);
      await upsertSchedulers(queues);
      const workers: Closable[] = [];
      for (const [name, start] of Object.entries(WORKERS)) {
        if (names.length === 0 || names.includes(name)) workers.push(start(workerConnection, queues));
      }
      const stopLoad = new AbortController();
      const load = values.load ? runLoad(LOADS, queues, stopLoad.signal) : Promise.resolve({});
      console.log(\`started \${workers.length} worker(s)\${values.load ? ' and the load' : ''}\`);

      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(\`\${signal}: shutting down\`);
        stopLoad.abort();
        await load;
        await Promise.all(workers.map((worker) => worker.close()));
        await closeQueues(queues);
        await Promise.all([workerConnection.quit(), queueConnection.quit()]);
        console.log('stopped');
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
    }

    main().catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
  `;
}
