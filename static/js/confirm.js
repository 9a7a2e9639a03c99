// Asks before a destructive or irreversible form submission: <form data-confirm="...">.
// Loaded in <head> on every page, so the listener is in place before any form exists.
document.addEventListener("submit", (event) => {
  const message = event.target.dataset && event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
