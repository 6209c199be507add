import { accessKeyOf } from './access-key.js';
import { decimalToCents } from './nfe-amount.js';
import { validDate, validDateTimeWithOffset } from './nfe-dates.js';
import { nfeErrors } from './nfe.errors.js';
import { matching, optionalMatching, required, requiredText } from './nfe-fields.js';
import { childElement, childElements, childText, readRootElement, type XmlElement } from './nfe-xml.js';

/** The largest NF-e XML read; larger input is refused before parsing (a real NF-e with hundreds of items is well under). */
export const NFE_MAX_BYTES = 1024 * 1024;

/** What the connector needs of a seller's NF-e (layout 4.00, as ANYMARKET's invoice/document remote sends it). */
export interface NfeDocument {
  /** 44 digits: protNFe/infProt/chNFe, else infNFe@Id without its "NFe" prefix. */
  accessKey: string;
  /** ide/nNF as written, e.g. "562465425". */
  number: string;
  /** ide/serie as written, e.g. "1". */
  series: string;
  /** ide/dhEmi as given (date, time and UTC offset); a document of a layout before 3.10 gives its dEmi date. */
  issuedAt: string;
  /** total/ICMSTot/vNF, the invoice total, in whole cents. */
  totalCents: number;
  /** The first item's CFOP. */
  cfop: string;
  /** Every distinct CFOP of the items, in document order. */
  cfops: string[];
  /** emit/CNPJ, or emit/CPF for an issuer that is a person. */
  issuerCnpj: string;
  /** dest/CNPJ, dest/CPF or dest/idEstrangeiro; null when the document names no recipient. */
  recipientDocument: string | null;
  /** ide/tpAmb: homologation documents ("SEM VALOR FISCAL") are tests with no fiscal value. */
  environment: 'production' | 'homologation';
  /** Whether SEFAZ authorised it: protNFe's cStat 100 (authorised) or 150 (authorised late). */
  authorized: boolean;
  /** protNFe/infProt/nProt; null without protNFe or when SEFAZ gave none. */
  protocol: string | null;
}

/** A CNPJ: 14 digits, or (from July 2026, NT 2025.001) 12 upper-case letters or digits and 2 check digits. */
const CNPJ = /^[A-Z0-9]{12}\d{2}$/;
const AUTHORIZED_STATUSES = new Set(['100', '150']);
const ENVIRONMENTS = { '1': 'production', '2': 'homologation' } as const;

/** Reads a seller's NF-e XML (`nfeProc` or a bare `NFe`, with or without namespace prefixes); refuses what is not one with an NfeError. */
export function parseNfe(xml: string): NfeDocument {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > NFE_MAX_BYTES) throw nfeErrors.tooLarge(bytes, NFE_MAX_BYTES);
  const { nfe, protNFe } = nfeAndProtocol(readRootElement(xml));
  const infNFe = required(childElement(nfe, 'infNFe', 'NFe/infNFe'), 'NFe/infNFe', 'the invoice information');
  const ide = required(childElement(infNFe, 'ide', 'infNFe/ide'), 'infNFe/ide', 'the identification');
  const infProt = protNFe && required(childElement(protNFe, 'infProt', 'protNFe/infProt'), 'protNFe/infProt', "SEFAZ's answer");
  const { number, series } = numberAndSeriesOf(ide);
  const accessKey = accessKeyOf(infNFe, infProt, { number, series });
  const cfops = itemCfops(infNFe);
  return {
    accessKey,
    number,
    series,
    issuedAt: issuedAtOf(ide),
    totalCents: totalCentsOf(infNFe),
    cfop: cfops[0],
    cfops: [...new Set(cfops)],
    issuerCnpj: issuerOf(infNFe),
    recipientDocument: recipientOf(infNFe),
    environment: environmentOf(ide),
    ...sefazAnswerOf(infProt),
  };
}

function nfeAndProtocol({ name, element }: { name: string; element: XmlElement }): { nfe: XmlElement; protNFe?: XmlElement } {
  if (name === 'NFe') return { nfe: element };
  if (name !== 'nfeProc') throw nfeErrors.notAnNfe(name);
  const nfe = required(childElement(element, 'NFe', 'nfeProc/NFe'), 'nfeProc/NFe', 'the signed invoice');
  return { nfe, protNFe: childElement(element, 'protNFe', 'nfeProc/protNFe') };
}

