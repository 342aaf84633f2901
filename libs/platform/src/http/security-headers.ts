import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Where SwaggerUI serves its page and assets (bootstrap.ts: SwaggerModule.setup('docs')). */
const DOCS_PAGE = /^\/docs(\/|$)/;

/**
 * The JSON APIs load nothing and are framed by no one: helmet's defaults (HSTS, nosniff,
 * no-referrer, no X-Powered-By, same-origin resource and opener policies) with a CSP that
 * allows nothing. A page that needs more (reporting's overview page) sets its own CSP,
 * which replaces this one.
 */
const apiHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
  },
  xFrameOptions: { action: 'deny' },
});

/** The browsable OpenAPI page (SwaggerUI): its own scripts and styles, inline styles, data: images. */
const docsPageHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
  },
  xFrameOptions: { action: 'deny' },
});

/** The security headers of every HTTP answer of a service (docs/security.md). */
export function securityHeaders(): RequestHandler {
  return (request, response, next) =>
    DOCS_PAGE.test(request.path)
      ? docsPageHeaders(request, response, next)
      : apiHeaders(request, response, next);
}
