// The VS Code workbench in Chromium, driven like a person drives it: keyboard shortcuts, the
// quick input, the Problems panel, the status bar. Every wait polls for what should appear;
// nothing sleeps a fixed time. Selectors are the workbench's own ids, classes and ARIA labels.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { CodeServer } from './code-server';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
];

/** Long enough for a cold extension host on a busy 2-core machine; a pass takes far less. */
export const STARTUP_TIMEOUT = 60_000;
export const TIMEOUT = 30_000;

export type Severity = 'error' | 'warning' | 'info';

/** One marker row of the Problems panel. */
export interface Problem {
  file: string;
  severity: Severity;
  /** The rule id: the diagnostic's code, shown as `php-socket-lint(<code>)`. */
  code: string;
  line: number;
  col: number;
  message: string;
  /** `Diagnostic.source`. */
  source: string;
}

/** The little of the DOM that page.evaluate() callbacks use (this project compiles without lib.dom). */
interface DomElement {
  getBoundingClientRect(): { left: number; right: number; top: number; bottom: number; height: number };
  getAttribute(name: string): string | null;
  readonly className: string;
  readonly textContent: string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  readonly classList: Iterable<string>;
}
declare const document: { querySelector(selector: string): DomElement | null };

/**
 * Reads `read()` until `ok` holds for its value, and returns that value; fails with what was
 * last seen after `timeout` ms. (No vitest here: bench/vscode-latency.mjs drives the workbench too.)
 */
