import type { ViewContext } from './context.ts';
import { Layout } from './layout.tsx';

interface Doc {
  info?: { title?: string; description?: string };
  paths?: Record<string, Record<string, { summary?: string; description?: string; tags?: string[]; security?: unknown[]; requestBody?: unknown; responses?: Record<string, unknown>; parameters?: unknown[] }>>;
}

/** A readable API reference rendered on the server from the OpenAPI document (no JavaScript). */
export function ApiDocsPage({ ctx, doc }: { ctx: ViewContext; doc: Record<string, unknown> }) {
  const d = doc as Doc;
  const ops = Object.entries(d.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  const tags = [...new Set(ops.map((o) => o.op.tags?.[0] ?? 'other'))];
  return (
    <Layout ctx={ctx} title="API">
      <h1>{d.info?.title ?? 'API'}</h1>
      <p>{d.info?.description}</p>
      <p>
        OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a>
      </p>
      <nav aria-label="API">
        <ul>
          {tags.map((tag) => (
            <li key={tag}>
              <a href={`#tag-${tag}`}>{tag}</a>
            </li>
          ))}
        </ul>
      </nav>
      {tags.map((tag) => (
        <section key={tag} id={`tag-${tag}`}>
          <h2>{tag}</h2>
          {ops
            .filter((o) => (o.op.tags?.[0] ?? 'other') === tag)
            .map(({ path, method, op }) => (
              <details key={`${method} ${path}`}>
                <summary>
                  <code>
                    {method} {path}
                  </code>{' '}
                  — {op.summary} {op.security && op.security.length === 0 ? '' : '🔒'}
                </summary>
                {op.description && <p>{op.description}</p>}
                {op.parameters && (
                  <>
                    <h3>Parameters</h3>
                    <pre>{JSON.stringify(op.parameters, null, 2)}</pre>
                  </>
                )}
                {op.requestBody !== undefined && (
                  <>
                    <h3>Request body</h3>
                    <pre>{JSON.stringify(op.requestBody, null, 2)}</pre>
                  </>
                )}
                <h3>Responses</h3>
                <pre>{JSON.stringify(op.responses, null, 2)}</pre>
              </details>
            ))}
        </section>
      ))}
    </Layout>
  );
}
