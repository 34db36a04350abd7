// A ticket's page: facts, SLA clocks, the conversation, attachments, and the actions the reader's role allows.
// Polling re-renders the facts, clocks and conversation; the forms keep what is typed in them.
import { h, replace, field, problemBox, options, announce } from '../dom.js';
import { api, get, post } from '../api.js';
import { when, clockText, METRICS, SEVERITIES, STATUSES, STATUS_LABELS, TYPE_LABELS } from '../format.js';
import { slaOf, clockCell, statusBadge, severityBadge } from './common.js';

const SEVERITY_RANK = { S1: 1, S2: 2, S3: 3, S4: 4, S5: 5 };

export async function ticketView(main, { params, user }) {
  const id = params[0];
  const staff = user.roles.includes('agent') || user.roles.includes('manager');
  const contact = user.roles.includes('contact');
  const header = h('div', { id: 'ticket-header' });
  const facts = h('div', { id: 'ticket-facts' });
  const clocks = h('section', { id: 'sla-clocks' });
  const conversation = h('section', { id: 'conversation' });
  const attachments = h('section', { id: 'attachments' });
  const actions = h('section', { id: 'ticket-actions' });
  const timeEntries = h('section', { id: 'time-entries' });
  const blobUrls = [];
  let ticket = null;
  let shownVersion = -1;
  let shownStatus = null;

  async function act(path, body, done, message) {
    try {
      await post(`/api/tickets/${id}${path}`, body);
      replace(actionProblems);
      announce(message);
      if (done) done();
      await refresh(true);
    } catch (error) {
      replace(actionProblems, problemBox(error));
      actionProblems.focus();
    }
  }
  const actionProblems = h('div', { id: 'action-problems', tabindex: '-1' });

  function renderFacts() {
    replace(header, h('p', { class: 'crumb' }, h('a', { href: contact ? '#/tickets' : '#/queue' }, contact ? '← Our tickets' : '← Queue')),
      h('h1', {}, `${ticket.key}: ${ticket.title}`),
      h('p', { class: 'badges' }, statusBadge(ticket.status), ' ', severityBadge(ticket.severity), ' ',
        h('span', { class: 'muted' }, TYPE_LABELS[ticket.type] || ticket.type)));
    const rows = [['Opened', when(ticket.openedAt)], ['Assignee', ticket.assignee || 'nobody yet'],
      ['Course', ticket.courseId], ["Affected user's email", ticket.affectedUserEmail],
      ['Page', ticket.pageUrl ? h('a', { href: ticket.pageUrl, rel: 'noopener noreferrer', target: '_blank' }, ticket.pageUrl) : null],
      ['Escalation level', ticket.escalationLevel || null], ['Organisation', staff ? ticket.organizationId : null]]
      .filter(([, v]) => v !== null && v !== undefined && v !== '');
    const requests = ticket.severityRequests || [];
    replace(facts, h('p', { class: 'description' }, ticket.description),
      h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      ticket.resolution ? h('div', { id: 'resolution', class: 'resolution' }, h('h2', {}, 'Resolution'), h('p', {}, ticket.resolution)) : null,
      requests.length ? h('div', { id: 'severity-requests' }, h('h2', {}, 'Severity requests'),
        h('ul', {}, requests.map((r) => h('li', { 'data-request-id': r.requestId },
          `${r.from} → ${r.requested}: ${r.reason} (${when(r.requestedAt)}) `,
          h('span', { class: 'badge' }, r.state.toLowerCase()),
          r.decisionReason ? h('span', { class: 'muted' }, ` ${r.decisionReason}`) : null)))) : null);
  }

  function renderClocks(sla) {
    replace(clocks, h('h2', { id: 'clocks-heading' }, 'Service level'),
      !sla ? h('p', { class: 'muted' }, 'The clocks start in a moment…')
        : h('ul', { class: 'clocks' }, sla.clocks.map((c) => h('li', { 'data-metric': c.metric },
          h('span', { class: 'metric' }, METRICS[c.metric] || c.metric), ' ',
          clockCell(sla, c.metric),
          c.dueAt && c.state === 'RUNNING' ? h('span', { class: 'muted' }, ` (due ${when(c.dueAt)})`) : null,
          c.metAt ? h('span', { class: 'muted' }, ` (at ${when(c.metAt)})`) : null,
          c.state === 'RUNNING' || c.state === 'PAUSED'
            ? h('progress', { max: '100', value: Math.min(100, Number(c.elapsedPercent) || 0), 'aria-label': `${METRICS[c.metric]}: ${clockText(c)}` }) : null))));
  }

  function renderConversation() {
    replace(conversation, h('h2', { id: 'conversation-heading' }, 'Conversation'),
      ticket.comments.length === 0 ? h('p', { class: 'muted' }, 'No replies yet.') : h('ol', { class: 'comments' },
        ticket.comments.map((c) => h('li', { class: `comment ${c.visibility.toLowerCase()} by-${(c.authorKind || '').toLowerCase()}`, 'data-comment-id': c.id },
          h('p', { class: 'meta' }, h('strong', {}, c.authorId), ` · ${when(c.addedAt)}`, c.visibility === 'INTERNAL' ? h('span', { class: 'badge internal' }, 'Internal note') : null),
          h('p', { class: 'body' }, c.body)))));
  }

  async function renderAttachments() {
    const items = ticket.attachments || [];
    const list = h('ul', { class: 'attachments' });
    replace(attachments, h('h2', { id: 'attachments-heading' }, 'Attachments'), items.length ? list : h('p', { class: 'muted' }, 'None.'));
    for (const a of items) {
      const item = h('li', {}, `${a.fileName} (${Math.ceil(a.size / 1024)} KB)`);
      list.append(item);
      try {
        const response = await api(`/api/tickets/${id}/attachments/${a.id}`, { raw: true, headers: { Accept: '*/*' } });
        const url = URL.createObjectURL(await response.blob());
        blobUrls.push(url);
        item.prepend(a.contentType.startsWith('image/') ? h('img', { src: url, alt: `Attachment ${a.fileName}`, class: 'thumb' }) : '');
        item.append(' ', h('a', { href: url, download: a.fileName }, `Download ${a.fileName}`));
      } catch (error) {
        item.append(' (cannot be shown)');
      }
    }
  }

  function reasonForm(id_, label, button, onSubmit, { required = true } = {}) {
    const reason = h('textarea', { id: `${id_}-reason`, rows: '2', required });
    return h('form', { id: id_, class: 'inline-form', onsubmit: (e) => { e.preventDefault(); onSubmit(reason.value.trim(), () => { reason.value = ''; }); } },
      field(label, reason), h('button', { type: 'submit' }, button));
  }

  function renderActions() {
    const forms = [];
    const closed = ticket.status === 'CLOSED';
    if (!closed) {
      const body = h('textarea', { id: 'reply-body', rows: '4', required: true });
      const visibility = staff ? h('fieldset', { class: 'inline' }, h('legend', {}, 'Visible to'),
        h('input', { type: 'radio', name: 'visibility', id: 'vis-public', value: 'PUBLIC', checked: true }), h('label', { for: 'vis-public' }, 'the customer (public reply)'),
        h('input', { type: 'radio', name: 'visibility', id: 'vis-internal', value: 'INTERNAL' }), h('label', { for: 'vis-internal' }, 'staff only (internal note)')) : null;
      forms.push(h('form', { id: 'reply-form', onsubmit: (e) => {
        e.preventDefault();
        const vis = staff ? e.currentTarget.querySelector('input[name=visibility]:checked').value : 'PUBLIC';
        act('/comments', { body: body.value, visibility: vis }, () => { body.value = ''; }, 'Reply sent.');
      } }, field(staff ? 'Reply' : 'Add a comment', body), visibility, h('button', { type: 'submit', id: 'send-reply' }, 'Send')));
    }
    if (ticket.status === 'RESOLVED') {
      forms.push(reasonForm('reopen-form', 'Why reopen it?', 'Reopen', (reason, done) => act('/reopen', { reason }, done, 'Ticket reopened.')));
      forms.push(h('form', { id: 'close-form', onsubmit: (e) => { e.preventDefault(); act('/status', { status: 'CLOSED' }, null, 'Ticket closed.'); } },
        h('button', { type: 'submit', class: 'secondary' }, 'Close the ticket')));
    }
    const open = (ticket.severityRequests || []).find((r) => r.state === 'OPEN');
    if (!closed && staff && open) {
      const answer = h('textarea', { id: 'severity-decision-reason', rows: '2' });
      const decide = (accept) => act(`/severity-requests/${open.requestId}/decision`, { accept, reason: answer.value.trim() || undefined },
        () => { answer.value = ''; }, accept ? 'Severity request accepted.' : 'Severity request declined.');
      forms.push(h('form', { id: 'severity-decision-form', class: 'inline-form', onsubmit: (e) => { e.preventDefault(); decide(true); } },
        h('p', {}, `The customer asks for ${open.requested}: ${open.reason}`),
        field('Answer shown to the customer (required to decline or to accept an upgrade)', answer),
        h('button', { type: 'submit' }, 'Accept'),
        h('button', { type: 'button', class: 'secondary', onclick: () => decide(false) }, 'Decline')));
    }
    if (!closed && (contact || staff)) {
      forms.push(h('details', {}, h('summary', {}, 'Ask for an escalation'),
        reasonForm('escalation-form', 'Why is the help not timely or good enough?', 'Request escalation',
          (reason, done) => act('/escalation-requests', { reason }, done, 'Escalation requested.'))));
    }
    if (!closed && contact && !open) {
      const wanted = h('select', { id: 'requested-severity' }, options(SEVERITIES.filter((s) => s !== ticket.severity)));
      const why = h('textarea', { id: 'severity-request-reason', rows: '2', required: true });
      forms.push(h('details', {}, h('summary', {}, 'Ask for another severity'),
        h('form', { id: 'severity-request-form', class: 'inline-form', onsubmit: (e) => {
          e.preventDefault();
          act('/severity-requests', { severity: wanted.value, reason: why.value.trim() }, () => { why.value = ''; }, 'Severity change requested.');
        } }, field('Severity', wanted), field('Why? (support decides)', why), h('button', { type: 'submit' }, 'Request'))));
    }
    if (staff && !closed) forms.push(...staffForms());
    replace(actions, h('h2', { id: 'actions-heading' }, 'Actions'), actionProblems, forms);
  }

  function staffForms() {
    const assignee = h('input', { id: 'assignee', value: ticket.assignee || '', autocomplete: 'off' });
    const severity = h('select', { id: 'new-severity' }, options(SEVERITIES, ticket.severity));
    const justification = h('textarea', { id: 'severity-justification', rows: '2' });
    const status = h('select', { id: 'new-status' }, options(STATUSES.filter((s) => s !== 'NEW'), ticket.status === 'NEW' ? 'IN_PROGRESS' : ticket.status, STATUS_LABELS));
    const statusReason = h('textarea', { id: 'status-reason', rows: '2' });
    const resolution = h('textarea', { id: 'status-resolution', rows: '3' });
    const resolutionField = field('Resolution summary (shown to the customer: what was understood, next steps)', resolution);
    const showResolution = () => {
      const resolving = status.value === 'RESOLVED';
      resolutionField.hidden = !resolving;
      resolution.required = resolving;
    };
    status.addEventListener('change', showResolution);
    showResolution();
    const startedAt = h('input', { id: 'time-started', type: 'datetime-local' });
    const minutes = h('input', { id: 'time-minutes', type: 'number', min: '1', max: '1440', required: true, value: '15' });
    const rate = h('select', { id: 'time-rate' }, options(['STANDARD', 'CONSULTANCY'], 'STANDARD',
      { STANDARD: 'Standard (queries, explanations)', CONSULTANCY: 'Consultancy (problem solving, specialist work)' }));
    const workDate = h('input', { id: 'time-date', type: 'date', required: true, value: new Date().toISOString().slice(0, 10) });
    const note = h('input', { id: 'time-note', required: true, autocomplete: 'off' });
    return [
      h('form', { id: 'assign-form', class: 'inline-form', onsubmit: (e) => { e.preventDefault(); act('/assignment', { assignee: assignee.value.trim() }, null, 'Assigned.'); } },
        field('Assignee', assignee), h('button', { type: 'submit' }, 'Assign'),
        h('button', { type: 'button', class: 'secondary', onclick: () => act('/assignment', { assignee: user.id }, null, 'Assigned to you.') }, 'Assign to me')),
      h('form', { id: 'severity-form', class: 'inline-form', onsubmit: (e) => {
        e.preventDefault();
        act('/severity', { severity: severity.value, justification: justification.value.trim() || undefined }, () => { justification.value = ''; }, 'Severity changed.');
      } }, field('Severity', severity), field('Justification (required for an upgrade)', justification,
        SEVERITY_RANK[ticket.severity] > 1 ? 'Raising the severity re-targets the clocks; say what made the impact larger.' : null),
      h('button', { type: 'submit' }, 'Change severity')),
      h('form', { id: 'status-form', class: 'inline-form', onsubmit: (e) => {
        e.preventDefault();
        const body = { status: status.value, reason: statusReason.value.trim() || undefined };
        if (status.value === 'RESOLVED') body.resolution = resolution.value.trim() || undefined;
        act('/status', body, () => { statusReason.value = ''; resolution.value = ''; }, 'Status changed.');
      } }, field('Status', status), field('Reason', statusReason), resolutionField, h('button', { type: 'submit' }, 'Change status')),
      h('form', { id: 'time-form', class: 'inline-form', onsubmit: (e) => {
        e.preventDefault();
        const entry = { minutes: Number(minutes.value), rate: rate.value, note: note.value.trim() };
        // A start (local time of this browser) dates the entry in the organisation's zone; else the work date does.
        if (startedAt.value) entry.startedAt = new Date(startedAt.value).toISOString(); else entry.workDate = workDate.value;
        act('/time-entries', entry, () => { note.value = ''; startedAt.value = ''; }, 'Time logged.');
      } }, field('Minutes', minutes), field('Rate', rate), field('Work date', workDate), field('Started at (optional)', startedAt), field('Note', note), h('button', { type: 'submit' }, 'Log time')),
    ];
  }

  async function renderTimeEntries() {
    if (!staff) return;
    const history = await get(`/api/tickets/${id}/history`);
    const logged = new Map();
    for (const event of history.items) {
      if (event.type.includes('time-entry-logged')) logged.set(event.data.entryId, { ...event.data, reversed: false });
      if (event.type.includes('time-entry-reversed') && logged.has(event.data.entryId)) logged.get(event.data.entryId).reversed = true;
    }
    const entries = [...logged.values()];
    replace(timeEntries, h('h2', { id: 'time-heading' }, 'Time entries'), entries.length === 0 ? h('p', { class: 'muted' }, 'No time logged.')
      : h('ul', { class: 'time-entries' }, entries.map((entry) => h('li', { 'data-entry-id': entry.entryId },
        `${entry.workDate}: ${entry.minutes} min ${entry.rate.toLowerCase()} by ${entry.agentId}: ${entry.note || ''}`,
        entry.reversed ? h('span', { class: 'badge' }, 'reversed') : h('button', {
          type: 'button', class: 'secondary', onclick: () => {
            const reason = window.prompt('Why reverse this entry?');
            if (reason) act(`/time-entries/${entry.entryId}/reversal`, { reason }, null, 'Time entry reversed.');
          },
        }, `Reverse ${entry.minutes} min`)))));
  }

  async function refresh(force = false) {
    const fresh = await get(`/api/tickets/${id}`);
    const sla = await slaOf(id);
    renderClocks(sla);
    if (force || fresh.version !== shownVersion) {
      ticket = fresh;
      shownVersion = ticket.version;
      renderFacts();
      renderConversation();
      if (force || ticket.status !== shownStatus) {
        shownStatus = ticket.status;
        renderActions();
      }
      await renderAttachments();
      await renderTimeEntries().catch(() => null);
    }
  }

  replace(main, header, facts, h('div', { class: 'columns' }, h('div', {}, clocks, conversation, attachments), h('div', {}, actions, timeEntries)));
  shownVersion = -1;
  await refresh(true);
  return {
    refresh: () => refresh(false),
    dispose: () => blobUrls.forEach((url) => URL.revokeObjectURL(url)),
  };
}
