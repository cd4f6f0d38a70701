// Composition root: builds the Fastify app from the configuration, the database and the
// modules. `buildApp` is used by `simpul start`, by the tests and by the benchmarks.
import { createOrphanSweeper } from './platform/storage/orphans.ts';
import { applicationFileOwners } from './modules/applications/applications.files.ts';
import { documentFileOwners } from './modules/documents/documents.files.ts';
import { governanceFileOwners } from './modules/governance/governance.files.ts';
import { paymentFileOwners } from './modules/payments/payments.files.ts';
import { createAuditChain, type AuditChain } from './platform/audit/seal.ts';
import { signingKeyFromPem } from './platform/audit/chain.ts';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import type { Config } from './config.ts';
import { registerAllMessages } from './messages.ts';
import type { Database } from './platform/db/database.ts';
import { registerRequestContext, SESSION_COOKIE, type RegionInfo } from './platform/http/context.ts';
import { AppError, errors, RETRY_AFTER_SECONDS } from './platform/http/errors.ts';
import { connectionErrorSummary, isDatabaseUnavailable } from './platform/db/availability.ts';
import { UnavailablePage } from './platform/views/unavailable-page.tsx';
import { registerTextGuard } from './platform/http/text-guard.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { registerPublicPageCache, type PublicPageCache } from './platform/http/public-cache.ts';
import { decorateUploadLimits } from './platform/storage/uploads.ts';
import { t } from './platform/views/i18n.ts';
import { ErrorPage, ResubmitPage } from './platform/views/error-page.tsx';
import { createLogger, type Logger } from './platform/log.ts';
import { warnOnUntrustedProxy } from './platform/http/proxy-warning.ts';
import { JobQueue } from './platform/jobs/queue.ts';
import { createMailer, type Mailer } from './platform/mail/mailer.ts';
import { createMetrics, type Metrics } from './platform/metrics.ts';
import { createIdentity, type Identity } from './modules/identity/identity.service.ts';
import { registerIdentityRoutes } from './modules/identity/identity.routes.tsx';
import { registerIdentityApi } from './modules/identity/identity.api.ts';
import { createAgencies, type Agencies } from './modules/agencies/agencies.service.ts';
import { registerAgencyRoutes } from './modules/agencies/agencies.routes.tsx';
import { registerAgencyApi } from './modules/agencies/agencies.api.ts';
import { registerAuditApi, registerAuditRoutes } from './modules/audit/index.ts';
import { registerHolidayRoutes, registerSystemRoutes, systemFileOwners } from './modules/system/index.ts';
import { registerPortalRoutes } from './modules/portal/index.ts';
import { registerApiDocs, type ApiRegistry, createApiRegistry } from './platform/http/openapi.ts';
import { createCatalog, type Catalog } from './modules/catalog/catalog.service.ts';
import { registerCatalogRoutes } from './modules/catalog/catalog.routes.tsx';
import { registerCatalogApi } from './modules/catalog/catalog.api.ts';
import { type Storage } from './platform/storage/storage.ts';
import { createStorage } from './platform/storage/create-storage.ts';
import { contentFileOwners, createContent, registerContentApi, registerContentRoutes, type Content } from './modules/content/index.ts';
import { registerCatalogBackoffice } from './modules/catalog/catalog.backoffice.tsx';
import { createApplications, type Applications } from './modules/applications/applications.service.ts';
import { registerApplicationRoutes } from './modules/applications/applications.routes.tsx';
import { registerProcessingRoutes } from './modules/applications/processing.routes.tsx';
import { registerWorkflowRoutes } from './modules/workflow/workflow.routes.tsx';
import { createWorkflow, type Workflow } from './modules/workflow/workflow.service.ts';
import { createProcessing, type Processing } from './modules/applications/processing.service.ts';
import { createNotifications, type Notifications } from './modules/notifications/notifications.service.ts';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes.tsx';
import { alertDeadMail } from './modules/notifications/admin-alerts.ts';
import { createDocuments, type Documents } from './modules/documents/documents.service.ts';
import { registerDocumentRoutes } from './modules/documents/documents.routes.tsx';
import { registerPaymentReportRoutes } from './modules/payments/payments.reports.routes.tsx';
import { createDailySummary } from './modules/payments/daily-summary.ts';
import { createReminders, type Reminders } from './modules/documents/reminders.service.ts';
import { createRenewals, type Renewals } from './modules/documents/renewal.service.ts';
import { createPlanning, type Planning } from './modules/governance/planning.service.ts';
import { registerPlanningRoutes } from './modules/governance/planning.routes.tsx';
import { createInventory, type Inventory } from './modules/governance/inventory.service.ts';
import { registerGovernanceRoutes } from './modules/governance/governance.routes.tsx';
import { createReconciliation, type Reconciliation } from './modules/payments/reconciliation.service.ts';
import { registerReconciliationRoutes } from './modules/payments/reconciliation.routes.tsx';
import { createPayments, type Payments } from './modules/payments/payments.service.ts';
import { registerBillRoutes } from './modules/payments/bills.routes.tsx';
import { registerGovernanceRegisterRoutes } from './modules/governance/registers.routes.tsx';
import { createBackupJob } from './platform/backup/backup.job.ts';
import { ckanPublisher, createIntegration, createNationalPermits, createNationalPublishing, jsonConnector, localNationalFakes, sipdRoadmap, splpPublish, type NationalPermits, createSatuDataKinerja, createSatuDataOutbox, createWebhooks, isHubToken, localNikVerifier, registerIntegrationApi, registerIntegrationRoutes, type Integration, type Webhooks } from './modules/integration/index.ts';
import { createRegisterService } from './modules/governance/registers.service.ts';
import { dataSharing } from './modules/governance/registers.definitions.ts';
import { createDomainEvents, type DomainEventBus, type EventServices } from './app.events.ts';
import { applicationEvents, applicationFacts, applicationHolds, applicationIdsAfter } from './modules/applications/index.ts';
import { documentEvents } from './modules/documents/index.ts';
import { billFacts, billIdsAfter, paymentEvents } from './modules/payments/index.ts';
import { spbeFigures } from './modules/governance/index.ts';
import { createExecutive, createMonthlyReport, registerExecutiveRoutes, type Executive, type ExecutiveSources } from './modules/executive/index.ts';
import { createBreaches, createPrivacy, registerBreachRoutes, registerPrivacyRoutes, type Privacy } from './modules/privacy/index.ts';
import { accessLogRetention, createRetention } from './platform/privacy/retention.ts';
import { applicationRetentionRules } from './modules/applications/index.ts';
import { correctPersonName, identityRetentionRules, openPerson, userIdsByNik } from './modules/identity/index.ts';
import { FieldCrypto, installFieldCrypto } from './platform/privacy/field-crypto.ts';
import { notificationRetentionRules } from './modules/notifications/index.ts';
import { complaintEvents, complaintFigures, complaintFileOwners, createComplaints, createSurveyInvitations, registerComplaintApi, createIkm, createParticipation, createWbs, OPEN311_PREFIX, registerComplaintRoutes, registerIkmRoutes, registerOpen311Routes, registerParticipationRoutes, registerWbsRoutes, wbsFileOwners, type Complaints } from './modules/complaints/index.ts';

