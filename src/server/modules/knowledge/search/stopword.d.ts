/** The `stopword` package ships no types; Relais reads only its French and English lists. */
declare module 'stopword' {
  export const eng: string[];
  export const fra: string[];
}
