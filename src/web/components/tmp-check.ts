export const x = (t: (k: string) => string) => [t('shell:nope.missing'), t('bare.missing')];