export async function until<T>(what: string, read: () => T | Promise<T>, ok: (value: T) => boolean, timeout = TIMEOUT): Promise<T> {
  const started = Date.now();
  let last: T | undefined;
  let failure: unknown;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch (error) {
      failure = error;
    }
    if (Date.now() - started > timeout) {
      throw new Error(`${what}: not within ${timeout} ms (last seen: ${JSON.stringify(last)}${failure ? `; ${String(failure)}` : ''})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const STATUS_ITEM = 'php-socket-lint.php-socket-lint.phpSocketLint.status';

export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    readonly server: CodeServer,
  ) {}

  /** Opens the workspace in a fresh Chromium profile and waits until the workbench shows it. */
  static async open(server: CodeServer, profileDir: string): Promise<Workbench> {
    mkdirSync(profileDir, { recursive: true });
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1400, height: 1000 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const workbench = new Workbench(page, context, server);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: STARTUP_TIMEOUT });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: STARTUP_TIMEOUT });
    return workbench;
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  async screenshot(path: string): Promise<void> {
    mkdirSync(join(path, '..'), { recursive: true });
    await this.page.screenshot({ path });
  }

  // ── Quick input: quick open, commands, go to line ──────────────────────────────────────

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  /** Types into the quick input opened by `shortcut` and accepts the row whose ARIA label starts with `row`. */
  private async pick(shortcut: string, text: string, row: string): Promise<void> {
    await this.dismissNotifications();
    // A code action menu left open (by a failed test) would swallow the shortcut: close it first.
    const actionMenu = this.page.locator('.action-widget');
    if (await actionMenu.isVisible()) await this.page.keyboard.press('Escape');
    await this.page.keyboard.press(shortcut);
    await this.quickInput.waitFor({ state: 'visible', timeout: TIMEOUT });
    await this.quickInput.fill(text);
    const match = this.page.locator('.quick-input-widget .monaco-list-row');
    // The first row must be the one asked for: Enter accepts the first row.
    const wanted = new RegExp(`^${escapeRegExp(row)}(,|$)`);
    await until(`first quick input row "${row}"`, async () => (await match.first().getAttribute('aria-label', { timeout: 1_000 })) ?? '', (label) => wanted.test(label));
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: TIMEOUT });
  }

  /** Runs a command from the command palette by its title (as the palette shows it). */
  async runCommand(title: string): Promise<void> {
    await this.pick('F1', `>${title}`, title);
  }

  /**
   * Closes every editor, then opens a workspace file with Ctrl+P and waits until its editor is
   * the active one. One open file at a time keeps the Problems panel to that file's rows.
   */
  async openFile(name: string): Promise<void> {
    if ((await this.page.locator('.tabs-container .tab').count()) > 0) {
      await this.runCommand('View: Close All Editors');
      await until('no editor open', () => this.page.locator('.tabs-container .tab').count(), (count) => count === 0);
    }
    await this.pick('Control+P', name, name);
    await until(`active tab ${name}`, () => this.activeTabLabel(), (label) => label === name);
    await this.page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: TIMEOUT });
  }

  async activeTabLabel(): Promise<string | undefined> {
    const tab = this.page.locator('.tabs-container .tab.active');
    if ((await tab.count()) === 0) return undefined;
    return (await tab.first().getAttribute('aria-label')) ?? undefined;
  }

  /** Moves the cursor of the active editor with Go to Line (Ctrl+G) and focuses the editor. */
  async goTo(line: number, col: number): Promise<void> {
    await this.dismissNotifications();
    await this.page.keyboard.press('Control+G');
    await this.quickInput.waitFor({ state: 'visible', timeout: TIMEOUT });
    await this.quickInput.fill(`:${line}:${col}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: TIMEOUT });
    await until(`cursor at ${line}:${col}`, () => this.cursorPosition(), (at) => at?.line === line && at.col === col);
  }

  /** `Ln 11, Col 28` from the status bar. */
  async cursorPosition(): Promise<{ line: number; col: number } | undefined> {
    const text = (await this.page.locator('[id="status.editor.selection"]').textContent().catch(() => null)) ?? '';
    const match = /Ln (\d+), Col (\d+)/.exec(text);
    return match ? { line: Number(match[1]), col: Number(match[2]) } : undefined;
  }

  /** Waits for an edit (a chosen code action is applied after the menu closes) to reach the editor. */
  async waitForUnsavedEdit(): Promise<void> {
    await until('an unsaved edit in the active editor', () => this.page.locator('.tabs-container .tab.active.dirty').count(), (count) => count === 1);
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await until('active editor saved', () => this.page.locator('.tabs-container .tab.active.dirty').count(), (count) => count === 0);
  }

  // ── Problems panel and squiggles ───────────────────────────────────────────────────────

  /** Shows the Problems panel (without stealing focus from the editor for long). */
  async showProblems(): Promise<void> {
    if (await this.page.locator('.markers-panel').isVisible()) return;
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await this.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: TIMEOUT });
  }

  /** The marker rows of the Problems panel (as far as the panel shows them), each with its file. */
  async problems(): Promise<Problem[]> {
    const rows = await this.page.locator('.markers-panel .monaco-list-row').evaluateAll((elements) =>
      elements.map((element) => {
        const text = (selector: string) => element.querySelector(selector)?.textContent ?? null;
        return {
          label: element.getAttribute('aria-label') ?? '',
          icon: element.querySelector('.marker-icon')?.className ?? null,
          message: text('.marker-message'),
          source: text('.marker-source'),
          code: text('.marker-code'),
          position: text('.marker-line'),
        };
      }),
    );
    const problems: Problem[] = [];
    let file = '';
    for (const row of rows) {
      const fileRow = /^\d+ problems? in file (.+?) of folder /.exec(row.label);
      if (fileRow) {
        file = fileRow[1]!;
        continue;
      }
      const severity = /\b(error|warning|info)\b/.exec(row.icon ?? '')?.[1] as Severity | undefined;
      const at = /^\[Ln (\d+), Col (\d+)\]$/.exec(row.position ?? '');
      if (!severity || !at || row.message === null) continue; // related information rows
      problems.push({ file, severity, code: row.code ?? '', line: Number(at[1]), col: Number(at[2]), message: row.message, source: row.source ?? '' });
    }
    return problems;
  }

  async problemsIn(file: string): Promise<Problem[]> {
    return (await this.problems()).filter((problem) => problem.file === file);
  }

  /** `squiggly-*` decorations under the cursor of the active editor. */
  async squigglesAtCursor(): Promise<string[]> {
    return this.page.evaluate(() => {
      const editor = document.querySelector('.editor-instance .monaco-editor.focused') ?? document.querySelector('.editor-instance .monaco-editor');
      const cursor = editor?.querySelector('.cursors-layer .cursor')?.getBoundingClientRect();
      if (!editor || !cursor || cursor.height === 0) return [];
      const x = cursor.left + 1;
      const y = cursor.top + cursor.height / 2;
      const found: string[] = [];
      for (const element of editor.querySelectorAll('[class*="squiggly-"]')) {
        const box = element.getBoundingClientRect();
        if (box.top <= y && y <= box.bottom && box.left <= x && x <= box.right) {
          const kind = [...element.classList].find((name) => name.startsWith('squiggly-'));
          if (kind) found.push(kind);
        }
      }
      return found.sort();
    });
  }

  // ── Hover, code actions ────────────────────────────────────────────────────────────────

  /** Points the mouse at the character after the cursor and returns the hover's text. */
  async hoverAtCursor(): Promise<string> {
    const cursor = await this.page.locator('.editor-instance .monaco-editor.focused .cursors-layer .cursor').first().boundingBox();
    if (!cursor) throw new Error('no cursor in the active editor');
    // From outside the editor, so the move is a move even if the mouse was already there.
    await this.page.mouse.move(1, 1);
    await this.page.mouse.move(cursor.x + 4, cursor.y + cursor.height / 2, { steps: 2 });
    // The editor's own hover: a workbench tooltip (a Problems row the mouse rested on) is a
    // .monaco-hover too, outside the editor.
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content');
    await hover.first().waitFor({ state: 'visible', timeout: TIMEOUT });
    // VS Code shows "Loading..." until the server answers (the hover parses in a worker, which
    // takes a while on a big file or a loaded machine): the answer is what comes after it.
    const deadline = Date.now() + TIMEOUT;
    let text = await hover.first().innerText();
    while (text.trim() === 'Loading...' && Date.now() < deadline) {
      await this.page.waitForTimeout(100);
      text = await hover.first().innerText();
    }
    return text;
  }

  /** Ctrl+. at the cursor: the titles of the code actions the light bulb menu lists. */
  async openQuickFixMenu(): Promise<string[]> {
    return this.openActionMenu(() => this.page.keyboard.press('Control+Period'));
  }

  /** "Source Action..." at the cursor: the titles of the source actions listed. */
  async openSourceActionMenu(): Promise<string[]> {
    return this.openActionMenu(() => this.runCommand('Source Action...'));
  }

  private async openActionMenu(open: () => Promise<void>): Promise<string[]> {
    await this.dismissNotifications();
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    const none = this.page.getByText(/No (code|source) actions available/);
    // VS Code drops a menu's request that the markers changed under (it asks again for the light
    // bulb, not for the menu) and says "No code actions available": then ask once more, as a
    // person would. Twice in a row is a failure.
    for (let attempt = 1; ; attempt++) {
      await open();
      const shown = await Promise.race([
        rows.first().waitFor({ state: 'visible', timeout: TIMEOUT }).then(() => 'menu' as const, () => 'timeout' as const),
        none.first().waitFor({ state: 'visible', timeout: TIMEOUT }).then(() => 'none' as const, () => 'timeout' as const),
      ]);
      if (shown === 'menu' || attempt === 2) break;
      await this.page.keyboard.press('Escape');
    }
    await rows.first().waitFor({ state: 'visible', timeout: TIMEOUT });
    return rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
  }

  /**
   * Applies the entry of the open code action menu with this exact title, by keyboard as the
   * menu is meant to be used (its pointer block swallows synthetic clicks): arrows to it, Enter.
   */
  async chooseAction(title: string): Promise<void> {
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    const titles = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
    if (!titles.includes(title)) throw new Error(`no code action "${title}" in: ${titles.join(' | ')}`);
    const focused = this.page.locator('.action-widget .monaco-list-row.action.focused');
    for (let step = 0; step <= titles.length; step++) {
      const current = (await focused.getAttribute('aria-label', { timeout: TIMEOUT })) ?? '';
      if (current === title) break;
      await this.page.keyboard.press('ArrowDown');
      await until('the next code action focused', async () => (await focused.getAttribute('aria-label', { timeout: 1_000 })) ?? '', (label) => label !== current);
    }
    await until(`code action "${title}" focused`, async () => (await focused.getAttribute('aria-label', { timeout: 1_000 })) ?? '', (label) => label === title);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
  }

  // ── Status bar, output, notifications ──────────────────────────────────────────────────

  /** The extension's status bar item: its ARIA label (icon name, text and tooltip). */
  statusItem(): Locator {
    return this.page.locator(`[id="${STATUS_ITEM}"]`);
  }

  async statusLabel(): Promise<string> {
    return (await this.statusItem().getAttribute('aria-label').catch(() => null)) ?? '';
  }

  /** The channel the Output panel shows (its drop-down), and the channel's visible text. */
  async output(): Promise<{ channel: string; text: string }> {
    const view = this.page.locator('.part.panel .output-view');
    if (!(await view.isVisible())) return { channel: '', text: '' };
    const channel = await this.page
      .locator('.part.panel select.monaco-select-box')
      .first()
      .inputValue()
      .catch(() => '');
    const text = await view.locator('.monaco-editor .view-lines').first().innerText().catch(() => '');
    // Monaco renders spaces as no-break spaces.
    return { channel, text: text.replaceAll('\u00a0', ' ') };
  }

  /** Closes notification toasts that could cover what a test clicks or reads. */
  async dismissNotifications(): Promise<void> {
    const toasts = this.page.locator('.notifications-toasts .notification-toast');
    if ((await toasts.count()) === 0) return;
    for (const toast of await toasts.all()) {
      await toast.hover().catch(() => undefined); // the close button shows on hover
      await toast.locator('.codicon-notifications-clear').first().click({ timeout: 2_000 }).catch(() => undefined);
    }
    await until('notifications closed', () => toasts.count(), (count) => count === 0);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
