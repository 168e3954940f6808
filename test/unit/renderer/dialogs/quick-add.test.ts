import { describe, expect, it } from 'vitest';
import {
  filterEntries,
  namedNodeEntry,
  parseNamedNode,
  quickAddEntries,
} from '../../../../renderer/dialogs/quick-add-entries';
import { welcomeDoc } from '../actions/fixtures';

const examples = [
  {
    id: 'welcome',
    name: 'Welcome emails',
    description: 'Signup emails with a DLQ',
    document: welcomeDoc(),
  },
];

describe('quick-add entries', () => {
  const all = quickAddEntries(examples);

  it('offers node kinds first, then patterns, examples and commands', () => {
    expect(all.slice(0, 3).map((e) => e.label)).toEqual(['Producer', 'Queue', 'Worker']);
    const groups = [...new Set(all.map((e) => e.group))];
    expect(groups).toEqual(['Node', 'Pattern', 'Example', 'Command']);
    expect(all.find((e) => e.key === 'command-auto-layout')?.shortcut).toBe('Mod+Shift+L');
  });

  it('finds entries by every word typed, in any order', () => {
    expect(filterEntries(all, 'letter dead')[0]?.label).toBe(
      'Worker with retries and a dead-letter queue',
    );
    expect(filterEntries(all, 'WORKER').map((e) => e.key)).toContain('node-worker');
    expect(filterEntries(all, 'welcome').map((e) => e.group)).toEqual(['Example']);
    expect(filterEntries(all, 'cron')[0]?.label).toBe('Nightly job on a cron schedule');
    expect(filterEntries(all, 'zzz')).toEqual([]);
    expect(filterEntries(all, '  ')).toHaveLength(all.length);
  });

  it('reads a kind followed by a name as a named node', () => {
    expect(parseNamedNode('queue emails')).toEqual({ kind: 'queue', name: 'emails' });
    expect(parseNamedNode('  Worker  email sender ')).toEqual({
      kind: 'worker',
      name: 'email sender',
    });
    expect(parseNamedNode('queue')).toBeNull();
    expect(parseNamedNode('queue ')).toBeNull();
    expect(parseNamedNode('dead letter')).toBeNull();
    expect(namedNodeEntry('queue emails', 'email-sender')).toMatchObject({
      group: 'Node',
      label: 'Queue “emails”',
      detail: 'Add it after “email-sender”',
    });
    expect(namedNodeEntry('letter dead', undefined)).toBeNull();
  });
});
