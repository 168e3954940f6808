import { describe, expect, it } from 'vitest';
import { parseDocumentText } from '../../../../shared/document';
import { copyAction } from '../../../../renderer/actions/copy';
import { expectNoHistoryStep, perform, select, stateOf } from './fixtures';

describe('copy', () => {
  it('writes the selection as a pipewright/v1 document, with only the inner edges', async () => {
    const start = stateOf(undefined, select(['emails', 'sender']), { withHistory: true });
    const result = await perform(copyAction, start, undefined);
    const effect = result.effects?.[0];
    expect(effect?.type).toBe('clipboard-write');
    const parsed = parseDocumentText(effect?.type === 'clipboard-write' ? effect.text : '');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.document.format).toBe('pipewright/v1');
    expect(parsed.document.nodes.map((n) => n.id)).toEqual(['emails', 'sender']);
    expect(parsed.document.edges.map((e) => e.id)).toEqual(['e2']);
    await expectNoHistoryStep(start, result);
  });

  it('is disabled with no node selected', () => {
    expect(copyAction.enabled?.(stateOf())).toBe(false);
    expect(copyAction.shortcuts).toEqual(['Mod+C']);
  });
});
