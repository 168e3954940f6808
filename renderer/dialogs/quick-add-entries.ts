import type { ExampleInfo } from '../../shared/api/contract';
import { NODE_KINDS, type NodeKind } from '../../shared/document';
import { addAfterSelectionAction } from '../actions/add-after';
import { insertFragmentAction } from '../actions/insert-fragment';
import { ACTIONS, type AnyAction } from '../actions/registry';
import { runAction } from '../actions/run';
import { FRAGMENT_LIBRARY } from '../editing/fragment-library';
import { KIND_DESCRIPTIONS, KIND_LABELS } from '../editing/new-node';
import { runFromUi } from '../panels/ActionButton';

export interface QuickAddEntry {
  key: string;
  group: 'Node' | 'Pattern' | 'Example' | 'Command';
  label: string;
  detail: string;
  search: string;
  shortcut?: string;
  run(): void;
}

/** Everything the quick-add box offers: node kinds, patterns, examples, then commands. */
export function quickAddEntries(examples: readonly ExampleInfo[]): QuickAddEntry[] {
  const nodes: QuickAddEntry[] = NODE_KINDS.map((kind) => ({
    key: `node-${kind}`,
    group: 'Node',
    label: KIND_LABELS[kind],
    detail: KIND_DESCRIPTIONS[kind],
    search: `${kind} node add`,
    run: () => void runAction(addAfterSelectionAction, { kind }),
  }));
  const patterns: QuickAddEntry[] = FRAGMENT_LIBRARY.map((f) => ({
    key: `fragment-${f.id}`,
    group: 'Pattern',
    label: f.label,
    detail: f.description,
    search: `${f.label} ${f.keywords}`,
    run: () => void runAction(insertFragmentAction, { fragment: f.build() }),
  }));
  const fromExamples: QuickAddEntry[] = examples.map((e) => ({
    key: `example-${e.id}`,
    group: 'Example',
    label: e.name,
    detail: `Insert the whole example: ${e.description}`,
    search: `${e.name} ${e.description} example`,
    run: () => void runAction(insertFragmentAction, { fragment: e.document }),
  }));
  const commands: QuickAddEntry[] = ACTIONS.filter((a: AnyAction) => a.inQuickAdd).map(
    (a: AnyAction) => ({
      key: `command-${a.id}`,
      group: 'Command',
      label: a.label,
      detail: '',
      search: `${a.label} ${a.id} command`,
      ...(a.shortcuts?.[0] ? { shortcut: a.shortcuts[0] } : {}),
      run: () => void runFromUi(a),
    }),
  );
  return [...nodes, ...patterns, ...fromExamples, ...commands];
}

/**
 * "queue emails", "Worker email sender": a node kind followed by the name to give it; null when
 * the text does not start with a kind's name and a space, or names nothing after it.
 */
export function parseNamedNode(query: string): { kind: NodeKind; name: string } | null {
  const match = /^\s*(\S+)\s+(\S.*?)\s*$/.exec(query);
  if (!match) return null;
  const kind = NODE_KINDS.find((k) => k === match[1]!.toLowerCase());
  return kind ? { kind, name: match[2]! } : null;
}

/** The entry that adds a node of the kind typed, with the name typed after it. */
export function namedNodeEntry(query: string, after: string | undefined): QuickAddEntry | null {
  const named = parseNamedNode(query);
  if (!named) return null;
  const { kind, name } = named;
  return {
    key: `named-${kind}`,
    group: 'Node',
    label: `${KIND_LABELS[kind]} “${name}”`,
    detail: after ? `Add it after “${after}”` : `Add a ${kind} named “${name}”`,
    search: query,
    run: () => void runAction(addAfterSelectionAction, { kind, name }),
  };
}

/** Entries whose text holds every word typed, in any order. */
export function filterEntries(entries: readonly QuickAddEntry[], query: string): QuickAddEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((e) => {
    const text = `${e.label} ${e.search}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
