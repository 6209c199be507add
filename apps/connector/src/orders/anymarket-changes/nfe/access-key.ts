import { nfeErrors } from './nfe.errors.js';
import { required } from './nfe-fields.js';
import { attribute, childText, type XmlElement } from './nfe-xml.js';

/**
 * 44 characters: cUF and AAMM (6 digits), the issuer's CNPJ (12 letters or digits and 2 digits: the
 * alphanumeric CNPJ of NT 2025.001, in production since July 2026), then 24 digits.
 */
const ACCESS_KEY = /^\d{6}[A-Z0-9]{12}\d{26}$/;
const ID_PREFIX = 'NFe';

/**
 * The access key's check digit (cDV) by SEFAZ's rule (Manual de Orientação do Contribuinte): the 43
 * characters before it weighted 2, 3, …, 9, 2, 3, … from the right; the weighted sum's remainder by 11
 * gives 11 − remainder, or 0 when the remainder is 0 or 1. Each character counts as its ASCII code
 * minus 48, as NT 2025.001 has it for alphanumeric CNPJs (a digit counts as itself).
 */
export function accessKeyCheckDigit(first43Digits: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = first43Digits.length - 1; i >= 0; i--) {
    sum += (first43Digits.charCodeAt(i) - 48) * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
}

/** The key as given when it is 44 digits whose last is the check digit of the others; else a coded refusal naming `path`. */
export function validAccessKey(key: string, path: string): string {
  if (!ACCESS_KEY.test(key)) {
    const reason =
      key.length === 44
        ? 'an access key has digits only, but for the CNPJ (characters 7 to 18 may be upper-case letters)'
        : `an access key has 44 characters, this has ${key.length} characters`;
    throw nfeErrors.accessKeyInvalid(path, key, reason);
  }
  const expected = accessKeyCheckDigit(key.slice(0, 43));
  if (Number(key[43]) !== expected) {
    throw nfeErrors.accessKeyInvalid(path, key, `its check digit is ${key[43]}, but SEFAZ's mod-11 rule over the first 43 digits gives ${expected}`);
  }
  return key;
}

/**
 * The document's access key: the protocol's chNFe, else infNFe's Id without "NFe". When both are
 * there they must be the same key, and the key must spell the document's series (digits 23–25) and
 * number (26–34), zero-padded, as SEFAZ composes it (cUF, AAMM, CNPJ, mod, serie, nNF, tpEmis, cNF, cDV).
 */
export function accessKeyOf(infNFe: XmlElement, infProt: XmlElement | undefined, document: { number: string; series: string }): string {
  const fromId = keyInId(attribute(infNFe, 'Id'));
  const chNFe = infProt && childText(infProt, 'chNFe', 'protNFe/infProt/chNFe');
  const fromProtocol = chNFe === undefined ? undefined : validAccessKey(chNFe, 'protNFe/infProt/chNFe');
  if (fromId && fromProtocol && fromId !== fromProtocol) {
    throw nfeErrors.accessKeyMismatch(`protNFe/infProt/chNFe is ${fromProtocol} but infNFe@Id is ${ID_PREFIX}${fromId}, so the protocol is another NF-e's`);
  }
  const key = required(fromProtocol ?? fromId, 'infNFe@Id', 'the access key');
  const series = key.slice(22, 25);
  const number = key.slice(25, 34);
  if (series !== document.series.padStart(3, '0') || number !== document.number.padStart(9, '0')) {
    throw nfeErrors.accessKeyMismatch(
      `the key ${key} spells series ${series} and number ${number}, the document has series ${document.series} and number ${document.number}`,
    );
  }
  return key;
}

function keyInId(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  if (!id.startsWith(ID_PREFIX)) throw nfeErrors.accessKeyInvalid('infNFe@Id', id, 'the Id is "NFe" followed by the 44-digit key');
  return validAccessKey(id.slice(ID_PREFIX.length), 'infNFe@Id');
}
