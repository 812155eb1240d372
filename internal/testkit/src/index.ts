export { startFaultServer, faultsAt, faultWhen } from './fault-server.js';
export type { Fault, FaultPlan, FaultServer, ServedRequest } from './fault-server.js';
export { runInChromium, browserAvailable, CHROMIUM_PATH } from './chromium.js';
export { renderHtmlInChromium } from './html-page.js';
export type { RenderedHtml } from './html-page.js';
export { useMockServer, collect, caught, thrown, rowsUntilFailure } from './suite.js';
export { recordArrivals } from './arrivals.js';
export type { Arrival, Arrivals } from './arrivals.js';
export { recordTimerDelays } from './timer-delays.js';
