import { z } from 'zod';

/** What KB-7 feedback answers: suggested edits and comments. */
export const suggestionSchema = z.object({
  id: z.string(),
  authorId: z.string(),
  authorName: z.string().nullable(),
  title: z.string().nullable(),
  body: z.string(),
  note: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'declined']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export const commentSchema = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  comment: z.string(),
  createdAt: z.string(),
});
