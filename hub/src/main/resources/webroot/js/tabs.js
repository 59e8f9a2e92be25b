// A WAI-ARIA tab bar (the "tabs with automatic activation" pattern): one tab in the Tab order (the selected
// one), Left/Right move and select, Home/End go to the first/last; each tab names its panel with aria-controls.

/**
 * Wires the role=tab buttons of a role=tablist element. onSelect(panel, tab) runs each time a tab is selected
 * (also for the one selected at start, by select()). Returns {select(panelId), selected()}.
 */
export function wireTabs(tablist, { onSelect = () => {} } = {}) {
  const tabs = [...tablist.querySelectorAll('[role=tab]')];
  const panelOf = (tab) => document.getElementById(tab.getAttribute('aria-controls'));
  for (const tab of tabs) {
    const panel = panelOf(tab);
    panel.setAttribute('aria-labelledby', tab.id);
    panel.tabIndex = 0;
  }

  function select(tab, focus) {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      panelOf(t).hidden = !on;
    }
    if (focus) tab.focus();
    onSelect(panelOf(tab), tab);
  }

  tablist.addEventListener('click', (e) => {
    const tab = e.target.closest('[role=tab]');
    if (tab && tabs.includes(tab)) select(tab, false);
  });
  tablist.addEventListener('keydown', (e) => {
    const at = tabs.indexOf(document.activeElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    select(tabs[(next + tabs.length) % tabs.length], true);
  });

  return {
    select: (panelId) => select(tabs.find((t) => t.getAttribute('aria-controls') === panelId), false),
    selected: () => panelOf(tabs.find((t) => t.getAttribute('aria-selected') === 'true')),
  };
}
