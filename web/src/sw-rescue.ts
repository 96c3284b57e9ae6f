/**
 * A few lines added to the service worker (`importScripts`, see web/vite.config.ts).
 *
 * Before this version the worker answered navigations to the public pages with the staff app:
 * a victim on a computer that staff had used got the staff sign-in instead of the report form.
 * Browsers still running that worker fetch this one on their next navigation; when it takes
 * over, it sends every window the earlier worker had answered that way to the public page that
 * was asked for.
 *
 * Which windows: only when the worker before was one of those (no worker since has left the
 * mark below), only windows that worker controlled (asked before this worker claims the
 * others), and only those opened on a public page (a window's URL, for the worker, is the one
 * it was opened with; some browsers give the current one, `/masuk?next=%2Flapor`). A public
 * page the server itself sent may hold a report being typed: under a worker that leaves the
 * public pages alone, none is ever reloaded.
 */
export const SW_MARK = 'simpul-sw-public-pages';

export function rescueScript(publicPrefixes: readonly string[]): string {
  return `/* Simpul: windows the previous worker answered with the staff app instead of a public page */
(function () {
  var PUBLIC = ${JSON.stringify(publicPrefixes)};
  var MARK = ${JSON.stringify(SW_MARK)};
  function isPublic(path) {
    for (var i = 0; i < PUBLIC.length; i++)
      if (path === PUBLIC[i] || path.indexOf(PUBLIC[i] + '/') === 0) return true;
    return false;
  }
  function publicTarget(href) {
    var u = new URL(href);
    if (isPublic(u.pathname)) return u.href;
    if (u.pathname !== '/masuk') return null;
    var next = u.searchParams.get('next');
    if (!next || next.charAt(0) !== '/' || next.charAt(1) === '/' || next.charAt(1) === '\\\\') return null;
    var t = new URL(next, u.origin);
    return t.origin === u.origin && isPublic(t.pathname) ? t.href : null;
  }
  self.addEventListener('activate', function (event) {
    // asked at once, before workbox's listener claims the windows no worker controlled
    var asked = Promise.all([self.caches.has(MARK), self.clients.matchAll({ type: 'window' })]);
    event.waitUntil(
      asked.then(function (r) {
        var earlierLeftThemAlone = r[0];
        var windows = r[1];
        return self.caches.open(MARK).then(function () {
          if (earlierLeftThemAlone) return null;
          return self.clients.claim().then(function () {
            // not waited for: the navigation's own request waits until this worker is active
            windows.forEach(function (w) {
              var target = publicTarget(w.url);
              if (target) w.navigate(target).catch(function () {});
            });
          });
        });
      })
    );
  });
})();
`;
}
