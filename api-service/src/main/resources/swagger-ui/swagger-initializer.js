// Loadstack's Swagger UI (api-service/README.md, "The API describes itself"): the three services'
// descriptions, read with the JWT the dashboard keeps for this browser tab. Nothing is fetched from elsewhere:
// the online validator is off.
window.onload = function () {
  let token = null;
  try {
    const session = JSON.parse(sessionStorage.getItem('loadstack.session'));
    if (session && session.token && session.expiresAt > Date.now()) token = session.token;
  } catch (e) { /* nothing usable stored */ }
  const root = document.getElementById('swagger-ui');
  if (!token) {
    const note = document.createElement('p');
    note.id = 'sign-in-first';
    note.style.cssText = 'font: 16px system-ui, sans-serif; margin: 2em;';
    note.append('The API descriptions are for signed-in users. ');
    const link = document.createElement('a');
    link.href = '/#/login?message=' + encodeURIComponent('Sign in, then open the API page again.');
    link.textContent = 'Sign in on the dashboard';
    note.append(link, ' in this tab, then come back.');
    root.replaceChildren(note);
    return;
  }
  window.ui = SwaggerUIBundle({
    urls: [
      { url: '/openapi/api-service.yml', name: 'api-service' },
      { url: '/openapi/consumer-service.yml', name: 'consumer-service' },
      { url: '/openapi/health-dashboard.yml', name: 'health-dashboard' },
    ],
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
    requestInterceptor: (request) => {
      if (new URL(request.url, location.href).pathname.startsWith('/openapi/')) {
        request.headers.Authorization = 'Bearer ' + token;
      }
      return request;
    },
    onComplete: () => { window.ui.preauthorizeApiKey('jwt', token); },
  });
};
