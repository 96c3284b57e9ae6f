/**
 * Tells the app's other tabs that the session changed: signing out in one tab must not leave a
 * victim's data readable in another (and signing in as someone else must not leave the first
 * person's screens open). Browsers without BroadcastChannel fall back to the next request's 401.
 */
type SessionEvent = 'signed-out' | 'signed-in';
const NAME = 'simpul-session';

export function announceSession(event: SessionEvent): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const ch = new BroadcastChannel(NAME);
  ch.postMessage(event);
  ch.close();
}

/** Calls `on` when another tab announces a change; returns the unsubscribe. */
export function onSessionChange(on: (event: SessionEvent) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const ch = new BroadcastChannel(NAME);
  ch.onmessage = (e: MessageEvent) => {
    if (e.data === 'signed-out' || e.data === 'signed-in') on(e.data);
  };
  return () => ch.close();
}
