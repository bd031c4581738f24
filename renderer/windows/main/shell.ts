/**
 * The main window's first frame, painted with the plain DOM by the boot script as soon as the
 * next action has been read, while React is still loading: the markup MainScreen renders for that
 * action with nothing else going on. React replaces it in one commit when it mounts, so nothing
 * moves or flickers (test/e2e/firstPaint.e2e.test.ts holds the two equal).
 */
import type { NextAction } from '../../../shared/nextAction';
import { announcement, cardMeta } from '../../features/next-action/cardMeta';
import { ariaKeys } from '../../ui/keyNames';

type Child = Node | string;

function el(tag: string, attributes: Record<string, string>, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  // In the order React sets them, so the markup is the same string too.
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** ui/Action.tsx */
const action = (keyLabel: string, label: string, primary = false): HTMLElement =>
  el(
    'button',
    {
      type: 'button',
      class: primary ? 'action primary' : 'action',
      'aria-keyshortcuts': ariaKeys(keyLabel),
    },
    el('kbd', { 'aria-hidden': 'true' }, keyLabel),
    el('span', {}, label),
  );

/** The window around any next action (MainScreen's header, an empty stage, an empty footer); returns the stage. */
export function paintFrame(root: HTMLElement): HTMLElement {
  const stage = el('main', { class: 'stage', tabindex: '-1' });
  root.append(
    el(
      'div',
      { class: 'screen' },
      el(
        'header',
        { class: 'topbar' },
        el('span', { class: 'brand', 'aria-hidden': 'true' }, 'Kinetic'),
        el(
          'nav',
          { class: 'nav', 'aria-label': 'More' },
          action('A', 'Add'),
          action('H', 'History'),
          action('R', 'Reflect'),
          action(',', 'Settings'),
        ),
      ),
      stage,
      el('p', { class: 'visually-hidden', 'aria-live': 'polite' }),
      el('footer', { class: 'footer' }, el('span', {})),
    ),
  );
  return stage;
}

/** Paints `next` into the empty stage, as MainScreen would. */
export function paintAction(stage: HTMLElement, next: NextAction, now: number): void {
  const meta = cardMeta(next, now);
  const card = el(
    'section',
    { class: 'card', 'aria-label': 'Next action' },
    el('p', { class: 'reason', 'data-testid': 'reason' }, next.reason),
    el('h1', { class: 'title', 'data-testid': 'next-action-title' }, next.task.title),
  );
  if (meta.length > 0) card.append(el('p', { class: 'meta' }, ...meta.map((m) => el('span', {}, m))));
  const live = stage.nextElementSibling;
  if (live) live.textContent = announcement(next);
  stage.append(
    card,
    el(
      'div',
      { class: 'actions' },
      el('div', { class: 'row' }, action('Enter', 'Start focus', true), action('2', 'Just 2 minutes')),
      el(
        'div',
        { class: 'row quiet' },
        action('D', 'Done'),
        action('N', 'Not now'),
        action('B', 'Break down'),
        action('T', 'Tiny first step'),
        action('E', 'Edit'),
      ),
    ),
  );
}
