// Auto-scroll that never fights the user: new content keeps the view pinned to the bottom only while the
// user is at the bottom. Scrolling up unpins (and shows "Jump to latest"); scrolling back down re-pins.
// Scrolling to the bottom ourselves lands at the bottom, so every scroll event can simply re-measure.

const SLACK = 48; // pixels from the bottom that still count as "at the bottom"

export function stickToBottom(container, content, jumpButton, onJump = () => {}) {
  let pinned = true;
  const atBottom = () => container.scrollHeight - container.scrollTop - container.clientHeight <= SLACK;
  const toBottom = () => {
    container.scrollTop = container.scrollHeight;
    jumpButton.hidden = true;
  };
  container.addEventListener("scroll", () => {
    pinned = atBottom();
    if (pinned) jumpButton.hidden = true;
  }, { passive: true });
  const grew = () => {
    if (pinned) toBottom();
    else if (container.scrollHeight > container.clientHeight) jumpButton.hidden = false;
  };
  new MutationObserver(grew).observe(content, { childList: true, subtree: true, characterData: true });
  new ResizeObserver(grew).observe(content);
  jumpButton.addEventListener("click", () => {
    pinned = true;
    toBottom();
    onJump(); // the button hides itself: move focus somewhere useful
  });
  return {
    /** Pin and jump to the bottom (after sending a message or loading a conversation). */
    pin() {
      pinned = true;
      toBottom();
    },
    get pinned() { return pinned; },
  };
}
