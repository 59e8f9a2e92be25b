// The manager's History and Evaluation tabs (a stub: each renders its heading; the history work replaces it).
// manager.js calls each mount function once, when its tab is first shown. `api` is described in manager.js
// (managerApi): api(path, options) -> parsed JSON, with the manager's token and language filled in.
import { element } from './hub.js';

export function mountHistory(panel, api) {
  panel.append(heading('manager.tabs.history', api));
}

export function mountEvaluation(panel, api) {
  panel.append(heading('manager.tabs.evaluation', api));
}

function heading(key, api) {
  const h = element('h2', '', api.lang().t(key));
  h.dataset.i18n = key;
  return h;
}
