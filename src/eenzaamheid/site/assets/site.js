// Chart / table / download views per chart, and "show all code". Without JavaScript every
// view is simply shown below the other.
document.querySelectorAll("figure.chart").forEach((figure) => {
  const buttons = figure.querySelectorAll(".tabs button");
  const views = figure.querySelectorAll(".view");
  const show = (name) => {
    buttons.forEach((b) => b.setAttribute("aria-selected", String(b.dataset.view === name)));
    views.forEach((v) => { v.hidden = v.dataset.view !== name; });
  };
  buttons.forEach((b) => b.addEventListener("click", () => show(b.dataset.view)));
  show("chart");
});
document.querySelectorAll("button.all-code").forEach((button) => {
  button.addEventListener("click", () => {
    const blocks = document.querySelectorAll("details.code");
    const open = [...blocks].some((d) => !d.open);
    blocks.forEach((d) => { d.open = open; });
  });
});
