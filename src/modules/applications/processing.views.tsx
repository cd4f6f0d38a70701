// Back-office page of one application in processing (P-6, P-3; the work queue is in
// processing-queue.views.tsx, which shares the helpers exported here): summary,
// form data, attachments viewed inline, step timeline with working time used, history,
// internal notes, and the actions of the current step. No scripts.
import { addressLine, type AddressValue } from '../../platform/area/areas.ts';
import { shortDateTime } from '../../platform/views/components/index.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, FieldFrame, PostForm, SelectField, TextAreaField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { FormField, PublishedService } from '../catalog/index.ts';
import { fieldLabel } from '../catalog/index.ts';
import { maskNik } from '../identity/index.ts';
import type { ApplicationRow, AttachmentRow, EventRow } from './applications.service.ts';
import type { ProcessAction, ProcessingState, SlaState, StepVisit } from './processing.service.ts';
import { formatFileSize } from '../../platform/format.ts';
import { messageKeyOr } from '../../platform/views/i18n.ts';

export const QUEUE_PATH = '/kelola/antrian-kerja';
export const appPath = (tracking: string) => `/kelola/permohonan/${encodeURIComponent(tracking)}`;

export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

export type Scope = 'mine' | 'assigned' | 'all';

/** The query-string names of the queue's filters (Indonesian, as the rest of the back office). */
export interface QueueQuery {
  lingkup: Scope;
  layanan: string;
  tahap: string;
  status: string;
  sla: string;
  saluran: string;
  dari: string;
  sampai: string;
  /** The sort column (`due` when empty) and direction (`naik`/`turun`). */
  urut: string;
  arah: string;
}

/** The queue's filters and order as a query string ('' for the default queue). */
export function queueParams(q: Partial<QueueQuery> & { setelah?: string }): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v && !(k === 'lingkup' && v === 'mine')) p.set(k, v);
  return p.toString();
}

export function queueHref(q: Partial<QueueQuery> & { setelah?: string }): string {
  const s = queueParams(q);
  return s ? `${QUEUE_PATH}?${s}` : QUEUE_PATH;
}

/** An application page opened from a queue: it carries the queue's filters and order. */
export function appInQueue(tracking: string, q: Partial<QueueQuery>, sub = ''): string {
  const s = queueParams(q);
  return `${appPath(tracking)}${sub}${s ? `?${s}` : ''}`;
}

export function SlaBadge({ ctx, sla }: { ctx: ViewContext; sla: SlaState | null }) {
  if (!sla) return null;
  return <strong class={`tag sla-${sla}${sla === 'overdue' ? ' warn' : ''}`}>{ctx.t(`applications.sla.${sla}`)}</strong>;
}

export function Notice({ text, warn }: { text?: string; warn?: boolean }) {
  if (!text) return null;
  return (
    <p class={warn ? 'notice warn' : 'notice'} role={warn ? 'alert' : 'status'}>
      {text}
    </p>
  );
}

/** Working time as days and hours of the region's working day (8 h by default). */
export function workingDuration(ctx: ViewContext, ms: number, dayMs: number): string {
  const total = Math.max(0, Math.round(ms / MINUTE_MS)) * MINUTE_MS;
  const days = Math.floor(total / dayMs);
  const hours = Math.floor((total - days * dayMs) / HOUR_MS);
  const minutes = Math.round((total - days * dayMs - hours * HOUR_MS) / MINUTE_MS);
  const parts: string[] = [];
  if (days) parts.push(ctx.t('applications.work.days', { n: days }));
  if (hours) parts.push(ctx.t('applications.work.hours', { n: hours }));
  if (!days && minutes) parts.push(ctx.t('applications.work.minutes', { n: minutes }));
  return parts.length ? parts.join(' ') : ctx.t('applications.work.hours', { n: 0 });
}

// ---- one application -----------------------------------------------------------------------

export interface NoteRow {
  id: string;
  body: string;
  created_at: Date;
  author: string;
}

/** The action form that failed, to show again with what was typed. */
export interface FailedForm {
  form: ProcessAction | 'assign' | 'note';
  values: Record<string, string | string[]>;
}

export interface ApplicationPageProps {
  ctx: ViewContext;
  st: ProcessingState;
  row: ApplicationRow;
  service: PublishedService | null;
  attachments: AttachmentRow[];
  steps: StepVisit[];
  events: EventRow[];
  notes: NoteRow[];
  /** Whether the actor may write internal notes. */
  canNote: boolean;
  /** The working time of one working day, and of the open step so far. */
  dayMs: number;
  openUsedMs: number | null;
  notice?: string;
  conflict?: string;
  errors?: FieldError[];
  failed?: FailedForm;
  /** The queue the page was opened from, and its applications before and after this one. */
  queue?: { query: QueueQuery; prev: string | null; next: string | null };
}

