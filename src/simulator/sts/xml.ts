import { xmlEscape } from '../saml/xml-escape.js';
import type { SimResponse } from '../http.js';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** An XML element tree: a string is text content, an array of pairs is child elements. */
export type XmlTree = string | Array<[string, XmlTree]>;

const render = (tree: XmlTree): string =>
  typeof tree === 'string' ? xmlEscape(tree) : tree.map(([name, child]) => `<${name}>${render(child)}</${name}>`).join('');

const headers = (requestId: string, now: Date): Record<string, string> => ({
  'content-type': 'text/xml',
  'x-amzn-requestid': requestId,
  date: now.toUTCString(),
});

/** `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata>…` */
export const stsResult = (action: string, result: XmlTree, requestId: string, now: Date): SimResponse => ({
  status: 200,
  action,
  headers: headers(requestId, now),
  body:
    `<${action}Response xmlns="${STS_NAMESPACE}">\n` +
    `  <${action}Result>${render(result)}</${action}Result>\n` +
    `  <ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>\n` +
    `</${action}Response>\n`,
});

export interface StsFault {
  status: number;
  code: string;
  message: string;
  type?: 'Sender' | 'Receiver';
}

/** The Query protocol's ErrorResponse. */
export const stsError = (fault: StsFault, requestId: string, now: Date, action?: string): SimResponse => ({
  status: fault.status,
  action,
  headers: headers(requestId, now),
  body:
    `<ErrorResponse xmlns="${STS_NAMESPACE}">\n` +
    `  <Error>\n    <Type>${fault.type ?? 'Sender'}</Type>\n    <Code>${xmlEscape(fault.code)}</Code>\n` +
    `    <Message>${xmlEscape(fault.message)}</Message>\n  </Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`,
});

/** AWS timestamps in STS results: second precision, `Z`. */
export const awsTimestamp = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
