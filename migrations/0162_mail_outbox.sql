-- The outbox admins read when no mail server is configured (A19): who a reply goes to (the rep
-- who wrote to a client), and the index its newest-first pages use.
alter table mail_messages add column reply_to text;
create index mail_messages_created on mail_messages (created_at desc, id);
