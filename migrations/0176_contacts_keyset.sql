-- Scale (issue 12): the contacts list pages by keyset, like accounts (0170). Each sort the
-- list offers has an index in both directions ("desc nulls last" is not the backward scan of an
-- ascending index), so page 200 reads what page 1 reads instead of every row before it.
create index contacts_sort_last_name on contacts (lower(last_name), id);
create index contacts_sort_last_name_desc on contacts (lower(last_name) desc nulls last, id desc);
create index contacts_sort_first_name on contacts (lower(first_name), id);
create index contacts_sort_first_name_desc on contacts (lower(first_name) desc nulls last, id desc);
create index contacts_sort_created on contacts (created_at, id);
create index contacts_sort_created_desc on contacts (created_at desc nulls last, id desc);
create index contacts_sort_updated on contacts (updated_at, id);
create index contacts_sort_updated_desc on contacts (updated_at desc nulls last, id desc);
