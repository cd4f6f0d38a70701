import type { ViewContext } from './context.ts';
import { Layout } from './layout.tsx';

export function ErrorPage({ ctx, status, message }: { ctx: ViewContext; status: number; message: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('error.title')}>
      <h1>{ctx.t('error.title')}</h1>
      <p class="lead">{message}</p>
      <p class="muted">HTTP {status}</p>
      <p>
        <a href="/">{ctx.t('error.back_home')}</a>
      </p>
    </Layout>
  );
}

/** Shown when a form arrives with a stale CSRF token: the values come back, ready to send again. */
export function ResubmitPage({ ctx, action, body, message }: { ctx: ViewContext; action: string; body: Record<string, unknown>; message: string }) {
  const kept = Object.entries(body).filter(
    ([k, v]) => k !== '_csrf' && typeof v === 'string' && !/password|secret|code$/i.test(k),
  ) as [string, string][];
  return (
    <Layout ctx={ctx} title={ctx.t('error.title')}>
      <div class="error-summary" role="alert" tabIndex={-1}>
        <h1>{ctx.t('error.title')}</h1>
        <p>{message}</p>
      </div>
      <p>{ctx.t('form.resubmit.hint')}</p>
      <form method="post" action={action}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <dl class="summary">
          {kept.map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>
                {v}
                <input type="hidden" name={k} value={v} />
              </dd>
            </>
          ))}
        </dl>
        <button type="submit">{ctx.t('form.resubmit')}</button>
      </form>
    </Layout>
  );
}
