/**
 * Warn before leaving a page with changes not saved yet (review M2): the browser's own prompt when
 * the tab is closed or reloaded (beforeunload), and a confirm when a link inside the app is
 * followed (the router would otherwise swap the page and drop the changes silently).
 */
import { useEffect } from 'preact/hooks';

export function useUnsavedGuard(dirty: boolean, message: string): void {
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // older browsers show the prompt only when returnValue is set
      e.returnValue = message;
      return message;
    };
    // capture phase on window: runs before the router's own click handler
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!a || a.target === '_blank' || a.hasAttribute('download')) return;
      if (a.origin !== location.origin || a.pathname.startsWith('/api/')) return;
      if (a.pathname === location.pathname && a.search === location.search) return;
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    window.addEventListener('beforeunload', onUnload);
    window.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      window.removeEventListener('click', onClick, true);
    };
  }, [dirty, message]);
}
