import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { nfeErrors } from './nfe.errors.js';

/** An element as the parser hands it over: children by local name, attributes as `@_name`, mixed text as `#text`. */
export interface XmlElement {
  readonly [name: string]: XmlContent;
}
export type XmlContent = string | XmlElement | XmlContent[];

const ATTRIBUTE = '@_';
const TEXT = '#text';

/**
 * Prefixes are dropped, so `<nfe:infNFe>` and `<infNFe>` read the same; values stay the strings the
 * document has (leading zeros in numbers and documents matter).
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE,
  textNodeName: TEXT,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

/** Entity declarations are what XML bombs and external-resource reads are made of; an NF-e has none. */
const DOCUMENT_TYPE = /<!(DOCTYPE|ENTITY)/i;
const BYTE_ORDER_MARK = /^\uFEFF/;

/** The document's single root element, by local name, after refusing anything that is not plain, well-formed XML. */
export function readRootElement(xml: string): { name: string; element: XmlElement } {
  if (DOCUMENT_TYPE.test(xml)) throw nfeErrors.doctype();
  // Some ERPs send a byte-order mark or a newline before the declaration, which XML itself refuses.
  const text = xml.replace(BYTE_ORDER_MARK, '').trimStart();
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw nfeErrors.malformed(`${msg} (line ${line}${col === undefined ? '' : `, column ${col}`})`);
  }
  const roots = Object.entries(parse(text)).filter(([name]) => !name.startsWith('?'));
  // The validator lets some documents with several roots through (`<a/><b/>`); same-named ones parse as an array.
  const rootCount = roots.reduce((count, [, root]) => count + (Array.isArray(root) ? root.length : 1), 0);
  if (rootCount !== 1) throw nfeErrors.malformed(`a document has one root element, this has ${rootCount}`);
  const [name, root] = roots[0] as [string, string | XmlElement];
  return { name, element: typeof root === 'string' ? {} : root };
}

function parse(text: string): Record<string, XmlContent> {
  try {
    return parser.parse(text) as Record<string, XmlContent>;
  } catch (error) {
    throw nfeErrors.malformed(error instanceof Error ? error.message : String(error), error);
  }
}

/** The one child element `name` of `parent`; undefined when absent, refused when repeated. */
export function childElement(parent: XmlElement, name: string, path: string): XmlElement | undefined {
  const child = parent[name];
  if (child === undefined) return undefined;
  if (typeof child === 'string') return {};
  return asElement(child, path);
}

/** Every child element `name` of `parent`, in document order. */
export function childElements(parent: XmlElement, name: string): XmlElement[] {
  const child = parent[name];
  if (child === undefined) return [];
  return (Array.isArray(child) ? child : [child]).map((item) => (typeof item === 'string' || Array.isArray(item) ? {} : item));
}

/** The text of the one child element `name` of `parent`; undefined when absent or empty. */
export function childText(parent: XmlElement, name: string, path: string): string | undefined {
  return textOf(parent[name], path);
}

/** The value of attribute `name` of `element`; undefined when absent or empty. */
export function attribute(element: XmlElement, name: string): string | undefined {
  const value = element[`${ATTRIBUTE}${name}`];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function textOf(content: XmlContent | undefined, path: string): string | undefined {
  if (content === undefined || content === '') return undefined;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) throw nfeErrors.fieldRepeated(path);
  const hasChildElements = Object.keys(content).some((key) => key !== TEXT && !key.startsWith(ATTRIBUTE));
  if (hasChildElements) throw nfeErrors.fieldInvalid(path, '<element>', 'text, not nested elements');
  return textOf(content[TEXT], path);
}

function asElement(content: XmlElement | XmlContent[], path: string): XmlElement {
  if (Array.isArray(content)) throw nfeErrors.fieldRepeated(path);
  return content;
}
