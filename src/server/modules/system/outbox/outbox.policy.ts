/** Mails name clients and carry their content: admins only read the outbox. */
export const outboxReaders = { roles: ['admin' as const] };
