/** The service worker that shows web push messages (served at the root so its scope is the app). */
export const SERVICE_WORKER = `self.addEventListener('push', (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch { data = { title: event.data && event.data.text() }; }
  event.waitUntil(self.registration.showNotification(data.title || 'Relais', {
    body: data.body || '', tag: data.id, data: { url: data.url || '/notifications' }, icon: '/icon.svg', badge: '/icon.svg',
  }));
});
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(event.notification.data.url));
});
`;
