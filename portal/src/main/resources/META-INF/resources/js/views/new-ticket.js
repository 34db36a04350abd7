// The ticket form: type, severity with its meaning and the policy's targets, the facts support asks for, and
// screenshots by drag and drop, paste or file picker, checked for type and size before anything is uploaded.
import { h, replace, field, problemBox, options, announce } from '../dom.js';
import { api, get, post } from '../api.js';
import { SEVERITIES, SEVERITY_MEANINGS, TYPES, TYPE_LABELS, isoDuration } from '../format.js';

export const ACCEPTED_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'];
export const MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 5;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NO_RESOLUTION_TARGET = ['BUG', 'REQUEST', 'SITE_REFRESH'];

async function targetsFor(organizationId) {
  try {
    // The policy the organisation's new tickets get: assigned by an admin, or its plan's default.
    const { policy } = await get(`/api/sla/organizations/${encodeURIComponent(organizationId)}/policy`);
    return { policy };
  } catch (error) {
    return { policy: null };
  }
}

export async function newTicketView(main, { user, navigate }) {
  const isContact = user.roles.includes('contact');
  const files = [];
  const summary = h('div', { id: 'form-problems', tabindex: '-1' });
  const organizationInput = h('input', { name: 'organizationId', id: 'organizationId', required: true, autocomplete: 'off' });
  const typeSelect = h('select', { name: 'type', id: 'type' }, options(TYPES, 'INCIDENT', TYPE_LABELS));
  const title = h('input', { name: 'title', id: 'title', required: true, maxlength: '200', autocomplete: 'off' });
  const description = h('textarea', { name: 'description', id: 'description', required: true, rows: '6', maxlength: '20000' });
  const courseId = h('input', { name: 'courseId', id: 'courseId', maxlength: '100', autocomplete: 'off' });
  const email = h('input', { name: 'affectedUserEmail', id: 'affectedUserEmail', type: 'email', maxlength: '320', autocomplete: 'off' });
  const pageUrl = h('input', { name: 'pageUrl', id: 'pageUrl', type: 'url', maxlength: '2000', placeholder: 'https://', autocomplete: 'off' });
  const picker = h('input', {
    type: 'file', id: 'screenshots', multiple: true, accept: ACCEPTED_TYPES.join(','), class: 'visually-hidden',
    tabindex: '-1', 'aria-labelledby': 'screens-label', // the drop zone is the keyboard's way to it
  });
  const fileList = h('ul', { id: 'file-list', class: 'files' });
  const fileProblems = h('div', { id: 'file-problems', 'aria-live': 'polite' });
  const severityBox = h('fieldset', { id: 'severity', class: 'severity' });
  const targetNote = h('p', { class: 'hint', id: 'target-note' });

  let policy = null;
  function renderSeverities(selected = 'S3') {
    const targets = policy ? policy.targets : {};
    const resolutionApplies = !NO_RESOLUTION_TARGET.includes(typeSelect.value);
    replace(severityBox, h('legend', {}, 'Severity'), SEVERITIES.map((s) => {
      const id = `severity-${s}`;
      const t = targets[s];
      const targetText = t ? `First response within ${isoDuration(t.firstResponse)}; resolution within `
        + `${resolutionApplies ? isoDuration(t.resolution) : 'no target for this type'} (business time)` : '';
      return h('div', { class: 'choice' },
        h('input', { type: 'radio', name: 'severity', id, value: s, checked: s === selected }),
        h('label', { for: id }, h('strong', {}, s), ' ', SEVERITY_MEANINGS[s], targetText ? h('span', { class: 'targets' }, targetText) : null));
    }));
    targetNote.textContent = policy ? `Targets from your organisation's "${policy.name || policy.id}" policy.` : '';
  }
  typeSelect.addEventListener('change', () => renderSeverities(selectedSeverity()));
  const selectedSeverity = () => (severityBox.querySelector('input[name=severity]:checked') || {}).value || 'S3';

  function addFiles(list) {
    const problems = [];
    for (const file of list) {
      if (!ACCEPTED_TYPES.includes(file.type)) {
        problems.push(`${file.name || 'The pasted file'}: only PNG, JPEG, GIF, WebP images and PDF documents can be attached.`);
      } else if (file.size > MAX_BYTES) {
        problems.push(`${file.name}: ${(file.size / 1048576).toFixed(1)} MB is larger than the 10 MB limit.`);
      } else if (files.length >= MAX_FILES) {
        problems.push(`${file.name}: at most ${MAX_FILES} files per ticket from this form.`);
      } else {
        files.push(file.name ? file : new File([file], `pasted-${Date.now()}.png`, { type: file.type }));
      }
    }
    replace(fileProblems, problems.length ? h('div', { class: 'problem', role: 'alert' }, h('ul', {}, problems.map((p) => h('li', {}, p)))) : null);
    renderFiles();
  }
  function renderFiles() {
    replace(fileList, files.map((file, i) => h('li', {},
      file.type.startsWith('image/') ? h('img', { src: URL.createObjectURL(file), alt: '', class: 'thumb' }) : null,
      `${file.name} (${Math.ceil(file.size / 1024)} KB) `,
      h('button', { type: 'button', class: 'link', onclick: () => { files.splice(i, 1); renderFiles(); } }, `Remove ${file.name}`))));
  }
  picker.addEventListener('change', () => { addFiles([...picker.files]); picker.value = ''; });
  const dropZone = h('div', {
    class: 'drop-zone', id: 'drop-zone', tabindex: '0', role: 'button', 'aria-describedby': 'drop-hint',
    onclick: () => picker.click(),
    onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); picker.click(); } },
    ondragover: (e) => { e.preventDefault(); e.currentTarget.classList.add('over'); },
    ondragleave: (e) => e.currentTarget.classList.remove('over'),
    ondrop: (e) => { e.preventDefault(); e.currentTarget.classList.remove('over'); addFiles([...e.dataTransfer.files]); },
  }, 'Drop screenshots here, paste them (Ctrl+V) anywhere in the form, or press to choose files');

  const form = h('form', { id: 'ticket-form', novalidate: true },
    summary,
    isContact ? null : field('Organisation id', organizationInput, 'The organisation the ticket is for.'),
    field('Type', typeSelect),
    severityBox, targetNote,
    field('Title', title, 'One line: what is wrong or what you need.'),
    field('Description', description, 'What happened, what you expected, since when, how many users.'),
    field('Course id', courseId, 'For example BIO-101; leave empty if no course is concerned.'),
    field("Affected user's email", email, 'The learner or teacher who sees the problem, if there is one.'),
    field('Link to the page', pageUrl, 'The address of the page where it happens.'),
    h('div', { class: 'field' }, h('span', { class: 'label', id: 'screens-label' }, 'Screenshots'),
      h('p', { class: 'hint', id: 'drop-hint' }, 'PNG, JPEG, GIF, WebP or PDF, up to 10 MB each.'),
      dropZone, picker, fileProblems, fileList),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'submit-ticket' }, 'Open the ticket')));
  form.addEventListener('paste', (e) => {
    const pasted = [...(e.clipboardData ? e.clipboardData.files : [])];
    if (pasted.length) { e.preventDefault(); addFiles(pasted); }
  });

  function invalid(control, message) {
    control.setAttribute('aria-invalid', 'true');
    const id = `${control.id}-error`;
    control.parentElement.append(h('p', { class: 'field-error', id }, message));
    control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') || ''} ${id}`.trim());
    return { control, message };
  }
  function clearErrors() {
    form.querySelectorAll('.field-error').forEach((e) => e.remove());
    form.querySelectorAll('[aria-invalid]').forEach((c) => {
      c.removeAttribute('aria-invalid');
      c.setAttribute('aria-describedby', (c.getAttribute('aria-describedby') || '').split(' ').filter((x) => !x.endsWith('-error')).join(' '));
    });
    replace(summary);
  }
  function check() {
    const errors = [];
    if (!isContact && !organizationInput.value.trim()) errors.push(invalid(organizationInput, 'Enter the organisation id.'));
    if (!title.value.trim()) errors.push(invalid(title, 'Enter a title.'));
    if (!description.value.trim()) errors.push(invalid(description, 'Describe the problem or request.'));
    if (email.value.trim() && !EMAIL.test(email.value.trim())) errors.push(invalid(email, 'Enter an email address like name@example.org.'));
    if (pageUrl.value.trim() && !/^https?:\/\/\S+$/.test(pageUrl.value.trim())) errors.push(invalid(pageUrl, 'Enter a link starting with http:// or https://.'));
    return errors;
  }
  function showErrors(errors) {
    replace(summary, h('div', { class: 'problem', role: 'alert' }, h('strong', {}, 'Please correct the form:'),
      h('ul', {}, errors.map((e) => h('li', {}, h('a', { href: `#${e.control.id}`, onclick: (ev) => { ev.preventDefault(); e.control.focus(); } }, e.message))))));
    errors[0].control.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const errors = check();
    if (errors.length) { showErrors(errors); return; }
    const button = form.querySelector('#submit-ticket');
    button.disabled = true;
    try {
      const body = {
        organizationId: isContact ? user.organizationId : organizationInput.value.trim(),
        type: typeSelect.value, severity: selectedSeverity(), title: title.value.trim(),
        description: description.value.trim(), channel: 'PORTAL',
        courseId: courseId.value.trim() || undefined, affectedUserEmail: email.value.trim() || undefined,
        pageUrl: pageUrl.value.trim() || undefined,
      };
      const ticket = await post('/api/tickets', body);
      for (const file of files) {
        const data = new FormData();
        data.append('file', file, file.name);
        await api(`/api/tickets/${ticket.id}/attachments`, { method: 'POST', body: data });
      }
      announce(`Ticket ${ticket.key} opened.`);
      navigate(`#/tickets/${ticket.id}`);
    } catch (error) {
      const fieldErrors = (error.errors || []).map((e) => {
        const control = form.querySelector(`[name="${e.field}"]`);
        return control ? invalid(control, `${e.message}`) : null;
      }).filter(Boolean);
      replace(summary, problemBox(error));
      summary.focus();
      if (fieldErrors.length) fieldErrors[0].control.focus();
      button.disabled = false;
    }
  });

  replace(main, h('h1', {}, 'Open a ticket'), form);
  if (isContact) {
    ({ policy } = await targetsFor(user.organizationId));
  }
  renderSeverities();
  return {};
}
