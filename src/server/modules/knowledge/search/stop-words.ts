import { eng, fra } from 'stopword';

/**
 * Words that carry no meaning in a question, in French and English (KB-3): the `stopword`
 * package's lists plus the interrogatives and auxiliaries people start questions with
 * (« Comment a été récupérée l'adresse ? », "Why does it leak?"), which its lists lack.
 * Both languages at once: a query is searched in both, and a French "est" or an English
 * "the" would otherwise match words of the other language. Accents folded.
 */
const QUESTION_WORDS = [
  // French
  'comment pourquoi quand combien quoi lequel laquelle lesquels lesquelles dont ou est-ce faut peut peux',
  'puis doit dois fait font ca cela ceci etc',
  // English
  'why when whom whose does doe did done can could may shall will would should is was',
].join(' ');

const fold = (word: string) =>
  word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

const STOP_WORDS = new Set([...eng, ...fra, ...QUESTION_WORDS.split(/\s+/)].map(fold));

export const isStopWord = (word: string) => STOP_WORDS.has(fold(word));