/** One log line per request, when it completes (method, path, status, time), instead of two. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const responseTime = Math.round(reply.elapsedTime * 10) / 10;
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime }, 'request completed');
  }
}

/** Responses smaller than this are sent uncompressed (a TCP packet or two either way). */
const COMPRESS_THRESHOLD = 1400;

/** Public pages whose anonymous GETs are served from the page cache (platform/http/public-cache.ts). */
const PUBLIC_CACHED_ROUTES = ['/', '/layanan', '/layanan/:slug', '/layanan/:slug/standar', '/instansi/:slug', '/cari', '/api/v1/services', '/api/v1/services/:slug', '/api/v1/sectors', '/api/v1/search', '/api/v1/agencies', '/api/v1/agencies/:slug'];

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');

/** Everything modules need, built once and passed down explicitly. */
export interface Deps {
  config: Config;
  database: Database;
  log: Logger;
  jobs: JobQueue;
  mailer: Mailer;
  metrics: Metrics;
  api: ApiRegistry;
  region: () => Promise<RegionInfo>;
  identity: Identity;
  agencies: Agencies;
  catalog: Catalog;
  storage: Storage;
  content: Content;
  applications: Applications;
  notifications: Notifications;
  workflow: Workflow;
  processing: Processing;
  documents: Documents;
  reminders: Reminders;
  renewals: Renewals;
  planning: Planning;
  inventory: Inventory;
  reconciliation: Reconciliation;
  payments: Payments;
  auditChain: AuditChain;
  integration: Integration;
  webhooks: Webhooks;
  nationalPermits: NationalPermits;
  /** The domain events (app.events.ts): modules get a recorder of their own part. */
  events: DomainEventBus;
  executive: Executive;
  /** Personal data protection (UU PDP): access log, data-subject requests, register, breaches. */
  privacy: Privacy;
  complaints: Complaints;
}

