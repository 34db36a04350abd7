// Times, durations and the SLA clocks as people read them.
export function duration(ms) {
  const minutes = Math.round(Math.abs(ms) / 60000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** PT4H -> "4 h"; null -> "none". */
export function isoDuration(text) {
  if (!text) return 'none';
  const match = /^P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?/.exec(text);
  if (!match) return text;
  const [, d, hh, mm] = match;
  return [d && `${d} d`, hh && `${hh} h`, mm && `${mm} min`].filter(Boolean).join(' ') || text;
}

export function when(instant) {
  if (!instant) return '';
  return new Date(instant).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const METRICS = { FIRST_RESPONSE: 'First response', NEXT_REPLY: 'Next reply', RESOLUTION: 'Resolution' };

/** One clock in words: "met", "breached", "2 h 10 min left", "paused", "not applicable". */
export function clockText(clock, now = Date.now()) {
  switch (clock.state) {
    case 'MET': return 'met';
    case 'BREACHED': return `breached${clock.breachedAt ? ` ${duration(now - Date.parse(clock.breachedAt))} ago` : ''}`;
    case 'PAUSED': return 'paused';
    case 'NOT_APPLICABLE': return 'not applicable';
    default: {
      if (!clock.dueAt) return 'running';
      const left = Date.parse(clock.dueAt) - now;
      return left >= 0 ? `${duration(left)} left` : `overdue by ${duration(left)}`;
    }
  }
}

/** breached, at-risk (at or past the first warning threshold, 75 %) or ok. */
export function clockRisk(clock) {
  if (clock.state === 'BREACHED') return 'breached';
  if (clock.state === 'RUNNING' && (Number(clock.elapsedPercent) >= 75 || (clock.dueAt && Date.parse(clock.dueAt) < Date.now()))) {
    return 'at-risk';
  }
  return 'ok';
}

export const SEVERITIES = ['S1', 'S2', 'S3', 'S4', 'S5'];
export const SEVERITY_MEANINGS = {
  S1: 'Critical: the site is offline or unusable for all users',
  S2: 'High: major functions broken for many users, no workaround',
  S3: 'Medium: a subset of users cannot complete significant tasks',
  S4: 'Low: few users affected, investigation, ideas',
  S5: 'Cosmetic: partial non-critical loss, a workaround exists',
};
export const TYPES = ['INCIDENT', 'BUG', 'QUERY', 'REQUEST', 'SITE_REFRESH'];
export const TYPE_LABELS = {
  INCIDENT: 'Incident: service down or degraded',
  BUG: 'Bug: something does not work as expected',
  QUERY: 'Question: how does it work',
  REQUEST: 'Request: a change to the site or its settings',
  SITE_REFRESH: 'Site refresh: update staging from live',
};
export const STATUSES = ['NEW', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'RESOLVED', 'CLOSED'];
export const STATUS_LABELS = {
  NEW: 'New', IN_PROGRESS: 'In progress', WAITING_ON_CUSTOMER: 'Waiting on you', RESOLVED: 'Resolved', CLOSED: 'Closed',
};
