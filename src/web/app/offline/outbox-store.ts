/**
 * The outbox of what was captured without a network (UX-2), in IndexedDB so that it survives a
 * reload or a closed app. Each entry carries the idempotency key the server de-duplicates on, so
 * sending it again after a lost answer never creates a second record. Per user: entries name
 * their author and are erased on sign-out with the rest of the offline data.
 */
export interface OutboxEntry {
  /** The idempotency key (a UUID generated on the phone). */
  key: string;
  userId: string;
  /** What the page shows while it waits ("Visite – Boulangerie Martin"). */
  label: string;
  body: Record<string, unknown>;
  /** The planned visit or call this report completes; absent for a new activity. */
  completes?: string;
  createdAt: string;
  /** Set when the server refused it (validation, rights): kept for the rep to read, not resent. */
  error?: string;
}

const DB = 'relais-offline';
const STORE = 'outbox';
const listeners = new Set<() => void>();

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

const changed = () => listeners.forEach((listener) => listener());

export async function outboxEntries(userId: string): Promise<OutboxEntry[]> {
  const all = await run<OutboxEntry[]>('readonly', (store) => store.getAll());
  return all
    .filter((entry) => entry.userId === userId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function putOutboxEntry(entry: OutboxEntry) {
  await run('readwrite', (store) => store.put(entry));
  changed();
}

export async function deleteOutboxEntry(key: string) {
  await run('readwrite', (store) => store.delete(key));
  changed();
}

export async function clearOutbox() {
  if (typeof indexedDB === 'undefined') return;
  await run('readwrite', (store) => store.clear());
  changed();
}

export function subscribeOutbox(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
