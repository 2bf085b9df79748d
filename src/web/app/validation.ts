/** Client-side checks mirroring the server's, so people learn about mistakes before submitting. */

export const MIN_PASSWORD_LENGTH = 10;

export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

export function isStrongEnoughPassword(value: string): boolean {
  return value.length >= MIN_PASSWORD_LENGTH;
}
