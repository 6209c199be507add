import { AllExceptionsFilter, DomainError, STATUS_BY_KIND } from '#common';
import { thrownBy } from '#common/testing';
import { jest } from '@jest/globals';
import { Logger, type ArgumentsHost } from '@nestjs/common';
import { NFE_PROC_PREFIXED, NFE_PROC_SPEC_EXAMPLE, NFE_WITHOUT_PROTOCOL } from '#test-support/connector/orders/nfe-samples';
import { NFE_MAX_BYTES, parseNfe } from './nfe-document.js';
import { NfeError } from './nfe.errors.js';

const SPEC_KEY = '41190908328657000194550015624654251041433087';
/** A valid key (right check digit) of another NF-e of the same issuer, series and number. */
const OTHER_KEY = '41190908328657000194550015624654251041433109';

const refusal = (xml: string): NfeError => thrownBy(NfeError, () => parseNfe(xml));
/** The spec example with `from` replaced by `to`, failing loudly when `from` is not in it (so a test cannot pass on an unchanged sample). */
function specWith(from: string | RegExp, to: string, xml = NFE_PROC_SPEC_EXAMPLE): string {
  const present = typeof from === 'string' ? xml.includes(from) : from.test(xml);
  if (!present) throw new Error(`${String(from)} is not in the sample`);
  return xml.replace(from, to);
}

