-- An acknowledgment covers the action it was given for (PUSH-2): the values the rule reads and
-- the record acted on, summed up in a fingerprint, for a bounded time (PUSH_ACK_VALID_MINUTES).
alter table push_acks add column fingerprint text;
create index push_acks_fingerprint on push_acks (user_id, rule_id, fingerprint, acknowledged_at desc);

-- Actions declared only to show other applications how to call the check API (the demo's bank
-- transfers) are labelled as examples: reps never see their rules as their own.
alter table push_actions add column example boolean not null default false;
update push_actions set example = true,
       label = 'Exemple pour une autre application : virement bancaire (logiciel de trésorerie appelant l’API de vérification)'
 where name = 'transfer.create' and created_by is null;
