// Starts the GOV.UK Frontend components on the page (a file, so the Content-Security-Policy needs no inline script).
import { initAll } from '/lib/govuk/govuk-frontend.min.js'
initAll()
