// Light/dark theme: follows the system (prefers-color-scheme) until the user picks one with the toggle;
// the choice is remembered in localStorage.

const KEY = "palisade.theme";
const media = window.matchMedia("(prefers-color-scheme: dark)");

function effective() {
  const chosen = localStorage.getItem(KEY);
  if (chosen === "dark" || chosen === "light") return chosen;
  return media.matches ? "dark" : "light";
}

function apply(button) {
  const theme = effective();
  document.documentElement.dataset.theme = theme;
  button.setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
  button.title = theme === "dark" ? "Switch to light mode" : "Switch to dark mode";
}

export function setupTheme(button) {
  apply(button);
  button.addEventListener("click", () => {
    localStorage.setItem(KEY, effective() === "dark" ? "light" : "dark");
    apply(button);
  });
  media.addEventListener("change", () => apply(button));
}
