// Search-as-you-type pickers (config/pickers.py): a clicked match fills the hidden input.
// Loaded in <head>, so the delegated listeners cover pickers added later (formsets, htmx).
document.addEventListener("click", (event) => {
  const option = event.target.closest("[data-picker-option]");
  const picker = option && option.closest("[data-picker]");
  if (!picker) {
    return;
  }
  picker.querySelector("[data-picker-value]").value = option.dataset.pickerOption;
  const search = picker.querySelector("input[type=search]");
  search.value = option.textContent.trim();
  search.setAttribute("aria-expanded", "false");
  picker.querySelector(".picker-results").replaceChildren();
});

document.addEventListener("input", (event) => {
  const picker = event.target.closest && event.target.closest("[data-picker]");
  if (picker && event.target.type === "search") {
    // Typing again un-chooses: only a clicked match is ever posted.
    picker.querySelector("[data-picker-value]").value = "";
    event.target.setAttribute("aria-expanded", "true");
  }
});