const shownEventNotes = new Set(['forwarded', 'sent_back', 'rejected', 'approved', 'escalated', 'resubmitted']);

function formValue(ctx: ViewContext, f: FormField, v: unknown): string {
  const { t } = ctx;
  if (v === undefined || v === null || v === '') return t('applications.work.empty_value');
  if (typeof v === 'boolean') return t(v ? 'applications.work.yes' : 'applications.work.no');
  const option = (x: string) => f.options.find((o) => o.value === x)?.label ?? x;
  if (Array.isArray(v)) return v.map((x) => option(String(x))).join(', ');
  if (typeof v === 'object') {
    // Names from the region codes; an address typed as free text before shows as it was.
    return addressLine(v as AddressValue);
  }
  if (f.type === 'nik') return maskNik(String(v));
  if (f.type === 'choice') return option(String(v));
  return String(v);
}

function FormData({ ctx, row, service, attachments, tracking }: { ctx: ViewContext; row: ApplicationRow; service: PublishedService | null; attachments: AttachmentRow[]; tracking: string }) {
  const { t } = ctx;
  const data = row.formData ?? {};
  const fileLink = (a: AttachmentRow) => (
    <a href={`${appPath(tracking)}/lampiran/${encodeURIComponent(a.fieldKey)}`} target="_blank" rel="noopener">
      {t('applications.work.view_file', { name: a.originalName })}
    </a>
  );
  return (
    <>
      <section aria-labelledby="h-data">
        <h2 id="h-data">{t('applications.work.form_data')}</h2>
        {service ? (
          service.form.sections.map((s) => {
            const fields = s.fields.filter((f) => f.type !== 'file');
            if (!fields.length) return null;
            return (
              <div key={s.key}>
                <h3>{ctx.locale === 'en' && s.titleEn ? s.titleEn : s.title}</h3>
                <dl class="facts">
                  {fields.map((f) => (
                    <div key={f.key}>
                      <dt>{fieldLabel(ctx, f)}</dt>
                      <dd class="pre">{formValue(ctx, f, data[f.key])}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            );
          })
        ) : (
          <dl class="facts">
            {Object.entries(data).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <section aria-labelledby="h-files">
        <h2 id="h-files">{t('applications.work.attachments')}</h2>
        {attachments.length === 0 ? (
          <p>{t('applications.work.no_attachments')}</p>
        ) : (
          <ul>
            {attachments.map((a) => {
              const f = service ? service.form.sections.flatMap((s) => s.fields).find((x) => x.key === a.fieldKey) : undefined;
              return (
                <li key={a.fieldKey}>
                  {f ? fieldLabel(ctx, f) : a.fieldKey}: {fileLink(a)} <span class="muted">({formatFileSize(a.size)})</span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

function StepTimeline({ ctx, steps, dayMs, openUsedMs }: { ctx: ViewContext; steps: StepVisit[]; dayMs: number; openUsedMs: number | null }) {
  const { t } = ctx;
  // A table wider than a phone scrolls; the region takes the keyboard focus so it can be
  // scrolled without a mouse (axe: scrollable-region-focusable).
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('applications.work.steps')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('applications.work.col.step')}</th>
            <th scope="col">{t('applications.work.col.assignee')}</th>
            <th scope="col">{t('applications.work.col.started')}</th>
            <th scope="col">{t('applications.work.col.deadline')}</th>
            <th scope="col">{t('applications.work.col.finished')}</th>
            <th scope="col">{t('applications.work.col.outcome')}</th>
            <th scope="col">{t('applications.work.col.time')}</th>
            <th scope="col">{t('applications.work.col.met')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => {
            const used = s.usedMs ?? (s.finishedAt ? null : openUsedMs);
            return (
              <tr key={s.seq}>
                <td>
                  {s.stepName}
                  <br />
                  <span class="muted">{t(messageKeyOr(`workflow.role.${s.role}`, 'value.unknown'))}</span>
                </td>
                <td>{s.finishedByName ?? s.assigneeName ?? <span class="muted">{t('applications.work.unassigned')}</span>}</td>
                <td>{ctx.dateTime(s.startedAt)}</td>
                <td>{ctx.dateTime(s.dueAt)}</td>
                <td>{s.finishedAt ? ctx.dateTime(s.finishedAt) : t('applications.work.running')}</td>
                <td>
                  {s.outcome ? t(`applications.outcome.${s.outcome}`) : '—'}
                  {s.branchLabel && (
                    <>
                      <br />
                      {t('applications.work.branch', { label: s.branchLabel })}
                    </>
                  )}
                  {s.note && <p class="pre muted">{s.note}</p>}
                </td>
                <td>{t('applications.work.time_used', { used: used === null ? '—' : workingDuration(ctx, used, dayMs), allowed: workingDuration(ctx, s.allowedMs, dayMs) })}</td>
                <td>
                  {s.met === true && <strong class="tag sla-on_time">{t('applications.sla.on_time')}</strong>}
                  {s.met === false && <strong class="tag sla-overdue warn">{t('applications.sla.overdue')}</strong>}
                  {s.met === null && t('applications.work.running')}
                  {s.escalatedAt && (
                    <>
                      <br />
                      {t('applications.work.escalated', { date: ctx.dateTime(s.escalatedAt) })}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function NoteField({ ctx, form, action, label, required, value }: { ctx: ViewContext; form: FormState; action: string; label: string; required: boolean; value: string }) {
  return (
    <FieldFrame ctx={ctx} form={form} name={`${action}-note`} label={label} required={required}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} name="note" rows={3} maxLength={2000} aria-invalid={invalid} aria-describedby={describedBy}>
          {value}
        </textarea>
      )}
    </FieldFrame>
  );
}

function ActionForms({ ctx, st, form, failed, queue }: { ctx: ViewContext; st: ProcessingState; form: FormState; failed?: FailedForm; queue?: Partial<QueueQuery> }) {
  const { t } = ctx;
  // Each action's URL carries the queue's filters, so the officer returns to the same list.
  const kept = queueParams(queue ?? {});
  const base = appPath(st.trackingNumber);
  const to = (sub: string) => `${appPath(st.trackingNumber)}${sub}${kept ? `?${kept}` : ''}`;
  const typed = (action: string, key: string): string => {
    if (failed?.form !== action) return '';
    const v = failed.values[key];
    return typeof v === 'string' ? v : '';
  };
  const chosenFields = new Set(failed?.form === 'send_back' ? [failed.values.fields ?? []].flat() : []);
  const seq = <input type="hidden" name="seq" value={String(st.seq)} />;
  const anything = st.can.claim || st.can.release || st.can.assign || st.can.act.length > 0;
  return (
    <section aria-labelledby="h-actions" class="action-panel" id="tindakan">
      <h2 id="h-actions">{t('applications.work.actions')}</h2>
      {st.step && (
        <p class="muted">
          {st.step.name} · {st.stepDueAt ? shortDateTime(ctx, st.stepDueAt) : '—'} <SlaBadge ctx={ctx} sla={st.sla} />
        </p>
      )}
      {!anything && <p>{t('applications.work.no_actions')}</p>}
      {st.can.claim && (
        <PostForm ctx={ctx} action={to('/ambil')}>
          <p class="hint">{t('applications.work.claim_hint')}</p>
          {seq}
          <button type="submit">{t('applications.work.claim')}</button>
        </PostForm>
      )}
      {st.can.release && (
        <PostForm ctx={ctx} action={to('/lepas')}>
          {seq}
          <button type="submit" class="button secondary">
            {t('applications.work.release')}
          </button>
        </PostForm>
      )}
      {st.can.assign && st.candidates.length > 0 && (
        <PostForm ctx={ctx} action={to('/tugaskan')}>
          {seq}
          <SelectField
            ctx={ctx}
            form={form}
            name="assignee"
            label={t('applications.work.assign_to')}
            options={st.candidates.map((c) => ({ value: c.id, label: c.name }))}
            value={typed('assign', 'assignee') || st.assigneeId || ''}
          />
          <button type="submit" class="button secondary">
            {t('applications.work.assign')}
          </button>
        </PostForm>
      )}
      {st.can.act.includes('forward') && (
        <PostForm ctx={ctx} action={to('/tindakan')}>
          <h3>{t('applications.work.forward')}</h3>
          <input type="hidden" name="aksi" value="forward" />
          {seq}
          {st.forwardOptions.length > 1 ? (
            <FieldFrame ctx={ctx} form={form} name="forward-option" label={t('applications.work.next_step')} required>
              {({ id, describedBy }) => (
                <fieldset id={id} aria-describedby={describedBy}>
                  <legend class="visually-hidden">{t('applications.work.next_step')}</legend>
                  {st.forwardOptions.map((o, i) => (
                    <label key={i} class="choice">
                      <input type="radio" name="option" value={String(i)} checked={typed('forward', 'option') === String(i)} />{' '}
                      {o.label ? t('applications.work.branch_to', { label: o.label, step: o.nextName }) : t('applications.work.go_to', { step: o.nextName })}
                    </label>
                  ))}
                </fieldset>
              )}
            </FieldFrame>
          ) : (
            st.forwardOptions[0] && <p>{t('applications.work.go_to', { step: st.forwardOptions[0].nextName })}</p>
          )}
          <NoteField ctx={ctx} form={form} action="forward" label={t('applications.work.note')} required={false} value={typed('forward', 'note')} />
          <button type="submit">{t('applications.work.forward')}</button>
        </PostForm>
      )}
      {st.can.act.includes('send_back') && (
        <PostForm ctx={ctx} action={to('/tindakan')}>
          <h3>{t('applications.work.send_back')}</h3>
          <input type="hidden" name="aksi" value="send_back" />
          {seq}
          <FieldFrame ctx={ctx} form={form} name="send_back-fields" label={t('applications.work.fields_to_fix')} required>
            {({ id, describedBy }) => (
              <fieldset id={id} aria-describedby={describedBy}>
                <legend class="visually-hidden">{t('applications.work.fields_to_fix')}</legend>
                {st.formFields.map((f) => (
                  <label key={f.key} class="choice">
                    <input type="checkbox" name="fields" value={f.key} checked={chosenFields.has(f.key)} /> {ctx.locale === 'en' && f.labelEn ? f.labelEn : f.labelId}
                  </label>
                ))}
              </fieldset>
            )}
          </FieldFrame>
          <NoteField ctx={ctx} form={form} action="send_back" label={t('applications.work.note_to_applicant')} required value={typed('send_back', 'note')} />
          <button type="submit" class="button secondary">
            {t('applications.work.send_back')}
          </button>
        </PostForm>
      )}
      {st.can.act.includes('reject') && (
        <PostForm ctx={ctx} action={to('/tindakan')}>
          <h3>{t('applications.work.reject')}</h3>
          <input type="hidden" name="aksi" value="reject" />
          {seq}
          <NoteField ctx={ctx} form={form} action="reject" label={t('applications.work.reason')} required value={typed('reject', 'note')} />
          <button type="submit" class="button danger">
            {t('applications.work.reject')}
          </button>
        </PostForm>
      )}
      {st.can.act.includes('approve') && (
        <PostForm ctx={ctx} action={to('/tindakan')}>
          <h3>{t('applications.work.approve')}</h3>
          <input type="hidden" name="aksi" value="approve" />
          {seq}
          <p>
            <a href={`${base}/pratinjau.pdf`} type="application/pdf" target="_blank">
              {t('applications.sign.preview')}
            </a>
            <span class="hint"> {t('applications.sign.preview_hint')}</span>
          </p>
          <NoteField ctx={ctx} form={form} action="approve" label={t('applications.work.note')} required={false} value={typed('approve', 'note')} />
          {/* Approving is signing: the official confirms who he is (password or TOTP code). */}
          <FieldFrame ctx={ctx} form={form} name="approve-confirm" label={t('applications.sign.confirm')} hint={t('applications.sign.confirm_hint')} required>
            {({ id, describedBy, invalid }) => <input id={id} name="konfirmasi" type="password" autocomplete="current-password" required aria-invalid={invalid} aria-describedby={describedBy} />}
          </FieldFrame>
          <button type="submit">{t('applications.sign.submit')}</button>
        </PostForm>
      )}
    </section>
  );
}

/**
 * Previous/next application of the officer's queue (same filters and order) as plain links,
 * and the keyboard shortcuts that /assets/queue-keys.js adds to them.
 */
function QueueNav({ ctx, queue }: { ctx: ViewContext; queue: NonNullable<ApplicationPageProps['queue']> }) {
  const { t } = ctx;
  return (
    <nav class="queue-nav" aria-label={t('applications.work.queue_nav')} data-queue-nav>
      <ul class="chips">
        <li>
          {queue.prev ? (
            <a href={appInQueue(queue.prev, queue.query)} rel="prev" data-queue="prev">
              {'← '}
              {t('applications.work.prev_app')}
              <span class="visually-hidden"> ({queue.prev})</span>
            </a>
          ) : (
            <span class="muted">{t('applications.work.no_prev')}</span>
          )}
        </li>
        <li>
          <a href={queueHref(queue.query)} data-queue="queue">
            {t('applications.work.back_to_queue')}
          </a>
        </li>
        <li>
          {queue.next ? (
            <a href={appInQueue(queue.next, queue.query)} rel="next" data-queue="next">
              {t('applications.work.next_app')}
              <span class="visually-hidden"> ({queue.next})</span>
              {' →'}
            </a>
          ) : (
            <span class="muted">{t('applications.work.no_next')}</span>
          )}
        </li>
      </ul>
      <details class="shortcuts">
        <summary>{t('applications.work.shortcuts')}</summary>
        <dl class="facts">
          <div>
            <dt>
              <kbd>j</kbd> {t('applications.work.key_or')} <kbd>Alt</kbd>+<kbd>→</kbd>
            </dt>
            <dd>{t('applications.work.key_next')}</dd>
          </div>
          <div>
            <dt>
              <kbd>k</kbd> {t('applications.work.key_or')} <kbd>Alt</kbd>+<kbd>←</kbd>
            </dt>
            <dd>{t('applications.work.key_prev')}</dd>
          </div>
          <div>
            <dt>
              <kbd>u</kbd>
            </dt>
            <dd>{t('applications.work.key_queue')}</dd>
          </div>
        </dl>
        <p class="muted">{t('applications.work.key_note')}</p>
      </details>
      <script src="/assets/queue-keys.js" defer />
    </nav>
  );
}

export function WorkApplicationPage(p: ApplicationPageProps) {
  const { ctx, st, row } = p;
  const { t } = ctx;
  const errs = p.errors ?? [];
  const form: FormState = { values: {}, errors: errs };
  const title = t('applications.work.page_title', { number: st.trackingNumber });
  const labels: Record<string, string> = {
    'forward-option': t('applications.work.next_step'),
    'forward-note': t('applications.work.note'),
    'send_back-fields': t('applications.work.fields_to_fix'),
    'send_back-note': t('applications.work.note_to_applicant'),
    'reject-note': t('applications.work.reason'),
    'approve-confirm': t('applications.sign.confirm'),
    'approve-note': t('applications.work.note'),
    assignee: t('applications.work.assign_to'),
    body: t('applications.work.note_body'),
  };
  const fieldName = (key: string) => {
    const f = st.formFields.find((x) => x.key === key);
    return f ? (ctx.locale === 'en' && f.labelEn ? f.labelEn : f.labelId) : key;
  };
  return (
    <Layout ctx={ctx} title={title} face="backoffice">
      <nav aria-label={t('applications.work.crumbs')}>
        <p>
          <a href="/kelola">{t('nav.backoffice')}</a> › <a href={queueHref(p.queue?.query ?? {})}>{t('applications.work.title')}</a>
        </p>
      </nav>
      <h1>
        {row.serviceName} — {st.trackingNumber}
      </h1>
      {p.queue && <QueueNav ctx={ctx} queue={p.queue} />}
      <Notice text={p.notice} />
      <Notice text={p.conflict} warn />
      <ErrorSummary ctx={ctx} errors={errs} labels={labels} />

      {/* The data first; the action panel and the timeline beside it on wide screens (P-6). */}
      <div class="record">
      <div class="record-main">
      <section aria-labelledby="h-summary">
        <h2 id="h-summary">{t('applications.work.summary')}</h2>
        <dl class="facts">
          <div>
            <dt>{t('applications.service')}</dt>
            <dd>{t('applications.work.service_version', { service: row.serviceName, version: row.serviceVersion })}</dd>
          </div>
          <div>
            <dt>{t('applications.work.sop')}</dt>
            <dd>{st.sopVersion ? t('applications.work.sop_version', { version: st.sopVersion }) : '—'}</dd>
          </div>
          <div>
            <dt>{t('applications.applicant')}</dt>
            <dd>
              {row.applicantName}
              {row.applicantNikMasked ? ` · NIK ${row.applicantNikMasked}` : ''}
            </dd>
          </div>
          <div>
            <dt>{t('applications.channel')}</dt>
            <dd>{t(`portal.channel.${row.channel}`)}</dd>
          </div>
          {/* Renewal of an issued document (P-8, documents/renewal.service.ts). */}
          {row.renewsDocumentNumber && (
            <div>
              <dt>{t('documents.renewal.heading')}</dt>
              <dd>{t('documents.renewal.from', { number: row.renewsDocumentNumber })}</dd>
            </div>
          )}
          <div>
            <dt>{t('applications.status')}</dt>
            <dd id="status">{t(messageKeyOr(`applications.status.${st.status}`, 'value.unknown'))}</dd>
          </div>
          <div>
            <dt>{t('applications.submitted_at')}</dt>
            <dd>{row.submittedAt ? ctx.dateTime(row.submittedAt) : '—'}</dd>
          </div>
          <div>
            <dt>{t('applications.work.overall_due')}</dt>
            <dd>
              {st.dueAt ? ctx.dateTime(st.dueAt) : t('applications.work.no_deadline')} <SlaBadge ctx={ctx} sla={st.overallSla} />
            </dd>
          </div>
          {st.step && (
            <>
              <div>
                <dt>{t('applications.work.current_step')}</dt>
                <dd>
                  {st.step.name} <span class="muted">({t(`workflow.role.${st.step.role}`)})</span>
                </dd>
              </div>
              <div>
                <dt>{t('applications.work.step_due')}</dt>
                <dd>
                  {st.stepDueAt ? ctx.dateTime(st.stepDueAt) : '—'} <SlaBadge ctx={ctx} sla={st.sla} />
                </dd>
              </div>
              <div>
                <dt>{t('applications.work.assignee')}</dt>
                <dd id="assignee">{st.assigneeName ?? t('applications.work.unassigned')}</dd>
              </div>
            </>
          )}
          {st.decidedAt && (
            <div>
              <dt>{t('applications.work.decided_at')}</dt>
              <dd>{ctx.dateTime(st.decidedAt)}</dd>
            </div>
          )}
          {st.decisionNote && (
            <div>
              <dt>{t('applications.work.decision_note')}</dt>
              <dd class="pre">{st.decisionNote}</dd>
            </div>
          )}
          {st.status === 'sent_back' && st.correction && (
            <div>
              <dt>{t('applications.work.correction')}</dt>
              <dd class="pre">
                {t('applications.work.correction_fields', { fields: st.correction.fields.map(fieldName).join(', ') })}
                {'\n'}
                {st.correction.note}
              </dd>
            </div>
          )}
        </dl>
      </section>

      <FormData ctx={ctx} row={row} service={p.service} attachments={p.attachments} tracking={st.trackingNumber} />

      <section aria-labelledby="h-steps">
        <h2 id="h-steps">{t('applications.work.steps')}</h2>
        <StepTimeline ctx={ctx} steps={p.steps} dayMs={p.dayMs} openUsedMs={p.openUsedMs} />
      </section>
      </div>
      <div class="record-side">
      <ActionForms ctx={ctx} st={st} form={form} failed={p.failed} queue={p.queue?.query} />

      <section aria-labelledby="h-events">
        <h2 id="h-events">{t('applications.work.events')}</h2>
        <ol class="timeline">
          {p.events.map((e, i) => (
            <li key={i}>
              <time dateTime={e.at.toISOString()}>{ctx.dateTime(e.at)}</time> — {t(messageKeyOr(`applications.event.${e.kind}`, 'value.unknown'))}
              {e.note && shownEventNotes.has(e.kind) ? `: ${e.note}` : ''}
            </li>
          ))}
        </ol>
      </section>
      </div>
      </div>

      <section aria-labelledby="h-notes">
        <h2 id="h-notes">{t('applications.work.notes')}</h2>
        <p class="hint">{t('applications.work.notes_hint')}</p>
        {p.notes.length === 0 ? (
          <p>{t('applications.work.no_notes')}</p>
        ) : (
          <ul class="list notes">
            {p.notes.map((n) => (
              <li key={n.id}>
                <p class="muted">
                  {n.author} · <time dateTime={n.created_at.toISOString()}>{ctx.dateTime(n.created_at)}</time>
                </p>
                <p class="pre">{n.body}</p>
              </li>
            ))}
          </ul>
        )}
        {p.canNote && (
        <PostForm ctx={ctx} action={appInQueue(st.trackingNumber, p.queue?.query ?? {}, '/catatan')}>
          <TextAreaField ctx={ctx} form={form} name="body" label={t('applications.work.note_body')} rows={3} maxLength={4000} value={p.failed?.form === 'note' && typeof p.failed.values.body === 'string' ? p.failed.values.body : ''} />
          <button type="submit" class="button secondary">
            {t('applications.work.add_note')}
          </button>
        </PostForm>
        )}
      </section>
    </Layout>
  );
}
