import type { JsonValue } from '../../document/schema';
import type { CodegenModel, ProducerModel, QueueModel, WorkerModel } from '../model';
import { inferShape, printInterfaceBody, printShape, type Shape } from '../print/json-types';
import { displayName, lineWidth, tsString } from '../print/literals';
import { PRINT_WIDTH, doc } from '../print/ts';

/** Type names of the generated project, one scheme for every file. */
export const typeNames = {
  payload: (p: ProducerModel) => `${p.names.type}Payload`,
  data: (q: QueueModel) => `${q.names.type}Data`,
  result: (w: WorkerModel) => `${w.names.type}Result`,
  route: (w: WorkerModel) => `${w.names.type}Route`,
  childValue: (q: QueueModel) => `${q.names.type}ChildValue`,
};

/** The job data a producer sends: its example payload, or an empty object when it has none. */
export const examplePayload = (p: ProducerModel): JsonValue => p.node.config.payload ?? {};

/** A type declaration and whether Prettier must check its layout. */
export interface Declaration {
  text: string;
  unsure: boolean;
}

/** `export type Name = A | B;`, broken as Prettier breaks a long union. */
export function typeAlias(name: string, members: readonly string[]): string {
  const head = `export type ${name} =`;
  const flat = members.join(' | ');
  if (lineWidth(`${head} ${flat};`) <= PRINT_WIDTH) return `${head} ${flat};`;
  if (lineWidth(`  ${flat};`) <= PRINT_WIDTH && !flat.includes('\n')) return `${head}\n  ${flat};`;
  return `${head}\n${members.map((m) => `  | ${m}`).join('\n')};`;
}

/** `export type Name = Route<'a' | 'b'>;`, broken as Prettier breaks long type arguments. */
export function routeAlias(name: string, members: readonly string[]): string {
  const flat = `export type ${name} = Route<${members.join(' | ')}>;`;
  if (lineWidth(flat) <= PRINT_WIDTH) return flat;
  const inner = `  ${members.join(' | ')}`;
  const body = lineWidth(inner) <= PRINT_WIDTH ? inner : members.map((m) => `  | ${m}`).join('\n');
  return `export type ${name} = Route<\n${body}\n>;`;
}

/** The payload type of a producer, inferred from its example payload. */
export function payloadDeclaration(producer: ProducerModel): Declaration {
  const shape: Shape = inferShape(examplePayload(producer));
  const comment = doc(
    `Payload of producer ${displayName(producer.node.name)}, inferred from its example payload.`,
  );
  const name = typeNames.payload(producer);
  if (shape.kind === 'object' && shape.fields.size > 0) {
    const body = printInterfaceBody(shape);
    return { text: `${comment}\nexport interface ${name} ${body.text}`, unsure: body.unsure };
  }
  const type = printShape(shape);
  const text = `${comment}\nexport type ${name} = ${type.text};`;
  return { text, unsure: type.unsure || lineWidth(text.split('\n').pop()!) > PRINT_WIDTH };
}

/** The data type of a queue: the union of what reaches it. */
export function dataDeclaration(queue: QueueModel): string {
  const members = queue.sources.map((source) => {
    if (source.kind === 'producer') return typeNames.payload(source.producer);
    if (source.kind === 'json') return 'JsonValue';
    return `DeadLetter<${typeNames.data(source.queue)}>`;
  });
  const outside = queue.sources.some((s) => s.kind === 'json')
    ? ' (also fed from outside the pipeline: any JSON)'
    : '';
  const comment = doc(`Data of the jobs in queue ${displayName(queue.node.name)}${outside}.`);
  return `${comment}\n${typeAlias(typeNames.data(queue), members)}`;
}

/** A worker's result type (its input data, passed on) and the routes it can take. */
export function workerDeclarations(worker: WorkerModel): string {
  const name = displayName(worker.node.name);
  const targets = [...new Set(worker.routes.map((r) => r.queue.names.key))].map(tsString);
  return [
    doc(`What worker ${name} returns and passes on: by default, the data it received.`),
    `export type ${typeNames.result(worker)} = ${typeNames.data(worker.input)};`,
    '',
    doc(`The routes worker ${name} passes completed jobs along.`),
    routeAlias(typeNames.route(worker), targets.length > 0 ? targets : ['never']),
  ].join('\n');
}

/** A flow parent queue's children values: what the workers that complete its children return. */
export function childValueDeclaration(queue: QueueModel): string {
  const members = queue.childResults.map(typeNames.result);
  return [
    doc(
      `What the children of a parent job in queue ${displayName(queue.node.name)} return, as`,
      '`job.getChildrenValues()` reads them.',
    ),
    typeAlias(typeNames.childValue(queue), members.length > 0 ? members : ['never']),
  ].join('\n');
}

/** Whether any queue's data is `JsonValue`, which queues.ts then declares. */
export const needsJsonValue = (model: CodegenModel) =>
  model.queues.some((q) => q.sources.some((s) => s.kind === 'json'));
