/**
 * One engine-fuzz worker process: for every document text it is sent, runs parse → validate →
 * codegen → bounded simulate and replies with what happened. Errors the engines give on purpose
 * (CodegenError, SimulationModelError) are outcomes; anything else thrown is a crash.
 */
import { CodegenError, draftProject } from '../../../shared/codegen';
import { parseDocumentBytes } from '../../../shared/document';
import { SimulationModelError } from '../../../shared/simulation/model';
import { simulate } from '../../../shared/simulation/run';
import { validateDocument } from '../../../shared/validation';

export interface FuzzRequest {
  index: number;
  text: string;
}

export interface FuzzReply {
  index: number;
  outcome: 'unparseable' | 'refused' | 'simulated' | 'stopped-early' | 'crash';
  detail?: string;
  findings: number;
  maxRssKb: number;
}

/** A short simulation with the shipped job bound and a small event budget, so 10,000 finish. */
const SIMULATION = { durationMs: 60_000, maxEvents: 2_000_000 } as const;

function handle({ index, text }: FuzzRequest): FuzzReply {
  const reply = (outcome: FuzzReply['outcome'], findings = 0, detail?: string): FuzzReply => ({
    index,
    outcome,
    findings,
    maxRssKb: process.resourceUsage().maxRSS,
    ...(detail ? { detail } : {}),
  });
  try {
    const parsed = parseDocumentBytes(new TextEncoder().encode(text));
    if (!parsed.ok) return reply('unparseable');
    const doc = parsed.document;
    const findings = validateDocument(doc).length;
    try {
      draftProject(doc);
    } catch (error) {
      if (!(error instanceof CodegenError)) throw error;
    }
    try {
      const summary = simulate(doc, SIMULATION);
      return reply(summary.stoppedEarly ? 'stopped-early' : 'simulated', findings);
    } catch (error) {
      if (error instanceof SimulationModelError) return reply('refused', findings);
      throw error;
    }
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return reply('crash', 0, detail.split('\n').slice(0, 4).join(' | '));
  }
}

process.on('message', (request: FuzzRequest) => process.send!(handle(request)));
