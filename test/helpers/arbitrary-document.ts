import fc from 'fast-check';
import {
  parseDocumentValue,
  type JsonValue,
  type PipelineDocument,
  type PipelineEdge,
  type PipelineNode,
} from '../../shared/document';

/**
 * fast-check arbitraries for runnable pipeline documents: every document parses, and its graph
 * is one the engines accept (producer → queue → worker → queue, one input queue per worker,
 * distinct queue names without ":"). Names are drawn from realistic ones, hostile ones and
 * random Unicode.
 */

/** Names that have broken code generators: paths, quotes, comment and template syntax, keywords. */
export const HOSTILE_NAMES: readonly string[] = [
  '../../etc/passwd',
  '..\\..\\windows\\system32',
  '/absolute/path',
  'C:\\Users\\x',
  ' ',
  '   leading and trailing   ',
  'class',
  'delete',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'Emails',
  'emails',
  'EMAILS',
  'e-mails',
  'e mails',
  "it's",
  'say "hi"',
  '`tick` and ``double``',
  '${process.exit(1)}',
  '*/ process.exit(1); /*',
  '// not a comment',
  'line\nbreak\r\nand\ttab',
  'separator\u2028here\u2029',
  'right-to-left \u202e override',
  'zero\u200bwidth',
  'emoji 🚀 queue',
  '日本語のキュー',
  'café crème',
  'naïve Ærø',
  'CON',
  'nul',
  'aux.txt',
  'node_modules',
  'index',
  'redis',
  'queues',
  '123',
  '2fa codes',
  'a'.repeat(200),
  'x'.repeat(45) + ' ' + 'y'.repeat(45),
  '-',
  '.',
  '..',
  'null',
  'undefined',
  '<script>alert(1)</script>',
  '# heading | pipe |',
  '--force',
  'colon:name',
  '\\',
  '\u0000nul\u0007bell',
  '\ud800 lone surrogate',
  'caf\uFFFD (a replacement character)',
  '\uFEFFbyte-order mark first',
];

const realisticNames = fc.constantFrom(
  'emails',
  'email-sender',
  'signup-api',
  'audit log',
  'dead-letters',
  'Thumbnailer',
  'resize images',
  'crm-sync',
  'report builder',
  'uploads',
);

/** A node name: realistic, hostile, or random Unicode of up to 200 characters. */
export const nodeName: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: realisticNames },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }) },
);

const rate = fc.double({ min: 0.01, max: 500, noNaN: true, noDefaultInfinity: true });
const ms = fc.integer({ min: 0, max: 100_000 });
const positiveMs = fc.integer({ min: 1, max: 100_000 });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

const arrival = fc.oneof(
  fc.record({ type: fc.constant('constant' as const), ratePerSec: rate }),
  fc.record({ type: fc.constant('poisson' as const), ratePerSec: rate }),
  fc.record({
    type: fc.constant('burst' as const),
    size: fc.integer({ min: 1, max: 100 }),
    everyMs: positiveMs,
  }),
  fc.record({
    type: fc.constant('ramp' as const),
    fromPerSec: fc.integer({ min: 0, max: 50 }),
    toPerSec: fc.integer({ min: 0, max: 50 }),
    overMs: positiveMs,
  }),
  fc.record({ type: fc.constant('schedule' as const), everyMs: positiveMs }),
  fc.record({
    type: fc.constant('schedule' as const),
    cron: fc.constantFrom('0 2 * * *', '*/5 * * * *', '30 9 * * MON-FRI', '0 0 1 * *'),
  }),
);

const service = fc.oneof(
  fc.record({ type: fc.constant('fixed' as const), ms }),
  fc.record({ type: fc.constant('exponential' as const), meanMs: positiveMs }),
  fc
    .tuple(ms, ms)
    .map(([a, b]) => ({ type: 'uniform' as const, minMs: Math.min(a, b), maxMs: Math.max(a, b) })),
  fc.record({ type: fc.constant('normal' as const), meanMs: ms, stdDevMs: ms }),
  fc.record({ type: fc.constant('lognormal' as const), meanMs: positiveMs, stdDevMs: ms }),
);