function numberAndSeriesOf(ide: XmlElement): { number: string; series: string } {
  const number = requiredText(ide, 'nNF', 'infNFe/ide/nNF', 'the invoice number');
  const series = requiredText(ide, 'serie', 'infNFe/ide/serie', 'the invoice series');
  return {
    number: matching(number, /^\d{1,9}$/, 'infNFe/ide/nNF', '1 to 9 digits'),
    series: matching(series, /^\d{1,3}$/, 'infNFe/ide/serie', '1 to 3 digits'),
  };
}

function issuedAtOf(ide: XmlElement): string {
  const dhEmi = childText(ide, 'dhEmi', 'infNFe/ide/dhEmi');
  if (dhEmi !== undefined) return validDateTimeWithOffset(dhEmi, 'infNFe/ide/dhEmi');
  return validDate(requiredText(ide, 'dEmi', 'infNFe/ide/dhEmi', 'the issue date and time'), 'infNFe/ide/dEmi');
}

function totalCentsOf(infNFe: XmlElement): number {
  const total = required(childElement(infNFe, 'total', 'infNFe/total'), 'infNFe/total', 'the totals');
  const icmsTot = required(childElement(total, 'ICMSTot', 'infNFe/total/ICMSTot'), 'infNFe/total/ICMSTot', 'the ICMS totals');
  return decimalToCents(requiredText(icmsTot, 'vNF', 'infNFe/total/ICMSTot/vNF', 'the invoice total'), 'infNFe/total/ICMSTot/vNF');
}

function itemCfops(infNFe: XmlElement): string[] {
  const items = childElements(infNFe, 'det');
  if (!items.length) throw nfeErrors.fieldMissing('infNFe/det', 'the invoice items');
  return items.map((item, index) => {
    const path = `infNFe/det[${index + 1}]/prod`;
    const prod = required(childElement(item, 'prod', path), path, 'the product');
    return matching(requiredText(prod, 'CFOP', `${path}/CFOP`, 'the fiscal operation code'), /^\d{4}$/, `${path}/CFOP`, '4 digits');
  });
}

function issuerOf(infNFe: XmlElement): string {
  const emit = required(childElement(infNFe, 'emit', 'infNFe/emit'), 'infNFe/emit', 'the issuer');
  const document = taxpayerDocument(emit, 'infNFe/emit');
  return required(document, 'infNFe/emit/CNPJ', "the issuer's CNPJ, or its CPF");
}

function recipientOf(infNFe: XmlElement): string | null {
  const dest = childElement(infNFe, 'dest', 'infNFe/dest');
  if (!dest) return null;
  const document = taxpayerDocument(dest, 'infNFe/dest');
  if (document !== undefined) return document;
  if (dest.idEstrangeiro !== undefined) return childText(dest, 'idEstrangeiro', 'infNFe/dest/idEstrangeiro') ?? null;
  throw nfeErrors.fieldMissing('infNFe/dest/CNPJ', "the recipient's CNPJ, CPF or idEstrangeiro");
}

function taxpayerDocument(party: XmlElement, path: string): string | undefined {
  return (
    optionalMatching(party, 'CNPJ', `${path}/CNPJ`, CNPJ, '14 characters: 12 letters or digits and 2 check digits') ??
    optionalMatching(party, 'CPF', `${path}/CPF`, /^\d{11}$/, '11 digits')
  );
}

function environmentOf(ide: XmlElement): NfeDocument['environment'] {
  const tpAmb = requiredText(ide, 'tpAmb', 'infNFe/ide/tpAmb', 'the environment');
  if (tpAmb !== '1' && tpAmb !== '2') throw nfeErrors.fieldInvalid('infNFe/ide/tpAmb', tpAmb, '1 (production) or 2 (homologation)');
  return ENVIRONMENTS[tpAmb];
}

/** A document without protNFe was not (yet) answered by SEFAZ, so it is not authorised. */
function sefazAnswerOf(infProt: XmlElement | undefined): Pick<NfeDocument, 'authorized' | 'protocol'> {
  if (!infProt) return { authorized: false, protocol: null };
  const cStat = matching(requiredText(infProt, 'cStat', 'protNFe/infProt/cStat', 'the SEFAZ status'), /^\d{3}$/, 'protNFe/infProt/cStat', '3 digits');
  const nProt = optionalMatching(infProt, 'nProt', 'protNFe/infProt/nProt', /^\d{15}$/, '15 digits');
  return { authorized: AUTHORIZED_STATUSES.has(cStat), protocol: nProt ?? null };
}
