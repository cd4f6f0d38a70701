// Back office of the integration hub at /kelola/integrasi: an agency's API clients (register,
// rotate, revoke; the Dinas Kominfo approves), the grants on its data, its webhooks with their
// delivery states, and its exchange log. Works without JavaScript; forms carry the CSRF token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { agenciesFor, authorize, can } from '../../platform/auth/policy.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { DataTable, StatusTag } from '../../platform/views/components/index.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm, SelectField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { t, messageKeyOr } from '../../platform/views/i18n.ts';
import { formatInteger } from '../../platform/format.ts';
import { clientKinds, hubScopes, type ExchangeEntry, type HubApiKey, type HubClient, type HubGrant, type Integration } from './integration.service.ts';
import { webhookEvents, type DeliveryView, type WebhookView, type Webhooks } from './webhooks.ts';
import { ConnectorRefused } from './ckan.ts';
import type { ConnectorMessage } from './national-connectors.ts';

export const INTEGRATION_PATH = '/kelola/integrasi';

defineMenuLink({ href: INTEGRATION_PATH, labelKey: 'hub.menu', action: 'integration.clients.read', area: 'ict', order: 60 });

export interface IntegrationRoutesDeps {
  integration: Integration;
  webhooks: Webhooks;
  agencies: () => Promise<{ id: string; name: string }[]>;
  /** Publishes the /kinerja open data set to Satu Data now (absent: no portal configured). */
  satuData?: { publishNow(): Promise<void> };
  /** SPLP and SIPD: which are configured, the actions and the outbox. */
  national: { enabled: { splp: boolean; sipd: boolean }; publishSplp(): Promise<string>; pushSipd(): Promise<string>; messages(): Promise<ConnectorMessage[]> };
  /** OSS / SiCantik permits received: pending (no account yet) and delivered. */
  nationalPermits: () => Promise<{ pending: number; issued: number }>;
}

interface PageData {
  clients: HubClient[];
  keys: HubApiKey[];
  grants: HubGrant[];
  hooks: WebhookView[];
  deliveries: DeliveryView[];
  log: ExchangeEntry[];
  agencies: { id: string; name: string }[];
  /** Agencies the actor manages (options of the forms). */
  mine: { id: string; name: string }[];
  canApprove: boolean;
  canManage: boolean;
  satuData: boolean;
  /** Shown to the Dinas Kominfo only. */
  national: { enabled: { splp: boolean; sipd: boolean }; messages: ConnectorMessage[]; permits: { pending: number; issued: number } } | null;
}

interface Outcome {
  notice?: string;
  /** A secret shown once, after registration or rotation. */
  secret?: { label: string; value: string };
  errors?: FieldError[];
  values?: Record<string, string>;
}

const statusTone = { pending: 'warning', active: 'success', revoked: 'neutral' } as const;
const keyTone = { active: 'success', expired: 'neutral', revoked: 'neutral' } as const;
const messageTone = { queued: 'info', running: 'info', done: 'success', failed: 'warning', dead: 'danger' } as const;
const deliveryTone = { pending: 'info', delivered: 'success', failed: 'danger', blocked: 'neutral' } as const;