export interface BuiltApp {
  app: FastifyInstance;
  deps: Deps;
  /** Every route registered (method and URL pattern), e.g. for tests that visit every page. */
  routes: { method: string; url: string }[];
  /** The anonymous public page cache of this node (stats in the bench and tests). */
  publicCache: PublicPageCache;
  close(): Promise<void>;
}

export async function buildApp(config: Config, database: Database, opts: { logger?: Logger; now?: () => Date } = {}): Promise<BuiltApp> {
  registerAllMessages();
  const log = opts.logger ?? createLogger(config);
  const metrics = createMetrics();
  metrics.observePool(database);
  // Connections the server dropped: counted and logged (code and message only), never a crash.
  const stopWatchingPool = database.onConnectionError?.((err) => {
    metrics.databasePoolErrors.inc();
    log.warn({ error: connectionErrorSummary(err) }, 'database connection lost');
  });
  const jobs = new JobQueue(database, log, { pollMs: config.jobPollMs, metrics });
  const mailer = createMailer(config, database, jobs, log);
  // Cross-module effects hang on domain events; the subscribers reach the modules built below.
  let eventServices: EventServices | undefined;
  const events = createDomainEvents(jobs, () => {
    if (!eventServices) throw new Error('domain event delivered before the modules were composed');
    return eventServices;
  });
  const storage = createStorage(config);
  // Personal data at rest (NIK, phone): the keyring every reader and writer of users uses.
  installFieldCrypto(new FieldCrypto(config.fieldKeys));
  const agencies = createAgencies(database, storage);
  const identity = createIdentity({ config, database, mailer, jobs });
  const catalog = createCatalog(database);
  const content = createContent({ database, storage, config });
  const api = createApiRegistry();
  const notifications = createNotifications({ config, database, mailer, jobs, log });
  const workflow = createWorkflow(database);
  // Integration hub (I-1 … I-4): API clients, grants, exchange log, outgoing webhooks.
  const integration = createIntegration({
    database,
    encryptionKey: config.encryptionKey,
    maxSealLagSeconds: Math.min(config.audit.maxCheckpointAgeSeconds, Math.max(60, 10 * config.audit.sealEverySeconds)),
    findAgreement: async (actor, id) => {
      const today = new Date().toISOString().slice(0, 10);
      const e = await createRegisterService().get(database.db, actor, dataSharing, id, today).catch(() => null);
      return e ? { id: e.id, agencyId: e.agencyId, validTo: typeof e.data.validTo === 'string' && e.data.validTo ? e.data.validTo : null } : null;
    },
  });
  const webhooks = createWebhooks({ database, jobs, log, encryptionKey: config.encryptionKey, allowHttp: config.env !== 'production' });
  const payments = createPayments({ config, database, storage, jobs, log, notifications, events: events.recorder(paymentEvents), applications: applicationHolds });
  // Survey invitations (IKM) of completed applications: the applicant's contact is read in the event's transaction.
  const survey = createSurveyInvitations({
    baseUrl: config.baseUrl,
    mailer,
    sendSms: async (trx, m) => void (await notifications.sendShortMessage(trx, { channel: 'sms', to: m.to, text: m.text, userId: m.userId, event: 'complaint' })),
    applicant: async (trx, applicationId) => {
      const a = await trx
        .selectFrom('applications as a')
        .innerJoin('users as u', 'u.id', 'a.applicant_id')
        .select(['a.tracking_number', 'u.id', 'u.email', 'u.phone', 'u.locale'])
        .where('a.id', '=', applicationId)
        .executeTakeFirst();
      const { phone, email } = openPerson({ phone: a?.phone ?? null, email: a?.email ?? null });
      return a ? { number: a.tracking_number ?? '', email, phone: email ? null : phone, locale: a.locale === 'en' ? 'en' : 'id', userId: a.id } : null;
    },
  });
  const applications = createApplications({ database, storage, catalog, workflow, region: agencies.regionInfo, nearingPercent: config.slaNearingPercent, events: events.recorder(applicationEvents) });
  const processing = createProcessing({
    database,
    workflow,
    catalog,
    jobs,
    log,
    nearingPercent: config.slaNearingPercent,
    escalationEverySeconds: config.slaEscalationEverySeconds,
    events: events.recorder(applicationEvents),
  });
  const documents = createDocuments({ config, database, storage, jobs, events: events.recorder(documentEvents) });
  // OSS RBA / SiCantik: permits issued nationally into the holders' documents (by NIK, blind index).
  const nationalPermits = createNationalPermits({
    database,
    userIdByNik: async (q, nik) => (await userIdsByNik(q, [nik]))[0] ?? null,
    importDocument: (q, input) => documents.importNational(q, input),
  });
  nationalPermits.registerJobs(jobs);
  const reminders = createReminders({ config, database, region: agencies.regionInfo, events: events.recorder(documentEvents), log });
  const renewals = createRenewals({ database, documents, applications, catalog });
  const planning = createPlanning({ database });
  const inventory = createInventory({ database, storage });
  // A credit that pays a bill in full records bill.paid; billing handles it: kuitansi, notice, workflow resumes.
  const reconciliation = createReconciliation({ database, jobs, storage, log, events: events.recorder(paymentEvents) });
  const auditChain = createAuditChain({
    database,
    log,
    key: signingKeyFromPem(config.audit.signingKey),
    trustedPublicKeys: config.audit.trustedKeys,
    exportDir: config.audit.checkpointDir,
    sealEverySeconds: config.audit.sealEverySeconds,
    maxCheckpointAgeSeconds: config.audit.maxCheckpointAgeSeconds,
  });
  // Executive information (E-1 … E-3): summaries fed by the applications' and bills' facts.
  const executiveSources: ExecutiveSources = {
    applicationFacts,
    applicationIdsAfter,
    billFacts,
    billIdsAfter,
    agencies: async () => (await agencies.listPublic()).map((a) => ({ id: a.id, name: a.name, slug: a.slug })),
    services: async () => {
      const out: { id: string; name: string; agencyId: string }[] = [];
      for (let offset = 0; ; offset += 200) {
        const page = await catalog.listPublished({ limit: 200, offset });
        out.push(...page.items.map((s) => ({ id: s.id, name: s.name, agencyId: s.agencyId })));
        if (page.items.length < 200) return out;
      }
    },
  };
  // The executive cards read the complaint and governance figures through their faces (reconciled
  // revenue comes with the bills' facts into the executive summaries).
  executiveSources.complaints = (q, cal, input) => complaintFigures(q, cal, input);
  executiveSources.spbe = (input) => spbeFigures(planning, database.db, input);
  const executive = createExecutive({ database, region: agencies.regionInfo, sources: executiveSources, log });
  // An approved correction of a name is applied through identity's face; the other fields are
  // changed by the person himself (address with its official codes, e-mail and phone with a code).
  const privacy = createPrivacy({
    database,
    mailer,
    region: agencies.regionInfo,
    baseUrl: config.baseUrl,
    corrector: (trx, who, userId, field, value) => (field === 'name' ? correctPersonName(trx, who, userId, value) : Promise.resolve(false)),
  });
  // Public complaints (C-1): reaches identity, catalogue, agencies, applications and
  // notifications only through these ports.
  const complaints = createComplaints({
    config,
    database,
    storage,
    jobs,
    mailer,
    log,
    region: agencies.regionInfo,
    contactCodes: identity.contactCodes,
    sendSms: async (trx, m) => void (await notifications.sendShortMessage(trx, { channel: 'sms', to: m.to, text: m.text, userId: m.userId, event: 'complaint' })),
    serviceBySlug: async (slug) => {
      const s = await catalog.getPublished(slug).catch(() => null);
      return s ? { id: s.id, slug: s.slug, name: s.content.name, agencyId: s.agency.id, agencyName: s.agency.name } : null;
    },
    agencies: async () => (await agencies.listPublic()).map((a) => ({ id: a.id, name: a.name })),
    applicationsOf: async (userId) =>
      (await applications.listOwn(userId)).filter((a) => a.trackingNumber).map((a) => ({ number: a.trackingNumber!, serviceId: a.serviceId, serviceName: a.serviceName, agencyId: a.agencyId })),
    person: async (userId) => {
      const p = await identity.profile(userId).catch(() => null);
      return p ? { name: p.name, email: p.email, phone: p.phone, locale: p.locale } : null;
    },
    // The agency's head office: its active agency administrators (identity's grants), in the caller's transaction.
    agencyHeads: async (trx, agencyId) =>
      (
        await trx
          .selectFrom('users as u')
          .innerJoin('role_grants as g', 'g.user_id', 'u.id')
          .select(['u.id', 'u.email', 'u.locale'])
          .distinct()
          .where('g.role', '=', 'agency_admin')
          .where('g.agency_id', '=', agencyId)
          .where('g.revoked_at', 'is', null)
          .where('u.status', '=', 'active')
          .execute()
      ).map((u) => ({ userId: u.id, email: openPerson(u).email, locale: u.locale === 'en' ? 'en' : 'id' })),
    events: events.recorder(complaintEvents),
  });
  eventServices = { notifications, payments, jobs, webhooks, executive, survey, complaints };
  // Complaints by SMS (`ADUAN <text>`) through the inbound SMS endpoint: notifications knows only the command.
  notifications.registerSmsCommand({ name: 'ADUAN', help: t('id', 'complaints.sms.help'), handle: (ctx) => complaints.fileBySms(ctx.trx, ctx.fromE164, ctx.args) });
  const deps: Deps = {
    complaints,
    executive,
    auditChain,
    events,
    privacy,
    config,
    database,
    log,
    jobs,
    mailer,
    metrics,
    api,
    region: agencies.regionInfo,
    identity,
    agencies,
    catalog,
    storage,
    content,
    applications,
    notifications,
    workflow,
    processing,
    documents,
    reminders,
    renewals,
    planning,
    inventory,
    reconciliation,
    payments,
    integration,
    webhooks,
    nationalPermits,
  };

  const app: FastifyInstance = Fastify({
    loggerInstance: log as FastifyInstance['log'],
    bodyLimit: config.bodyLimit,
    genReqId: () => crypto.randomUUID(),
    trustProxy: config.trustProxy as boolean,
    logController: new OneLinePerRequest(),
  });
  // file parts are spooled under DATA_DIR (the system's /tmp may be memory)
  decorateUploadLimits(app, { ...config.uploadLimits, spoolDir: path.join(config.dataDir, 'tmp') });
  const routes: BuiltApp['routes'] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url });
  });

  // gzip for slow mobile networks (a public page shrinks to about a third) at a low level:
  // per dynamic response, level 4 costs far less CPU than the default 6 for a few % more bytes.
  // Cached public pages carry their own gzip/brotli made once (public-cache.ts). Off by
  // setting when a reverse proxy compresses.
  if (config.compression) {
    await app.register(fastifyCompress, { global: true, threshold: COMPRESS_THRESHOLD, encodings: ['gzip', 'deflate'], zlibOptions: { level: 4 } });
  }
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyFormbody);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'simpul_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, signed: true },
    getToken: (req: FastifyRequest) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined;
      const header = req.headers['x-csrf-token'];
      return fromBody ?? (typeof header === 'string' ? header : undefined);
    },
  });
  // Helmet's headers, computed once at start (platform/http/security-headers.ts).
  await registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    hsts: config.cookieSecure,
  });
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: '/assets/',
    maxAge: '7d',
    immutable: false,
    preCompressed: false,
  });

  warnOnUntrustedProxy(app, { trustProxy: config.trustProxy, log });
  registerRequestContext(app, {
    authenticator: identity.authenticator,
    region: agencies.regionInfo,
    requireAdminMfa: config.requireAdminMfa,
    cookieSecure: config.cookieSecure,
    externalBearer: isHubToken,
  });
  // NUL and lone surrogates in the path, query, parameters or body: 400 before any handler (S-5).
  registerTextGuard(app);
  // Anonymous public pages from memory, invalidated cluster-wide by the content version.
  const publicCache = registerPublicPageCache(app, database, {
    routes: PUBLIC_CACHED_ROUTES,
    maxAgeSeconds: config.publicCacheSeconds,
    compressThreshold: config.compression ? COMPRESS_THRESHOLD : Number.POSITIVE_INFINITY,
    onHit: { '/layanan/:slug': (request) => catalog.countViewBySlug((request.params as { slug: string }).slug) },
  });

  // CSRF on every state-changing request made with a session cookie. Bearer-token API
  // clients carry no ambient credentials, so they are exempt.
  app.addHook('preHandler', (request, reply, done) => {
    const m = request.method;
    if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS') return done();
    if (request.actor?.via === 'token') return done();
    // API calls without the session cookie carry no ambient credentials: nothing to forge.
    if (request.isApi && !request.cookies[SESSION_COOKIE]) return done();
    // Open311 clients authenticate with their api_key, never with the session.
    if (request.url.startsWith(`${OPEN311_PREFIX}/`)) return done();
    app.csrfProtection(request, reply, done);
  });

  metrics.instrument(app);

  app.setNotFoundHandler((request, reply) => sendError(app, request, reply, errors.notFound()));
  app.setErrorHandler((err: FastifyError, request, reply) => sendError(app, request, reply, err));

  registerSystemRoutes(app, deps);
  registerPortalRoutes(app, deps);
  registerIdentityRoutes(app, deps);
  registerIdentityApi(app, deps);
  registerAgencyRoutes(app, deps);
  // The audit-trail viewer belongs with access administration (its menu and API tag).
  registerAuditRoutes(app, deps);
  registerAgencyApi(app, deps);
  registerAuditApi(app, deps);
  registerCatalogRoutes(app, deps);
  registerCatalogApi(app, deps);
  registerCatalogBackoffice(app, deps);
  registerContentRoutes(app, deps);
  registerContentApi(app, deps);
  registerApplicationRoutes(app, deps);
  registerProcessingRoutes(app, deps);
  registerWorkflowRoutes(app, deps);
  registerHolidayRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerDocumentRoutes(app, deps);
  registerPaymentReportRoutes(app, deps);
  registerPlanningRoutes(app, deps);
  registerGovernanceRoutes(app, deps);
  registerReconciliationRoutes(app, deps);
  registerBillRoutes(app, deps);
  registerGovernanceRegisterRoutes(app, deps);
  registerIntegrationApi(app, {
    api,
    integration,
    webhooks,
    nationalPermits,
    nikVerifier: localNikVerifier(),
    log,
    baseUrl: config.baseUrl,
    chain: auditChain,
    sources: {
      listServices: async (agencyIds) => (await Promise.all(agencyIds.map((agencyId) => catalog.listPublished({ agencyId, limit: 500 })))).flatMap((r) => r.items.map((s) => ({ id: s.id, slug: s.slug, name: s.name, agencyId: s.agencyId }))),
      applicationStatus: async (tracking) => {
        const a = await applications.getByTracking(tracking);
        return a ? { agencyId: a.agencyId, serviceId: a.serviceId, status: a.status, submittedAt: a.submittedAt } : null;
      },
    },
  });
  // Satu Data: the /kinerja open data set on the region's CKAN portal, daily and on demand.
  const satuDataOutbox = config.satuData ? createSatuDataOutbox(ckanPublisher({ baseUrl: config.satuData.ckanUrl, apiToken: config.satuData.token })) : null;
  const satuData =
    config.satuData && satuDataOutbox
      ? createSatuDataKinerja({ baseUrl: config.baseUrl, organisation: config.satuData.organisation, region: agencies.regionInfo, publish: (db, q, input) => satuDataOutbox.publish(db, q, input) })
      : null;
  if (satuDataOutbox && satuData) {
    satuDataOutbox.registerJobs(jobs);
    satuData.registerJobs(jobs, database.db);
  }
  // SPLP and SIPD (off unless configured): production talks to the configured URL, development to a local fake.
  const fakes = localNationalFakes({ splp: config.splp?.token ?? '', sipd: config.sipd?.token ?? '' });
  const nationalPublishing = createNationalPublishing({
    splp: config.splp
      ? { connector: jsonConnector(splpPublish, { baseUrl: config.splp.url ?? 'http://splp.local', token: config.splp.token, fetch: config.splp.url ? undefined : fakes.splp.fetch }), baseUrl: config.baseUrl, gatewayClientId: config.splp.gatewayClientId }
      : undefined,
    sipd: config.sipd ? { connector: jsonConnector(sipdRoadmap, { baseUrl: config.sipd.url ?? 'http://sipd.local', token: config.sipd.token, fetch: config.sipd.url ? undefined : fakes.sipd.fetch }), everyDays: config.sipd.everyDays } : undefined,
    openapi: () => api.document(config.baseUrl),
    kodeWilayah: async () => (await agencies.regionInfo()).code ?? null,
    roadmap: async () => {
      const plans = await planning.listPlans(database.db);
      const year = new Date().getFullYear();
      const plan = plans.find((p) => p.startYear <= year && p.endYear >= year) ?? plans[0];
      if (!plan) return null;
      return { plan, initiatives: await planning.initiatives(database.db, plan.id) };
    },
  });
  nationalPublishing.registerJobs(jobs, database.db);
  registerIntegrationRoutes(app, {
    integration,
    webhooks,
    national: { enabled: nationalPublishing.enabled, publishSplp: () => nationalPublishing.publishSplp(database.db, jobs), pushSipd: () => nationalPublishing.pushSipd(database.db, jobs), messages: () => nationalPublishing.messages(database.db) },
    nationalPermits: () => nationalPermits.counts(),
    agencies: async () => (await agencies.listAgencyRefs()).map((a) => ({ id: a.id, name: a.name })),
    satuData: satuData ? { publishNow: async () => void (await satuData.publishNow(database.db, jobs)) } : undefined,
  });
  const ikm = createIkm({
    database,
    applicationsOf: async (userId) =>
      (await applications.listOwn(userId)).filter((a) => a.trackingNumber).map((a) => ({ id: a.id, number: a.trackingNumber!, serviceId: a.serviceId, serviceName: a.serviceName, agencyId: a.agencyId, status: a.status })),
    agencies: async () => (await agencies.listPublic()).map((a) => ({ id: a.id, name: a.name })),
    serviceNames: async () => new Map((await catalog.listPublished({ limit: 500 })).items.map((x) => [x.id, x.name])),
  });
  // The leaders' monthly report (first working day of the month, e-mailed to region-wide executives).
  const monthlyReport = createMonthlyReport({ database, executive, mailer, region: agencies.regionInfo, baseUrl: config.baseUrl, now: opts.now });
  monthlyReport.registerJobs(jobs);
  registerExecutiveRoutes(app, {
    executive,
    monthlyReport,
    sources: executiveSources,
    api,
    now: opts.now,
    allowedNetworks: config.executiveAllowedNetworks,
    // The public performance page shows the survey's IKM per agency (only from enough respondents).
    satisfaction: async (year) => {
      const out = new Map<string, { value: number; category: string; respondents: number }>();
      for (const a of (await ikm.results(year)).agencies) if (a.result) out.set(a.id, { value: a.result.converted, category: a.result.category, respondents: a.respondents });
      return out;
    },
  });
  // Retention schedules (UU PDP): each module declares how its record types are purged.
  const retention = createRetention({ database, log, rules: [...identityRetentionRules, ...applicationRetentionRules, ...notificationRetentionRules, accessLogRetention] });
  retention.registerJobs(jobs);
  privacy.registerJobs(jobs);
  registerPrivacyRoutes(app, { ...deps, retention });
  registerBreachRoutes(app, { ...deps, breaches: createBreaches({ database, mailer }) });
  registerComplaintRoutes(app, {
    complaints,
    database,
    listServices: async () => (await catalog.listPublished({ limit: 500 })).items.map((x) => ({ id: x.id, slug: x.slug, name: x.name })),
    applicationsOf: async (userId) => (await applications.listOwn(userId)).filter((a) => a.trackingNumber).map((a) => ({ number: a.trackingNumber!, serviceName: a.serviceName })),
  });
  registerComplaintApi(app, { api, complaints, config });
  registerOpen311Routes(app, { complaints, database, region: agencies.regionInfo, baseUrl: config.baseUrl });
  registerWbsRoutes(app, { wbs: createWbs({ database, storage, region: agencies.regionInfo }), database, api });
  registerIkmRoutes(app, { ikm, timeYear: () => new Date().getUTCFullYear(), api });
  registerParticipationRoutes(app, { participation: createParticipation({ database }), database, api });
  registerApiDocs(app, deps);

  identity.registerJobs(jobs);
  mailer.registerJobs(jobs);
  mailer.onMessageDead((trx, dead) => alertDeadMail(trx, dead).then(() => undefined));
  notifications.registerJobs(jobs);
  processing.registerJobs(jobs);
  documents.registerJobs(jobs);
  createDailySummary({ config, database, mailer }).registerJobs(jobs);
  reminders.registerJobs(jobs);
  reconciliation.registerJobs(jobs);
  payments.registerJobs(jobs);
  auditChain.registerJobs(jobs);
  webhooks.registerJobs(jobs);
  integration.registerJobs(jobs);
  executive.registerJobs(jobs);
  complaints.registerJobs(jobs);
  // Files no row refers to (a failed request's upload, a probe cut short) are removed after a day.
  createOrphanSweeper({
    database,
    storage,
    log,
    owners: [...applicationFileOwners, ...contentFileOwners, ...documentFileOwners, ...governanceFileOwners, ...paymentFileOwners, ...systemFileOwners, ...complaintFileOwners, ...wbsFileOwners],
  }).registerJobs(jobs);
  createBackupJob({ config, database, storage, log }).registerJobs(jobs);

  return {
    app,
    deps,
    routes,
    publicCache,
    async close() {
      await jobs.stop();
      await catalog.flushViews();
      await app.close();
      stopWatchingPool?.();
    },
  };
}

