import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppServices, startApp } from './appServices';
import { registerServiceWorker } from './pwa';
import { ServicesContext } from './ServicesContext';
import './styles.css';
import './narrowLayout.css';
import './organise.css';

const services = createAppServices();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>
  </StrictMode>,
);
void startApp(services);
registerServiceWorker();
// Tests and benchmarks drive the real services through this handle (no production UI uses it).
(window as Window & { samplemind?: typeof services }).samplemind = services;
void import('../state/libraryStore').then((m) => Object.assign(services, { store: m.useLibraryStore, visibleRows: m.selectVisibleRows }));