/** Example payloads: any JSON, including odd keys and strings, and a few known troublemakers. */
const payload: fc.Arbitrary<JsonValue | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }) as fc.Arbitrary<JsonValue>,
  fc.constantFrom<JsonValue>(
    { userId: 'u-123', template: 'welcome' },
    { ['__proto__']: 'x', 'with space': 1, '123': [1, 'a', null], café: { deep: [[1, 2], [3]] } },
    [{ a: 1 }, { a: 2, b: 'x' }, { c: [] }],
    [],
    {},
    'just a string',
    42,
    null,
  ),
);

const keep = fc.oneof(
  fc.constant(true as const),
  fc.record(
    { count: fc.integer({ min: 0, max: 10_000 }), ageSec: fc.integer({ min: 0, max: 1e6 }) },
    { requiredKeys: [] },
  ),
);

const queueConfig = fc.record(
  {
    attempts: fc.integer({ min: 1, max: 10 }),
    backoff: fc.record(
      {
        type: fc.constantFrom('fixed' as const, 'exponential' as const),
        delayMs: ms,
        jitter: fraction,
      },
      { requiredKeys: ['type', 'delayMs'] },
    ),
    removeOnComplete: keep,
    removeOnFail: keep,
    rateLimit: fc.record({ max: fc.integer({ min: 1, max: 1000 }), durationMs: positiveMs }),
  },
  { requiredKeys: [] },
);

const workerConfig = fc.record(
  {
    concurrency: fc.integer({ min: 1, max: 100 }),
    replicas: fc.integer({ min: 1, max: 8 }),
    service,
    failureRate: fraction,
    work: fc.constantFrom('io' as const, 'cpu' as const),
  },
  { requiredKeys: ['concurrency', 'replicas', 'service'] },
);

/** An autoscale policy (sane or not: validation, not the parser, judges it). */
const autoscale = fc.record(
  {
    metric: fc.constantFrom('waiting' as const, 'waiting+delayed' as const, 'active' as const),
    targetPerReplica: fc.double({ min: 0.5, max: 1000, noNaN: true }),
    minReplicas: fc.integer({ min: 0, max: 5 }),
    maxReplicas: fc.integer({ min: 1, max: 50 }),
    pollMs: positiveMs,
    cooldownMs: ms,
    startupMs: ms,
  },
  { requiredKeys: ['metric', 'targetPerReplica', 'maxReplicas'] },
);