function Page({ ctx, d, o }: { ctx: ViewContext; d: PageData; o: Outcome }) {
  const t = ctx.t;
  const agencyName = (id: string | null) => d.agencies.find((a) => a.id === id)?.name ?? '—';
  const clientName = (id: string) => d.clients.find((c) => c.id === id)?.name ?? id;
  const form = { values: o.values ?? {}, errors: o.errors ?? [] };
  const labels = { sourceAgencyId: t('hub.f.source'), name: t('hub.f.name'), kind: t('hub.f.kind'), agencyId: t('hub.f.agency'), clientId: t('hub.f.client'), ownerAgencyId: t('hub.f.owner'), scope: t('hub.f.scope'), expiresAt: t('hub.f.expires'), agreementId: t('hub.f.agreement'), url: t('hub.f.url'), events: t('hub.f.events') };
  const agencyOptions = d.mine.map((a) => ({ value: a.id, label: a.name }));
  return (
    <Layout ctx={ctx} title={t('hub.title')} face="backoffice">
      <nav aria-label={t('hub.crumbs')}>
        <p>
          <a href="/kelola">{t('nav.backoffice')}</a> › {t('hub.menu')}
        </p>
      </nav>
      <h1>{t('hub.title')}</h1>
      <p class="lead">{t('hub.lead')}</p>
      {o.notice && (
        <p class="notice" role="status">
          {o.notice}
        </p>
      )}
      {o.secret && (
        <section class="notice" role="status" aria-labelledby="h-secret">
          <h2 id="h-secret">{o.secret.label}</h2>
          <p>{t('hub.secret.once')}</p>
          <p>
            <code>{o.secret.value}</code>
          </p>
        </section>
      )}
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />

      <h2 id="h-clients">{t('hub.clients')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('hub.clients')}
        captionHidden
        rows={d.clients}
        rowKey={(c) => c.id}
        empty={t('hub.clients.none')}
        columns={[
          { key: 'name', label: t('hub.f.name'), primary: true, cell: (c) => <>{c.name}<br /><small><code>{c.id}</code></small></> },
          { key: 'agency', label: t('hub.f.agency'), cell: (c) => agencyName(c.agencyId) },
          { key: 'kind', label: t('hub.f.kind'), cell: (c) => t(`hub.kind.${c.kind}`) },
          { key: 'status', label: t('hub.col.status'), cell: (c) => <StatusTag tone={statusTone[c.status]}>{t(`hub.status.${c.status}`)}</StatusTag> },
          { key: 'created', label: t('hub.col.created'), nowrap: true, cell: (c) => ctx.date(c.createdAt) },
        ]}
        actionsLabel={t('hub.col.action')}
        actions={(c) => (
          <>
            {d.canApprove && c.status === 'pending' && (
              <PostForm ctx={ctx} action={`${INTEGRATION_PATH}/klien/${c.id}/setujui`} class="inline">
                <button type="submit" class="button" aria-label={t('hub.approve.label', { name: c.name })}>{t('hub.approve')}</button>
              </PostForm>
            )}{' '}
            {d.canManage && c.status !== 'revoked' ? (
              <>
                <PostForm ctx={ctx} action={`${INTEGRATION_PATH}/klien/${c.id}/rotasi`} class="inline">
                  <button type="submit" class="button secondary" aria-label={t('hub.rotate.label', { name: c.name })}>{t('hub.rotate')}</button>
                </PostForm>{' '}
                <PostForm ctx={ctx} action={`${INTEGRATION_PATH}/klien/${c.id}/kunci`} class="inline">
                  <button type="submit" class="button secondary" aria-label={t('hub.key.create.label', { name: c.name })}>{t('hub.key.create')}</button>
                </PostForm>{' '}
                <PostForm ctx={ctx} action={`${INTEGRATION_PATH}/klien/${c.id}/cabut`} class="inline">
                  <button type="submit" class="button secondary" aria-label={t('hub.revoke.label', { name: c.name })}>{t('hub.revoke')}</button>
                </PostForm>
              </>
            ) : null}
          </>
        )}
      />
      {d.canManage && (
        <section aria-labelledby="h-register">
          <h3 id="h-register">{t('hub.register')}</h3>
          <PostForm ctx={ctx} action={`${INTEGRATION_PATH}/klien`}>
            <TextField ctx={ctx} form={form} name="name" label={t('hub.f.name')} maxLength={200} />
            <SelectField ctx={ctx} form={form} name="kind" label={t('hub.f.kind')} options={clientKinds.map((k) => ({ value: k, label: `${t(`hub.kind.${k}`)} — ${t(`hub.kind.${k}.hint`)}` }))} />
            <SelectField ctx={ctx} form={form} name="agencyId" label={t('hub.f.agency')} options={agencyOptions} />
            <button type="submit" class="button">{t('hub.register.button')}</button>
          </PostForm>
        </section>
      )}

      <h3 id="h-keys">{t('hub.keys')}</h3>
      <p>{t('hub.keys.lead')}</p>
      <DataTable
        ctx={ctx}
        caption={t('hub.keys')}
        captionHidden
        rows={d.keys}
        rowKey={(k) => k.id}
        empty={t('hub.keys.none')}
        columns={[
          { key: 'key', label: t('hub.col.key'), primary: true, cell: (k) => <><code>{k.keyId}</code><br /><small>…{k.hint}</small></> },
          { key: 'client', label: t('hub.f.client'), cell: (k) => clientName(k.clientId) },
          { key: 'state', label: t('hub.col.status'), cell: (k) => <StatusTag tone={keyTone[k.state]}>{t(`hub.key.${k.state}`)}</StatusTag> },
          { key: 'expires', label: t('hub.f.expires'), nowrap: true, cell: (k) => ctx.date(k.expiresAt) },
        ]}
        actionsLabel={t('hub.col.action')}
        actions={(k) =>
          d.canManage && k.state === 'active' ? (
            <PostForm ctx={ctx} action={`${INTEGRATION_PATH}/kunci/${k.id}/cabut`} class="inline">
              <button type="submit" class="button secondary" aria-label={t('hub.key.revoke.label', { key: k.keyId })}>{t('hub.revoke')}</button>
            </PostForm>
          ) : null
        }
      />

      <h2 id="h-grants">{t('hub.grants')}</h2>
      <p>{t('hub.grants.lead')}</p>
      <DataTable
        ctx={ctx}
        caption={t('hub.grants')}
        captionHidden
        rows={d.grants}
        rowKey={(g) => g.id}
        empty={t('hub.grants.none')}
        columns={[
          { key: 'client', label: t('hub.f.client'), primary: true, cell: (g) => clientName(g.clientId) },
          { key: 'owner', label: t('hub.f.owner'), cell: (g) => agencyName(g.ownerAgencyId) },
          { key: 'scope', label: t('hub.f.scope'), cell: (g) => t(messageKeyOr(`hub.scope.${g.scope}`, 'value.unknown')) },
          { key: 'expires', label: t('hub.f.expires'), nowrap: true, cell: (g) => (g.revokedAt ? <StatusTag tone="neutral">{t('hub.grant.revoked')}</StatusTag> : ctx.date(g.expiresAt)) },
        ]}
        actionsLabel={t('hub.col.action')}
        actions={(g) =>
          d.canManage && !g.revokedAt ? (
            <PostForm ctx={ctx} action={`${INTEGRATION_PATH}/izin/${g.id}/cabut`} class="inline">
              <button type="submit" class="button secondary">{t('hub.revoke')}</button>
            </PostForm>
          ) : null
        }
      />
      {d.canManage && (
        <section aria-labelledby="h-grant">
          <h3 id="h-grant">{t('hub.grant.add')}</h3>
          <PostForm ctx={ctx} action={`${INTEGRATION_PATH}/izin`}>
            <TextField ctx={ctx} form={form} name="clientId" label={t('hub.f.client')} hint={t('hub.f.client.hint')} maxLength={36} />
            <SelectField ctx={ctx} form={form} name="ownerAgencyId" label={t('hub.f.owner')} options={agencyOptions} />
            <SelectField ctx={ctx} form={form} name="scope" label={t('hub.f.scope')} options={Object.keys(hubScopes).map((s) => ({ value: s, label: t(messageKeyOr(`hub.scope.${s}`, 'value.unknown')) }))} />
            <TextField ctx={ctx} form={form} name="expiresAt" type="date" label={t('hub.f.expires')} maxLength={10} />
            <TextField ctx={ctx} form={form} name="agreementId" label={t('hub.f.agreement')} hint={t('hub.f.agreement.hint')} required={false} maxLength={36} />
            <button type="submit" class="button">{t('hub.grant.button')}</button>
          </PostForm>
        </section>
      )}

      <h2 id="h-hooks">{t('hub.webhooks')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('hub.webhooks')}
        captionHidden
        rows={d.hooks}
        rowKey={(h) => h.id}
        empty={t('hub.webhooks.none')}
        columns={[
          { key: 'url', label: t('hub.f.url'), primary: true, cell: (h) => <code>{h.url}</code> },
          { key: 'agency', label: t('hub.f.agency'), cell: (h) => agencyName(h.agencyId) },
          { key: 'source', label: t('hub.col.source'), cell: (h) => agencyName(h.sourceAgencyId) },
          { key: 'events', label: t('hub.f.events'), cell: (h) => h.events.map((e) => t(messageKeyOr(`hub.event.${e}`, 'value.unknown'))).join(', ') },
        ]}
      />
      {d.canManage && (
        <section aria-labelledby="h-hook">
          <h3 id="h-hook">{t('hub.webhook.add')}</h3>
          <PostForm ctx={ctx} action={`${INTEGRATION_PATH}/webhook`}>
            <TextField ctx={ctx} form={form} name="url" type="url" label={t('hub.f.url')} maxLength={500} />
            <SelectField ctx={ctx} form={form} name="agencyId" label={t('hub.f.agency')} options={agencyOptions} />
            <SelectField ctx={ctx} form={form} name="sourceAgencyId" label={t('hub.f.source')} hint={t('hub.f.source.hint')} required={false} options={d.agencies.map((a) => ({ value: a.id, label: a.name }))} />
            <fieldset>
              <legend>{t('hub.f.events')}</legend>
              {webhookEvents.map((e) => (
                <label key={e}>
                  <input type="checkbox" name="events" value={e} /> {t(`hub.event.${e}`)}
                </label>
              ))}
            </fieldset>
            <button type="submit" class="button">{t('hub.webhook.button')}</button>
          </PostForm>
        </section>
      )}
      <h3 id="h-deliveries">{t('hub.deliveries')}</h3>
      <DataTable
        ctx={ctx}
        caption={t('hub.deliveries')}
        captionHidden
        rows={d.deliveries}
        rowKey={(x) => x.id}
        empty={t('hub.deliveries.none')}
        columns={[
          { key: 'event', label: t('hub.f.events'), primary: true, cell: (x) => t(messageKeyOr(`hub.event.${x.eventType}`, 'value.unknown')) },
          { key: 'status', label: t('hub.col.status'), cell: (x) => <StatusTag tone={deliveryTone[x.status]}>{t(`hub.delivery.${x.status}`)}</StatusTag> },
          { key: 'attempts', label: t('hub.col.attempts'), num: true, cell: (x) => formatInteger(x.attempts) },
          { key: 'created', label: t('hub.col.created'), nowrap: true, cell: (x) => ctx.dateTime(x.createdAt) },
        ]}
        actionsLabel={t('hub.col.action')}
        actions={(x) =>
          d.canManage ? (
            <PostForm ctx={ctx} action={`${INTEGRATION_PATH}/kiriman/${x.id}/ulang`} class="inline">
              <button type="submit" class="button secondary">{t('hub.replay')}</button>
            </PostForm>
          ) : null
        }
      />

      {d.satuData && (
        <section aria-labelledby="h-satudata">
          <h2 id="h-satudata">{t('hub.satudata')}</h2>
          <p>{t('hub.satudata.lead')}</p>
          <PostForm ctx={ctx} action={`${INTEGRATION_PATH}/satu-data`}>
            <button type="submit" class="button secondary">{t('hub.satudata.button')}</button>
          </PostForm>
        </section>
      )}

      {d.national && (
        <section aria-labelledby="h-national">
          <h2 id="h-national">{t('hub.national')}</h2>
          <p>{t('hub.national.lead')}</p>
          <ul>
            <li>
              <strong>SPLP</strong> — {t(d.national.enabled.splp ? 'hub.national.on' : 'hub.national.off')}
            </li>
            <li>
              <strong>SIPD</strong> — {t(d.national.enabled.sipd ? 'hub.national.on.sipd' : 'hub.national.off')}
            </li>
            <li>
              <strong>OSS / SiCantik</strong> — {t('hub.national.permits', { issued: formatInteger(d.national.permits.issued), pending: formatInteger(d.national.permits.pending) })}
            </li>
          </ul>
          {d.national.enabled.splp && (
            <PostForm ctx={ctx} action={`${INTEGRATION_PATH}/splp`} class="inline">
              <button type="submit" class="button secondary">{t('hub.national.splp.button')}</button>
            </PostForm>
          )}{' '}
          {d.national.enabled.sipd && (
            <PostForm ctx={ctx} action={`${INTEGRATION_PATH}/sipd`} class="inline">
              <button type="submit" class="button secondary">{t('hub.national.sipd.button')}</button>
            </PostForm>
          )}
          <h3 id="h-outbox">{t('hub.national.outbox')}</h3>
          <DataTable
            ctx={ctx}
            caption={t('hub.national.outbox')}
            captionHidden
            rows={d.national.messages}
            rowKey={(m) => String(m.id)}
            empty={t('hub.national.outbox.none')}
            columns={[
              { key: 'system', label: t('hub.col.system'), primary: true, cell: (m) => t(messageKeyOr(`hub.system.${m.system}`, 'value.unknown')) },
              { key: 'status', label: t('hub.col.status'), cell: (m) => <StatusTag tone={messageTone[m.status]}>{t(`hub.outbox.${m.status}`)}</StatusTag> },
              { key: 'attempts', label: t('hub.col.attempts'), num: true, cell: (m) => `${formatInteger(m.attempts)} / ${formatInteger(m.maxAttempts)}` },
              { key: 'created', label: t('hub.col.created'), nowrap: true, cell: (m) => ctx.dateTime(m.createdAt) },
              { key: 'done', label: t('hub.col.finished'), nowrap: true, cell: (m) => (m.finishedAt ? ctx.dateTime(m.finishedAt) : '—') },
            ]}
          />
        </section>
      )}

      <h2 id="h-log">{t('hub.log')}</h2>
      <p>{t('hub.log.lead')}</p>
      <DataTable
        ctx={ctx}
        caption={t('hub.log')}
        captionHidden
        rows={d.log}
        rowKey={(e) => String(e.id)}
        empty={t('hub.log.none')}
        columns={[
          { key: 'at', label: t('hub.col.time'), nowrap: true, cell: (e) => ctx.dateTime(e.occurredAt) },
          { key: 'client', label: t('hub.f.client'), primary: true, cell: (e) => clientName(e.clientId) },
          { key: 'op', label: t('hub.col.operation'), cell: (e) => <code>{e.operation}</code> },
          { key: 'status', label: t('hub.col.http'), num: true, cell: (e) => String(e.status) },
          { key: 'ms', label: t('hub.col.duration'), num: true, cell: (e) => formatInteger(e.durationMs) },
          { key: 'sealed', label: t('hub.col.sealed'), cell: (e) => <StatusTag tone={e.sealed ? 'success' : 'info'}>{t(e.sealed ? 'hub.sealed.yes' : 'hub.sealed.no')}</StatusTag> },
        ]}
      />
    </Layout>
  );
}

