// The options page's element builder (options.js and feeds-ui.js): text goes in as text
// (textContent or a text node), never as HTML.

/**
 * An element with properties (a known property is set, `dataset` merged, anything else an
 * attribute) and children (nodes or strings; null and undefined left out).
 *
 *   el('td', { className: 'n', textContent: '12' })
 */
export function el(name, props = {}, ...children) {
  const e = document.createElement(name);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...children.filter((c) => c != null));
  return e;
}
