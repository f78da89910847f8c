// The GOV.UK template's body-class snippet, as a file so the Content-Security-Policy needs no inline script. Loaded
// synchronously at the top of <body> so the page is styled for JavaScript before it first paints.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