/** Maps any error to the one error model. Stacks never leave the server. */
function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) return errors.unavailable();
  const e = err as FastifyError;
  switch (e?.code) {
    case 'FST_CSRF_MISSING_SECRET':
    case 'FST_CSRF_INVALID_TOKEN':
      return errors.csrf();
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.tooLarge();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 415, 'error.unsupported_media');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return errors.badRequest();
  }
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 413) return errors.tooLarge();
    if (e.statusCode === 404) return errors.notFound();
    return new AppError('bad_request', e.statusCode, 'error.bad_request');
  }
  return new AppError('internal', 500, 'error.internal');
}

async function sendError(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, err: unknown) {
  const appErr = toAppError(err);
  if (appErr.status === 503) {
    // An outage or a full upload queue, not a fault: one line without a stack (and without the connection string).
    if (appErr.code === 'database_unavailable') request.log.warn({ errorCode: appErr.code, error: connectionErrorSummary(err) }, 'request failed: database unavailable');
    else request.log.warn({ errorCode: appErr.code }, 'request refused: busy');
    reply.header('retry-after', String(RETRY_AFTER_SECONDS)).header('cache-control', 'no-store');
  } else if (appErr.status >= 500) request.log.error({ err }, 'request failed');
  else request.log.info({ errorCode: appErr.code, status: appErr.status }, 'request rejected');
  const locale = request.locale ?? 'id';
  const message = t(locale, appErr.messageKey, appErr.params);
  if (request.isApi || request.url.startsWith('/api/') || !(request.headers.accept ?? 'text/html').includes('html')) {
    const body: { error: { code: string; message: string; fields?: { field: string; message: string }[] } } = {
      error: { code: appErr.code, message },
    };
    if (appErr.fields?.length) {
      body.error.fields = appErr.fields.map((f) => ({ field: f.field, message: t(locale, f.key, f.params) }));
    }
    return reply.code(appErr.status).type('application/json; charset=utf-8').send(body);
  }
  if (appErr.status === 401) {
    const next = encodeURIComponent(request.url);
    return reply.redirect(`/masuk?kembali=${next}`, 303);
  }
  // The page layout needs the database (region, menu): during an outage a static page says it.
  if (appErr.code === 'database_unavailable') return reply.code(503).type('text/html; charset=utf-8').send(UnavailablePage(locale));
  let ctx;
  try {
    ctx = await app.viewContext(request, reply);
  } catch {
    return reply.code(appErr.status).type('text/plain; charset=utf-8').send(message);
  }
  // A form posted with a missing or stale CSRF token: show the form data again with a fresh
  // token so nothing typed is lost (except passwords, which are never echoed back).
  if ((appErr.code === 'csrf_invalid' || appErr.code === 'invalid_text') && request.method === 'POST' && request.body && typeof request.body === 'object') {
    return reply.page(ResubmitPage({ ctx, action: request.url, body: request.body as Record<string, unknown>, message }), appErr.status);
  }
  return reply.page(ErrorPage({ ctx, status: appErr.status, message }), appErr.status);
}