const str = (b: unknown, k: string) => {
  const v = b && typeof b === 'object' ? (b as Record<string, unknown>)[k] : undefined;
  return typeof v === 'string' ? v.slice(0, 1000) : '';
};

export function registerIntegrationRoutes(app: FastifyInstance, deps: IntegrationRoutesDeps): void {
  const { integration, webhooks } = deps;

  async function load(request: FastifyRequest): Promise<PageData> {
    const actor = request.actor;
    authorize(actor, 'integration.clients.read');
    const scope = agenciesFor(actor, 'integration.grants.manage');
    const all = await deps.agencies();
    return {
      clients: await integration.listClients(actor),
      keys: await integration.listApiKeys(actor),
      grants: await integration.listGrants(actor),
      hooks: await webhooks.list(actor),
      deliveries: await webhooks.deliveries(actor, undefined, 50),
      log: await integration.exchanges(actor, { limit: 50 }),
      agencies: all,
      mine: scope === 'all' ? all : all.filter((a) => scope.includes(a.id)),
      canApprove: can(actor, 'integration.clients.approve'),
      canManage: can(actor, 'integration.grants.manage'),
      satuData: !!deps.satuData && can(actor, 'integration.clients.approve'),
      national: can(actor, 'integration.clients.approve') ? { enabled: deps.national.enabled, messages: await deps.national.messages(), permits: await deps.nationalPermits() } : null,
    };
  }

  async function show(request: FastifyRequest, reply: FastifyReply, o: Outcome, status = 200) {
    const d = await load(request);
    const ctx = await app.viewContext(request, reply);
    return reply.page(<Page ctx={ctx} d={d} o={o} />, status);
  }

  /** Runs a change; a refusal (4xx) shows the page again with the reason, nothing lost. */
  async function act(request: FastifyRequest, reply: FastifyReply, fn: () => Promise<Outcome>) {
    try {
      return await show(request, reply, await fn());
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
      const values = Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).filter(([k, v]) => k !== '_csrf' && typeof v === 'string')) as Record<string, string>;
      return show(request, reply, { errors: e.fields?.length ? e.fields : [{ field: 'name', key: e.messageKey }], values }, e.status === 409 ? 409 : 422);
    }
  }

  const who = (request: FastifyRequest) => ({ actor: request.actor!, meta: request.meta });

  app.get(INTEGRATION_PATH, async (request, reply) => show(request, reply, {}));

  app.post(`${INTEGRATION_PATH}/klien`, async (request, reply) =>
    act(request, reply, async () => {
      const r = await integration.registerClient(who(request), { agencyId: str(request.body, 'agencyId'), name: str(request.body, 'name'), kind: str(request.body, 'kind') });
      return { notice: t(request.locale, 'hub.notice.registered'), secret: { label: t(request.locale, 'hub.secret.client', { id: r.client.id }), value: r.clientSecret } };
    }),
  );

  app.post<{ Params: { id: string } }>(`${INTEGRATION_PATH}/klien/:id/setujui`, async (request, reply) =>
    act(request, reply, async () => {
      await integration.approveClient(who(request), request.params.id);
      return { notice: t(request.locale, 'hub.notice.approved') };
    }),
  );

  app.post<{ Params: { id: string } }>(`${INTEGRATION_PATH}/klien/:id/rotasi`, async (request, reply) =>
    act(request, reply, async () => {
      const r = await integration.rotateSecret(who(request), request.params.id);
      return { notice: t(request.locale, 'hub.notice.rotated'), secret: { label: t(request.locale, 'hub.secret.rotated'), value: r.clientSecret } };
    }),
  );

  app.post<{ Params: { id: string } }>(`${INTEGRATION_PATH}/klien/:id/cabut`, async (request, reply) =>
    act(request, reply, async () => {
      await integration.revokeClient(who(request), request.params.id);
      return { notice: t(request.locale, 'hub.notice.revoked') };
    }),
  );

  app.post<{ Params: { id: string } }>(`${INTEGRATION_PATH}/klien/:id/kunci`, async (request, reply) =>
    act(request, reply, async () => {
      const r = await integration.createApiKey(who(request), request.params.id);
      return { notice: t(request.locale, 'hub.notice.key', { key: r.key.keyId }), secret: { label: t(request.locale, 'hub.secret.key', { key: r.key.keyId }), value: r.secret } };
    }),
  );

  app.post<{ Params: { id: string } }>(`${INTEGRATION_PATH}/kunci/:id/cabut`, async (request, reply) =>
    act(request, reply, async () => {
      await integration.revokeApiKey(who(request), request.params.id);
      return { notice: t(request.locale, 'hub.notice.key_revoked') };
    }),
  );

  app.post(`${INTEGRATION_PATH}/satu-data`, async (request, reply) => {
    authorize(request.actor, 'integration.clients.approve');
    if (!deps.satuData) throw new AppError('not_found', 404, 'error.not_found');
    const satuData = deps.satuData;
    return act(request, reply, async () => {
      await satuData.publishNow();
      return { notice: t(request.locale, 'hub.notice.satudata') };
    });
  });

  /** A national system's refusal before anything queued (no kode wilayah, no plan): 409 with the reason. */
  const refusedKey = (e: unknown) => (e instanceof ConnectorRefused ? (e.message === 'no_roadmap' ? 'hub.error.no_roadmap' : 'hub.error.no_region_code') : null);

  for (const [path, system] of [
    ['splp', 'splp'],
    ['sipd', 'sipd'],
  ] as const) {
    app.post(`${INTEGRATION_PATH}/${path}`, async (request, reply) => {
      authorize(request.actor, 'integration.clients.approve');
      if (!deps.national.enabled[system]) throw new AppError('not_found', 404, 'error.not_found');
      return act(request, reply, async () => {
        try {
          const what = system === 'splp' ? await deps.national.publishSplp() : await deps.national.pushSipd();
          return { notice: t(request.locale, `hub.notice.${system}`, { value: what }) };
        } catch (e) {
          const key = refusedKey(e);
          if (key) throw new AppError('conflict', 409, key);
          throw e;
        }
      });
    });
  }

  app.post(`${INTEGRATION_PATH}/izin`, async (request, reply) =>
    act(request, reply, async () => {
      const day = str(request.body, 'expiresAt');
      const expiresAt = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T23:59:59.999+07:00`) : new Date(NaN);
      await integration.grant(who(request), {
        clientId: str(request.body, 'clientId').trim(),
        ownerAgencyId: str(request.body, 'ownerAgencyId'),
        scope: str(request.body, 'scope'),
        agreementId: str(request.body, 'agreementId').trim() || null,
        expiresAt,
      });
      return { notice: t(request.locale, 'hub.notice.granted') };
    }),
  );

  app.post<{ Params: { id: string } }>(`${INTEGRATION_PATH}/izin/:id/cabut`, async (request, reply) =>
    act(request, reply, async () => {
      await integration.revokeGrant(who(request), request.params.id);
      return { notice: t(request.locale, 'hub.notice.grant_revoked') };
    }),
  );

  app.post(`${INTEGRATION_PATH}/webhook`, async (request, reply) =>
    act(request, reply, async () => {
      const raw = (request.body as Record<string, unknown> | undefined)?.events;
      const events = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((e): e is string => typeof e === 'string');
      const r = await webhooks.create(who(request), { agencyId: str(request.body, 'agencyId'), sourceAgencyId: str(request.body, 'sourceAgencyId') || null, url: str(request.body, 'url').trim(), events });
      return { notice: t(request.locale, 'hub.notice.webhook'), secret: { label: t(request.locale, 'hub.secret.webhook'), value: r.secret } };
    }),
  );

  app.post<{ Params: { id: string } }>(`${INTEGRATION_PATH}/kiriman/:id/ulang`, async (request, reply) =>
    act(request, reply, async () => {
      await webhooks.replay(who(request), request.params.id);
      return { notice: t(request.locale, 'hub.notice.replayed') };
    }),
  );
}
