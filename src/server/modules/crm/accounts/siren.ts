/** Luhn checksum, as used by French SIREN (9 digits) and SIRET (14 digits) numbers. */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Removes spaces and dots people type in ("552 100 554"). */
export const normaliseCompanyNumber = (value: string) => value.replace(/[\s.\u00a0-]/g, '');

/** A SIREN is 9 digits with a valid Luhn checksum. */
export const isValidSiren = (value: string) => /^[0-9]{9}$/.test(value) && luhnValid(value);

/** A SIRET is 14 digits with a valid Luhn checksum (La Poste's 356000000 SIRETs use a digit-sum rule). */
export function isValidSiret(value: string): boolean {
  if (!/^[0-9]{14}$/.test(value)) return false;
  if (value.startsWith('356000000'))
    return [...value].reduce((sum, digit) => sum + Number(digit), 0) % 5 === 0;
  return luhnValid(value);
}

/** Appends the Luhn check digit to `base` (used to generate believable demo SIRENs). */
export function withLuhnDigit(base: string): string {
  for (let digit = 0; digit <= 9; digit += 1) if (luhnValid(base + digit)) return base + digit;
  throw new Error('unreachable');
}
