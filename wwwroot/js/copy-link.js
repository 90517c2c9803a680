// "Copy link": copies the read-only share field's URL to the clipboard. The field stays visible as the fallback
// when the clipboard is not available (plain http on another host, or a denied permission).
for (const box of document.querySelectorAll('[data-copy-link]')) {
  const field = box.querySelector('input');
  const button = box.querySelector('[data-copy-button]');
  field.value = window.location.href;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = 'Copied';
    } catch {
      field.select();
      button.textContent = 'Press Ctrl+C';
    }
  });
}
