import { DOMParser, onErrorStopParsing, type Document, type Element } from '@xmldom/xmldom';

/** Parse XML strictly: any parse error throws. */
export const parseXml = (xml: string): Document => new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, 'text/xml');

export const elements = (root: Document | Element, ns: string, localName: string): Element[] => Array.from(root.getElementsByTagNameNS(ns, localName));

export const firstElement = (root: Document | Element, ns: string, localName: string): Element | undefined => elements(root, ns, localName)[0];

export const text = (el: Element | undefined): string | undefined => el?.textContent?.trim() ?? undefined;
