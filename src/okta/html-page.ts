import { Parser } from 'htmlparser2';

/** What okta-bedrock reads from an Okta HTML page (the AWS app's SAML form, a step-up or error page). */
export interface PageFacts {
  title?: string;
  /** The first form's action. */
  formAction?: string;
  /** Values of named <input>s (first one wins), entity-decoded. */
  inputs: Map<string, string>;
  /** Text of the first <h1> inside an element of class `error-content` (Okta's error page). */
  errorHeading?: string;
}

/**
 * One streaming pass of htmlparser2's parser (a tokenizer with HTML entity decoding, no DOM):
 * the page's few facts we need, in linear time, without building a tree or loading a CSS
 * selector engine — the SAML page is on every login's and refresh's path.
 */
export function readPage(html: string): PageFacts {
  const facts: PageFacts = { inputs: new Map() };
  const stack: Array<{ name: string; errorContent: boolean }> = [];
  let seenForm = false;
  let inTitle = false;
  let title = '';
  let heading: string | undefined;
  let inErrorHeading = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const errorContent = (stack.at(-1)?.errorContent ?? false) || (attribs.class ?? '').split(/\s+/).includes('error-content');
        if (name === 'title' && facts.title === undefined) inTitle = true;
        if (name === 'form' && !seenForm) {
          seenForm = true;
          facts.formAction = attribs.action;
        }
        if (name === 'input' && attribs.name !== undefined && !facts.inputs.has(attribs.name)) facts.inputs.set(attribs.name, attribs.value ?? '');
        if (name === 'h1' && errorContent && facts.errorHeading === undefined && heading === undefined) {
          inErrorHeading = true;
          heading = '';
        }
        stack.push({ name, errorContent });
      },
      ontext(text) {
        if (inTitle) title += text;
        if (inErrorHeading) heading += text;
      },
      onclosetag(name) {
        if (name === 'title' && inTitle) {
          inTitle = false;
          facts.title = title.trim();
        }
        if (name === 'h1' && inErrorHeading) {
          inErrorHeading = false;
          facts.errorHeading = heading?.trim() || undefined;
        }
        // Pop to the matching element (htmlparser2 closes implied elements itself).
        for (let i = stack.length - 1; i >= 0; i--) {
          if (stack[i]!.name === name) {
            stack.length = i;
            break;
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  if (inTitle) facts.title = title.trim();
  return facts;
}
