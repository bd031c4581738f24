import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { startOfDayKey } from '../../../shared/days';
import { reasonWords, startsWords } from '../../../shared/summary';
import type { Answers, ReflectionState } from '../../store/reflection';
import { Action } from '../../ui/Action';
import { useKeys } from '../../ui/keys';

const PROMPTS: Record<
  'moved' | 'inTheWay' | 'tomorrow',
  { field: keyof Answers; question: string; placeholder: string }
> = {
  moved: { field: 'moved', question: 'What moved today?', placeholder: 'Even a little counts.' },
  inTheWay: {
    field: 'inTheWay',
    question: 'What got in the way?',
    placeholder: 'Meetings, a vague task, energy…',
  },
  tomorrow: {
    field: 'tomorrowStep',
    question: 'What is tomorrow’s first tiny step?',
    placeholder: 'Something you can start in two minutes',
  },
};

const dayTitle = (day: string): string =>
  new Date(startOfDayKey(day)).toLocaleDateString('en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  });

function Summary({ store }: { store: StoreApi<ReflectionState> }) {
  const summary = useStore(store, (s) => s.summary);
  if (!summary) return null;
  const sessions = `${summary.sessions} session${summary.sessions === 1 ? '' : 's'}`;
  return (
    <section aria-label="Today in numbers" className="summary">
      <dl className="numbers">
        <div>
          <dt>Done</dt>
          <dd data-testid="done-count">{summary.done.length}</dd>
        </div>
        <div>
          <dt>Focus</dt>
          <dd data-testid="focus-minutes">
            {summary.focusMinutes}
            <small> min</small>
          </dd>
        </div>
        <div>
          <dt>Sessions</dt>
          <dd>{summary.sessions}</dd>
        </div>
        <div>
          <dt>Set aside</dt>
          <dd>{summary.skipped.length}</dd>
        </div>
      </dl>
      <p className="starts-today" data-testid="starts-today">
        {summary.starts === 0 ? 'No starts yet today' : `${startsWords(summary)}`}
      </p>
      {summary.done.length > 0 && (
        <ul className="done-list" aria-label="Done today">
          {summary.done.slice(0, 6).map((t) => (
            <li key={t.id}>{t.title}</li>
          ))}
          {summary.done.length > 6 && <li className="more">and {summary.done.length - 6} more</li>}
        </ul>
      )}
      {summary.skipped.length > 0 && (
        <ul className="skipped-list" aria-label="Set aside today">
          {summary.skipped.slice(0, 4).map((s) => (
            <li key={s.id}>
              <span>{s.title}</span>
              {s.reasons.length > 0 && <span className="why"> — {reasonWords(s.reasons)}</span>}
            </li>
          ))}
        </ul>
      )}
      {summary.done.length === 0 && summary.sessions === 0 && (
        <p className="quiet-day">A quiet day. That happens — tomorrow can start small.</p>
      )}
      <p className="visually-hidden">{sessions}</p>
    </section>
  );
}

function Question({
  store,
  step,
}: {
  store: StoreApi<ReflectionState>;
  step: 'moved' | 'inTheWay' | 'tomorrow';
}) {
  const prompt = PROMPTS[step];
  const value = useStore(store, (s) => s.answers[prompt.field]);
  const { answer, next, back, close } = store.getState();
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = field.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [step]);
  return (
    <section className="question fade-in" aria-label={prompt.question}>
      <label htmlFor="answer" className="question-text">
        {prompt.question}
      </label>
      <textarea
        id="answer"
        ref={field}
        className="field answer"
        rows={step === 'tomorrow' ? 2 : 3}
        maxLength={4000}
        value={value}
        placeholder={prompt.placeholder}
        autoFocus
        onChange={(e) => answer(prompt.field, e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            next();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            void close();
          } else if (e.key === 'ArrowUp' && e.altKey) {
            e.preventDefault();
            back();
          }
        }}
      />
      <p className="hint">
        <kbd>Enter</kbd> {value.trim() ? 'next' : 'skip'} · <kbd>Shift+Enter</kbd> new line · <kbd>Alt+↑</kbd>{' '}
        back · <kbd>Esc</kbd> later
      </p>
    </section>
  );
}

