/** How carrier names are compared: lower case, accents and punctuation dropped, single spaces ("Jadlog  Expresso" = "jadlog expresso"). */
export function carrierKeyOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, ' ')
    .trim();
}
