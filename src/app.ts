// Composition root: builds the Fastify app from the configuration, the database and the
// modules. `buildApp` is used by `simpul start`, by the tests and by the benchmarks.
import { createOrphanSweeper } from './platform/storage/orphans.ts';
import { applicationFileOwners } from './modules/applications/applications.files.ts';
import { contentFileOwners } from './modules/content/content.files.ts';
import { documentFileOwners } from './modules/documents/documents.files.ts';
import { governanceFileOwners } from './modules/governance/governance.files.ts';
import { paymentFileOwners } from './modules/payments/payments.files.ts';
import { systemFileOwners } from './modules/system/system.files.ts';
import { createAuditChain, type AuditChain } from './platform/audit/seal.ts';
import { signingKeyFromPem } from './platform/audit/chain.ts';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import { registerRequestContext, SESSION_COOKIE, type RegionInfo } from './platform/http/context.ts';
import { AppError, errors, RETRY_AFTER_SECONDS } from './platform/http/errors.ts';
import { connectionErrorSummary, isDatabaseUnavailable } from './platform/db/availability.ts';
import { UnavailablePage } from './platform/views/unavailable-page.tsx';
import { registerTextGuard } from './platform/http/text-guard.ts';
import { decorateUploadLimits } from './platform/storage/uploads.ts';
import { t } from './platform/views/i18n.ts';
import { ErrorPage, ResubmitPage } from './platform/views/error-page.tsx';
import { createLogger, type Logger } from './platform/log.ts';
import { warnOnUntrustedProxy } from './platform/http/proxy-warning.ts';
import { JobQueue } from './platform/jobs/queue.ts';
import { createMailer, type Mailer } from './platform/mail/mailer.ts';
import { createMetrics, type Metrics } from './platform/metrics.ts';
import './platform/views/messages.ts';
import { createIdentity, type Identity } from './modules/identity/identity.service.ts';
import { registerIdentityRoutes } from './modules/identity/identity.routes.tsx';
import { registerIdentityApi } from './modules/identity/identity.api.ts';
import { createAgencies, type Agencies } from './modules/agencies/agencies.service.ts';
import { registerAgencyRoutes } from './modules/agencies/agencies.routes.tsx';
import { registerAgencyApi } from './modules/agencies/agencies.api.ts';
import { registerSystemRoutes } from './modules/system/system.routes.tsx';
import { registerPortalRoutes } from './modules/portal/portal.routes.tsx';
import { registerApiDocs, type ApiRegistry, createApiRegistry } from './platform/http/openapi.ts';
import { createCatalog, type Catalog } from './modules/catalog/catalog.service.ts';
import { registerCatalogRoutes } from './modules/catalog/catalog.routes.tsx';
import { registerCatalogApi } from './modules/catalog/catalog.api.ts';
import { type Storage } from './platform/storage/storage.ts';
import { createStorage } from './platform/storage/create-storage.ts';
import { createContent, type Content } from './modules/content/content.service.ts';
import { registerContentRoutes } from './modules/content/content.routes.tsx';
import { registerContentApi } from './modules/content/content.api.ts';
import { registerCatalogBackoffice } from './modules/catalog/catalog.backoffice.tsx';
import { createApplications, type Applications } from './modules/applications/applications.service.ts';
import { registerApplicationRoutes } from './modules/applications/applications.routes.tsx';
import { registerProcessingRoutes } from './modules/applications/processing.routes.tsx';
import { registerWorkflowRoutes } from './modules/workflow/workflow.routes.tsx';
import { createWorkflow, type Workflow } from './modules/workflow/workflow.service.ts';
import { createProcessing, type Processing } from './modules/applications/processing.service.ts';
import { registerHolidayRoutes } from './modules/system/holidays.routes.tsx';
import { createNotifications, type Notifications } from './modules/notifications/notifications.service.ts';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes.tsx';
import { alertDeadMail } from './modules/notifications/admin-alerts.ts';
import { createDocuments, enqueueIssue, type Documents } from './modules/documents/documents.service.ts';
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
}

