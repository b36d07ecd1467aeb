// What a person at this width cannot see whole: the page scrolling sideways, a button or link past the window's
// edge, a text cut short with an ellipsis. Measured on the page's own geometry, through open shadow roots.
() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const describe = el => {
    const text = (el.innerText || el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\s+/g, ' ');
    const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/)[0] : '';
    return el.tagName.toLowerCase() + cls + ' "' + text.slice(0, 50) + '"';
  };
  const shown = el => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    for (let e = el; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
      const s = getComputedStyle(e);
      if (s.visibility === 'hidden' || s.display === 'none' || s.opacity === '0') return false;
    }
    return true;
  };
  // inside something that scrolls sideways on purpose (a wide grid's body, a code block): reachable, not cut
  const scrollsSideways = el => {
    for (let e = el.parentElement || el.getRootNode().host; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
      const s = getComputedStyle(e);
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && e.scrollWidth > e.clientWidth + 1) return true;
    }
    return false;
  };
  const all = [];
  const walk = root => root.querySelectorAll('*').forEach(el => { all.push(el); if (el.shadowRoot) walk(el.shadowRoot); });
  walk(document);
  const layout = document.querySelector('vaadin-app-layout');
  const content = layout && layout.shadowRoot && layout.shadowRoot.querySelector('[content]');
  for (const box of [document.documentElement, content]) {
    if (box && box.scrollWidth > box.clientWidth + 1) {
      problems.push('the page scrolls sideways: ' + box.scrollWidth + ' px wide in ' + box.clientWidth);
    }
  }
  // a grid chooses its columns by the width it has: one whose rows scroll sideways hides columns past its edge
  for (const grid of all.filter(el => el.tagName.toLowerCase() === 'vaadin-grid' && shown(el))) {
    const table = grid.shadowRoot && grid.shadowRoot.querySelector('#table');
    if (table && table.scrollWidth > table.clientWidth + 1) {
      problems.push('a grid scrolls sideways: ' + (grid.getAttribute('aria-label') || grid.className || 'grid')
          + ', ' + table.scrollWidth + ' px of columns in ' + table.clientWidth);
    }
  }
  for (const el of all) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'vaadin-button' || tag === 'a' || tag === 'button' && !el.closest('vaadin-button')) {
      if (!shown(el) || el.getRootNode() !== document) continue;
      const r = el.getBoundingClientRect();
      if ((r.right > width + 1 || r.left < -1) && !scrollsSideways(el)) {
        problems.push('past the edge: ' + describe(el) + ' at ' + Math.round(r.left) + '–' + Math.round(r.right));
      }
    }
    const s = getComputedStyle(el);
    if (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && shown(el) && el.innerText
        && el.innerText.trim().length > 0) {
      problems.push('cut short: ' + describe(el.getRootNode() === document ? el : el.getRootNode().host));
    }
  }
  return [...new Set(problems)];
}
