// Slide deck: arrows, PageUp/PageDown, space, Home/End, F (full screen); a click on the
// right half goes on, on the left half back; a swipe on a phone; #<slide id> links a slide.
// Enter and space on the focused bar link or button follow it or toggle full screen.
const slides = [...document.querySelectorAll(".slide")];
const counter = document.querySelector(".bar .number");
let now = 0;

function show(index) {
  now = Math.max(0, Math.min(slides.length - 1, index));
  slides.forEach((slide, i) => { slide.hidden = i !== now; });
  counter.textContent = `${now + 1} / ${slides.length}`;
  counter.title = counter.dataset.label.replace("{n}", now + 1).replace("{total}", slides.length);
  const hash = `#${slides[now].id}`;
  if (location.hash !== hash) history.replaceState(null, "", hash);
}

function fromHash() {
  const id = decodeURIComponent(location.hash.slice(1));
  const byId = slides.findIndex((slide) => slide.id === id);
  if (byId >= 0) return byId;
  const number = parseInt(id, 10);
  return Number.isNaN(number) ? 0 : number - 1;
}

function fullscreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen?.().catch(() => {});
}

const NEXT = ["ArrowRight", "ArrowDown", "PageDown", " ", "Enter", "n"];
const BACK = ["ArrowLeft", "ArrowUp", "PageUp", "Backspace", "p"];
document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  // Enter and space on a focused link or button do what it says (follow, full screen)
  if ((event.key === "Enter" || event.key === " ") && event.target.closest?.("a, button")) return;
  if (NEXT.includes(event.key)) show(now + 1);
  else if (BACK.includes(event.key)) show(now - 1);
  else if (event.key === "Home") show(0);
  else if (event.key === "End") show(slides.length - 1);
  else if (event.key === "f" || event.key === "F") fullscreen();
  else return;
  event.preventDefault();
});
document.addEventListener("click", (event) => {
  if (event.target.closest("a, button")) return;
  show(event.clientX > window.innerWidth / 2 ? now + 1 : now - 1);
});
let touchX = null, edges = null;
document.addEventListener("touchstart", (event) => {
  touchX = event.touches[0].clientX;
  const slide = event.target.closest(".slide"); // a chart wider than the phone scrolls
  edges = slide && { left: slide.scrollLeft <= 0,
    right: slide.scrollLeft + slide.clientWidth >= slide.scrollWidth - 1 };
});
document.addEventListener("touchend", (event) => {
  if (touchX === null) return;
  const dx = event.changedTouches[0].clientX - touchX;
  touchX = null;
  if (edges && !(dx < 0 ? edges.right : edges.left)) return; // it scrolled: not a swipe on
  if (Math.abs(dx) > 40) show(dx < 0 ? now + 1 : now - 1);
});
document.querySelector(".bar .fullscreen").addEventListener("click", (event) => {
  fullscreen();
  if (event.detail > 0) event.currentTarget.blur(); // clicked: space goes on with the slides
});
window.addEventListener("hashchange", () => show(fromHash()));
show(fromHash());
