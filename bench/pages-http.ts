/**
 * The HTTP side of `npm run bench:pages`: kept-alive requests on 127.0.0.1, a cookie jar, signing in,
 * and driving pages (or a form post) for a while, one loop per user, each asking again as soon as
 * its answer arrives.
 */
import http from 'node:http';

export const PASSWORD = 'hearth-demo-2026';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
export const closeAgent = () => agent.destroy();

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function request(
  port: number,
  path: string,
  options: { method?: string; cookie?: string; form?: Record<string, string>; body?: boolean } = {},
): Promise<Answer> {
  const payload = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? (payload ? 'POST' : 'GET'),
        agent,
        headers: {
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(payload ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          if (options.body !== false) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Cookies a user holds: each answer's Set-Cookie kept, the lot sent back as one header. */
export class Jar {
  private readonly cookies = new Map<string, string>();

  keep(answer: Answer): this {
    for (const line of answer.headers['set-cookie'] ?? []) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    return this;
  }

  get header() {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
}

export const csrfOf = (page: Answer) => /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];

export async function signIn(port: number, email: string): Promise<Jar> {
  const jar = new Jar();
  const form = await request(port, '/sign-in');
  const csrf = csrfOf(form);
  if (!csrf) throw new Error('No CSRF token on /sign-in');
  const signedIn = await request(port, '/sign-in', { cookie: jar.keep(form).header, form: { _csrf: csrf, email, password: PASSWORD } });
  if (signedIn.status !== 302) throw new Error(`Sign-in as ${email} answered ${signedIn.status}`);
  return jar.keep(signedIn);
}

/** One user's loop: a page to ask for, or a form to post (a new one each time), with their cookies. */
export interface Visit {
  path: string;
  cookie: string;
  form?: () => Record<string, string>;
}

export interface Driven {
  latencies: number[];
  statuses: Map<number, number>;
  seconds: number;
}

export async function drive(port: number, visits: readonly Visit[], seconds: number): Promise<Driven> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    visits.map(async (visit) => {
      while (performance.now() < end) {
        const t = performance.now();
        const answer = await request(port, visit.path, {
          cookie: visit.cookie,
          body: false,
          ...(visit.form ? { form: visit.form() } : {}),
        });
        latencies.push(performance.now() - t);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
    }),
  );
  return { latencies, statuses, seconds: (performance.now() - started) / 1000 };
}