export function ReflectionWindow({ store }: { store: StoreApi<ReflectionState> }) {
  const step = useStore(store, (s) => s.step);
  const day = useStore(store, (s) => s.day);
  const answers = useStore(store, (s) => s.answers);
  const trigger = useStore(store, (s) => s.morningTrigger);
  const error = useStore(store, (s) => s.error);
  const saving = useStore(store, (s) => s.saving);
  const { next, back, save, close, toggleTrigger, go } = store.getState();

  // Begin only once the day has been read: its arrival resets the ritual to the first screen, so
  // an Enter pressed before it would be undone (seen as a lost key in e2e runs on a busy machine).
  const ready = day !== null;
  useKeys(
    ready ? { Enter: next, Escape: () => void close() } : { Escape: () => void close() },
    step === 'summary',
  );
  useKeys(
    {
      Enter: () => void save(),
      m: () => answers.tomorrowStep.trim() && toggleTrigger(),
      Backspace: back,
      Escape: () => void close(),
    },
    step === 'confirm' && !saving,
  );
  useKeys({ Enter: () => void close(), Escape: () => void close(), e: () => go('moved') }, step === 'saved');

  const index = ['moved', 'inTheWay', 'tomorrow'].indexOf(step);

  // Focus lands on each screen's first heading or line (the questions focus their field).
  const heading = useRef<HTMLHeadingElement>(null);
  const line = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (step === 'summary' && ready) heading.current?.focus();
    else if (step === 'confirm' || step === 'saved') line.current?.focus();
  }, [step, ready]);

  return (
    <main className="reflection" aria-label="Reflect on today">
      <header className="reflection-head">
        <p className="overline">Close the day</p>
        <h1 ref={heading} tabIndex={-1}>
          {day ? dayTitle(day) : 'Today'}
        </h1>
        {index >= 0 && (
          <ol className="dots" aria-label={`Question ${index + 1} of 3`}>
            {[0, 1, 2].map((i) => (
              <li key={i} className={i <= index ? 'on' : ''} />
            ))}
          </ol>
        )}
      </header>

      <Summary store={store} />

      {step === 'summary' && ready && (
        <div className="reflection-actions">
          <Action primary keyLabel="Enter" label="Begin — three short questions" onPress={next} />
        </div>
      )}
      {(step === 'moved' || step === 'inTheWay' || step === 'tomorrow') && (
        <Question key={step} store={store} step={step} />
      )}
      {step === 'confirm' && (
        <section className="confirm fade-in" aria-label="Save">
          {answers.tomorrowStep.trim() ? (
            <>
              <p className="confirm-line" ref={line} tabIndex={-1}>
                Tomorrow starts with <strong>{answers.tomorrowStep.trim()}</strong>
              </p>
              <label className="check">
                <input type="checkbox" checked={trigger} onChange={toggleTrigger} aria-keyshortcuts="M" />
                <span>
                  Show it when I first open my laptop <kbd aria-hidden="true">M</kbd>
                </span>
              </label>
            </>
          ) : (
            <p className="confirm-line" ref={line} tabIndex={-1}>
              No first step for tomorrow — that’s fine.
            </p>
          )}
          <div className="reflection-actions">
            <Action primary keyLabel="Enter" label="Save" onPress={() => void save()} disabled={saving} />
            <Action keyLabel="⌫" label="Back" onPress={back} />
          </div>
        </section>
      )}
      {step === 'saved' && (
        <section className="confirm fade-in" aria-label="Saved">
          <p className="confirm-line" role="status" ref={line} tabIndex={-1}>
            Saved. {answers.tomorrowStep.trim() ? 'Tomorrow’s first step is ready.' : 'See you tomorrow.'}
          </p>
          <div className="reflection-actions">
            <Action primary keyLabel="Enter" label="Close" onPress={() => void close()} />
            <Action keyLabel="E" label="Edit answers" onPress={() => go('moved')} />
          </div>
        </section>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}
