import './csp-safe-zod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/layout.css';
import './styles/canvas.css';
import './styles/panels.css';
import './styles/inspector.css';
import './styles/dialogs.css';
import { createApi } from './api';
import { App } from './app/App';
import { startSession } from './documents/session';
import { loadPanelSizes, panelStore } from './state/panel-store';

panelStore.setState(loadPanelSizes(localStorage));
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void startSession(createApi());
