import { h } from '../dom.ts';

/**
 * «شمارهٔ رسید: …»: the record's id, which the operator writes on the paper receipt and which
 * finds the record again (GET /donations/{id}). An identifier, not a figure: it stays in Latin
 * letters and digits, left to right, in monospace, selected whole with one click, with a button
 * that copies it.
 */
export function receiptNumber(id: string): HTMLElement {
  const code = h('code', { dir: 'ltr', lang: 'en', translate: 'no', class: 'receipt-number', 'data-testid': 'receipt-number' }, id);
  const said = h('span', { class: 'copy-status', 'aria-live': 'polite' });
  const copy = h('button', { type: 'button', class: 'copy', 'aria-label': 'رونوشت شمارهٔ رسید' }, 'رونوشت');
  copy.addEventListener('click', () => {
    const selectIt = () => {
      const range = document.createRange();
      range.selectNodeContents(code);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    };
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (!clipboard) {
      selectIt();
      said.textContent = 'شماره انتخاب شد؛ آن را رونوشت کنید.';
      return;
    }
    clipboard.writeText(id).then(
      () => (said.textContent = 'رونوشت شد.'),
      () => {
        selectIt();
        said.textContent = 'شماره انتخاب شد؛ آن را رونوشت کنید.';
      },
    );
  });
  return h('p', { class: 'receipt', 'data-testid': 'receipt' }, 'شمارهٔ رسید: ', code, ' ', copy, ' ', said);
}
