// Shows the "Print" buttons (data-module="caseload-print") and prints the page when one is pressed. Without JavaScript the
// buttons stay hidden and the browser's own print gives the same pages: the print stylesheet does the rest.
for (const button of document.querySelectorAll('[data-module="caseload-print"]')) {
  button.hidden = false
  button.addEventListener('click', () => window.print())
}
