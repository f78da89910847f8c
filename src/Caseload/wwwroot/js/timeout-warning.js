// The GOV.UK / HMRC timeout warning: a modal dialog shortly before the session ends, with "Stay signed in".
// At the end it asks any open note form to save its draft, then signs out.
const dialog = document.querySelector('[data-module="caseload-timeout-warning"]')
if (dialog && typeof dialog.showModal === 'function') {
  const warnBefore = Number(dialog.dataset.warnBefore) * 1000
  const countdown = dialog.querySelector('[data-countdown]')
  const announce = dialog.querySelector('[data-countdown-announce]')
  let expiresAt = Date.now() + Number(dialog.dataset.expiresIn) * 1000
  let tick = null
  let lastAnnounced = null

  const words = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000))
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60)
      return `${minutes} minute${minutes === 1 ? '' : 's'}`
    }
    return `${seconds} second${seconds === 1 ? '' : 's'}`
  }

  const signOut = () => {
    document.dispatchEvent(new CustomEvent('caseload:session-expiring'))
    const form = document.querySelector('form[action="/Account/SignOut"]')
    setTimeout(() => { if (form) form.submit(); else window.location.href = '/Account/SignIn' }, 1500)
  }

  const schedule = (seconds) => {
    expiresAt = Date.now() + seconds * 1000
  }

  const close = () => {
    if (dialog.open) dialog.close()
    lastAnnounced = null
  }

  const stay = async () => {
    try {
      const response = await fetch(dialog.dataset.keepAliveUrl, { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json', 'X-CSRF-TOKEN': dialog.dataset.csrfToken } })
      if (response.ok) schedule((await response.json()).expiresIn)
    } finally {
      close()
    }
  }

  tick = setInterval(() => {
    const left = expiresAt - Date.now()
    if (left <= 0) {
      clearInterval(tick)
      signOut()
      return
    }
    if (left <= warnBefore) {
      if (!dialog.open) {
        dialog.showModal()
        document.dispatchEvent(new CustomEvent('caseload:session-expiring'))
      }
      countdown.textContent = words(left)
      // Screen readers hear the time left every 20 seconds, not every second.
      const bucket = Math.ceil(left / 20000)
      if (bucket !== lastAnnounced) {
        lastAnnounced = bucket
        announce.textContent = `For your security, we will sign you out in ${words(left)}.`
      }
    }
  }, 1000)

  dialog.querySelector('[data-keep-alive]').addEventListener('click', stay)
  dialog.querySelector('[data-sign-out]').addEventListener('click', signOut)
  dialog.addEventListener('cancel', (event) => { event.preventDefault(); stay() })
  document.addEventListener('caseload:session-extended', (event) => {
    if (event.detail && event.detail.expiresIn) schedule(event.detail.expiresIn)
  })
}
