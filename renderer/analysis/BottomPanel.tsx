import { useEffect, type ComponentType } from 'react';
import { CalibrationPanel } from '../calibration/CalibrationPanel';
import { ProblemsPanel } from '../panels/ProblemsPanel';
import { LogPanel } from '../runs/LogPanel';
import { RunPanel } from '../runs/RunPanel';
import { LogTabLabel, RunTabLabel } from '../runs/TabLabels';
import { setBottomTab, useAnalysis } from '../state/analysis-store';
import { useDiagnostics } from '../state/diagnostics-store';
import { AnalysisStatus } from './AnalysisStatus';
import { EarlyStopBanner } from './EarlyStopBanner';
import { GrowingBanner } from './GrowingBanner';
import { installAnalysisLifecycle } from './lifecycle';
import { MetricsPanel } from './MetricsPanel';
import { ResultsPanel } from './ResultsPanel';
import { Scrubber } from './Scrubber';
import { WhatIfPanel } from './WhatIfPanel';
import { ScenarioPanel } from '../timeline/ScenarioPanel';
import './bottom-panel.css';

function ProblemsLabel() {
  const count = useDiagnostics().length;
  return (
    <>
      Problems
      {count > 0 ? <span className="bottom-tab__count">{count}</span> : null}
    </>
  );
}

export interface BottomTab {
  id: string;
  label: ComponentType | string;
  panel: ComponentType;
}

/** The tabs under the canvas, in order. Another view adds itself here with one line. */
export const BOTTOM_TABS: readonly BottomTab[] = [
  { id: 'problems', label: ProblemsLabel, panel: ProblemsPanel },
  { id: 'metrics', label: 'Metrics', panel: MetricsPanel },
  { id: 'results', label: 'Results', panel: ResultsPanel },
  { id: 'scenario', label: 'Scenario', panel: ScenarioPanel },
  { id: 'what-if', label: 'What-if', panel: WhatIfPanel },
  { id: 'run', label: RunTabLabel, panel: RunPanel },
  { id: 'log', label: LogTabLabel, panel: LogPanel },
  { id: 'calibration', label: 'Calibration', panel: CalibrationPanel },
];

/**
 * The panel under the canvas: Problems, Metrics, Results and What-if as tabs, with the status of
 * the current analysis, its verdict and the timeline scrubber in the tab bar.
 */
export function BottomPanel() {
  const active = useAnalysis((s) => s.bottomTab);
  useEffect(() => installAnalysisLifecycle(), []);
  const tab = BOTTOM_TABS.find((t) => t.id === active) ?? BOTTOM_TABS[0]!;
  const Panel = tab.panel;
  return (
    <section className="bottom-panel" aria-label="Problems and results" data-testid="bottom-panel">
      <div className="bottom-panel__bar">
        <div className="bottom-panel__tabs" role="tablist">
          {BOTTOM_TABS.map((t) => {
            const Label = t.label;
            return (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`bottom-tab-${t.id}`}
                aria-selected={t.id === tab.id}
                aria-controls="bottom-panel-body"
                className={`bottom-tab${t.id === tab.id ? ' is-active' : ''}`}
                onClick={() => setBottomTab(t.id)}
                data-testid={`tab-${t.id}`}
              >
                {typeof Label === 'string' ? Label : <Label />}
              </button>
            );
          })}
        </div>
        <AnalysisStatus />
        <EarlyStopBanner compact />
        <GrowingBanner compact />
        <span className="bottom-panel__spacer" />
        <Scrubber />
      </div>
      <div
        className={`bottom-panel__body bottom-panel__body--${tab.id}`}
        id="bottom-panel-body"
        role="tabpanel"
        aria-labelledby={`bottom-tab-${tab.id}`}
      >
        <Panel />
      </div>
    </section>
  );
}
