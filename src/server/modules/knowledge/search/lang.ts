/**
 * Language of a text, French or English (KB-1): counts frequent function words of each
 * language (accent-free), plus a bonus for French accented letters. Good enough from a
 * dozen words; defaults to French (the company's language) when undecided.
 */
const FRENCH = new Set(
  'le la les un une des du de et est en que qui dans pour pas par sur au aux avec ce cette ces son sa ses il elle ils nous vous leur leurs mais ou donc ne plus tres sont ont etre avoir fait comme tout tous votre vos notre nos client clients si sans chez entre apres avant aussi peut doit quand'.split(
    ' ',
  ),
);
const ENGLISH = new Set(
  'the a an and is are of to in that it for on with as at by this be was were from or not have has had but they we you your our their his her its can will would should if when what which who how there been than then them these those into about after before also may must does do customer'.split(
    ' ',
  ),
);

export function detectLanguage(text: string): 'fr' | 'en' {
  const words = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z']+/)
    .flatMap((word) => word.split("'"))
    .filter(Boolean);
  let french = 0;
  let english = 0;
  for (const word of words) {
    if (FRENCH.has(word)) french += 1;
    if (ENGLISH.has(word)) english += 1;
  }
  french += (text.match(/[éèêàùçôîœ]/gi)?.length ?? 0) * 0.5;
  return english > french ? 'en' : 'fr';
}
