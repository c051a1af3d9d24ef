// The rule pages the server links to: the ones installed beside it. The bundle is dist/server.js
// and the pages are docs/rules/ of the same package (npm or .vsix), so links open offline, in the
// editor, and always match the installed version.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsPath } from '../core/rule';
import { RULE_IDS } from '../core/rules/index';

const PACKAGE_ROOT = join(__dirname, '..');

/** The file: URI of a rule's bundled page. */
export function ruleDocsUri(ruleId: string): string {
  return pathToFileURL(join(PACKAGE_ROOT, docsPath(ruleId))).href;
}

const KNOWN = new Set(RULE_IDS.map(ruleDocsUri));

/** Whether a URI is one of the pages above, so the show-documentation command opens nothing else. */
export function isRuleDocsUri(uri: string): boolean {
  return KNOWN.has(uri);
}
