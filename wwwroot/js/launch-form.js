// Launch form: shows only the hyper-parameter groups of the chosen strategy. Without this module every group
// shows; hidden groups are still posted, and the server checks only the chosen strategy's fields.
const form = document.querySelector('[data-launch-form]');
const select = form?.querySelector('[data-strategy-select]');
if (form && select) {
  const update = () => {
    form.querySelectorAll('[data-strategies]').forEach((group) => {
      group.hidden = !group.dataset.strategies.split(' ').includes(select.value);
    });
  };
  select.addEventListener('change', update);
  update();
}
