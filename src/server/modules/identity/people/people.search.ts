import type { SearchProvider } from '../../../platform/search-registry.js';
import { findPeople } from './people.repository.js';

/** People in the global search: colleagues by name, e-mail or team (everyone sees the staff directory). */
export const searchPeople: SearchProvider = async (ctx, query, limit) => {
  const people = await findPeople(ctx.tx, query, limit);
  return people.map((person) => ({
    type: 'person',
    id: person.id,
    title: person.name || person.email,
    subtitle: [person.teamName, person.email].filter(Boolean).join(' · '),
    url: `/people/${person.id}`,
    score: person.score + 0.2,
  }));
};
