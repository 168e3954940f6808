import type { CSSProperties } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from '../canvas/Canvas';
import { CodeColumn } from '../code/CodeColumn';
import { Dialogs } from '../dialogs/Dialogs';
import { ImportDialogHost } from '../calibration/ImportDialog';
import { Inspector } from '../inspector/Inspector';
import { Palette } from '../panels/Palette';
import { BottomPanel } from '../analysis/BottomPanel';
import { RecoveryBanner } from '../panels/RecoveryBanner';
import { ResizeHandle } from '../panels/ResizeHandle';
import { RunBanner } from '../runs/RunBanner';
import { StatusBar } from '../panels/StatusBar';
import { Toast } from '../panels/Toast';
import { Toolbar } from '../panels/Toolbar';
import { useIsMac } from '../panels/usePlatform';
import { useUi } from '../state/ui-store';
import { useKeyboard } from './useKeyboard';
import { useQuietTooltips } from './useQuietTooltips';
import { useTheme } from './useTheme';

/** The editor: toolbar, palette | canvas over problems | inspector, status bar. */
export function App() {
  useTheme();
  useKeyboard(useIsMac());
  useQuietTooltips();
  const panels = useUi((s) => s.panels);
  const style = {
    '--left-width': `${panels.left}px`,
    '--right-width': `${panels.right}px`,
    '--bottom-height': `${panels.bottom}px`,
  } as CSSProperties;
  return (
    <ReactFlowProvider>
      <div className="app" style={style}>
        <Toolbar />
        <div className="banner-slot">
          <RecoveryBanner />
          <RunBanner />
        </div>
        <div className="workspace">
          <Palette />
          <ResizeHandle panel="left" edge="right" />
          <main className="center">
            <Canvas />
            <ResizeHandle panel="bottom" edge="top" />
            <BottomPanel />
          </main>
          <CodeColumn />
          <ResizeHandle panel="right" edge="left" />
          <Inspector />
        </div>
        <StatusBar />
        <Dialogs />
        <ImportDialogHost />
        <Toast />
      </div>
    </ReactFlowProvider>
  );
}
