export { startFaultServer, faultsAt, faultWhen } from './fault-server.js';
export type { Fault, FaultPlan, FaultServer, ServedRequest } from './fault-server.js';
export { runInChromium, browserAvailable, CHROMIUM_PATH } from './chromium.js';
export { renderHtmlInChromium } from './html-page.js';
export type { RenderedHtml } from './html-page.js';
export { everyView } from './error-views.js';
export { captureLog, textCells, recordRequestHeaders } from './log-capture.js';
export type { CapturedLog } from './log-capture.js';
