// Keeps the note being written as the author's draft on the server while they type, so nothing is lost to a
// session timeout or a closed tab. Without JavaScript the form's "Save as draft" button does the same.
const form = document.querySelector('form[data-module="caseload-note-form"]')
if (form) {
  const url = form.dataset.autosaveUrl
  const status = form.querySelector('[data-draft-status]')
  let dirty = false
  let saving = false
  let timer = null

  const save = async () => {
    if (!dirty || saving) return
    saving = true
    dirty = false
    try {
      const response = await fetch(url, { method: 'POST', body: new FormData(form), credentials: 'same-origin', headers: { Accept: 'application/json' } })
      const type = response.headers.get('content-type') || ''
      if (!response.ok || !type.includes('application/json')) throw new Error(`status ${response.status}`)
      const body = await response.json()
      if (status) status.textContent = `Draft saved at ${body.savedAt}. Only you can see it.`
      document.dispatchEvent(new CustomEvent('caseload:session-extended', { detail: { expiresIn: body.expiresIn } }))
    } catch {
      dirty = true
      if (status) status.textContent = 'Your draft could not be saved just now. Keep this page open and we will try again.'
    } finally {
      saving = false
    }
  }

  form.addEventListener('input', () => {
    dirty = true
    clearTimeout(timer)
    timer = setTimeout(save, 4000)
  })
  form.addEventListener('submit', () => { dirty = false; clearTimeout(timer) })
  setInterval(save, 30000)
  // The timeout warning asks for a last save before signing out.
  document.addEventListener('caseload:session-expiring', () => { dirty = true; save() })
  window.addEventListener('pagehide', () => {
    if (dirty) navigator.sendBeacon(url, new FormData(form))
  })
}

// "Add another next step" adds a row in place, without a round trip, when JavaScript runs. Without it the button posts the form,
// which comes back with a new row (and keeps the draft), so the page works either way.
const addStep = document.querySelector('[data-testid="add-next-step"]')
if (addStep) {
  const max = Number(addStep.dataset.maxSteps || '10')
  const rows = () => Array.from(document.querySelectorAll('fieldset.caseload-next-step'))
  addStep.addEventListener('click', event => {
    const existing = rows()
    if (existing.length === 0 || existing.length >= max) return
    event.preventDefault()
    const index = existing.length
    const row = existing[existing.length - 1].cloneNode(true)
    const renumber = value => value.replace(/Step\d+/g, `Step${index + 1}`).replace(/Steps\[\d+\]/g, `Steps[${index}]`)
    row.querySelectorAll('.govuk-error-message').forEach(e => e.remove())
    row.querySelectorAll('.govuk-form-group--error').forEach(e => e.classList.remove('govuk-form-group--error'))
    row.querySelectorAll('.govuk-input--error, .govuk-select--error').forEach(e => e.classList.remove('govuk-input--error', 'govuk-select--error'))
    row.querySelectorAll('*').forEach(element => {
      for (const name of ['id', 'for', 'name', 'aria-describedby']) {
        const value = element.getAttribute(name)
        if (value === null) continue
        const changed = renumber(value).split(' ').filter(id => !id.endsWith('-error')).join(' ')
        if (changed.length === 0) element.removeAttribute(name)
        else element.setAttribute(name, changed)
      }
      element.removeAttribute('autofocus')
    })
    row.querySelectorAll('input[type="text"]').forEach(input => { input.value = '' })
    row.querySelectorAll('select').forEach(select => { select.selectedIndex = 0 })
    const legend = row.querySelector('legend')
    if (legend) legend.textContent = `Next step ${index + 1}`
    const remove = row.querySelector('button[name="removeStep"]')
    if (remove) {
      remove.value = String(index)
      const hidden = remove.querySelector('.govuk-visually-hidden')
      if (hidden) hidden.textContent = ` next step ${index + 1}`
    }
    addStep.closest('.moj-button-action').before(row)
    if (index + 1 >= max) addStep.hidden = true
    const action = row.querySelector('input[type="text"]')
    if (action) action.focus()
    form?.dispatchEvent(new Event('input'))
  })
}
