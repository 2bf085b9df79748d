-- Sign-in throttling per (e-mail, address) instead of per e-mail (issue 10, item 6): failures
-- from one address no longer lock the account for everyone, and the right password still
-- works from an address that has not failed. Replaces login_attempts.
create table login_throttle (
  email text not null,
  ip text not null,
  failures integer not null default 0,
  blocked_until timestamptz,
  last_failure_at timestamptz not null default now(),
  primary key (email, ip)
);
create index login_throttle_last_failure on login_throttle (last_failure_at);
revoke all on login_throttle from relais_app;
drop table login_attempts;
