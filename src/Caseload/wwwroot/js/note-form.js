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