/** A scenario change; the event goes to a node of the kind the change needs. */
const scenarioChange = fc.oneof(
  fc.record({ type: fc.constant('failureRate' as const), failureRate: fraction }),
  fc.record({
    type: fc.constant('slowdown' as const),
    factor: fc.double({ min: 0.1, max: 10, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('rate' as const),
    ratePerSec: fc.double({ min: 0, max: 100, noNaN: true }),
  }),
  fc.record({ type: fc.constant('replicas' as const), replicas: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ type: fc.constant('pause' as const) }),
);

const scenarioDraft = fc.array(
  fc.record(
    {
      name: nodeName,
      target: fc.nat(20),
      atMs: ms,
      durationMs: positiveMs,
      change: scenarioChange,
    },
    { requiredKeys: ['target', 'atMs', 'change'] },
  ),
  { maxLength: 4 },
);

const producerConfig = fc.record(
  {
    jobName: nodeName,
    arrival,
    payload,
    jobOptions: fc.record(
      {
        priority: fc.integer({ min: 0, max: 1000 }),
        delayMs: ms,
        lifo: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    limit: fc.integer({ min: 1, max: 1000 }),
    startMs: ms,
    stopMs: ms,
  },
  { requiredKeys: ['jobName', 'arrival'] },
);

const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** Queue names must differ (BullMQ would merge them) and hold no ":" (BullMQ refuses it). */
function queueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    let name = raw.replaceAll(':', '-');
    while (seen.has(name)) name = `${name} ${i}`;
    seen.add(name);
    return name;
  });
}

export interface DocumentShape {
  maxProducers?: number;
  maxQueues?: number;
  maxWorkers?: number;
  /** Also draw autoscale policies and a scenario (events on nodes of the right kind). */
  scenarios?: boolean;
}

/** A runnable pipeline document, validated by the real parser. */
export function arbitraryDocument(shape: DocumentShape = {}): fc.Arbitrary<PipelineDocument> {
  const { maxProducers = 3, maxQueues = 4, maxWorkers = 4, scenarios = false } = shape;
  return fc
    .record({
      producers: fc.integer({ min: 0, max: maxProducers }),
      queues: fc.integer({ min: 1, max: maxQueues }),
      workers: fc.integer({ min: 0, max: maxWorkers }),
    })
    .chain(({ producers, queues, workers }) => {
      const queueIndex = fc.nat(queues - 1);
      const route = fc.record({ queue: queueIndex, probability: fc.option(fraction) });
      return fc.record({
        name: nodeName,
        description: fc.option(fc.string({ unit: 'grapheme', maxLength: 300 }), { nil: undefined }),
        settings: fc.option(
          fc.record(
            {
              prefix: fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/),
              cluster: fc.boolean(),
              redisUrl: fc.constantFrom(
                'redis://127.0.0.1:6379',
                'rediss://user:pw@redis.example:6380/2',
              ),
            },
            { requiredKeys: [] },
          ),
          { nil: undefined },
        ),
        producers: fc.array(
          fc.record({
            name: nodeName,
            config: producerConfig,
            targets: fc.array(queueIndex, { maxLength: 2 }),
          }),
          { minLength: producers, maxLength: producers },
        ),
        queues: fc.array(fc.record({ name: nodeName, config: queueConfig }), {
          minLength: queues,
          maxLength: queues,
        }),
        workers: fc.array(
          fc.record({
            name: nodeName,
            config: workerConfig,
            input: queueIndex,
            routes: fc.array(route, { maxLength: 2 }),
            deadLetter: fc.option(queueIndex, { nil: undefined }),
            autoscale: scenarios
              ? fc.option(autoscale, { nil: undefined })
              : fc.constant(undefined),
          }),
          { minLength: workers, maxLength: workers },
        ),
        scenario: scenarios ? fc.option(scenarioDraft, { nil: undefined }) : fc.constant(undefined),
      });
    })
    .map((draft) => {
      const nodes: PipelineNode[] = [];
      const edges: PipelineEdge[] = [];
      const position = { x: 0, y: 0 };
      const edge = (from: string, to: string, extra: Partial<PipelineEdge> = {}) =>
        edges.push({ id: `e${edges.length}`, from, to, ...extra });
      const names = queueNames(draft.queues.map((q) => q.name));
      draft.queues.forEach((q, i) =>
        nodes.push({ id: `q${i}`, kind: 'queue', name: names[i]!, position, config: q.config }),
      );
      draft.producers.forEach((p, i) => {
        nodes.push({
          id: `p${i}`,
          kind: 'producer',
          name: p.name,
          position,
          config: withoutUndefined(p.config),
        });
        for (const target of p.targets) edge(`p${i}`, `q${target}`);
      });
      draft.workers.forEach((w, i) => {
        const config = w.autoscale ? { ...w.config, autoscale: w.autoscale } : w.config;
        nodes.push({ id: `w${i}`, kind: 'worker', name: w.name, position, config });
        edge(`q${w.input}`, `w${i}`);
        for (const r of w.routes) {
          edge(
            `w${i}`,
            `q${r.queue}`,
            r.probability === null ? {} : { probability: r.probability },
          );
        }
        if (w.deadLetter !== undefined) edge(`w${i}`, `q${w.deadLetter}`, { on: 'failed' });
      });
      const raw = withoutUndefined({
        format: 'pipewright/v1',
        name: draft.name,
        description: draft.description,
        settings: draft.settings,
        nodes,
        edges,
        scenario: draft.scenario && { events: scenarioEvents(draft.scenario, nodes) },
      });
      const parsed = parseDocumentValue(raw);
      if (!parsed.ok) {
        throw new Error(
          `arbitraryDocument built an invalid document: ${JSON.stringify(parsed.errors)}`,
        );
      }
      return parsed.document;
    });
}

const CHANGE_KIND = {
  failureRate: 'worker',
  slowdown: 'worker',
  replicas: 'worker',
  rate: 'producer',
  pause: 'queue',
} as const;

/** Each drafted event on a node of the kind its change needs (dropped when there is none). */
type ScenarioDraft = typeof scenarioDraft extends fc.Arbitrary<(infer T)[]> ? T : never;

function scenarioEvents(drafts: ScenarioDraft[], nodes: PipelineNode[]) {
  return drafts.flatMap(({ target, change, ...rest }, i) => {
    const fit = nodes.filter((n) => n.kind === CHANGE_KIND[change.type]);
    const node = fit[target % Math.max(1, fit.length)];
    return node ? [withoutUndefined({ id: `s${i}`, ...rest, nodeId: node.id, change })] : [];
  });
}
