// The hint a kiosk or a phone gives when the wait here is long for an errand any office of the city accepts
// (跨區申辦): 「臺中市西屯區戶政事務所現在等候約 40 分，臺中市北屯區戶政事務所約 10 分」. From this hub's own city
// view (GET /api/public/city, on a hub started with --cluster; none otherwise), above the city's threshold
// (hint-after-minutes in the cluster file), naming at most two fresh, open offices where the wait is at least
// ten minutes shorter.
import { api, minutes } from './hub.js';

const READ_AGAIN_MS = 20000;
const SHORTER_BY_SECONDS = 600;
const cityRead = { at: 0, view: null, none: false };

async function cityView() {
  if (cityRead.none) return null;
  if (Date.now() - cityRead.at > READ_AGAIN_MS) {
    try {
      cityRead.view = await api('/api/public/city');
    } catch (e) {
      // a hub without a city never gets one without a restart; any other failure is tried again later
      if (e.status === 404) cityRead.none = true;
      cityRead.view = null;
    }
    cityRead.at = Date.now();
  }
  return cityRead.view;
}

/** The hint's text in `lang`, or null: this office's id, the errand and its wait here (seconds). */
export async function elsewhereHint(lang, officeId, serviceId, waitSeconds) {
  if (waitSeconds === null || waitSeconds === undefined) return null;
  const view = await cityView();
  if (!view || !view.crossDistrictServices.includes(serviceId)) return null;
  if (waitSeconds < view.city.hintAfterMinutes * 60) return null;
  const here = view.offices.find((o) => o.office.id === officeId);
  const shorter = [];
  for (const o of view.offices) {
    if (o.office.id === officeId || o.staleSince || o.officeOpen === false) continue;
    const s = o.services.find((x) => x.service === serviceId);
    if (!s || s.estimatedWaitSeconds === null || s.estimatedWaitSeconds === undefined) continue;
    if (s.estimatedWaitSeconds <= waitSeconds - SHORTER_BY_SECONDS) shorter.push({ o, wait: s.estimatedWaitSeconds });
  }
  if (shorter.length === 0) return null;
  shorter.sort((a, b) => a.wait - b.wait);
  const hereName = here ? lang.pick(here.office.name) : '';
  const parts = [lang.t('hint.here', { office: hereName, n: minutes(waitSeconds) })];
  for (const { o, wait } of shorter.slice(0, 2)) {
    parts.push(lang.t('hint.office', { office: lang.pick(o.office.name), n: minutes(wait) }));
  }
  return parts.join(lang.t('hint.join'));
}
