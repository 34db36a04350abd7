// Builds elements without innerHTML: every text from the API lands in text nodes, never in markup.
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'value') {
      element.value = value;
    } else if (name === 'checked' || name === 'selected' || name === 'disabled' || name === 'hidden') {
      element[name] = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function replace(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

export function announce(text) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  window.setTimeout(() => { announcer.textContent = text; }, 50);
}

let fieldIds = 0;
/** A labelled form field; the control gets an id, and a hint is tied to it with aria-describedby. */
export function field(label, control, hint) {
  const id = control.id || `f${++fieldIds}`;
  control.id = id;
  const parts = [h('label', { for: id }, label)];
  if (hint) {
    const hintId = `${id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('p', { class: 'hint', id: hintId }, hint));
  }
  parts.push(control);
  return h('div', { class: 'field' }, parts);
}

/** A problem (RFC 9457) or any error as an alert, with the problem's own title, detail and field messages. */
export function problemBox(error) {
  const detail = error && error.detail ? error.detail : (error && error.message) || String(error);
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, (error && error.title) || 'Something went wrong'), ' ', detail,
    error && error.errors && error.errors.length
      ? h('ul', {}, error.errors.map((e) => h('li', {}, `${e.field}: ${e.message}`))) : null);
}

export function options(values, selected, labels = {}) {
  return values.map((v) => h('option', { value: v, selected: v === selected }, labels[v] || v));
}
