-- Ranking by relevance (KB-3): typo candidates per word. The base's words are not readable by
-- relais_app (they include words of items a user may not see); this definer function answers,
-- for each word of a query, whether the base knows it and, when it does not, the closest known
-- words by trigram similarity. The caller keeps only those within a small edit distance, so a
-- real word the base lacks ("remboursement") is not turned into another ("remplacement").
create function knowledge_word_candidates(p_words text[])
returns table (word text, known boolean, candidates text[]) language sql stable security definer set search_path = public as $$
  select w, k.known,
         case when k.known then '{}'::text[]
              else array(select kw.word from knowledge_words kw where kw.word % w
                          order by similarity(kw.word, w) desc, length(kw.word), kw.word limit 8) end
    from unnest(p_words) w,
         lateral (select exists (select 1 from knowledge_words kw where kw.word = w) as known) k
$$;