export interface BuiltApp {
  app: FastifyInstance;
  deps: Deps;
  /** Every route registered (method and URL pattern), e.g. for tests that visit every page. */
  routes: { method: string; url: string }[];
  close(): Promise<void>;
}

export async function buildApp(config: Config, database: Database, opts: { logger?: Logger } = {}): Promise<BuiltApp> {
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
  const storage = createStorage(config);
  const agencies = createAgencies(database, storage);
  const identity = createIdentity({ config, database, mailer, jobs });
  const catalog = createCatalog(database);
  const content = createContent({ database, storage, config });
  const api = createApiRegistry();
  const notifications = createNotifications({ config, database, mailer, jobs, log });
  const workflow = createWorkflow(database);
  const notify = (trx: Parameters<Notifications['notify']>[0], input: Parameters<Notifications['notify']>[1]) => notifications.notify(trx, input);
  const payments = createPayments({ config, database, storage, jobs, log, notifications });
  const applications = createApplications({ database, storage, catalog, workflow, region: agencies.regionInfo, nearingPercent: config.slaNearingPercent, notify, onStepOpened: payments.onStepOpened });
  const processing = createProcessing({
    database,
    workflow,
    catalog,
    jobs,
    log,
    nearingPercent: config.slaNearingPercent,
    escalationEverySeconds: config.slaEscalationEverySeconds,
    notify,
    onApproved: (trx, applicationId) => enqueueIssue(trx, jobs, applicationId),
    onStepOpened: payments.onStepOpened,
  });
  const documents = createDocuments({ config, database, storage, jobs });
  const reminders = createReminders({ config, database, region: agencies.regionInfo, notify, log });
  const renewals = createRenewals({ database, documents, applications, catalog });
  const planning = createPlanning({ database });
  const inventory = createInventory({ database, storage });
  // A credit that pays a bill in full hands it to billing: kuitansi, approval notice, workflow resumes.
  const reconciliation = createReconciliation({ database, jobs, storage, log, billPaid: async (trx, billId) => void (await payments.billPaid(trx, billId)) });
  const auditChain = createAuditChain({
    database,
    log,
    key: signingKeyFromPem(config.audit.signingKey),
    trustedPublicKeys: config.audit.trustedKeys,
    exportDir: config.audit.checkpointDir,
    sealEverySeconds: config.audit.sealEverySeconds,
    maxCheckpointAgeSeconds: config.audit.maxCheckpointAgeSeconds,
  });
  const deps: Deps = {
    auditChain,
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
  };

  const app: FastifyInstance = Fastify({
    loggerInstance: log as FastifyInstance['log'],
    bodyLimit: config.bodyLimit,
    genReqId: () => crypto.randomUUID(),
    trustProxy: config.trustProxy as boolean,
  });
  decorateUploadLimits(app, config.uploadLimits);
  const routes: BuiltApp['routes'] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url });
  });

  // gzip for slow mobile networks (a public page shrinks to about a third); brotli's best
  // levels cost too much CPU per dynamic page.
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['gzip', 'deflate'] });
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
  await app.register(fastifyHelmet, {
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
  });
  // NUL and lone surrogates in the path, query, parameters or body: 400 before any handler (S-5).
  registerTextGuard(app);

  // CSRF on every state-changing request made with a session cookie. Bearer-token API
  // clients carry no ambient credentials, so they are exempt.
  app.addHook('preHandler', (request, reply, done) => {
    const m = request.method;
    if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS') return done();
    if (request.actor?.via === 'token') return done();
    // API calls without the session cookie carry no ambient credentials: nothing to forge.
    if (request.isApi && !request.cookies[SESSION_COOKIE]) return done();
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
  registerAgencyApi(app, deps);
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
  // Files no row refers to (a failed request's upload, a probe cut short) are removed after a day.
  createOrphanSweeper({
    database,
    storage,
    log,
    owners: [...applicationFileOwners, ...contentFileOwners, ...documentFileOwners, ...governanceFileOwners, ...paymentFileOwners, ...systemFileOwners],
  }).registerJobs(jobs);
  createBackupJob({ config, database, storage, log }).registerJobs(jobs);

  return {
    app,
    deps,
    routes,
    async close() {
      await jobs.stop();
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
