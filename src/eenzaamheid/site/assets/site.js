// Chart / table / download views per chart as WAI-ARIA tabs (click, arrow keys, Home/End),
// and "show all code". Without JavaScript every view is simply shown below the other.
document.querySelectorAll("figure.chart").forEach((figure) => {
  const tabs = [...figure.querySelectorAll("[role=tab]")];
  const show = (chosen, focus) => {
    tabs.forEach((tab) => {
      const on = tab === chosen;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      document.getElementById(tab.getAttribute("aria-controls")).hidden = !on;
    });
    if (focus) chosen.focus();
  };
  const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  tabs.forEach((tab, at) => {
    tab.addEventListener("click", () => show(tab, false));
    tab.addEventListener("keydown", (event) => {
      let to = null;
      if (event.key in moves) to = (at + moves[event.key] + tabs.length) % tabs.length;
      if (event.key === "Home") to = 0;
      if (event.key === "End") to = tabs.length - 1;
      if (to === null) return;
      event.preventDefault();
      show(tabs[to], true);
    });
  });
  show(tabs[0], false);
});
document.querySelectorAll("button.all-code").forEach((button) => {
  button.addEventListener("click", () => {
    const blocks = document.querySelectorAll("details.code");
    const open = [...blocks].some((d) => !d.open);
    blocks.forEach((d) => { d.open = open; });
  });
});