describe('parseNfe', () => {
  it("reads the spec's example nfeProc field by field", () => {
    expect(parseNfe(NFE_PROC_SPEC_EXAMPLE)).toEqual({
      accessKey: SPEC_KEY,
      number: '562465425',
      series: '1',
      issuedAt: '2019-09-11T15:57:56-03:00',
      totalCents: 16000,
      cfop: '5102',
      cfops: ['5102'],
      issuerCnpj: '08328657000194',
      recipientDocument: '42159270130',
      environment: 'homologation',
      authorized: true,
      protocol: '141190000835627',
    });
  });

  it('reads a document written with namespace prefixes as the same fields, every CFOP once in item order', () => {
    expect(parseNfe(NFE_PROC_PREFIXED)).toEqual({
      accessKey: '35260911222333000181550020000123451876543214',
      number: '12345',
      series: '2',
      issuedAt: '2026-09-14T09:30:00-03:00',
      totalCents: 123450,
      cfop: '6102',
      cfops: ['6102', '6403'],
      issuerCnpj: '11222333000181',
      recipientDocument: '99888777000100',
      environment: 'production',
      authorized: true,
      protocol: '135260000123456',
    });
  });

  it('reads the same fields whatever the namespace: default, none, or an unexpected prefix', () => {
    const expected = parseNfe(NFE_PROC_SPEC_EXAMPLE);
    const withoutNamespace = NFE_PROC_SPEC_EXAMPLE.replaceAll(' xmlns="http://www.portalfiscal.inf.br/nfe"', '');
    expect(withoutNamespace).not.toContain('portalfiscal');
    expect(parseNfe(withoutNamespace)).toEqual(expected);
    const otherPrefix = withoutNamespace
      .replace(/<(\/?)(?=[A-Za-z])/g, '<$1x:')
      .replace('<x:nfeProc ', '<x:nfeProc xmlns:x="http://www.portalfiscal.inf.br/nfe" ');
    expect(otherPrefix).toContain('</x:cStat>');
    expect(parseNfe(otherPrefix)).toEqual(expected);
  });

  it('reads a bare NFe root without protNFe: the key from infNFe@Id, not authorised, no protocol', () => {
    expect(NFE_WITHOUT_PROTOCOL.startsWith('<NFe ')).toBe(true);
    expect(parseNfe(NFE_WITHOUT_PROTOCOL)).toEqual({ ...parseNfe(NFE_PROC_SPEC_EXAMPLE), authorized: false, protocol: null });
  });

  it('accepts a byte-order mark and blank lines before the document, as some ERPs send it', () => {
    expect(parseNfe(`\uFEFF\r\n  ${NFE_PROC_PREFIXED}`).accessKey).toBe('35260911222333000181550020000123451876543214');
  });

  describe('the access key', () => {
    it("is the protocol's chNFe when infNFe has no Id", () => {
      expect(parseNfe(specWith(` Id="NFe${SPEC_KEY}"`, '')).accessKey).toBe(SPEC_KEY);
    });

    it('is refused when infNFe@Id and chNFe are different keys', () => {
      const error = refusal(specWith(`<chNFe>${SPEC_KEY}</chNFe>`, `<chNFe>${OTHER_KEY}</chNFe>`));
      expect(error.code).toBe('NFE_ACCESS_KEY_MISMATCH');
      expect(error.message).toContain(`protNFe/infProt/chNFe is ${OTHER_KEY} but infNFe@Id is NFe${SPEC_KEY}`);
    });

    it('is refused with a wrong check digit, naming the field, the digit and the rule', () => {
      const wrong = `${SPEC_KEY.slice(0, 43)}8`;
      const inId = refusal(specWith(` Id="NFe${SPEC_KEY}"`, ` Id="NFe${wrong}"`, NFE_WITHOUT_PROTOCOL));
      expect(inId.code).toBe('NFE_ACCESS_KEY_INVALID');
      expect(inId.message).toBe(
        `The NF-e's access key in infNFe@Id ("${wrong}") is not valid: its check digit is 8, but SEFAZ's mod-11 rule over the first 43 digits gives 7`,
      );
      const inProtocol = refusal(specWith(`<chNFe>${SPEC_KEY}</chNFe>`, `<chNFe>${wrong}</chNFe>`));
      expect(inProtocol).toMatchObject({ code: 'NFE_ACCESS_KEY_INVALID', message: expect.stringContaining('protNFe/infProt/chNFe') });
    });

    it('is refused when it is not 44 digits, or the Id lacks its "NFe" prefix', () => {
      expect(refusal(specWith(`<chNFe>${SPEC_KEY}</chNFe>`, `<chNFe>${SPEC_KEY.slice(1)}</chNFe>`)).message).toContain('this has 43 characters');
      expect(refusal(specWith(`<chNFe>${SPEC_KEY}</chNFe>`, `<chNFe>${SPEC_KEY.slice(0, 43)}X</chNFe>`)).message).toContain('digits only');
      const unprefixed = refusal(specWith(` Id="NFe${SPEC_KEY}"`, ` Id="${SPEC_KEY}"`));
      expect(unprefixed).toMatchObject({ code: 'NFE_ACCESS_KEY_INVALID', message: expect.stringContaining('"NFe" followed by the 44-digit key') });
    });

    it('is refused when it spells another series or number than the document has', () => {
      const error = refusal(specWith('<nNF>562465425</nNF>', '<nNF>562465426</nNF>'));
      expect(error.code).toBe('NFE_ACCESS_KEY_MISMATCH');
      expect(error.message).toContain('spells series 001 and number 562465425, the document has series 1 and number 562465426');
      expect(refusal(specWith('<serie>1</serie>', '<serie>2</serie>')).code).toBe('NFE_ACCESS_KEY_MISMATCH');
    });

    it('is missing when there is neither an Id nor a protocol', () => {
      expect(refusal(specWith(` Id="NFe${SPEC_KEY}"`, '', NFE_WITHOUT_PROTOCOL))).toMatchObject({
        code: 'NFE_FIELD_MISSING',
        message: 'The NF-e has no infNFe@Id (the access key)',
      });
    });
  });

  describe('the total', () => {
    it.each([
      ['160.00', 16000],
      ['1234.5', 123450],
      ['1234', 123400],
      ['0.07', 7],
      ['0', 0],
      ['160.000', 16000],
      ['9999999999999.99', 999999999999999],
    ])('vNF %s is %d cents, exactly', (vNF, cents) => {
      expect(parseNfe(specWith('<vNF>160.00</vNF>', `<vNF>${vNF}</vNF>`)).totalCents).toBe(cents);
    });

    it.each(['1.005', '-160.00', '160,00', '1e3', '.5', '160.', 'R$ 160'])('vNF %s is refused, naming the field', (vNF) => {
      expect(refusal(specWith('<vNF>160.00</vNF>', `<vNF>${vNF}</vNF>`))).toMatchObject({
        code: 'NFE_FIELD_INVALID',
        message: `The NF-e's infNFe/total/ICMSTot/vNF is ${JSON.stringify(vNF)}; expected a decimal amount with at most 2 decimals, e.g. 160.00`,
      });
    });

    it('is missing without vNF', () => {
      expect(refusal(specWith('<vNF>160.00</vNF>', '')).message).toBe('The NF-e has no infNFe/total/ICMSTot/vNF (the invoice total)');
    });
  });

  describe('the identification', () => {
    it('refuses a document without nNF, or with an empty one, naming the field', () => {
      const expected = { code: 'NFE_FIELD_MISSING', kind: 'invalid', message: 'The NF-e has no infNFe/ide/nNF (the invoice number)' };
      expect(refusal(specWith('<nNF>562465425</nNF>', ''))).toMatchObject(expected);
      expect(refusal(specWith('<nNF>562465425</nNF>', '<nNF></nNF>'))).toMatchObject(expected);
      expect(refusal(specWith('<nNF>562465425</nNF>', '<nNF/>'))).toMatchObject(expected);
    });

    it('refuses a number that is not digits, or a field given twice', () => {
      expect(refusal(specWith('<nNF>562465425</nNF>', '<nNF>56246542A</nNF>'))).toMatchObject({
        code: 'NFE_FIELD_INVALID',
        message: expect.stringContaining('infNFe/ide/nNF'),
      });
      expect(refusal(specWith('<nNF>562465425</nNF>', '<nNF>562465425</nNF><nNF>1</nNF>'))).toMatchObject({
        code: 'NFE_FIELD_INVALID',
        message: 'The NF-e has infNFe/ide/nNF more than once',
      });
    });

    it("accepts an older layout's dEmi date when there is no dhEmi", () => {
      expect(parseNfe(specWith('<dhEmi>2019-09-11T15:57:56-03:00</dhEmi>', '<dEmi>2019-09-11</dEmi>')).issuedAt).toBe('2019-09-11');
    });

    it.each(['2019-09-11T15:57:56', '2019-09-11 15:57:56-03:00', '2019-02-30T15:57:56-03:00', '2019-09-11T24:00:00-03:00', '11/09/2019'])(
      'refuses dhEmi %s (a real date and time with its offset is expected)',
      (dhEmi) => {
        expect(refusal(specWith('<dhEmi>2019-09-11T15:57:56-03:00</dhEmi>', `<dhEmi>${dhEmi}</dhEmi>`))).toMatchObject({
          code: 'NFE_FIELD_INVALID',
          message: expect.stringContaining('infNFe/ide/dhEmi'),
        });
      },
    );

    it('refuses a document with neither dhEmi nor dEmi', () => {
      expect(refusal(specWith('<dhEmi>2019-09-11T15:57:56-03:00</dhEmi>', '')).message).toBe('The NF-e has no infNFe/ide/dhEmi (the issue date and time)');
    });
  });

  describe('the items', () => {
    it('gives the first CFOP and each distinct one once', () => {
      const secondItem = NFE_PROC_SPEC_EXAMPLE.slice(NFE_PROC_SPEC_EXAMPLE.indexOf('<det '), NFE_PROC_SPEC_EXAMPLE.indexOf('</det>') + 6);
      const threeItems = specWith('<total>', `${secondItem.replace('5102', '5405')}${secondItem}<total>`);
      expect(parseNfe(threeItems)).toMatchObject({ cfop: '5102', cfops: ['5102', '5405'] });
    });

    it('refuses a document without items, or an item without CFOP, naming the item', () => {
      expect(refusal(specWith(/<det [\s\S]*<\/det>/, ''))).toMatchObject({
        code: 'NFE_FIELD_MISSING',
        message: 'The NF-e has no infNFe/det (the invoice items)',
      });
      expect(refusal(specWith('<CFOP>5102</CFOP>', ''))).toMatchObject({
        code: 'NFE_FIELD_MISSING',
        message: expect.stringContaining('infNFe/det[1]/prod/CFOP'),
      });
    });
  });

  describe('the parties', () => {
    it('reads an issuer that is a person (CPF), and a foreign recipient or none', () => {
      expect(parseNfe(specWith('<CNPJ>08328657000194</CNPJ>', '<CPF>12345678909</CPF>')).issuerCnpj).toBe('12345678909');
      expect(parseNfe(specWith('<CPF>42159270130</CPF>', '<idEstrangeiro>AB1234567</idEstrangeiro>')).recipientDocument).toBe('AB1234567');
      expect(parseNfe(specWith(/<dest>[\s\S]*<\/dest>/, '')).recipientDocument).toBeNull();
    });

    it('refuses an issuer without CNPJ or CPF, and a malformed CNPJ', () => {
      expect(refusal(specWith('<CNPJ>08328657000194</CNPJ>', '')).message).toBe("The NF-e has no infNFe/emit/CNPJ (the issuer's CNPJ, or its CPF)");
      expect(refusal(specWith('<CNPJ>08328657000194</CNPJ>', '<CNPJ>08.328.657/0001-94</CNPJ>'))).toMatchObject({
        code: 'NFE_FIELD_INVALID',
        message: `The NF-e's infNFe/emit/CNPJ is "08.328.657/0001-94"; expected 14 characters: 12 letters or digits and 2 check digits`,
      });
    });
  });

  describe("SEFAZ's answer", () => {
    it('is not an authorisation when cStat is a denial, though the protocol is kept', () => {
      const denied = parseNfe(specWith('<cStat>100</cStat>', '<cStat>110</cStat>'));
      expect(denied).toMatchObject({ authorized: false, protocol: '141190000835627' });
    });

    it('refuses a protocol without cStat', () => {
      expect(refusal(specWith('<cStat>100</cStat>', ''))).toMatchObject({
        code: 'NFE_FIELD_MISSING',
        message: expect.stringContaining('protNFe/infProt/cStat'),
      });
    });
  });

  describe('what is not an NF-e', () => {
    it.each([
      ['truncated', NFE_PROC_SPEC_EXAMPLE.slice(0, NFE_PROC_SPEC_EXAMPLE.length / 2)],
      ['not XML', 'this is not an invoice'],
      ['JSON', JSON.stringify({ accessKey: SPEC_KEY })],
      ['empty', ''],
      ['mismatched tags', '<nfeProc><NFe></nfeProc></NFe>'],
      ['two roots', `${NFE_WITHOUT_PROTOCOL}${NFE_WITHOUT_PROTOCOL}`],
      ['two empty roots', '<NFe/><nfeProc/>'],
      ['two empty roots of one name', '<NFe/><NFe/>'],
    ])('refuses %s input as malformed XML', (_what, xml) => {
      const error = refusal(xml);
      expect(error.code).toBe('NFE_MALFORMED');
      expect(error.message).toMatch(/^The NF-e is not well-formed XML: /);
    });

    it.each([
      ['procEventoNFe', '<procEventoNFe versao="1.00"><evento/></procEventoNFe>'],
      ['html', '<html><body>NF-e</body></html>'],
    ])('refuses a well-formed document whose root is <%s>', (root, xml) => {
      expect(refusal(xml)).toMatchObject({
        code: 'NFE_NOT_AN_NFE',
        message: `The XML is not an NF-e: its root element is <${root}>, expected <nfeProc> or <NFe> (layout 4.00)`,
      });
    });

    it('refuses an nfeProc without its NFe', () => {
      expect(refusal('<nfeProc versao="4.00"><protNFe/></nfeProc>')).toMatchObject({
        code: 'NFE_FIELD_MISSING',
        message: expect.stringContaining('nfeProc/NFe'),
      });
    });

    it('refuses a DOCTYPE with entities unread, internal or external', () => {
      const laughs = `<?xml version="1.0"?><!DOCTYPE nfeProc [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><nfeProc><NFe>&b;</NFe></nfeProc>`;
      const external = `<!DOCTYPE nfeProc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${specWith('<nNF>562465425</nNF>', '<nNF>&xxe;</nNF>')}`;
      for (const xml of [laughs, external, `<!doctype nfeProc>${NFE_PROC_SPEC_EXAMPLE}`]) {
        expect(refusal(xml)).toMatchObject({ code: 'NFE_DOCTYPE_REFUSED', kind: 'invalid' });
      }
    });

    it('refuses input over NFE_MAX_BYTES (1 MiB, counted in UTF-8 bytes) before parsing it', () => {
      expect(NFE_MAX_BYTES).toBe(1_048_576);
      const padding = (bytes: number) => `<!--${'x'.repeat(bytes - 7)}-->`;
      const atLimit = `${NFE_PROC_SPEC_EXAMPLE}${padding(NFE_MAX_BYTES - NFE_PROC_SPEC_EXAMPLE.length)}`;
      expect(Buffer.byteLength(atLimit)).toBe(NFE_MAX_BYTES);
      expect(parseNfe(atLimit).accessKey).toBe(SPEC_KEY);
      const tooLarge = refusal(`${atLimit} `);
      expect(tooLarge).toMatchObject({
        code: 'NFE_TOO_LARGE',
        message: `The NF-e XML is ${NFE_MAX_BYTES + 1} bytes; at most ${NFE_MAX_BYTES} bytes (1 MiB) are read`,
      });
      // Half a MiB of two-byte characters plus one: fewer characters than the limit, more bytes.
      expect(refusal('é'.repeat(NFE_MAX_BYTES / 2 + 1)).code).toBe('NFE_TOO_LARGE');
      // Malformed and oversized: the size is what is reported, because it is checked first.
      expect(refusal(`<nfeProc>${'<'.repeat(NFE_MAX_BYTES)}`).code).toBe('NFE_TOO_LARGE');
    });
  });

  it('answers its refusals as HTTP 400 through the global filter, with the code and the message', () => {
    const error = refusal(specWith('<nNF>562465425</nNF>', ''));
    expect(error).toBeInstanceOf(DomainError);
    expect(STATUS_BY_KIND[error.kind]).toBe(400);
    const answer = { status: 0, body: undefined as unknown };
    const res = { headersSent: false, status: (status: number) => ((answer.status = status), res), json: (body: unknown) => (answer.body = body) };
    const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ path: '/order/1/invoice/document' }) }) } as unknown as ArgumentsHost;
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      new AllExceptionsFilter().catch(error, host);
      expect(warned).toHaveBeenCalledWith(expect.objectContaining({ code: 'NFE_FIELD_MISSING', status: 400 }));
    } finally {
      warned.mockRestore();
    }
    expect(answer).toEqual({ status: 400, body: { error: { code: 'NFE_FIELD_MISSING', message: 'The NF-e has no infNFe/ide/nNF (the invoice number)' } } });
  });
});
